/* The escapers of the output formats: what each syntax must never see raw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "output/escape.h"

typedef void (*escaper)(rawi_strbuf *b, const char *s, size_t n);

static void check(escaper esc, const char *in, size_t n, const char *want) {
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  esc(&b, in, n);
  assert_false(b.failed);
  if (strcmp(b.data ? b.data : "", want))
    fail_msg("escaped %s\n  got:  %s\n  want: %s", in, b.data, want);
  rawi_strbuf_free(&b);
}

#define CHECK(esc, in, want) check(esc, in, sizeof in - 1, want)

static void neo4j(rawi_strbuf *b, const char *s, size_t n) {
  output_cypher_string(b, s, n, 0);
}

static void kuzu(rawi_strbuf *b, const char *s, size_t n) {
  output_cypher_string(b, s, n, 1);
}

static void iri(void **state) {
  (void)state;
  CHECK(output_iri_part, "person/antony-blinken", "person/antony-blinken");
  CHECK(output_iri_part, "person/سمير-داوود", "person/سمير-داوود");
  CHECK(output_iri_part, "a b#c?d%e\"f<g>h\\i'j",
        "a%20b%23c%3Fd%25e%22f%3Cg%3Eh%5Ci%27j");
  /* right-to-left mark and Arabic letter mark: banned by RFC 3987 4.1 */
  CHECK(output_iri_part, "x\xE2\x80\x8Fy\xD8\x9C", "x%E2%80%8Fy%D8%9C");
  CHECK(output_iri_part, "x\ny\x7F", "x%0Ay%7F");
  CHECK(output_iri_part, "bad\xFFutf8\xC3",
        "bad%FFutf8%C3"); /* bytes, not U+FFFD */
  CHECK(output_iri_part, "pua\xEE\x80\x80", "pua%EE%80%80"); /* U+E000 */
  /* dot segments: resolution would remove them (RFC 3986 5.2.4) */
  CHECK(output_iri_part, "../entity/person/joe-biden",
        "%2E%2E/entity/person/joe-biden");
  CHECK(output_iri_part, "a/../../x/./y/..", "a/%2E%2E/%2E%2E/x/%2E/y/%2E%2E");
  CHECK(output_iri_part, ".", "%2E");
  CHECK(output_iri_part, "..", "%2E%2E");
  /* dots that are not a whole segment stay */
  CHECK(output_iri_part, ".../a..b/.c/d./", ".../a..b/.c/d./");
  CHECK(output_iri_part, "", "");
  CHECK(output_iri_part, "/", "/");
}

static void csv_safe(void **state) {
  (void)state;
  CHECK(output_csv_field_safe, "=SUM(A1)", "\"'=SUM(A1)\"");
  CHECK(output_csv_field_safe, "+1", "\"'+1\"");
  CHECK(output_csv_field_safe, "-1\"x", "\"'-1\"\"x\"");
  CHECK(output_csv_field_safe, "@cmd", "\"'@cmd\"");
  CHECK(output_csv_field_safe, "\tx", "\"'\tx\"");
  CHECK(output_csv_field_safe, "a=b", "\"a=b\"");
  CHECK(output_csv_field_safe, "", "\"\"");
}

static void iri_usable(void **state) {
  (void)state;
  assert_true(output_iri_usable("https://example.org/rawi/"));
  assert_true(output_iri_usable("urn:news:"));
  assert_true(output_iri_usable("https://مثال.example/أخبار/"));
  assert_false(output_iri_usable("not an iri"));
  assert_false(output_iri_usable("http://x/a b"));
  assert_false(output_iri_usable("http://x/<a>"));
  assert_false(output_iri_usable("1http://x/"));
  assert_false(output_iri_usable(""));
}

static void rdf(void **state) {
  (void)state;
  CHECK(output_rdf_string, "بلينكن", "\"بلينكن\"");
  CHECK(output_rdf_string, "a\"b\\c\nd\re\tf", "\"a\\\"b\\\\c\\nd\\re\\tf\"");
  CHECK(output_rdf_string, "x\x01y\xE2\x80\xAEz", "\"x\\u0001y\\u202Ez\"");
  CHECK(output_rdf_string, "bad\xFF", "\"bad\xEF\xBF\xBD\"");
}

static void csv(void **state) {
  (void)state;
  CHECK(output_csv_field, "plain", "\"plain\"");
  CHECK(output_csv_field, "say \"hi\", then\nleave",
        "\"say \"\"hi\"\", then\nleave\"");
  CHECK(output_csv_field, "nul\0byte",
        "\"nul\xEF\xBF\xBD"
        "byte\"");
  CHECK(output_csv_field, "", "\"\"");
}

static void html(void **state) {
  (void)state;
  CHECK(output_html_text, "<script>alert('x')</script> & \"",
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;");
  /* a right-to-left override and an isolate cannot reorder the page; the
   * marks Arabic text uses (RLM, ALM) stay */
  CHECK(output_html_text, "بلينكن\u202Eتقرير\u2067x",
        "بلينكن\uFFFDتقرير\uFFFDx");
  CHECK(output_html_text, "سوريا\u200F\u061C", "سوريا\u200F\u061C");
  /* NUL and other C0 controls go, line breaks and tabs stay; bad UTF-8
   * becomes U+FFFD */
  CHECK(output_html_text,
        "a\0b\x01"
        "c\td\ne\xff",
        "a\uFFFDb\uFFFDc\td\ne\uFFFD");
}

static void cypher(void **state) {
  (void)state;
  CHECK(neo4j, "O'Neil \\ \"x\"", "'O\\'Neil \\\\ \"x\"'");
  CHECK(neo4j, "line\nbreak\r\t", "'line\\nbreak\\r\\t'");
  CHECK(neo4j, "rtl\xE2\x80\x8Foverride\xE2\x80\xAE",
        "'rtl\\u200Foverride\\u202E'");
  CHECK(neo4j, "ls\xE2\x80\xA8nel\xC2\x85", "'ls\\u2028nel\\u0085'");
  /* Kùzu reads only \\ and \' back: the rest stays raw, still inside quotes */
  CHECK(kuzu, "O'Neil \\", "'O\\'Neil \\\\'");
  CHECK(kuzu, "line\nbreak\xE2\x80\x8F", "'line\nbreak\xE2\x80\x8F'");
  CHECK(kuzu, "bad\xFF", "'bad\xEF\xBF\xBD'");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(iri),      cmocka_unit_test(iri_usable),
      cmocka_unit_test(csv_safe), cmocka_unit_test(rdf),
      cmocka_unit_test(csv),      cmocka_unit_test(cypher),
      cmocka_unit_test(html),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
