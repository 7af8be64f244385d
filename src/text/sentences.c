/*
 * Sentence boundaries, decided over the token array. The rules follow
 * Unicode sentence segmentation (UAX #29, as ICU applies it) with the
 * tailoring Arabic news needs:
 *
 *   - a line break always ends a sentence (ICU's Sep), so titles and
 *     paragraphs without final punctuation stand alone;
 *   - . ! ? and the Arabic ؟ ؛ ۔ and … end a sentence, together with the
 *     closing quotes, brackets and further terminators written right
 *     after them (."» ?!);
 *   - the Arabic comma ، never does;
 *   - a full stop does not end a sentence after an abbreviation: a single
 *     letter (J. Smith, د. أحمد), a word holding a full stop already (U.S.,
 *     أ.ب), or a listed abbreviation (Mr., Gen., Jan.); nor when the next
 *     word starts with a lower-case letter (ICU's SB8), nor when a comma,
 *     colon or semicolon follows (ICU's SB8a: "St. Joseph, Mo., by").
 */
#include <string.h>

#include "text/text.h"
#include "util/mem.h"
#include "util/utf8.h"

static const char *const abbreviations[] = {
    "mr",  "mrs", "ms",     "dr",   "prof", "gen",  "lt",  "col", "capt", "sgt",
    "maj", "adm", "sen",    "rep",  "gov",  "pres", "st",  "jr",  "sr",   "inc",
    "ltd", "co",  "corp",   "vs",   "etc",  "no",   "jan", "feb", "mar",  "apr",
    "jun", "jul", "aug",    "sep",  "sept", "oct",  "nov", "dec", "rev",  "fr",
    "mt",  "ft",  "approx", "dept", "est",  "fig",  "op",  "vol", "p",    "pp"};

static const char *norm_of(const text_doc *d, const text_token *t) {
  return d->pool + t->norm_off;
}

static int norm_is(const text_doc *d, const text_token *t, const char *s) {
  /* the strings compared with are short: check the first byte first */
  return norm_of(d, t)[0] == s[0] && t->norm_len == strlen(s) &&
         !memcmp(norm_of(d, t), s, t->norm_len);
}

/* Is t a punctuation token written as one of marks[0..n)? */
static int punct_in(const text_doc *d, const text_token *t,
                    const char *const *marks, size_t n) {
  if (t->kind != RAWI_TOKEN_PUNCT || t->norm_len > 3)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (norm_is(d, t, marks[i]))
      return 1;
  return 0;
}

static int is_terminator(const text_doc *d, const text_token *t) {
  static const char *const terms[] = {"!", "?", "؟", "؛", "۔", "…",
                                      "‼", "⁇", "⁈", "⁉", "."};
  return punct_in(d, t, terms, sizeof terms / sizeof *terms);
}

static int is_closer(const text_doc *d, const text_token *t) {
  static const char *const closers[] = {"»", "”", "’", "\"", "'",
                                        ")", "]", "}", "›"};
  return punct_in(d, t, closers, sizeof closers / sizeof *closers);
}

/* A mark that continues the sentence after a full stop (ICU's SContinue). */
static int is_continuation(const text_doc *d, const text_token *t) {
  static const char *const marks[] = {",", ":", ";", "،"};
  return punct_in(d, t, marks, sizeof marks / sizeof *marks);
}

static int is_abbreviation(const text_doc *d, const text_token *t) {
  const char *n = norm_of(d, t);
  if (t->kind != RAWI_TOKEN_WORD || t->norm_len > 16)
    return 0;
  if (rawi_utf8_count(n, t->norm_len) == 1)
    return 1;
  if (memchr(n, '.', t->norm_len))
    return 1;
  for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
    if (norm_is(d, t, abbreviations[i]))
      return 1;
  return 0;
}

/* Does the full stop at token i end a sentence? j is the next token. */
static int full_stop_ends(const text_doc *d, size_t i, size_t j) {
  if (i > 0) {
    const text_token *prev = &d->tokens[i - 1];
    int attached = !(prev->flags & TOK_SPACE_AFTER);
    /* "1990 م." : a lone letter after a number is an era, not an initial */
    int era = i > 1 && d->tokens[i - 2].kind == RAWI_TOKEN_NUMBER &&
              (norm_is(d, prev, "م") || norm_is(d, prev, "ه"));
    if (attached && !era && is_abbreviation(d, prev))
      return 0;
  }
  if (j < d->n_tokens && !(d->tokens[j - 1].flags & TOK_LINE_END)) {
    unsigned char c = (unsigned char)d->text[d->tokens[j].byte_start];
    if ((c >= 'a' && c <= 'z') || is_continuation(d, &d->tokens[j]))
      return 0;
  }
  return 1;
}

/* Index one past the end of the sentence starting at token i. */
static size_t sentence_end(const text_doc *d, size_t i) {
  for (; i < d->n_tokens; i++) {
    const text_token *t = &d->tokens[i];
    if (t->flags & TOK_LINE_END)
      return i + 1;
    if (!is_terminator(d, t))
      continue;
    size_t j = i + 1;
    int only_stops = norm_is(d, t, ".");
    while (j < d->n_tokens && !(d->tokens[j - 1].flags & TOK_SPACE_AFTER) &&
           (is_terminator(d, &d->tokens[j]) || is_closer(d, &d->tokens[j]))) {
      only_stops &=
          !is_terminator(d, &d->tokens[j]) || norm_is(d, &d->tokens[j], ".");
      j++;
    }
    if (!only_stops || full_stop_ends(d, i, j) ||
        (d->tokens[j - 1].flags & TOK_LINE_END))
      return j;
    i = j - 1;
  }
  return d->n_tokens;
}

int text_sentences(text_doc *d) {
  size_t i = 0;
  while (i < d->n_tokens) {
    size_t end = sentence_end(d, i);
    if (rawi_mem_grow(d->alloc, (void **)&d->sentences, &d->cap_sentences,
                      d->n_sentences + 1, sizeof(text_sentence)))
      return RAWI_ERR_NOMEM;
    d->sentences[d->n_sentences++] =
        (text_sentence){(uint32_t)i, (uint32_t)(end - i)};
    i = end;
  }
  return RAWI_OK;
}

size_t text_sentence_of(const text_doc *d, size_t t) {
  size_t lo = 0, hi = d->n_sentences;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (d->sentences[mid].first <= t)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}
