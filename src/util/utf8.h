/*
 * UTF-8 validation and decoding. Text is validated once, strictly (no
 * overlong forms, no surrogates, nothing above U+10FFFF), so the scanners
 * that follow may decode without checks.
 */
#ifndef RAWI_UTIL_UTF8_H
#define RAWI_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Check that s[0..len) is valid UTF-8. Returns 1 when it is; otherwise 0,
 * with *bad set to the byte offset of the first bad sequence and *why to a
 * static lowercase reason ("truncated sequence", "overlong encoding", ...).
 */
int rawi_utf8_valid(const char *s, size_t len, size_t *bad, const char **why);

/* Decode the code point at s (valid UTF-8 assumed); *n gets its length. */
static inline uint32_t rawi_utf8_decode(const unsigned char *s, int *n) {
  unsigned char c = s[0];
  if (c < 0x80) {
    *n = 1;
    return c;
  }
  if (c < 0xE0) {
    *n = 2;
    return ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
  }
  if (c < 0xF0) {
    *n = 3;
    return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
           (s[2] & 0x3F);
  }
  *n = 4;
  return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
         ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Encode cp into out (room for 4 bytes); returns the byte count. */
static inline int rawi_utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Number of code points in valid UTF-8 s[0..len). */
size_t rawi_utf8_count(const char *s, size_t len);

#endif
