/*
 * The word scanner: a single pass over valid UTF-8 implementing the part of
 * Unicode word segmentation (UAX #29, as tailored by ICU) that matters for
 * Arabic and Latin news:
 *
 *   - letters, digits, combining marks and joiners form a word
 *     (WB5, WB8-10, WB4: marks and tatweel never split a word);
 *   - an apostrophe or full stop between letters stays inside (U.S, أ.ب,
 *     don't: WB6-7), a comma, full stop or Arabic comma between digits too
 *     (1,250.5: WB11-12);
 *   - every other non-space character is a token of its own (WB999), with
 *     the combining marks that follow it;
 *   - white space, controls and NUL separate tokens; a leading mark with no
 *     base is dropped like white space.
 *
 * Character classes come from ICU's Word_Break property, so the scanner and
 * ICU's iterator agree by construction on these scripts (a unit test
 * compares them on news text). Scripts ICU segments with dictionaries (Thai,
 * CJK) are cut per character here; select the ICU tokenizer for them.
 */
#include <unicode/uchar.h>

#include "text/text.h"
#include "util/utf8.h"

/* ASCII classes, as ICU's word rules assign them (colon out of MidLetter,
 * @ in ALetter); controls, NUL included, separate tokens. */
static int ascii_class(uint32_t c) {
  if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C)
    return CL_NEWLINE;
  if (c <= ' ' || c == 0x7F)
    return CL_SPACE;
  if (((c | 32) >= 'a' && (c | 32) <= 'z'))
    return CL_LETTER;
  if (c >= '0' && c <= '9')
    return CL_DIGIT;
  switch (c) {
  case '\'':
  case '.':
    return CL_MIDNUMLET;
  case ',':
  case ';':
    return CL_MIDNUM;
  case '_':
    return CL_EXTENDNUMLET;
  case '@': /* ICU's root rules count @ as a letter (handles, e-mail) */
    return CL_LETTER;
  default:
    return CL_OTHER;
  }
}

int text_class_icu(uint32_t cp) {
  if (cp < 0x80)
    return ascii_class(cp);
  switch (u_getIntPropertyValue((UChar32)cp, UCHAR_WORD_BREAK)) {
  case U_WB_ALETTER:
  case U_WB_HEBREW_LETTER:
  case U_WB_KATAKANA:
    return CL_LETTER;
  case U_WB_NUMERIC:
    return CL_DIGIT;
  case U_WB_EXTEND:
  case U_WB_FORMAT:
  case U_WB_ZWJ:
    return CL_EXTEND;
  case U_WB_MIDLETTER:
    /* ICU's root rules take colons out of MidLetter */
    return (cp == 0xFE55 || cp == 0xFF1A) ? CL_OTHER : CL_MIDLETTER;
  case U_WB_MIDNUM:
    return CL_MIDNUM;
  case U_WB_MIDNUMLET:
  case U_WB_SINGLE_QUOTE:
    return CL_MIDNUMLET;
  case U_WB_EXTENDNUMLET:
    return CL_EXTENDNUMLET;
  case U_WB_NEWLINE:
  case U_WB_CR:
  case U_WB_LF:
    return CL_NEWLINE;
  case U_WB_WSEGSPACE:
    return CL_SPACE;
  default:
    if (u_isUWhiteSpace((UChar32)cp) ||
        u_charType((UChar32)cp) == U_CONTROL_CHAR)
      return CL_SPACE;
    return CL_OTHER;
  }
}

typedef struct cursor {
  const text_model *m;
  const unsigned char *s;
  size_t len, b, c; /* byte and code point position */
} cursor;

/* Class of the code point at byte b (CL_SPACE past the end); *n gets its
 * length in bytes. */
static inline int class_at(const cursor *k, size_t b, int *n) {
  if (b >= k->len) {
    *n = 0;
    return -1;
  }
  unsigned char c = k->s[b];
  if (c < 0x80) {
    *n = 1;
    return k->m->cls[c] & 0x0F;
  }
  uint32_t cp = rawi_utf8_decode(k->s + b, n);
  return text_class_of(k->m, cp);
}

/* Skip combining marks and joiners from byte b; *c counts code points. */
static size_t skip_extend(const cursor *k, size_t b, size_t *c, int *next,
                          int *next_n) {
  int n, cl;
  while ((cl = class_at(k, b, &n)) == CL_EXTEND) {
    b += (size_t)n;
    (*c)++;
  }
  *next = cl;
  *next_n = n;
  return b;
}

static int is_wordish(int cl) {
  return cl == CL_LETTER || cl == CL_DIGIT || cl == CL_EXTENDNUMLET;
}

/* Scan one word whose first character (class first, n bytes) is at k->b;
 * advances the cursor past the word and returns its token kind. */
static int scan_word(cursor *k, int first, int n) {
  int last = first, cl, letters = first == CL_LETTER;
  k->b += (size_t)n;
  k->c++;
  for (;;) {
    k->b = skip_extend(k, k->b, &k->c, &cl, &n);
    if (is_wordish(cl)) {
      last = cl;
      letters |= cl == CL_LETTER;
      k->b += (size_t)n;
      k->c++;
      continue;
    }
    int mid_letter = cl == CL_MIDLETTER || cl == CL_MIDNUMLET;
    int mid_num = cl == CL_MIDNUM || cl == CL_MIDNUMLET;
    int kind = letters ? RAWI_TOKEN_WORD : RAWI_TOKEN_NUMBER;
    if (!(mid_letter && last == CL_LETTER) && !(mid_num && last == CL_DIGIT))
      return kind;
    size_t c2 = k->c + 1;
    int after, an;
    size_t b2 = skip_extend(k, k->b + (size_t)n, &c2, &after, &an);
    if (after != last) /* WB6-7 need a letter, WB11-12 a digit */
      return kind;
    k->b = b2;
    k->c = c2;
  }
}

int text_scan_fast(const text_model *m, text_scratch *s, text_doc *d,
                   size_t from, size_t cp_from) {
  cursor k = {m, (const unsigned char *)d->text, d->len, from, cp_from};
  while (k.b < k.len) {
    int n;
    int cl = class_at(&k, k.b, &n);
    if (cl == CL_SPACE || cl == CL_NEWLINE || cl == CL_EXTEND) {
      if (d->n_tokens && cl != CL_EXTEND)
        d->tokens[d->n_tokens - 1].flags |=
            cl == CL_NEWLINE ? TOK_LINE_END | TOK_SPACE_AFTER : TOK_SPACE_AFTER;
      k.b += (size_t)n;
      k.c++;
      continue;
    }
    size_t b0 = k.b, c0 = k.c;
    int kind = RAWI_TOKEN_PUNCT;
    if (is_wordish(cl)) {
      kind = scan_word(&k, cl, n);
    } else {
      int next, nn;
      k.b += (size_t)n;
      k.c++;
      k.b = skip_extend(&k, k.b, &k.c, &next, &nn);
    }
    int rc = text_emit(m, s, d, b0, k.b, c0, k.c, kind);
    if (rc)
      return rc;
  }
  return RAWI_OK;
}
