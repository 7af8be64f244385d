/* The defaults of the API (the shipped packs without a config), per-language
 * user lists and rules, and the writers as API (rawi_write). */
#include <stdio.h>
#include <stdlib.h>

#include "../helpers.h"

/* A rawi_write_fn that keeps a copy of what it is given. */
typedef struct collected {
  char data[65536];
  size_t len;
  int calls;
} collected;

static int collect(void *ctx, const char *data, size_t len) {
  collected *c = ctx;
  c->calls++;
  if (c->len + len >= sizeof c->data)
    return -42;
  memcpy(c->data + c->len, data, len);
  c->len += len;
  c->data[c->len] = '\0';
  return 0;
}

static rawi_doc *extract(rawi_model *m, const char *text, rawi_lang lang) {
  rawi_session *s = rawi_session_new(m, NULL);
  rawi_doc *doc = NULL;
  rawi_error err;
  if (rawi_extract(s, text, strlen(text), lang, &doc, &err))
    fail_msg("rawi_extract: %s", err.message);
  rawi_session_free(s);
  return doc;
}

static int has_entity(const rawi_doc *doc, const char *id) {
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    if (!strcmp(e.id, id))
      return 1;
  }
  return 0;
}

/* In the build tree the packs are the source tree's; RAWI_PACK wins. */
static void test_default_pack_dir(void **state) {
  (void)state;
  char want[4096];
  snprintf(want, sizeof want, "%s", RAWI_PACK_DIR);
  assert_string_equal(rawi_default_pack_dir(), want);
  setenv("RAWI_PACK", "/nonexistent/rawi-pack", 1);
  assert_string_equal(rawi_default_pack_dir(), "/nonexistent/rawi-pack");
  rawi_error err;
  assert_null(rawi_model_new(NULL, &err));
  assert_int_equal(err.code, RAWI_ERR_IO);
  assert_string_equal(err.file, "/nonexistent/rawi-pack");
  assert_string_equal(err.message, "pack directory not found");
  unsetenv("RAWI_PACK");
  assert_string_equal(rawi_default_pack_dir(), want);
}

/* No config: the shipped lists and rules are loaded, not nothing. */
static void test_model_without_config(void **state) {
  (void)state;
  if (getenv("RAWI_TEST_NO_JIT"))
    skip(); /* the defaults use PCRE2's JIT, which valgrind cannot follow */
  rawi_error err;
  rawi_model *m = rawi_model_new(NULL, &err);
  assert_non_null(m);
  rawi_doc *doc = extract(m, "وصل الوزير إلى العراق أمس.", RAWI_LANG_AUTO);
  assert_true(has_entity(doc, "country/iq"));
  rawi_doc_free(doc);
  rawi_model_free(m);
}

static rawi_model *model_with(const char *list, rawi_lang list_lang,
                              const char *rules, rawi_lang rules_lang) {
  rawi_config *cfg = test_config();
  if (list)
    assert_int_equal(rawi_config_add_gazetteer_lang(cfg, list, list_lang), 0);
  if (rules)
    assert_int_equal(rawi_config_add_rules_lang(cfg, rules, rules_lang), 0);
  rawi_error err;
  rawi_model *m = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!m)
    fail_msg("model: %s:%lu: %s", err.file, err.line, err.message);
  return m;
}

static void test_list_for_one_language(void **state) {
  (void)state;
  const char *list = RAWI_TEST_DATA "/lang/en-places.tsv";
  const char *text = "They met in Quillmarsh on Monday.";
  rawi_model *m = model_with(list, RAWI_LANG_EN, NULL, 0);
  rawi_doc *en = extract(m, text, RAWI_LANG_EN);
  rawi_doc *ar = extract(m, text, RAWI_LANG_AR);
  assert_true(has_entity(en, "location/quillmarsh"));
  assert_false(has_entity(ar, "location/quillmarsh"));
  rawi_doc_free(en);
  rawi_doc_free(ar);
  rawi_model_free(m);
  /* the same list for every language */
  m = model_with(list, RAWI_LANG_AUTO, NULL, 0);
  ar = extract(m, text, RAWI_LANG_AR);
  assert_true(has_entity(ar, "location/quillmarsh"));
  rawi_doc_free(ar);
  rawi_model_free(m);
  rawi_config *cfg = rawi_config_new();
  assert_int_equal(rawi_config_add_gazetteer_lang(cfg, list, (rawi_lang)9),
                   RAWI_ERR_INVALID);
  assert_int_equal(rawi_config_add_rules_lang(cfg, NULL, RAWI_LANG_AR),
                   RAWI_ERR_INVALID);
  rawi_config_free(cfg);
}

