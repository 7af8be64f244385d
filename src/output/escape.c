/*
 * One escaper per target syntax, all built on one loop: walk the code
 * points, copy the runs a syntax takes as they are, and let the syntax
 * write the rest its own way.
 */
#include "output/escape.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

static const char hex[] = "0123456789ABCDEF";
static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* The code point at s[0..n) with its length in *len, or -1 (*len 1) for a
 * byte that does not begin a valid UTF-8 sequence. */
static long next_cp(const char *s, size_t n, int *len) {
  unsigned char c = (unsigned char)s[0];
  int k = c < 0x80   ? 1
          : c < 0xC2 ? 0
          : c < 0xE0 ? 2
          : c < 0xF0 ? 3
          : c < 0xF5 ? 4
                     : 0;
  size_t bad;
  const char *why;
  *len = 1;
  if (k == 0 || (size_t)k > n || !rawi_utf8_valid(s, (size_t)k, &bad, &why))
    return -1;
  return (long)rawi_utf8_decode((const unsigned char *)s, len);
}

/* Characters that reorder text on screen: a name holding one could make a
 * line read differently from what a parser sees (Unicode TR 9; RFC 3987
 * section 4.1 bans them from IRIs). */
static int is_bidi(long cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The bidi controls that open an embedding, override or isolate: left
 * unbalanced, they reorder everything after them on the line. (The marks
 * ALM, LRM and RLM do not, and Arabic text uses them.) */
static int is_bidi_embedding(long cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Controls, including the Unicode line breaks NEL, LS and PS. */
static int is_control(long cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
         cp == 0x2029;
}

/* Writes the replacement for cp (raw[0..len) in the input) and returns 1,
 * or returns 0 to have it copied as is. cp is -1 for a byte that is not
 * UTF-8. */
typedef int (*escape_fn)(rawi_strbuf *b, long cp, const char *raw, int len);

static void escape_with(rawi_strbuf *b, const char *s, size_t n,
                        escape_fn esc) {
  size_t run = 0, i = 0;
  if (!n) /* s may then be NULL (an empty id) */
    return;
  while (i < n) {
    int len;
    long cp = next_cp(s + i, n - i, &len);
    if (esc(NULL, cp, s + i, len)) {
      rawi_strbuf_add(b, s + run, i - run);
      esc(b, cp, s + i, len);
      run = i + (size_t)len;
    }
    i += (size_t)len;
  }
  rawi_strbuf_add(b, s + run, n - run);
}

/* \uXXXX (code points below U+10000 only: every escaped one is). */
static void add_u4(rawi_strbuf *b, long cp) {
  char e[6] = {'\\',
               'u',
               hex[(cp >> 12) & 15],
               hex[(cp >> 8) & 15],
               hex[(cp >> 4) & 15],
               hex[cp & 15]};
  rawi_strbuf_add(b, e, sizeof e);
}

/* Escape as backslash + letter for the controls most syntaxes name. */
static int add_named(rawi_strbuf *b, long cp) {
  const char *named = cp == '\n'   ? "\\n"
                      : cp == '\r' ? "\\r"
                      : cp == '\t' ? "\\t"
                                   : NULL;
  if (named)
    rawi_strbuf_add(b, named, 2);
  return named != NULL;
}

/* --- IRIs ---------------------------------------------------------------- */

/* RFC 3987 ucschar, less the bidi controls. */
static int iri_ucschar(long cp) {
  if (cp < 0xA0 || is_bidi(cp) || cp == 0x2028 || cp == 0x2029)
    return 0;
  if (cp <= 0xD7FF)
    return 1;
  if (cp < 0x10000)
    return (cp >= 0xF900 && cp <= 0xFDCF) || (cp >= 0xFDF0 && cp <= 0xFFEF);
  if (cp < 0xE0000)
    return (cp & 0xFFFF) <= 0xFFFD;
  return cp >= 0xE1000 && cp <= 0xEFFFD;
}

static int iri_keeps(long cp) {
  if (cp >= 0x80)
    return iri_ucschar(cp);
  return cp >= 0 && ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                     (cp >= '0' && cp <= '9') || strchr("-._~/:@", (int)cp));
}

static int iri_esc(rawi_strbuf *b, long cp, const char *raw, int len) {
  if (cp > 0 && iri_keeps(cp))
    return 0;
  for (int k = 0; b && k < len; k++) {
    unsigned char c = (unsigned char)raw[k];
    char e[3] = {'%', hex[c >> 4], hex[c & 15]};
    rawi_strbuf_add(b, e, 3);
  }
  return 1;
}

/* Segment by segment: a segment that is "." or ".." would be removed, with
 * the one before it, by every parser that resolves the IRI (RFC 3986 5.2.4,
 * Turtle's included), so that "doc/../entity/x" named entity x. Its dots
 * are written %2E, which resolution leaves alone. */
void output_iri_part(rawi_strbuf *b, const char *s, size_t n) {
  size_t i = 0;
  if (!n)
    return;
  for (;;) {
    const char *slash = memchr(s + i, '/', n - i);
    size_t k = (slash ? (size_t)(slash - s) : n) - i;
    if ((k == 1 || k == 2) && !memcmp(s + i, "..", k))
      rawi_strbuf_add(b, "%2E%2E", 3 * k);
    else
      escape_with(b, s + i, k, iri_esc);
    if (!slash)
      break;
    rawi_strbuf_addc(b, '/');
    i += k + 1;
  }
}

int output_iri_usable(const char *s) {
  size_t i = 0;
  while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
         (i && ((s[i] >= '0' && s[i] <= '9') || strchr("+-.", s[i]) != NULL)))
    i++;
  if (i == 0 || s[i] != ':')
    return 0;
  for (; s[i]; i++)
    if ((unsigned char)s[i] <= 0x20 || strchr("<>\"{}|^`\\", s[i]))
      return 0;
  return 1;
}

