/*
 * Word segmentation with ICU's word break iterator, run directly over the
 * UTF-8 text through a UText (boundaries come back as byte offsets). Kept
 * as the reference the fast scanner is measured and tested against, and
 * for scripts that need ICU's dictionaries.
 */
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "text/text.h"
#include "util/utf8.h"

/* Flags the previous token for the white space in text[b0..b1). Returns 1
 * when the segment is only white space, controls and marks. */
static int blank_segment(const text_model *m, text_doc *d, size_t b0,
                         size_t b1) {
  const unsigned char *s = (const unsigned char *)d->text;
  int newline = 0;
  for (size_t b = b0; b < b1;) {
    int n;
    int cl = text_class_of(m, rawi_utf8_decode(s + b, &n));
    if (cl != CL_SPACE && cl != CL_NEWLINE && cl != CL_EXTEND)
      return 0;
    newline |= cl == CL_NEWLINE;
    b += (size_t)n;
  }
  if (d->n_tokens) {
    d->tokens[d->n_tokens - 1].flags |= TOK_SPACE_AFTER;
    if (newline)
      d->tokens[d->n_tokens - 1].flags |= TOK_LINE_END;
  }
  return 1;
}

int text_scan_icu(const text_model *m, text_scratch *s, text_doc *d,
                  size_t from, size_t cp_from, rawi_error *err) {
  (void)err;
  UErrorCode ec = U_ZERO_ERROR;
  if (!s->word_iter) {
    s->word_iter = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
    if (U_FAILURE(ec))
      return RAWI_ERR_UNICODE;
  }
  UBreakIterator *bi = s->word_iter;
  UText *ut =
      utext_openUTF8(NULL, d->text + from, (int64_t)(d->len - from), &ec);
  if (U_FAILURE(ec))
    return RAWI_ERR_UNICODE;
  ubrk_setUText(bi, ut, &ec);
  int rc = U_FAILURE(ec) ? RAWI_ERR_UNICODE : RAWI_OK;
  size_t prev = 0, cp = cp_from;
  for (int32_t b = ubrk_first(bi); rc == RAWI_OK && b != UBRK_DONE;) {
    int32_t next = ubrk_next(bi);
    if (next == UBRK_DONE)
      break;
    size_t b0 = from + (size_t)b, b1 = from + (size_t)next;
    cp += rawi_utf8_count(d->text + from + prev, (size_t)b - prev);
    size_t ncp = rawi_utf8_count(d->text + b0, b1 - b0);
    if (!blank_segment(m, d, b0, b1))
      rc = text_emit(m, s, d, b0, b1, cp, cp + ncp, -1);
    cp += ncp;
    prev = (size_t)next;
    b = next;
  }
  ubrk_setText(bi, NULL, 0, &ec);
  utext_close(ut);
  return rc;
}
