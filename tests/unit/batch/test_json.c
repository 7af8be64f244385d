/* JSON Lines records read on their bytes (src/batch/json.c): the check and
 * its messages, fields by dotted path, exact decoding, fields passed
 * through. */
#include "../helpers.h"

#include <stdio.h>

#include "batch/json.h"

static json_type check(const char *s, char *why, size_t *at) {
  return json_check(s, strlen(s), why, 200, at);
}

static void valid(void **state) {
  (void)state;
  char why[200];
  size_t at;
  assert_int_equal(check("{}", why, &at), JSON_OBJECT);
  assert_int_equal(
      check(" [1, -0, 2.5e+3, 0.1E-2, true, false, null] ", why, &at),
      JSON_ARRAY);
  assert_int_equal(check("\xEF\xBB\xBF{\"a\":{\"b\":[{}]}}", why, &at),
                   JSON_OBJECT);
  assert_int_equal(
      check("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud800\"", why, &at),
      JSON_STRING); /* a lone surrogate is valid JSON */
  assert_int_equal(check("-12", why, &at), JSON_NUMBER);
  assert_int_equal(check("null", why, &at), JSON_LITERAL);
  /* bytes that are not UTF-8 and raw tabs inside strings pass: the text is
   * checked when it is extracted */
  assert_int_equal(check("{\"t\":\"a\tb\xff\"}", why, &at), JSON_OBJECT);
}

/* The check fails with this message at this byte. */
static void bad(const char *s, const char *msg, size_t byte) {
  char why[200];
  size_t at = 12345;
  if (check(s, why, &at) != JSON_NONE || strcmp(why, msg) || at != byte) {
    print_error("%s: got '%s' at %zu\n", s, why, at);
    fail();
  }
}

static void invalid(void **state) {
  (void)state;
  bad("", "the line ends at byte 0, where a value should be", 0);
  bad("{", "the line ends at byte 1, where a key in double quotes should be",
      1);
  bad("{\"a\"}", "unexpected '}' at byte 4 (expected ':' after the key)", 4);
  bad("{\"a\":}", "unexpected '}' at byte 5 (expected a value)", 5);
  bad("[1,]", "unexpected ']' at byte 3 (expected a value)", 3);
  bad("[1 2]", "unexpected '2' at byte 3 (expected ',' or ']')", 3);
  bad("{\"a\":1", "the line ends at byte 6, where ',' or '}' should be", 6);
  bad("1.", "the number at byte 0 is not written as JSON writes numbers", 0);
  bad("-", "the number at byte 0 is not written as JSON writes numbers", 0);
  bad("1e", "the number at byte 0 is not written as JSON writes numbers", 0);
  bad("01", "more after the JSON value, at byte 1", 1);
  bad("\"abc",
      "the string that starts at byte 0 is not closed before the end "
      "of the line",
      0);
  bad("\"ab\\",
      "the string that starts at byte 0 is not closed before the "
      "end of the line",
      0);
  bad("\"\\u12\"", "a \\u escape without four hex digits at byte 1", 1);
  bad("\"\\x\"", "invalid escape '\\x' at byte 1", 1);
  bad("tru", "unexpected 't' at byte 0 (expected a value)", 0);
  bad("{}x", "more after the JSON value, at byte 2", 2);
  bad("\x01", "unexpected byte 0x01 at byte 0 (expected a value)", 0);
  char deep[2100];
  memset(deep, '[', 1001);
  memset(deep + 1001, ']', 1001);
  deep[2002] = '\0';
  bad(deep, "arrays and objects nested deeper than 1000 levels, at byte 1000",
      1000);
  deep[0] = ' '; /* 1000 levels: taken */
  deep[2001] = '\0';
  char why[200];
  size_t at;
  assert_int_equal(check(deep, why, &at), JSON_ARRAY);
}

/* The text of the value at path in s, or "(none)". */
static const char *found(const char *s, const char *path) {
  static char out[200];
  json_span v, m;
  if (!json_find(s, strlen(s), path, &v, &m))
    return "(none)";
  snprintf(out, sizeof out, "%.*s|%.*s", (int)(v.end - v.start), s + v.start,
           (int)(m.end - m.start), s + m.start);
  return out;
}

static void find(void **state) {
  (void)state;
  const char *s =
      " { \"a\" : 1 , \"id\":\"x\\\"}\", \"meta\": {\"id\": -1.5e3, "
      "\"k\": [1,{\"id\":2}]}, \"\\u0069d2\": true, \"id\": 9 } ";
  assert_string_equal(found(s, "a"), "1|\"a\" : 1");
  assert_string_equal(found(s, "id"), "\"x\\\"}\"|\"id\":\"x\\\"}\"");
  assert_string_equal(found(s, "meta.id"), "-1.5e3|\"id\": -1.5e3");
  assert_string_equal(found(s, "meta.k"),
                      "[1,{\"id\":2}]|\"k\": [1,{\"id\":2}]");
  assert_string_equal(found(s, "id2"), "true|\"\\u0069d2\": true");
  assert_string_equal(found(s, "meta.k.id"), "(none)"); /* an array */
  assert_string_equal(found(s, "a.b"), "(none)");       /* a number */
  assert_string_equal(found(s, "nothing"), "(none)");
  assert_string_equal(found(s, "met"), "(none)");
  assert_string_equal(found("[1]", "a"), "(none)");
}