/* --- RDF literals ----------------------------------------------------------
 */

static int rdf_esc(rawi_strbuf *b, long cp, const char *raw, int len) {
  (void)raw, (void)len;
  if (cp >= 0 && cp != '"' && cp != '\\' && !is_control(cp) && !is_bidi(cp))
    return 0;
  if (!b)
    return 1;
  if (cp == '"' || cp == '\\') {
    char e[2] = {'\\', (char)cp};
    rawi_strbuf_add(b, e, 2);
  } else if (cp < 0) {
    rawi_strbuf_adds(b, replacement);
  } else if (!add_named(b, cp)) {
    add_u4(b, cp);
  }
  return 1;
}

void output_rdf_string(rawi_strbuf *b, const char *s, size_t n) {
  rawi_strbuf_addc(b, '"');
  escape_with(b, s, n, rdf_esc);
  rawi_strbuf_addc(b, '"');
}

/* --- CSV -------------------------------------------------------------------
 */

static int csv_esc(rawi_strbuf *b, long cp, const char *raw, int len) {
  (void)raw, (void)len;
  if (cp > 0 && cp != '"')
    return 0;
  if (b)
    rawi_strbuf_adds(b, cp == '"' ? "\"\"" : replacement);
  return 1;
}

void output_csv_field(rawi_strbuf *b, const char *s, size_t n) {
  rawi_strbuf_addc(b, '"');
  escape_with(b, s, n, csv_esc);
  rawi_strbuf_addc(b, '"');
}

void output_csv_field_safe(rawi_strbuf *b, const char *s, size_t n) {
  if (!n || !strchr("=+-@\t\r", s[0])) {
    output_csv_field(b, s, n);
    return;
  }
  rawi_strbuf_adds(b, "\"'");
  escape_with(b, s, n, csv_esc);
  rawi_strbuf_addc(b, '"');
}

/* --- Cypher ----------------------------------------------------------------
 */

static int cypher_quote(rawi_strbuf *b, long cp) {
  if (cp != '\'' && cp != '\\' && cp >= 0)
    return 0;
  if (b) {
    char e[2] = {'\\', (char)cp};
    if (cp < 0)
      rawi_strbuf_adds(b, replacement);
    else
      rawi_strbuf_add(b, e, 2);
  }
  return 1;
}

static int neo4j_esc(rawi_strbuf *b, long cp, const char *raw, int len) {
  (void)raw, (void)len;
  if (cypher_quote(b, cp))
    return 1;
  if (!is_control(cp) && !is_bidi(cp))
    return 0;
  if (b && !add_named(b, cp))
    add_u4(b, cp);
  return 1;
}

static int kuzu_esc(rawi_strbuf *b, long cp, const char *raw, int len) {
  (void)raw, (void)len;
  return cypher_quote(b, cp);
}

void output_cypher_string(rawi_strbuf *b, const char *s, size_t n, int kuzu) {
  rawi_strbuf_addc(b, '\'');
  escape_with(b, s, n, kuzu ? kuzu_esc : neo4j_esc);
  rawi_strbuf_addc(b, '\'');
}

/* --- HTML ------------------------------------------------------------------
 */

static int html_esc(rawi_strbuf *b, long cp, const char *raw, int len) {
  (void)raw, (void)len;
  const char *rep = cp == '&'    ? "&amp;"
                    : cp == '<'  ? "&lt;"
                    : cp == '>'  ? "&gt;"
                    : cp == '"'  ? "&quot;"
                    : cp == '\'' ? "&#39;"
                                 : NULL;
  int drop = cp < 0 || is_bidi_embedding(cp) ||
             (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r');
  if (!rep && !drop)
    return 0;
  if (b)
    rawi_strbuf_adds(b, rep ? rep : replacement);
  return 1;
}

void output_html_text(rawi_strbuf *b, const char *s, size_t n) {
  escape_with(b, s, n, html_esc);
}