static void test_rules_for_one_language(void **state) {
  (void)state;
  const char *rules = RAWI_TEST_DATA "/lang/guild.rules";
  const char *text = "A letter from the Guild of Tinkers arrived.";
  rawi_model *m = model_with(NULL, 0, rules, RAWI_LANG_EN);
  rawi_doc *en = extract(m, text, RAWI_LANG_EN);
  rawi_doc *ar = extract(m, text, RAWI_LANG_AR);
  assert_int_equal(rawi_doc_entity_count(en), 1);
  assert_int_equal(rawi_doc_entity_count(ar), 0);
  rawi_doc_free(en);
  rawi_doc_free(ar);
  rawi_model_free(m);
}

/* rawi_write gives what rawi extract writes: checked here for its shape,
 * and byte for byte against the command by tests/python. */
static void test_write_formats(void **state) {
  (void)state;
  const char *list = RAWI_TEST_DATA "/lang/en-places.tsv";
  rawi_model *m = model_with(list, RAWI_LANG_AUTO, NULL, 0);
  rawi_doc *doc = extract(m, "They met in Quillmarsh.", RAWI_LANG_EN);
  rawi_write_options o = {.version = RAWI_WRITE_OPTIONS_VERSION, .id = "doc-1"};
  collected c = {0};
  assert_int_equal(rawi_write(doc, "jsonl", &o, collect, &c, NULL), 0);
  assert_int_equal(c.calls, 1);
  assert_string_equal(
      c.data,
      "{\"id\":\"doc-1\",\"lang\":\"en\",\"entities\":[{\"id\":\"location/"
      "quillmarsh\",\"type\":\"LOCATION\",\"name\":\"Quillmarsh\","
      "\"mentions\":[{\"text\":\"Quillmarsh\",\"norm\":\"quillmarsh\","
      "\"kind\":\"name\",\"start\":12,\"end\":22,\"byte_start\":12,"
      "\"byte_end\":22,\"source\":\"gazetteer:" RAWI_TEST_DATA
      "/lang/en-places.tsv:3\"}]}],\"relations\":[]}\n");
  /* meta passes through; no options: an empty id */
  o.meta = "{\"feed\":\"wire\"}";
  c = (collected){0};
  assert_int_equal(rawi_write(doc, "jsonl", &o, collect, &c, NULL), 0);
  assert_non_null(strstr(c.data, "\"meta\":{\"feed\":\"wire\"}"));
  c = (collected){0};
  assert_int_equal(rawi_write(doc, "jsonl", NULL, collect, &c, NULL), 0);
  assert_memory_equal(c.data, "{\"id\":\"\",", 9);
  /* every per-document format writes something of its own syntax */
  static const char *const formats[][2] = {
      {"conll", "Quillmarsh\tB-LOC"}, /* labels: the default map */
      {"ntriples", "<https://example.org/rawi/"},
      {"turtle", "rawi"},
      {"cypher", "MERGE"},
      {"kuzu", "MERGE"},
      {"html", "Quillmarsh"}};
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
    c = (collected){0};
    assert_int_equal(rawi_write(doc, formats[i][0], &o, collect, &c, NULL), 0);
    if (!strstr(c.data, formats[i][1]))
      fail_msg("%s: no '%s' in: %s", formats[i][0], formats[i][1], c.data);
  }
  /* an id given with its length need not be terminated */
  o = (rawi_write_options){.version = 1, .id = "doc-12345", .id_len = 5};
  c = (collected){0};
  assert_int_equal(rawi_write(doc, "jsonl", &o, collect, &c, NULL), 0);
  assert_memory_equal(c.data, "{\"id\":\"doc-1\",", 14);
  rawi_doc_free(doc);
  rawi_model_free(m);
}

