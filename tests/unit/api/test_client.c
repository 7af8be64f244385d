/* What `rawi check` and `rawi compile` do, through the public header
 * only: running rule examples, compiling lists into an image; and the
 * contracts every library user relies on: structs filled up to the
 * caller's size, language names. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../helpers.h"

#define MINIPACK RAWI_TEST_DATA "/minipack"

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f || fputs(text, f) < 0 || fclose(f))
    fail_msg("cannot write %s", path);
}

/* Extract text with f's session; fails the test on error. */
static rawi_doc *extract(fixture *f, const char *text) {
  rawi_doc *doc = NULL;
  rawi_error err;
  if (rawi_extract(f->session, text, strlen(text), RAWI_LANG_AUTO, &doc, &err))
    fail_msg("rawi_extract: %s", err.message);
  return doc;
}

/* --- rule examples ------------------------------------------------- */

typedef struct seen {
  size_t calls, passed;
  char failures[2048];
  size_t n;
  int views; /* a failed relation example came with its views */
} seen;

static int on_example(void *ctx, const rawi_example *ex) {
  seen *s = ctx;
  s->calls++;
  if (ex->passed) {
    s->passed++;
    return 0;
  }
  s->n +=
      (size_t)snprintf(s->failures + s->n, sizeof s->failures - s->n,
                       "%s:%lu %s %s [%s]\n", ex->rule_file, ex->line, ex->rule,
                       ex->negative ? "counter" : "example", ex->produced);
  if (ex->relation && ex->doc)
    for (size_t i = 0; i < rawi_doc_sentence_count(ex->doc); i++)
      s->views += rawi_doc_sentence_view(ex->doc, i) != NULL;
  return 0;
}

/* The minipack's examples pass; a user file adds an example that fails,
 * a counter-example that fails and one that holds. */
static void test_run_examples(void **state) {
  (void)state;
  char dir[] = "/tmp/rawi-test-client-XXXXXX", path[64];
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/mine.rules", dir);
  write_file(path, "rule mine.title\n"
                   "  type: PERSON\n"
                   "  pattern: @TITLE (?<name>سامي نور)\n"
                   "  example: قال الرئيس سامي نور => سامي نور\n"
                   "  example: قال الوزير هادي نجم => هادي نجم\n"
                   "  counter: قال الرئيس سامي نور => سامي نور\n"
                   "  counter: قال الرئيس كمال => كمال\n"
                   "\n"
                   "rule mine.meet\n"
                   "  relation: met_with\n"
                   "  pattern: (?<subject>@PERSON) زار (?<object>@PERSON)\n"
                   "  example: جو بايدن قابل كير ستارمر => جو بايدن -> كير "
                   "ستارمر\n");
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, MINIPACK);
  rawi_config_add_rules_lang(cfg, path, RAWI_LANG_AR);
  rawi_config_set_explain(cfg, 1);
  fixture f = {0};
  assert_int_equal(fixture_from(&f, cfg), 0);
  seen s = {0};
  rawi_example_counts n;
  rawi_error err;
  assert_int_equal(rawi_run_examples(f.session, on_example, &s, &n, &err),
                   RAWI_OK);
  assert_int_equal(n.rules, 5);    /* the pack's three, the file's two */
  assert_int_equal(n.examples, 7); /* visit.verb has none */
  assert_int_equal(n.failed, 3);
  assert_int_equal(s.calls, 7);
  assert_int_equal(s.passed, 4);
  snprintf(path, sizeof path, "%s/mine.rules", dir);
  char want[1024];
  snprintf(want, sizeof want,
           "%s:5 mine.title example []\n"
           "%s:6 mine.title counter ['سامي نور']\n"
           "%s:12 mine.meet example []\n",
           path, path, path);
  assert_string_equal(s.failures, want);
  assert_int_equal(s.views, 1); /* the relation rule's sentence, as seen */
  /* no totals wanted; a callback's non-zero return stops the run */
  assert_int_equal(
      rawi_run_examples_sized(f.session, on_example, &s, NULL, 0, NULL),
      RAWI_OK);
  assert_int_equal(rawi_run_examples(NULL, on_example, &s, &n, &err),
                   RAWI_ERR_INVALID);
  fixture_close(&f);
  unlink(path);
  rmdir(dir);
}

static int stop_at_first(void *ctx, const rawi_example *ex) {
  (void)ex;
  ++*(int *)ctx;
  return 42;
}

static void test_run_examples_stops(void **state) {
  (void)state;
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, MINIPACK);
  fixture f = {0};
  assert_int_equal(fixture_from(&f, cfg), 0);
  int calls = 0;
  rawi_example_counts n;
  assert_int_equal(
      rawi_run_examples(f.session, stop_at_first, &calls, &n, NULL), 42);
  assert_int_equal(calls, 1);
  assert_int_equal(n.examples, 1);
  assert_int_equal(n.failed, 0);
  fixture_close(&f);
}

