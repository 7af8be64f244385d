#include "batch/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- checking ---------------------------------------------------------------
 * One pass, no recursion: a stack of the open arrays and objects, so that
 * nesting costs a byte per level and its limit is a message, not a crash. */

typedef struct scan {
  const char *s;
  size_t n, i;
  char *why;
  size_t cap;
  size_t *at;
} scan;

static json_type fail(scan *c, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static json_type fail(scan *c, size_t at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->why, c->cap, fmt, ap);
  va_end(ap);
  *c->at = at;
  return JSON_NONE;
}

/* "unexpected 'x' at byte 7 (expected ...)", or the end of the line. */
static json_type unexpected(scan *c, const char *expected) {
  if (c->i >= c->n)
    return fail(c, c->i, "the line ends at byte %zu, where %s should be", c->i,
                expected);
  unsigned char ch = (unsigned char)c->s[c->i];
  if (ch > 0x20 && ch < 0x7F)
    return fail(c, c->i, "unexpected '%c' at byte %zu (expected %s)", ch, c->i,
                expected);
  return fail(c, c->i, "unexpected byte 0x%02X at byte %zu (expected %s)", ch,
              c->i, expected);
}

static void skip_ws(scan *c) {
  while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' ||
                         c->s[c->i] == '\n' || c->s[c->i] == '\r'))
    c->i++;
}

static int is_hex(char ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
         (ch >= 'A' && ch <= 'F');
}

/* The string at c->i (its '"'); 0, or -1 after fail(). The next quote is
 * looked for again only once an escape has passed it: looked for after
 * every escape, a text of megabytes with thousands of \n took minutes. */
static int check_string(scan *c) {
  size_t start = c->i++;
  const char *end = c->s + c->n;
  const char *q = memchr(c->s + c->i, '"', c->n - c->i);
  for (;;) {
    const char *p = c->s + c->i;
    if (q && q < p)
      q = memchr(p, '"', (size_t)(end - p));
    const char *b = memchr(p, '\\', (size_t)((q ? q : end) - p));
    if (!b && q) {
      c->i = (size_t)(q - c->s) + 1;
      return 0;
    }
    if (!b || b + 1 >= end) {
      fail(c, start,
           "the string that starts at byte %zu is not closed "
           "before the end of the line",
           start);
      return -1;
    }
    c->i = (size_t)(b - c->s);
    char e = b[1];
    if (e == 'u') {
      for (int k = 2; k < 6; k++)
        if (b + k >= end || !is_hex(b[k])) {
          fail(c, c->i, "a \\u escape without four hex digits at byte %zu",
               c->i);
          return -1;
        }
      c->i += 6;
    } else if (e && strchr("\"\\/bfnrt", e)) {
      c->i += 2;
    } else {
      if ((unsigned char)e > 0x20 && (unsigned char)e < 0x7F)
        fail(c, c->i, "invalid escape '\\%c' at byte %zu", e, c->i);
      else
        fail(c, c->i, "invalid escape at byte %zu", c->i);
      return -1;
    }
  }
}

