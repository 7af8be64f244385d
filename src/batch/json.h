/*
 * A JSON Lines record read as rawi needs it, on the raw bytes of the line:
 * checked (RFC 8259) with the reason and byte of any mistake, fields found
 * by dotted path as spans of the line, strings decoded exactly.
 *
 * Why not cJSON (which rawi used first): it turns every number into a
 * double (an id 1790000000000000001 came out as 1.79e+18, two documents
 * sharing it), ends strings at an escaped NUL, rewrites the fields
 * --keep-fields passes through (1e400 became null), and says only "not
 * valid JSON" for a lone surrogate or nesting it does not take. Here an id
 * keeps its digits, a string its every byte, a passed-through field its
 * exact text, and a mistake its reason.
 */
#ifndef RAWI_BATCH_JSON_H
#define RAWI_BATCH_JSON_H

#include <stddef.h>

#include "util/strbuf.h"

/* Arrays and objects nested deeper are refused (with that reason). */
#define JSON_MAX_DEPTH 1000

typedef enum json_type {
  JSON_NONE,
  JSON_OBJECT,
  JSON_ARRAY,
  JSON_STRING,
  JSON_NUMBER,
  JSON_LITERAL /* true, false, null */
} json_type;

/* Bytes [start, end) of the line. */
typedef struct json_span {
  size_t start, end;
} json_span;

/* Is s[0..n) one JSON value (a UTF-8 byte order mark and blanks around it
 * allowed)? Its type, or JSON_NONE with why[cap] saying what is wrong and
 * *at the byte where ("a string is not closed before the end of the
 * line"). Strings are checked for their escapes, not for UTF-8: the text
 * itself is checked when it is extracted. */
json_type json_check(const char *s, size_t n, char *why, size_t cap,
                     size_t *at);

/* In the checked object s[0..n), the value at a dotted path ("meta.id":
 * member id of member meta): its type, its span in *value and the span of
 * its whole member (key to value) in *member; JSON_NONE when absent (a
 * step that is not an object, too). The first of repeated keys counts. */
json_type json_find(const char *s, size_t n, const char *path, json_span *value,
                    json_span *member);

/* Append the JSON string at span v (quotes included) to out, decoded:
 * every escape to its UTF-8 bytes, \u0000 to a NUL byte. 0, or -1 when it
 * holds a lone surrogate escape (no character: UTF-8 cannot hold it), with
 * *at the escape's byte. */
int json_string(const char *s, json_span v, rawi_strbuf *out, size_t *at);

/* What in s[from..to), a stretch of a checked line that starts outside
 * strings, cannot be copied into JSON output as it is: the first raw
 * control character (a byte below 0x20) inside a string, which JSON must
 * escape (JSON_RAW_CONTROL), or a lone surrogate escape, which many JSON
 * readers refuse (JSON_LONE_SURROGATE); its offset in *at. 0 when none.
 * rawi reads both in the fields it decodes, but passes neither through. */
enum { JSON_RAW_CONTROL = 1, JSON_LONE_SURROGATE = 2 };
int json_uncopyable(const char *s, size_t from, size_t to, size_t *at);

/* Append s[0..n) less the members at the spans cut[0..k) (each with the
 * comma that separates it from a neighbour) to out: the object's other
 * fields as they were written. Spans may nest (the inner one is then
 * gone with the outer). */
void json_without(const char *s, size_t n, const json_span *cut, size_t k,
                  rawi_strbuf *out);

#endif