/* --- compiling lists ------------------------------------------------ */

typedef struct bad_lines {
  size_t n;
  char last[600];
} bad_lines;

static void on_bad_line(void *ctx, const rawi_error *e) {
  bad_lines *b = ctx;
  b->n++;
  snprintf(b->last, sizeof b->last, "%s:%lu:%lu: %s", e->file, e->line,
           e->column, e->message);
}

static const char list[] = "# a list for the compiler test\n"
                           "سامي نور\tPERSON\tperson/sami-nour\n"
                           "وادي الزيتون\tLOCATION\tlocation/olive-valley\n";

static void test_compile_and_map(void **state) {
  (void)state;
  char dir[] = "/tmp/rawi-test-client-XXXXXX", img[64];
  assert_non_null(mkdtemp(dir));
  snprintf(img, sizeof img, "%s/mine.img", dir);
  rawi_error err;
  rawi_compiler *c = rawi_compiler_new(NULL, &err);
  assert_non_null(c);
  assert_int_equal(
      rawi_compiler_add_list(c, "mine.tsv", list, sizeof list - 1, &err),
      RAWI_OK);
  rawi_image_stats st;
  assert_int_equal(rawi_compiler_write(c, img, &st, &err), RAWI_OK);
  /* the two lines and the person's family name (نور) */
  assert_int_equal(st.entries, 3);
  assert_int_equal(st.entities, 2);
  assert_int_equal(st.words, 4);
  assert_int_equal(st.nodes, 6);
  assert_int_equal(st.bytes, 384); /* as `rawi compile` reports it */
  /* an image is written once */
  assert_int_equal(rawi_compiler_write(c, img, &st, &err), RAWI_ERR_INVALID);
  assert_int_equal(rawi_compiler_add_list(c, "x.tsv", "", 0, &err),
                   RAWI_ERR_INVALID);
  rawi_compiler_free(c);

  /* the image is a user list like any other (its sources are not at
   * hand under that name, so it is not checked for staleness) */
  rawi_config *cfg = test_config();
  rawi_config_add_gazetteer(cfg, img);
  fixture f = {0};
  assert_int_equal(fixture_from(&f, cfg), 0);
  rawi_doc *doc = extract(&f, "وصل سامي نور إلى وادي الزيتون.");
  assert_int_equal(rawi_doc_entity_count(doc), 2);
  rawi_entity e;
  assert_int_equal(rawi_doc_entity(doc, 0, &e), RAWI_OK);
  assert_string_equal(e.id, "person/sami-nour");
  assert_int_equal(rawi_doc_entity(doc, 1, &e), RAWI_OK);
  assert_string_equal(e.id, "location/olive-valley");
  rawi_doc_free(doc);
  fixture_close(&f);
  unlink(img);
  rmdir(dir);
}

static const char bad[] = "سامي نور\tPERSON\tperson/sami-nour\n"
                          "هادي\tNOT_A_TYPE\tperson/hadi\n";

static void test_compile_bad_lines(void **state) {
  (void)state;
  bad_lines b = {0};
  rawi_config *cfg = rawi_config_new();
  rawi_config_set_lenient(cfg, 0, on_bad_line, &b);
  rawi_error err;
  rawi_compiler *c = rawi_compiler_new(cfg, &err);
  rawi_config_free(cfg); /* the compiler keeps what it needs */
  assert_int_equal(
      rawi_compiler_add_list(c, "bad.tsv", bad, sizeof bad - 1, &err),
      RAWI_ERR_FORMAT);
  assert_int_equal(b.n, 1);
  assert_string_equal(err.file, "bad.tsv");
  assert_int_equal(err.line, 2);
  assert_true(strncmp(b.last, "bad.tsv:2:", 10) == 0);
  rawi_compiler_free(c);

  /* lenient: reported, skipped, the rest compiles */
  b.n = 0;
  cfg = rawi_config_new();
  rawi_config_set_lenient(cfg, 1, on_bad_line, &b);
  c = rawi_compiler_new(cfg, &err);
  rawi_config_free(cfg);
  assert_int_equal(
      rawi_compiler_add_list(c, "bad.tsv", bad, sizeof bad - 1, &err), RAWI_OK);
  assert_int_equal(b.n, 1);
  char dir[] = "/tmp/rawi-test-client-XXXXXX", img[64];
  assert_non_null(mkdtemp(dir));
  snprintf(img, sizeof img, "%s/lenient.img", dir);
  rawi_image_stats st;
  assert_int_equal(rawi_compiler_write(c, img, &st, &err), RAWI_OK);
  assert_int_equal(st.entries, 2); /* the good line and its family name */
  rawi_compiler_free(c);
  /* a directory that cannot hold the file names it */
  c = rawi_compiler_new(NULL, &err);
  rawi_compiler_add_list(c, "ok.tsv", list, sizeof list - 1, &err);
  assert_int_equal(
      rawi_compiler_write_sized(c, "/nonexistent-dir/x.img", NULL, 0, &err),
      RAWI_ERR_IO);
  assert_string_equal(err.file, "/nonexistent-dir/x.img");
  assert_string_equal(err.message, "cannot write: No such file or directory");
  rawi_compiler_free(c);
  rawi_compiler_free(NULL);
  unlink(img);
  rmdir(dir);
}