static void test_write_frames_and_errors(void **state) {
  (void)state;
  rawi_model *m = model_with(NULL, 0, NULL, 0);
  rawi_write_options o = {.version = 1, .id = "bad"};
  rawi_error doc_err = {.code = RAWI_ERR_UTF8, .byte_offset = 3};
  snprintf(doc_err.message, sizeof doc_err.message,
           "invalid utf-8 at byte 3: invalid lead byte");
  collected c = {0};
  assert_int_equal(
      rawi_write_error(m, "jsonl", &doc_err, &o, collect, &c, NULL), 0);
  assert_string_equal(c.data,
                      "{\"id\":\"bad\",\"error\":{\"code\":\"invalid_utf8\","
                      "\"message\":\"invalid utf-8 at byte 3: invalid lead "
                      "byte\",\"byte_offset\":3}}\n");
  /* html has a header and a footer; jsonl has neither (fn not called) */
  c = (collected){0};
  assert_int_equal(rawi_write_header(m, "html", NULL, collect, &c, NULL), 0);
  assert_non_null(strstr(c.data, "<!DOCTYPE html>"));
  c = (collected){0};
  assert_int_equal(rawi_write_footer(m, "html", NULL, collect, &c, NULL), 0);
  assert_non_null(strstr(c.data, "</html>"));
  c = (collected){0};
  assert_int_equal(rawi_write_header(m, "jsonl", NULL, collect, &c, NULL), 0);
  assert_int_equal(c.calls, 0);
  rawi_model_free(m);
}

static void test_write_bad_arguments(void **state) {
  (void)state;
  rawi_model *m = model_with(NULL, 0, NULL, 0);
  rawi_doc *doc = extract(m, "Plain words.", RAWI_LANG_EN);
  collected c = {0};
  rawi_error err;
  assert_int_equal(rawi_write(doc, "yaml", NULL, collect, &c, &err),
                   RAWI_ERR_INVALID);
  assert_string_equal(err.message,
                      "unknown format 'yaml' (expected jsonl|conll|ntriples|"
                      "turtle|neo4j|cypher|kuzu|html)");
  assert_int_equal(rawi_write(doc, "neo4j", NULL, collect, &c, &err),
                   RAWI_ERR_INVALID);
  assert_string_equal(err.message, "format 'neo4j' writes a directory of "
                                   "files, not a record");
  rawi_write_options future = {.version = 99};
  assert_int_equal(rawi_write(doc, "jsonl", &future, collect, &c, &err),
                   RAWI_ERR_INVALID);
  assert_string_equal(err.message, "rawi_write_options version 99 is not "
                                   "known (this rawi knows 1 to 1)");
  assert_int_equal(rawi_write(NULL, "jsonl", NULL, collect, &c, &err),
                   RAWI_ERR_INVALID);
  assert_int_equal(rawi_write(doc, "jsonl", NULL, NULL, NULL, &err),
                   RAWI_ERR_INVALID);
  assert_int_equal(c.calls, 0);
  /* the function's own failure comes back */
  c.len = sizeof c.data - 1;
  assert_int_equal(rawi_write(doc, "jsonl", NULL, collect, &c, &err), -42);
  rawi_doc_free(doc);
  rawi_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_pack_dir),
      cmocka_unit_test(test_model_without_config),
      cmocka_unit_test(test_list_for_one_language),
      cmocka_unit_test(test_rules_for_one_language),
      cmocka_unit_test(test_write_formats),
      cmocka_unit_test(test_write_frames_and_errors),
      cmocka_unit_test(test_write_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
