/* The text stage's driver: validation, scanning, per-token analysis. */
#include <string.h>
#include <unicode/ubrk.h>

#include "text/text.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/utf8.h"

/* WORD when the token holds a letter, NUMBER when it holds a digit,
 * PUNCT otherwise: the same answer whichever segmenter cut it. */
static rawi_token_kind kind_of(const text_model *m, const char *s, size_t len) {
  int digit = 0;
  for (size_t b = 0; b < len;) {
    int n;
    int cl =
        text_class_of(m, rawi_utf8_decode((const unsigned char *)s + b, &n));
    if (cl == CL_LETTER)
      return RAWI_TOKEN_WORD;
    digit |= cl == CL_DIGIT;
    b += (size_t)n;
  }
  return digit ? RAWI_TOKEN_NUMBER : RAWI_TOKEN_PUNCT;
}

static int emit_one(const text_model *m, text_scratch *s, text_doc *d,
                    size_t b0, size_t b1, size_t c0, size_t c1, int kind) {
  if (rawi_mem_grow(d->alloc, (void **)&d->tokens, &d->cap_tokens,
                    d->n_tokens + 1, sizeof(text_token)))
    return RAWI_ERR_NOMEM;
  text_token *t = &d->tokens[d->n_tokens];
  *t = (text_token){.byte_start = (uint32_t)b0,
                    .byte_end = (uint32_t)b1,
                    .cp_start = (uint32_t)c0,
                    .cp_end = (uint32_t)c1};
  t->kind =
      (uint8_t)(kind >= 0 ? kind : (int)kind_of(m, d->text + b0, b1 - b0));
  text_norm_map map;
  int rc = text_normalize_token(m, s, d, d->text + b0, b1 - b0, &t->norm_off,
                                &t->norm_len, &map);
  if (rc == RAWI_OK)
    rc = text_clitics(d, t, &map);
  if (rc == RAWI_OK)
    d->n_tokens++;
  return rc;
}

/* Length in bytes of the apostrophe of an English possessive "'s" that
 * ends text[b0..b1) ("Booth's", "Booth’s"), or 0. Word segmentation keeps
 * "Booth's" one word; split, it reads like "Booth 's", so a name is
 * looked up without its possessive. Only after a Latin letter: Arabic
 * words never end so. */
static size_t possessive(const char *text, size_t b0, size_t b1) {
  const unsigned char *p = (const unsigned char *)text;
  if (b1 - b0 < 3 || (p[b1 - 1] | 32) != 's')
    return 0;
  size_t ap = p[b1 - 2] == '\''                                        ? 1
              : b1 - b0 >= 5 && !memcmp(p + b1 - 4, "\xE2\x80\x99", 3) ? 3
                                                                       : 0;
  if (!ap)
    return 0;
  size_t e = b1 - 1 - ap; /* the letter before the apostrophe ends here */
  unsigned char c = p[e - 1];
  if ((c | 32) >= 'a' && (c | 32) <= 'z')
    return ap;
  /* Latin-1 and Latin Extended-A/B letters: two bytes, C3..C9 lead */
  return e - b0 >= 2 && (c & 0xC0) == 0x80 && p[e - 2] >= 0xC3 &&
                 p[e - 2] <= 0xC9
             ? ap
             : 0;
}

int text_emit(const text_model *m, text_scratch *s, text_doc *d, size_t b0,
              size_t b1, size_t c0, size_t c1, int kind) {
  size_t ap = kind != RAWI_TOKEN_PUNCT && kind != RAWI_TOKEN_NUMBER
                  ? possessive(d->text, b0, b1)
                  : 0;
  if (!ap)
    return emit_one(m, s, d, b0, b1, c0, c1, kind);
  size_t stem = b1 - 1 - ap;
  int rc = emit_one(m, s, d, b0, stem, c0, c1 - 2, RAWI_TOKEN_WORD);
  if (rc == RAWI_OK)
    rc = emit_one(m, s, d, stem, stem + ap, c1 - 2, c1 - 1, RAWI_TOKEN_PUNCT);
  if (rc == RAWI_OK)
    rc = emit_one(m, s, d, stem + ap, b1, c1 - 1, c1, RAWI_TOKEN_WORD);
  return rc;
}

/* Reserve room for typical news text: Arabic news has about one token
 * per 9 bytes and a stored proclitic reading per 20; norms take a little
 * less room than the text. Arrays still grow past these. */
static int presize(text_doc *d) {
  if (rawi_mem_grow(d->alloc, (void **)&d->tokens, &d->cap_tokens,
                    d->len / 8 + 16, sizeof(text_token)) ||
      rawi_mem_grow(d->alloc, (void **)&d->readings, &d->cap_readings,
                    d->len / 16 + 16, sizeof(text_reading)) ||
      rawi_mem_grow(d->alloc, (void **)&d->pool, &d->cap_pool,
                    d->len + d->len / 8 + 16, 1))
    return RAWI_ERR_NOMEM;
  return RAWI_OK;
}

int text_analyze(const text_model *m, text_scratch *s, text_doc *d,
                 rawi_error *err) {
  if (d->len > RAWI_MAX_DOC_BYTES)
    return rawi_error_set(err, RAWI_ERR_TOO_BIG,
                          "document of %zu bytes exceeds the 1 GiB limit",
                          d->len);
  size_t bad;
  const char *why;
  if (!rawi_utf8_valid(d->text, d->len, &bad, &why)) {
    rawi_error_set(err, RAWI_ERR_UTF8, "invalid utf-8 at byte %zu: %s", bad,
                   why);
    if (err)
      err->byte_offset = bad;
    return RAWI_ERR_UTF8;
  }
  if (presize(d))
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  /* a byte order mark is not text: skip it, but keep counting it */
  size_t from = 0, cp = 0;
  if (d->len >= 3 && !memcmp(d->text, "\xEF\xBB\xBF", 3))
    from = 3, cp = 1;
  int rc = m->tokenizer == RAWI_TOKENIZER_ICU
               ? text_scan_icu(m, s, d, from, cp, err)
               : text_scan_fast(m, s, d, from, cp);
  if (rc == RAWI_OK)
    rc = text_sentences(d);
  if (rc)
    return rawi_error_set(err, rc, "%s", rawi_strerror(rc));
  return RAWI_OK;
}

void text_scratch_init(text_scratch *s, const rawi_allocator *alloc) {
  *s = (text_scratch){.alloc = alloc};
}

void text_scratch_free(text_scratch *s) {
  rawi_mem_free(s->alloc, s->u16);
  rawi_mem_free(s->alloc, s->u16_out);
  if (s->word_iter)
    ubrk_close((UBreakIterator *)s->word_iter);
  *s = (text_scratch){0};
}

int text_hash_readings(text_doc *d) {
  size_t n = d->n_tokens + d->n_readings;
  if (rawi_mem_grow(d->alloc, (void **)&d->hashes, &d->cap_hashes, n + 1,
                    sizeof(uint64_t)))
    return RAWI_ERR_NOMEM;
  for (size_t t = 0; t < d->n_tokens; t++)
    d->hashes[t] =
        rawi_hash_bytes(d->pool + d->tokens[t].norm_off, d->tokens[t].norm_len);
  for (size_t i = 0; i < d->n_readings; i++)
    d->hashes[d->n_tokens + i] = rawi_hash_bytes(
        d->pool + d->readings[i].norm_off, d->readings[i].norm_len);
  return RAWI_OK;
}