/* The decoded string at the whole of s, or "(lone at N)". */
static const char *decoded(const char *s, size_t *len) {
  static char out[200];
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  size_t at;
  if (json_string(s, (json_span){0, strlen(s)}, &b, &at)) {
    snprintf(out, sizeof out, "(lone at %zu)", at);
    *len = strlen(out);
  } else {
    memcpy(out, b.data ? b.data : "", b.len);
    out[b.len] = '\0';
    *len = b.len;
  }
  rawi_strbuf_free(&b);
  return out;
}

static void strings(void **state) {
  (void)state;
  size_t n;
  assert_string_equal(decoded("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", &n),
                      "a\"b\\c/d\b\f\n\r\t");
  assert_string_equal(decoded("\"\\u00e9\\u0645\\uD83D\\uDE00\"", &n),
                      "\xC3\xA9\xD9\x85\xF0\x9F\x98\x80");
  assert_memory_equal(decoded("\"a\\u0000b\"", &n), "a\0b", 3);
  assert_int_equal(n, 3);
  assert_string_equal(decoded("\"x\\ud800\"", &n), "(lone at 2)");
  assert_string_equal(decoded("\"x\\udc00\\ud800\"", &n), "(lone at 2)");
  assert_string_equal(decoded("\"\\ud800\\u0041\"", &n), "(lone at 1)");
  assert_string_equal(decoded("\"\\ud800x\"", &n), "(lone at 1)");
  assert_string_equal(decoded("\"\"", &n), "");
  assert_string_equal(decoded("\"\xff raw\"", &n), "\xff raw"); /* as given */
}

/* s without the members at paths p and q (NULL: one member). */
static const char *without(const char *s, const char *p, const char *q) {
  static char out[300];
  json_span cut[2], v;
  size_t k = 0;
  if (json_find(s, strlen(s), p, &v, &cut[k]))
    k++;
  if (q && json_find(s, strlen(s), q, &v, &cut[k]))
    k++;
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  json_without(s, strlen(s), cut, k, &b);
  snprintf(out, sizeof out, "%s", b.data ? b.data : "");
  rawi_strbuf_free(&b);
  return out;
}

static void pass_through(void **state) {
  (void)state;
  const char *s = "{\"id\":1e400, \"text\":\"x\", \"n\":12345678901234567890}";
  assert_string_equal(without(s, "text", "id"),
                      "{  \"n\":12345678901234567890}");
  assert_string_equal(without(s, "n", NULL), "{\"id\":1e400, \"text\":\"x\"}");
  assert_string_equal(without("{\"text\":\"x\"}", "text", NULL), "{}");
  assert_string_equal(without("{\"a\":1,\"text\":\"x\",\"b\":2}", "text", NULL),
                      "{\"a\":1,\"b\":2}");
  assert_string_equal(
      without("{\"doc\":{\"body\":\"x\",\"key\":\"k\"},\"site\":\"y\"}",
              "doc.body", "doc.key"),
      "{\"doc\":{},\"site\":\"y\"}");
  /* a byte order mark before the object is not copied */
  assert_string_equal(
      without("\xEF\xBB\xBF{\"text\":\"x\",\"a\":1}", "text", NULL),
      "{\"a\":1}");
  /* an id inside the text's member goes with it */
  assert_string_equal(without("{\"doc\":{\"id\":1},\"z\":0}", "doc", "doc.id"),
                      "{\"z\":0}");
}

static void uncopyable(void **state) {
  (void)state;
  const char *s = "{\"a\":\t\"x\\\"\ty\", \"b\":\"z\"}";
  size_t at = 0;
  assert_int_equal(json_uncopyable(s, 0, strlen(s), &at), JSON_RAW_CONTROL);
  assert_int_equal(at, 10); /* the tab inside "x\"<TAB>y", not the one before */
  const char *t = "{\"a\":\t\"x\\ty\\ud83d\\ude00\"}";
  assert_int_equal(json_uncopyable(t, 0, strlen(t), &at), 0);
  const char *u = "{\"k \\ud800 \":1}";
  assert_int_equal(json_uncopyable(u, 0, strlen(u), &at), JSON_LONE_SURROGATE);
  assert_int_equal(at, 4);
  const char *v = "{\"k\":\"\\ude00\\ud83d\"}";
  assert_int_equal(json_uncopyable(v, 0, strlen(v), &at), JSON_LONE_SURROGATE);
  assert_int_equal(at, 6);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(valid),        cmocka_unit_test(invalid),
      cmocka_unit_test(find),         cmocka_unit_test(strings),
      cmocka_unit_test(pass_through), cmocka_unit_test(uncopyable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
