/* A growable byte string, and JSON string escaping onto it. */
#ifndef RAWI_UTIL_STRBUF_H
#define RAWI_UTIL_STRBUF_H

#include <stddef.h>

#include "rawi/rawi.h"

typedef struct rawi_strbuf {
  const rawi_allocator *alloc;
  char *data;
  size_t len, cap;
  int failed; /* an allocation failed; later appends are ignored */
} rawi_strbuf;

void rawi_strbuf_init(rawi_strbuf *b, const rawi_allocator *alloc);
void rawi_strbuf_free(rawi_strbuf *b);
void rawi_strbuf_add(rawi_strbuf *b, const char *s, size_t n);
void rawi_strbuf_adds(rawi_strbuf *b, const char *s);
void rawi_strbuf_addc(rawi_strbuf *b, char c);
void rawi_strbuf_addu(rawi_strbuf *b, unsigned long long v);
/* printf onto the buffer (numbers with a format: coordinates, confidences). */
void rawi_strbuf_addf(rawi_strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append s[0..n) through emit, which sees only valid UTF-8: each byte
 * sequence that is not UTF-8 becomes U+FFFD. For escapers of ids and
 * fields that come from file names or JSON input. */
void rawi_strbuf_utf8(rawi_strbuf *b, const char *s, size_t n,
                      void (*emit)(rawi_strbuf *, const char *, size_t));

/* Append s[0..n) as a JSON string literal, quotes included. Valid UTF-8 is
 * copied as is; controls, quote and backslash are escaped; a byte sequence
 * that is not UTF-8 becomes U+FFFD. */
void rawi_strbuf_json(rawi_strbuf *b, const char *s, size_t n);
/* The inside of the literal, for text known to be valid UTF-8. */
void rawi_strbuf_json_valid(rawi_strbuf *b, const char *s, size_t n);

#endif