static int digits(scan *c) {
  size_t from = c->i;
  while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
    c->i++;
  return c->i > from;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at c->i. */
static int check_number(scan *c) {
  size_t start = c->i;
  if (c->s[c->i] == '-')
    c->i++;
  if (c->i < c->n && c->s[c->i] == '0')
    c->i++;
  else if (!digits(c))
    goto bad;
  if (c->i < c->n && c->s[c->i] == '.' && (c->i++, !digits(c)))
    goto bad;
  if (c->i < c->n && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
    c->i++;
    if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-'))
      c->i++;
    if (!digits(c))
      goto bad;
  }
  return 0;
bad:
  fail(c, start,
       "the number at byte %zu is not written as JSON writes "
       "numbers",
       start);
  return -1;
}

/* A key and its colon, at c->i; 0, or -1 after fail(). */
static int check_key(scan *c) {
  if (c->i >= c->n || c->s[c->i] != '"') {
    unexpected(c, "a key in double quotes");
    return -1;
  }
  if (check_string(c))
    return -1;
  skip_ws(c);
  if (c->i >= c->n || c->s[c->i] != ':') {
    unexpected(c, "':' after the key");
    return -1;
  }
  c->i++;
  skip_ws(c);
  return 0;
}

/* A scalar value at c->i: its type, or JSON_NONE after fail(). */
static json_type check_scalar(scan *c) {
  static const char *const literals[] = {"true", "false", "null"};
  char ch = c->s[c->i];
  if (ch == '"')
    return check_string(c) ? JSON_NONE : JSON_STRING;
  if (ch == '-' || (ch >= '0' && ch <= '9'))
    return check_number(c) ? JSON_NONE : JSON_NUMBER;
  for (int k = 0; k < 3; k++) {
    size_t len = strlen(literals[k]);
    if (c->n - c->i >= len && !memcmp(c->s + c->i, literals[k], len)) {
      c->i += len;
      return JSON_LITERAL;
    }
  }
  return unexpected(c, "a value");
}

json_type json_check(const char *s, size_t n, char *why, size_t cap,
                     size_t *at) {
  scan c = {s, n, 0, why, cap, at};
  char open[JSON_MAX_DEPTH]; /* '{' or '[' per level */
  size_t depth = 0;
  json_type top = JSON_NONE;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
    c.i = 3;
  skip_ws(&c);
  for (;;) {
    /* a value */
    if (c.i >= n)
      return unexpected(&c, "a value");
    char ch = s[c.i];
    if (ch == '{' || ch == '[') {
      if (depth == JSON_MAX_DEPTH)
        return fail(&c, c.i,
                    "arrays and objects nested deeper than %d "
                    "levels, at byte %zu",
                    JSON_MAX_DEPTH, c.i);
      open[depth++] = ch;
      top = top ? top : ch == '{' ? JSON_OBJECT : JSON_ARRAY;
      c.i++;
      skip_ws(&c);
      if (c.i < n && s[c.i] == (ch == '{' ? '}' : ']')) {
        c.i++;
        depth--;
      } else {
        if (ch == '{' && check_key(&c))
          return JSON_NONE;
        continue;
      }
    } else {
      json_type t = check_scalar(&c);
      if (!t)
        return JSON_NONE;
      top = top ? top : t;
    }
    /* after a value: the next one of its array or object, or its end */
    for (;;) {
      skip_ws(&c);
      if (!depth)
        break;
      int object = open[depth - 1] == '{';
      if (c.i < n && s[c.i] == (object ? '}' : ']')) {
        c.i++;
        depth--;
        continue;
      }
      if (c.i >= n || s[c.i] != ',')
        return unexpected(&c, object ? "',' or '}'" : "',' or ']'");
      c.i++;
      skip_ws(&c);
      if (object && check_key(&c))
        return JSON_NONE;
      break;
    }
    if (!depth)
      break;
  }
  if (c.i < n)
    return fail(&c, c.i, "more after the JSON value, at byte %zu", c.i);
  return top;
}

/* --- finding ----------------------------------------------------------------
 * On a checked line: no bounds or syntax to worry about, only the way
 * through. */

static size_t ws(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

/* Past the string whose '"' is at i. */
static size_t skip_string(const char *s, size_t n, size_t i) {
  for (i++;;) {
    const char *q = memchr(s + i, '"', n - i);
    size_t k = (size_t)(q - s), back = 0;
    while (s[k - 1 - back] == '\\')
      back++;
    i = k + 1;
    if (back % 2 == 0)
      return i;
  }
}

/* Past the value at i. */
static size_t skip_value(const char *s, size_t n, size_t i) {
  if (s[i] == '"')
    return skip_string(s, n, i);
  if (s[i] != '{' && s[i] != '[') {
    while (i < n && !strchr(",}] \t\r\n", s[i]))
      i++;
    return i;
  }
  size_t depth = 0;
  do {
    if (s[i] == '"') {
      i = skip_string(s, n, i);
      continue;
    }
    depth += s[i] == '{' || s[i] == '[';
    depth -= s[i] == '}' || s[i] == ']';
    i++;
  } while (depth);
  return i;
}

/* Is the key at [a, b) (quotes included) the name[0..len)? */
static int key_is(const char *s, size_t a, size_t b, const char *name,
                  size_t len) {
  if (!memchr(s + a, '\\', b - a))
    return b - a - 2 == len && !memcmp(s + a + 1, name, len);
  rawi_strbuf k;
  rawi_strbuf_init(&k, NULL);
  size_t bad;
  int same = json_string(s, (json_span){a, b}, &k, &bad) == 0 && k.len == len &&
             !memcmp(k.data, name, len);
  rawi_strbuf_free(&k);
  return same;
}

static json_type type_at(char ch) {
  return ch == '{'                               ? JSON_OBJECT
         : ch == '['                             ? JSON_ARRAY
         : ch == '"'                             ? JSON_STRING
         : ch == '-' || (ch >= '0' && ch <= '9') ? JSON_NUMBER
                                                 : JSON_LITERAL;
}

json_type json_find(const char *s, size_t n, const char *path, json_span *value,
                    json_span *member) {
  size_t i = ws(s, n, n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0);
  while (i < n && s[i] == '{') {
    size_t len = strcspn(path, ".");
    i = ws(s, n, i + 1);
    while (s[i] == '"') {
      size_t k = i, kend = skip_string(s, n, i);
      size_t v = ws(s, n, ws(s, n, kend) + 1), vend = skip_value(s, n, v);
      if (key_is(s, k, kend, path, len)) {
        if (path[len] == '\0') {
          *value = (json_span){v, vend};
          *member = (json_span){k, vend};
          return type_at(s[v]);
        }
        path += len + 1;
        i = v;
        goto descend;
      }
      i = ws(s, n, vend);
      if (s[i] == ',')
        i = ws(s, n, i + 1);
    }
    return JSON_NONE;
  descend:;
  }
  return JSON_NONE;
}

/* --- decoding ----------------------------------------------------------------
 */

static unsigned hex4(const char *p) {
  unsigned v = 0;
  for (int k = 0; k < 4; k++) {
    char ch = p[k];
    v = v * 16 + (unsigned)(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
  }
  return v;
}

static void add_utf8(rawi_strbuf *out, unsigned cp) {
  char u[4];
  size_t k;
  if (cp < 0x80) {
    u[0] = (char)cp, k = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
  } else {
    u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
    k = 4;
  }
  rawi_strbuf_add(out, u, k);
}

int json_string(const char *s, json_span v, rawi_strbuf *out, size_t *at) {
  size_t i = v.start + 1, end = v.end - 1;
  while (i < end) {
    const char *b = memchr(s + i, '\\', end - i);
    size_t run = b ? (size_t)(b - s) - i : end - i;
    rawi_strbuf_add(out, s + i, run);
    if (!b)
      break;
    i += run;
    char e = s[i + 1];
    if (e != 'u') {
      static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
      rawi_strbuf_addc(out, to[strchr(from, e) - from]);
      i += 2;
      continue;
    }
    unsigned cp = hex4(s + i + 2);
    size_t esc = i;
    i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= end && s[i] == '\\' &&
        s[i + 1] == 'u') {
      unsigned lo = hex4(s + i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 6;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      *at = esc;
      return -1;
    }
    add_utf8(out, cp);
  }
  return 0;
}

/* --- passing through -------------------------------------------------------
 */

static unsigned hex4(const char *p);

/* Is the \u escape at s[i] a surrogate, high (1) or low (2)? 0: neither. */
static int surrogate_at(const char *s, size_t i) {
  unsigned cp = hex4(s + i + 2);
  return cp >= 0xD800 && cp <= 0xDBFF   ? 1
         : cp >= 0xDC00 && cp <= 0xDFFF ? 2
                                        : 0;
}

int json_uncopyable(const char *s, size_t from, size_t to, size_t *at) {
  int in_string = 0;
  for (size_t i = from; i < to; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (in_string && ch == '\\' && s[i + 1] == 'u') {
      int k = surrogate_at(s, i);
      if (k == 1 && i + 12 <= to && s[i + 6] == '\\' && s[i + 7] == 'u' &&
          surrogate_at(s, i + 6) == 2) {
        i += 11; /* a pair: one character */
      } else if (k) {
        *at = i;
        return JSON_LONE_SURROGATE;
      } else {
        i += 5;
      }
    } else if (in_string && ch == '\\') {
      i++;
    } else if (ch == '"') {
      in_string = !in_string;
    } else if (in_string && ch < 0x20) {
      *at = i;
      return JSON_RAW_CONTROL;
    }
  }
  return 0;
}

static int by_start(const void *a, const void *b) {
  const json_span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

void json_without(const char *s, size_t n, const json_span *cut, size_t k,
                  rawi_strbuf *out) {
  json_span r[8];
  k = k < 8 ? k : 8;
  for (size_t j = 0; j < k; j++) { /* each member with one comma */
    size_t a = cut[j].start, b = ws(s, n, cut[j].end);
    if (b < n && s[b] == ',') {
      b++;
    } else {
      b = cut[j].end;
      size_t p = a;
      while (p > 0 && strchr(" \t\r\n", s[p - 1]))
        p--;
      if (p > 0 && s[p - 1] == ',')
        a = p - 1;
    }
    r[j] = (json_span){a, b};
  }
  qsort(r, k, sizeof *r, by_start);
  /* a byte order mark the check let pass is no part of the value */
  size_t at = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
  for (size_t j = 0; j < k; j++) {
    if (r[j].start > at)
      rawi_strbuf_add(out, s + at, r[j].start - at);
    if (r[j].end > at)
      at = r[j].end;
  }
  rawi_strbuf_add(out, s + at, n - at);
}