/* Compile with allocator a: the status of the first failure. */
static int compile_once(const rawi_allocator *a, const char *img) {
  rawi_config *cfg = rawi_config_new();
  rawi_config_set_allocator(cfg, a);
  rawi_error err;
  rawi_compiler *c = rawi_compiler_new(cfg, &err);
  rawi_config_free(cfg);
  int rc =
      c ? rawi_compiler_add_list(c, "mine.tsv", list, sizeof list - 1, &err)
        : err.code;
  rawi_image_stats st;
  if (rc == RAWI_OK)
    rc = rawi_compiler_write(c, img, &st, &err);
  rawi_compiler_free(c);
  if (rc && rc != err.code)
    fail_msg("status %d, error struct %d: %s", rc, err.code, err.message);
  return rc;
}

/* Every allocation of compiling fails in turn: RAWI_ERR_NOMEM, nothing
 * leaked, no image left behind. */
static void test_compile_allocation_failures(void **state) {
  (void)state;
  char dir[] = "/tmp/rawi-test-client-XXXXXX", img[64];
  assert_non_null(mkdtemp(dir));
  snprintf(img, sizeof img, "%s/mine.img", dir);
  long k;
  for (k = 1;; k++) {
    failing f = {0, k, 0};
    rawi_allocator a = {failing_realloc, failing_free, &f};
    int rc = compile_once(&a, img);
    if (f.live != 0)
      fail_msg("allocation %ld failing left %ld blocks live", k, f.live);
    if (f.calls < k) { /* nothing left to fail */
      assert_int_equal(rc, RAWI_OK);
      break;
    }
    if (rc != RAWI_ERR_NOMEM)
      fail_msg("allocation %ld failing gave %d", k, rc);
    assert_int_equal(access(img, F_OK), -1);
  }
  assert_true(k > 10);
  unlink(img);
  rmdir(dir);
}

static int count_example(void *ctx, const rawi_example *ex) {
  (void)ex;
  ++*(size_t *)ctx;
  return 0;
}

/* Every allocation of running the minipack's examples fails in turn (the
 * model is built first, nothing failing): each example whose extraction
 * failed is reported as failed with its error, and nothing leaks. */
static void test_examples_allocation_failures(void **state) {
  (void)state;
  failing f;
  rawi_allocator a;
  rawi_model *m = failing_model(&f, &a, MINIPACK);
  assert_non_null(m);
  long model_blocks = f.live, k;
  for (k = 1;; k++) {
    f.calls = 0;
    f.fail_at = k;
    rawi_session *s = rawi_session_new(m, NULL);
    int made = s != NULL;
    size_t calls = 0;
    rawi_example_counts n = {0};
    int rc = s ? rawi_run_examples(s, count_example, &calls, &n, NULL)
               : RAWI_ERR_NOMEM;
    rawi_session_free(s);
    if (f.live != model_blocks)
      fail_msg("allocation %ld failing left %ld blocks live", k,
               f.live - model_blocks);
    assert_int_equal(rc, made ? RAWI_OK : RAWI_ERR_NOMEM);
    if (f.calls < k) {
      assert_int_equal(n.failed, 0);
      assert_int_equal(n.examples, 2);
      break;
    }
    if (made)
      assert_int_equal(calls, n.examples);
  }
  assert_true(k > 20);
  rawi_model_free(m);
  assert_int_equal(f.live, 0);
}

/* --- structs filled up to the caller's size ------------------------- */

/* A caller compiled when rawi_entity ended before mention_count gets the
 * fields it knows and nothing written past them. */
