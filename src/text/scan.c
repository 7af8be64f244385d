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

/* ASCII classes, as ICU's Word_Break assigns them (colon excepted, as in
 * ICU's root rules); controls, NUL included, separate tokens. */
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
  default:
    return CL_OTHER;
  }
}

int text_class_of(uint32_t cp) {
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
    if (u_isUWhiteSpace((UChar32)cp) || u_charType((UChar32)cp) == U_CONTROL_CHAR)
      return CL_SPACE;
    return CL_OTHER;
  }
}

typedef struct cursor {
  const unsigned char *s;
  size_t len, b, c; /* byte and code point position */
} cursor;

static int peek(const cursor *k, size_t b, uint32_t *cp, int *n) {
  if (b >= k->len)
    return -1;
  *cp = rawi_utf8_decode(k->s + b, n);
  return text_class_of(*cp);
}

/* Skip combining marks and joiners from byte b; returns the new position
 * and adds the code points skipped to *c. */
static size_t skip_extend(const cursor *k, size_t b, size_t *c) {
  uint32_t cp;
  int n;
  while (peek(k, b, &cp, &n) == CL_EXTEND) {
    b += (size_t)n;
    (*c)++;
  }
  return b;
}

static int is_wordish(int cl) {
  return cl == CL_LETTER || cl == CL_DIGIT || cl == CL_EXTENDNUMLET;
}

/* Scan one word starting at k->b; advances the cursor past it. */
static void scan_word(cursor *k) {
  uint32_t cp;
  int n;
  int last = peek(k, k->b, &cp, &n);
  k->b += (size_t)n;
  k->c++;
  for (;;) {
    k->b = skip_extend(k, k->b, &k->c);
    int cl = peek(k, k->b, &cp, &n);
    if (is_wordish(cl)) {
      last = cl;
      k->b += (size_t)n;
      k->c++;
      continue;
    }
    int mid_letter = cl == CL_MIDLETTER || cl == CL_MIDNUMLET;
    int mid_num = cl == CL_MIDNUM || cl == CL_MIDNUMLET;
    if (!(mid_letter && last == CL_LETTER) && !(mid_num && last == CL_DIGIT))
      return;
    size_t c2 = k->c + 1;
    size_t b2 = skip_extend(k, k->b + (size_t)n, &c2);
    int after = peek(k, b2, &cp, &n);
    if (after != last) /* WB6-7 need a letter, WB11-12 a digit */
      return;
    k->b = b2;
    k->c = c2;
  }
}

int text_scan_fast(const text_model *m, text_scratch *s, text_doc *d,
                   size_t from, size_t cp_from) {
  cursor k = {(const unsigned char *)d->text, d->len, from, cp_from};
  while (k.b < k.len) {
    uint32_t cp;
    int n;
    int cl = peek(&k, k.b, &cp, &n);
    if (cl == CL_SPACE || cl == CL_NEWLINE || cl == CL_EXTEND) {
      if (cl == CL_NEWLINE && d->n_tokens)
        d->tokens[d->n_tokens - 1].flags |= TOK_LINE_END;
      if (cl != CL_EXTEND && d->n_tokens)
        d->tokens[d->n_tokens - 1].flags |= TOK_SPACE_AFTER;
      k.b += (size_t)n;
      k.c++;
      continue;
    }
    size_t b0 = k.b, c0 = k.c;
    if (is_wordish(cl)) {
      scan_word(&k);
    } else {
      k.b += (size_t)n;
      k.c++;
      k.b = skip_extend(&k, k.b, &k.c);
    }
    int rc = text_emit(m, s, d, b0, k.b, c0, k.c);
    if (rc)
      return rc;
  }
  return RAWI_OK;
}
