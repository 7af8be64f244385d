/* A growable byte string, and JSON string escaping onto it. */
#ifndef RAWI_UTIL_STRBUF_H
#define RAWI_UTIL_STRBUF_H

#include <stddef.h>
#include <string.h>

#include "rawi/rawi.h"

typedef struct rawi_strbuf {
  const rawi_allocator *alloc;
  char *data;
  size_t len, cap;
  int failed; /* an allocation failed; later appends are ignored */
} rawi_strbuf;

void rawi_strbuf_init(rawi_strbuf *b, const rawi_allocator *alloc);
void rawi_strbuf_free(rawi_strbuf *b);
void rawi_strbuf_add_slow(rawi_strbuf *b, const char *s, size_t n);
void rawi_strbuf_adds(rawi_strbuf *b, const char *s);
void rawi_strbuf_addu(rawi_strbuf *b, unsigned long long v);
/* printf onto the buffer (numbers with a format: coordinates, confidences). */
void rawi_strbuf_addf(rawi_strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends are inline while the buffer has room: output writes several
 * short pieces per mention. The data stays NUL-terminated. */
static inline void rawi_strbuf_add(rawi_strbuf *b, const char *s, size_t n) {
  if (b->len + n < b->cap && !b->failed) {
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return;
  }
  rawi_strbuf_add_slow(b, s, n);
}

static inline void rawi_strbuf_addc(rawi_strbuf *b, char c) {
  rawi_strbuf_add(b, &c, 1);
}

/* A string literal, without measuring it. */
#define RAWI_STRBUF_LIT(b, lit) rawi_strbuf_add((b), "" lit, sizeof(lit) - 1)

/* Append s[0..n) as a JSON string literal, quotes included. Valid UTF-8 is
 * copied as is; controls, quote and backslash are escaped; a byte sequence
 * that is not UTF-8 becomes U+FFFD. */
void rawi_strbuf_json(rawi_strbuf *b, const char *s, size_t n);
/* The inside of the literal, for text known to be valid UTF-8. */
void rawi_strbuf_json_valid(rawi_strbuf *b, const char *s, size_t n);
/* The inside of the literal, bad sequences repaired as above. */
void rawi_strbuf_json_inner(rawi_strbuf *b, const char *s, size_t n);

#endif