static void test_older_smaller_structs(void **state) {
  (void)state;
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, MINIPACK);
  fixture f = {0};
  assert_int_equal(fixture_from(&f, cfg), 0);
  rawi_doc *doc = extract(&f, "جو بايدن التقى كير ستارمر في لندن.");
  struct {
    rawi_entity e;
    unsigned char guard[16];
  } old;
  memset(&old, 0xAB, sizeof old);
  size_t size = offsetof(rawi_entity, mention_count);
  assert_int_equal(rawi_doc_entity_sized(doc, 0, &old.e, size), RAWI_OK);
  assert_string_equal(old.e.id, "person/joe-biden");
  assert_string_equal(old.e.type, "PERSON");
  unsigned char *tail = (unsigned char *)&old.e + size;
  for (size_t i = 0; i < sizeof old - size; i++)
    assert_int_equal(tail[i], 0xAB);
  assert_int_equal(rawi_doc_entity_sized(doc, 0, &old.e, 0), RAWI_ERR_INVALID);

  /* every filled struct keeps to the size given */
  struct {
    rawi_relation r;
    unsigned char guard[16];
  } rel;
  memset(&rel, 0xCD, sizeof rel);
  size = offsetof(rawi_relation, confidence);
  assert_int_equal(rawi_doc_relation_count(doc), 1);
  assert_int_equal(rawi_doc_relation_sized(doc, 0, &rel.r, size), RAWI_OK);
  assert_string_equal(rel.r.predicate, "met_with");
  assert_int_equal(((unsigned char *)&rel.r)[size], 0xCD);
  rawi_token t;
  memset(&t, 0xEE, sizeof t);
  size = offsetof(rawi_token, norm);
  assert_int_equal(rawi_doc_token_sized(doc, 0, &t, size), RAWI_OK);
  assert_int_equal(t.text_len, strlen("جو"));
  assert_int_equal(((unsigned char *)&t)[size], 0xEE);
  rawi_mention m;
  rawi_candidate cand;
  rawi_sentence sen;
  rawi_reading sp;
  assert_int_equal(rawi_doc_mention_sized(doc, 0, 0, &m, sizeof m.span),
                   RAWI_OK);
  assert_int_equal(m.span.start, 0);
  assert_int_equal(rawi_doc_candidate_sized(doc, 0, &cand, 0),
                   RAWI_ERR_INVALID);
  assert_int_equal(rawi_doc_sentence_sized(doc, 0, &sen, sizeof sen.span),
                   RAWI_OK);
  assert_int_equal(rawi_doc_reading_sized(doc, 0, 0, &sp, 0), RAWI_ERR_INVALID);
  rawi_doc_free(doc);
  fixture_close(&f);
}

/* --- languages ------------------------------------------------------ */

static void test_lang_names(void **state) {
  (void)state;
  rawi_lang l = RAWI_LANG_AUTO;
  assert_int_equal(rawi_lang_from_name("ar", &l), RAWI_OK);
  assert_int_equal(l, RAWI_LANG_AR);
  assert_int_equal(rawi_lang_from_name("en", &l), RAWI_OK);
  assert_int_equal(l, RAWI_LANG_EN);
  assert_int_equal(rawi_lang_from_name("auto", &l), RAWI_OK);
  assert_int_equal(l, RAWI_LANG_AUTO);
  assert_int_equal(rawi_lang_from_name("fr", &l), RAWI_ERR_INVALID);
  assert_int_equal(rawi_lang_from_name(NULL, &l), RAWI_ERR_INVALID);
  for (int i = RAWI_LANG_AUTO; i <= RAWI_LANG_EN; i++) {
    assert_int_equal(rawi_lang_from_name(rawi_lang_name((rawi_lang)i), &l),
                     RAWI_OK);
    assert_int_equal(l, i);
  }
  assert_string_equal(rawi_lang_name((rawi_lang)9), "auto");
}

/* Detection: the language with more letters; English on a tie. */
static void test_detection(void **state) {
  fixture *f = *state;
  static const struct {
    const char *text;
    rawi_lang want;
  } cases[] = {
      {"وصل الوفد", RAWI_LANG_AR}, {"The delegation arrived", RAWI_LANG_EN},
      {"", RAWI_LANG_EN},          {"2026 !", RAWI_LANG_EN},
      {"قال ab", RAWI_LANG_AR},    /* three letters to two */
      {"ab قا cd", RAWI_LANG_EN},  /* two to four */
      {"abcd قاله", RAWI_LANG_EN}, /* a tie */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rawi_doc *doc;
    const char *t = cases[i].text;
    assert_int_equal(
        rawi_extract(f->session, t, strlen(t), RAWI_LANG_AUTO, &doc, NULL),
        RAWI_OK);
    if (rawi_doc_lang(doc) != cases[i].want)
      fail_msg("%s: detected %s", t, rawi_lang_name(rawi_doc_lang(doc)));
    rawi_doc_free(doc);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_run_examples),
      cmocka_unit_test(test_run_examples_stops),
      cmocka_unit_test(test_compile_and_map),
      cmocka_unit_test(test_compile_bad_lines),
      cmocka_unit_test(test_compile_allocation_failures),
      cmocka_unit_test(test_examples_allocation_failures),
      cmocka_unit_test(test_older_smaller_structs),
      cmocka_unit_test(test_lang_names),
      cmocka_unit_test_setup_teardown(test_detection, fixture_setup,
                                      fixture_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
