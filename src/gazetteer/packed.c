/*
 * Packed strings: how an image stores its words and canonical names.
 *
 * Arabic letters take two bytes in UTF-8, and in a list of Arabic names
 * they are nearly every byte. U+0600..U+067F (letters, diacritics,
 * Arabic-Indic digits) is D8 80..BF or D9 80..BF, so the second byte alone
 * says which: packed, D8 xx is xx (0x80..0xBF) and D9 xx is xx + 0x40
 * (0xC0..0xFF). ASCII 0x02..0x7F stays as it is, and any other byte b
 * (Latin letters with accents, other scripts, a stray byte) is written
 * 0x01 b. The code is one-to-one, never produces NUL, and halves an
 * Arabic name.
 */
#include "gazetteer/gazetteer.h"

enum { ESCAPE = 0x01 };

void gz_pack(rawi_strbuf *out, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n; i++) {
    unsigned c = p[i];
    if ((c == 0xD8 || c == 0xD9) && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      rawi_strbuf_addc(out, (char)(c == 0xD8 ? p[i + 1] : p[i + 1] + 0x40));
      i++;
    } else if (c > ESCAPE && c < 0x80) {
      rawi_strbuf_addc(out, (char)c);
    } else {
      rawi_strbuf_addc(out, (char)ESCAPE);
      rawi_strbuf_addc(out, (char)c);
    }
  }
}

/* The UTF-8 bytes of one packed unit at p (1 or 2); *used gets the packed
 * bytes it took (0 at the end, including a damaged trailing escape). */
static size_t unit(const unsigned char *p, unsigned char *u, size_t *used) {
  if (!p[0] || (p[0] == ESCAPE && !p[1])) {
    *used = 0;
    return 0;
  }
  if (p[0] == ESCAPE) {
    u[0] = p[1];
    *used = 2;
    return 1;
  }
  *used = 1;
  if (p[0] < 0x80) {
    u[0] = p[0];
    return 1;
  }
  u[0] = p[0] < 0xC0 ? 0xD8 : 0xD9;
  u[1] = (unsigned char)(p[0] < 0xC0 ? p[0] : p[0] - 0x40);
  return 2;
}

void gz_unpack(rawi_strbuf *out, const char *packed) {
  const unsigned char *p = (const unsigned char *)packed;
  unsigned char u[2];
  size_t used, k;
  while ((k = unit(p, u, &used)) > 0) {
    rawi_strbuf_add(out, (const char *)u, k);
    p += used;
  }
}

int gz_packed_eq(const char *packed, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)packed;
  const unsigned char *t = (const unsigned char *)s;
  unsigned char u[2];
  size_t used, k, at = 0;
  while ((k = unit(p, u, &used)) > 0) {
    if (n - at < k || t[at] != u[0] || (k == 2 && t[at + 1] != u[1]))
      return 0;
    at += k;
    p += used;
  }
  return at == n;
}
