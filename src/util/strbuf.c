#include "util/strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"

void rawi_strbuf_init(rawi_strbuf *b, const rawi_allocator *alloc) {
  *b = (rawi_strbuf){.alloc = alloc ? alloc : &rawi_default_allocator};
}

void rawi_strbuf_free(rawi_strbuf *b) {
  rawi_mem_free(b->alloc, b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

static int reserve(rawi_strbuf *b, size_t n) {
  if (b->failed)
    return 0;
  if (rawi_mem_grow(b->alloc, (void **)&b->data, &b->cap, b->len + n + 1, 1)) {
    b->failed = 1;
    return 0;
  }
  return 1;
}

void rawi_strbuf_add_slow(rawi_strbuf *b, const char *s, size_t n) {
  if (!reserve(b, n))
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void rawi_strbuf_adds(rawi_strbuf *b, const char *s) {
  rawi_strbuf_add(b, s, strlen(s));
}

void rawi_strbuf_addu(rawi_strbuf *b, unsigned long long v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do {
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  rawi_strbuf_add(b, tmp + i, sizeof tmp - i);
}

void rawi_strbuf_addf(rawi_strbuf *b, const char *fmt, ...) {
  char tmp[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n < sizeof tmp) {
    rawi_strbuf_add(b, tmp, (size_t)n);
    return;
  }
  if (!reserve(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* JSON for bytes that are not valid UTF-8 (an id from a file name, a
 * JSONL field): each bad sequence becomes U+FFFD, so the line stays JSON. */
static void json_repaired(rawi_strbuf *b, const char *s, size_t n) {
  size_t at = 0, bad;
  const char *why;
  while (at < n && !rawi_utf8_valid(s + at, n - at, &bad, &why)) {
    rawi_strbuf_json_valid(b, s + at, bad);
    rawi_strbuf_add(b, "\xef\xbf\xbd", 3);
    at += bad + 1;
    while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
      at++;
  }
  rawi_strbuf_json_valid(b, s + at, n - at);
}

void rawi_strbuf_json_inner(rawi_strbuf *b, const char *s, size_t n) {
  size_t bad;
  const char *why;
  if (!n) /* s may then be NULL (an empty id read into an empty buffer) */
    return;
  if (rawi_utf8_valid(s, n, &bad, &why))
    rawi_strbuf_json_valid(b, s, n);
  else
    json_repaired(b, s, n);
}

void rawi_strbuf_json(rawi_strbuf *b, const char *s, size_t n) {
  rawi_strbuf_addc(b, '"');
  rawi_strbuf_json_inner(b, s, n);
  rawi_strbuf_addc(b, '"');
}

/* Does one of the eight bytes of w need escaping (a control, '"' or
 * '\\')? Exact, so whole words of plain text are skipped at once. */
static int needs_escape(uint64_t w) {
  const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
  uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
  return ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) &
          highs) != 0;
}

void rawi_strbuf_json_valid(rawi_strbuf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  if (!reserve(b, n + 2))
    return;
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t w;
    while (i + 8 <= n && (memcpy(&w, s + i, 8), !needs_escape(w)))
      i += 8;
    if (i == n)
      break;
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    rawi_strbuf_add(b, s + run, i - run);
    run = i + 1;
    char esc[6] = {'\\', 0};
    switch (c) {
    case '"':
      esc[1] = '"';
      break;
    case '\\':
      esc[1] = '\\';
      break;
    case '\n':
      esc[1] = 'n';
      break;
    case '\r':
      esc[1] = 'r';
      break;
    case '\t':
      esc[1] = 't';
      break;
    default:
      memcpy(esc, "\\u00", 4);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      rawi_strbuf_add(b, esc, 6);
      continue;
    }
    rawi_strbuf_add(b, esc, 2);
  }
  rawi_strbuf_add(b, s + run, n - run);
}
