#include "util/utf8.h"

#include <string.h>

/* Length of the leading run of ASCII bytes, eight at a time. */
static size_t ascii_prefix(const unsigned char *s, size_t len) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull)
      break;
  }
  while (i < len && s[i] < 0x80)
    i++;
  return i;
}

static int fail(size_t at, const char *reason, size_t *bad, const char **why) {
  *bad = at;
  *why = reason;
  return 0;
}

int rawi_utf8_valid(const char *text, size_t len, size_t *bad,
                    const char **why) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  while (i < len) {
    i += ascii_prefix(s + i, len - i);
    if (i >= len)
      break;
    unsigned char c = s[i];
    /* two-byte sequences (Arabic, Latin-1) are the common case */
    while (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;
      if (i >= len || (c = s[i]) < 0x80)
        break;
    }
    if (i >= len || c < 0x80)
      continue;
    int n;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      min = 0x10000;
    } else if (c == 0xC0 || c == 0xC1) {
      return fail(i, "overlong encoding", bad, why);
    } else if (c >= 0x80 && c <= 0xBF) {
      return fail(i, "unexpected continuation byte", bad, why);
    } else {
      return fail(i, "invalid lead byte", bad, why);
    }
    if (len - i < (size_t)n) {
      for (size_t k = 1; i + k < len; k++)
        if ((s[i + k] & 0xC0) != 0x80)
          return fail(i, "truncated sequence", bad, why);
      return fail(i, "truncated sequence", bad, why);
    }
    for (int k = 1; k < n; k++)
      if ((s[i + k] & 0xC0) != 0x80)
        return fail(i, "truncated sequence", bad, why);
    int dummy;
    uint32_t cp = rawi_utf8_decode(s + i, &dummy);
    if (cp < min)
      return fail(i, "overlong encoding", bad, why);
    if (cp >= 0xD800 && cp <= 0xDFFF)
      return fail(i, "surrogate code point", bad, why);
    if (cp > 0x10FFFF)
      return fail(i, "code point above U+10FFFF", bad, why);
    i += (size_t)n;
  }
  return 1;
}

size_t rawi_utf8_count(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += (s[i] & 0xC0) != 0x80;
  return n;
}
