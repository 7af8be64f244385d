/* The public API's contracts: ownership, errors, allocation failure,
 * threads sharing one model. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "../helpers.h"

static void test_free_null(void **state) {
  (void)state;
  rawi_config_free(NULL);
  rawi_model_free(NULL);
  rawi_session_free(NULL);
  rawi_doc_free(NULL);
}

static void test_version_and_errors(void **state) {
  (void)state;
  assert_string_equal(rawi_version(), RAWI_VERSION_STRING);
  assert_string_equal(rawi_strerror(RAWI_OK), "no error");
  assert_string_equal(rawi_strerror(RAWI_ERR_NOMEM), "out of memory");
  assert_string_equal(rawi_strerror(RAWI_ERR_UTF8), "invalid utf-8");
  assert_string_equal(rawi_strerror(12345), "unknown error");
}

static void test_invalid_arguments(void **state) {
  (void)state;
  rawi_error err;
  rawi_doc *doc;
  assert_int_equal(rawi_analyze(NULL, "x", 1, &doc, &err), RAWI_ERR_INVALID);
  assert_int_equal(err.code, RAWI_ERR_INVALID);
  assert_null(rawi_session_new(NULL, &err));
  assert_int_equal(err.code, RAWI_ERR_INVALID);
  assert_string_equal(err.message, "no model given");
  assert_int_equal(rawi_config_set_tokenizer(NULL, RAWI_TOKENIZER_FAST),
                   RAWI_ERR_INVALID);
  rawi_config *cfg = rawi_config_new();
  assert_int_equal(rawi_config_set_tokenizer(cfg, (rawi_tokenizer)7),
                   RAWI_ERR_INVALID);
  rawi_allocator half = {NULL, NULL, NULL};
  assert_int_equal(rawi_config_set_allocator(cfg, &half), RAWI_ERR_INVALID);
  rawi_config_free(cfg);
  assert_int_equal(rawi_doc_token_count(NULL), 0);
  rawi_token t;
  assert_int_equal(rawi_doc_token(NULL, 0, &t), RAWI_ERR_INVALID);
}

static void test_doc_outlives_session(void **state) {
  (void)state;
  fixture f;
  assert_int_equal(fixture_open(&f, RAWI_TOKENIZER_FAST), 0);
  rawi_doc *doc;
  assert_int_equal(rawi_analyze(f.session, "الرئيس بيترو", 23, &doc, NULL), 0);
  rawi_session_free(f.session);
  rawi_token t;
  assert_int_equal(rawi_doc_token(doc, 1, &t), RAWI_OK);
  assert_string_equal(t.norm, "بيترو");
  rawi_doc_free(doc);
  rawi_model_free(f.model);
}

/* Build a model (from pack, or with none), a session, and analyse text
 * (no pack) or extract it (a pack), everything from allocator a; returns
 * the status of the first failure, and on success *relations gets the
 * number of edges found. */
static int run_once(const rawi_allocator *a, const char *pack, const char *text,
                    size_t *relations, rawi_error *err) {
  rawi_config *cfg = test_config();
  rawi_config_set_allocator(cfg, a);
  rawi_config_set_pack_dir(cfg, pack);
  rawi_model *m = rawi_model_new(cfg, err);
  rawi_config_free(cfg);
  rawi_session *s = m ? rawi_session_new(m, err) : NULL;
  rawi_doc *doc = NULL;
  int rc = !s     ? err->code
           : pack ? rawi_extract(s, text, strlen(text), RAWI_LANG_AR, &doc, err)
                  : rawi_analyze(s, text, strlen(text), &doc, err);
  *relations = rawi_doc_relation_count(doc);
  rawi_doc_free(doc);
  rawi_session_free(s);
  rawi_model_free(m);
  return rc;
}

/* Fail each allocation of run_once in turn: every failure gives
 * RAWI_ERR_NOMEM and leaks nothing; returns how many there were. */
static int fail_each(const char *pack, const char *text, size_t relations) {
  int failures = 0;
  for (long k = 1;; k++) {
    failing f = {0, k, 0};
    rawi_allocator a = {failing_realloc, failing_free, &f};
    rawi_error err;
    size_t found;
    int rc = run_once(&a, pack, text, &found, &err);
    if (f.live != 0)
      fail_msg("allocation %ld failing left %ld blocks live", k, f.live);
    if (f.calls < k) { /* nothing left to fail */
      assert_int_equal(rc, RAWI_OK);
      assert_int_equal(found, relations);
      return failures;
    }
    if (rc != RAWI_ERR_NOMEM || err.code != RAWI_ERR_NOMEM)
      fail_msg("allocation %ld failing gave %d: %s", k, rc, err.message);
    failures++;
  }
}

/* The text stage alone. */
static void test_allocation_failures(void **state) {
  (void)state;
  const char *text = "وقال وزير الخارجية للصحافيين «سنعود» ﻻ U.S. Straße.";
  assert_true(fail_each(NULL, text, 0) >= 5);
}

/* A whole extraction with a small pack (a list, an entity rule with a
 * macro and a class, two relation rules): loading the pack, PCRE2's
 * compiling and matching, resolution and relations fail in turn. */
static void test_allocation_failures_pack(void **state) {
  (void)state;
  const char *text = "جو بايدن التقى كير ستارمر في لندن. "
                     "ووصل الرئيس أحمد سالم إلى بريطانيا.";
  assert_true(fail_each(RAWI_TEST_DATA "/minipack", text, 2) >= 100);
}

/* Extraction with the shipped packs, every rule of both languages: the
 * model is built once with nothing failing (failing it at each of its
 * allocations would take hours), then each allocation of a session and of
 * extracting an Arabic and an English document fails in turn. */
static int extract_both(const rawi_model *m, size_t *relations,
                        rawi_error *err) {
  static const char *const texts[] = {
      "والتقى الرئيس الفرنسي إيمانويل ماكرون المستشار الألماني أولاف شولتس "
      "في برلين، ثم وصل إلى روما.",
      "President Joe Biden met Prime Minister Keir Starmer in London. "
      "Starmer lives in London."};
  rawi_session *s = rawi_session_new(m, err);
  int rc = s ? RAWI_OK : err->code;
  *relations = 0;
  for (int i = 0; i < 2 && rc == RAWI_OK; i++) {
    rawi_doc *doc = NULL;
    rc = rawi_extract(s, texts[i], strlen(texts[i]), RAWI_LANG_AUTO, &doc, err);
    *relations += rawi_doc_relation_count(doc);
    rawi_doc_free(doc);
  }
  rawi_session_free(s);
  return rc;
}

static void test_allocation_failures_shipped(void **state) {
  (void)state;
  failing f;
  rawi_allocator a;
  rawi_model *m = failing_model(&f, &a, RAWI_PACK_DIR);
  assert_non_null(m);
  long model_blocks = f.live, k;
  for (k = 1;; k++) {
    f.calls = 0;
    f.fail_at = k;
    rawi_error err;
    size_t relations;
    int rc = extract_both(m, &relations, &err);
    if (f.live != model_blocks)
      fail_msg("allocation %ld failing left %ld blocks live", k,
               f.live - model_blocks);
    if (f.calls < k) {
      assert_int_equal(rc, RAWI_OK);
      assert_true(relations >= 3);
      break;
    }
    if (rc != RAWI_ERR_NOMEM || err.code != RAWI_ERR_NOMEM)
      fail_msg("allocation %ld failing gave %d: %s", k, rc, err.message);
  }
  assert_true(k > 50);
  rawi_model_free(m);
  assert_int_equal(f.live, 0);
}

/* A document is matched against at most 64 lists, its language's pack
 * included: the list beyond is refused by name, not left out. */
static rawi_model *model_with_lists(size_t n_every, size_t n_one,
                                    rawi_lang lang, rawi_error *err) {
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, RAWI_TEST_DATA "/minipack"); /* ar only */
  for (size_t i = 0; i < n_every + n_one; i++)
    rawi_config_add_gazetteer_lang(cfg, RAWI_TEST_DATA "/gazetteer/news.tsv",
                                   i < n_every ? RAWI_LANG_AUTO : lang);
  rawi_model *m = rawi_model_new(cfg, err);
  rawi_config_free(cfg);
  return m;
}

static void test_too_many_lists(void **state) {
  (void)state;
  rawi_error err;
  /* Arabic: the pack and 63 lists; English (no pack): 64 lists */
  rawi_model *m = model_with_lists(63, 1, RAWI_LANG_EN, &err);
  if (!m)
    fail_msg("64 lists: %s", err.message);
  rawi_model_free(m);
  /* a 64th list for Arabic documents makes 65 */
  assert_null(model_with_lists(63, 1, RAWI_LANG_AR, &err));
  assert_int_equal(err.code, RAWI_ERR_LIMIT);
  assert_string_equal(err.file, RAWI_TEST_DATA "/gazetteer/news.tsv");
  assert_string_equal(err.message, "too many gazetteers for ar documents: at "
                                   "most 64, the pack's included");
  assert_null(model_with_lists(64, 0, RAWI_LANG_AUTO, &err));
  assert_int_equal(err.code, RAWI_ERR_LIMIT);
  /* 65 for English documents, 64 for Arabic ones */
  assert_null(model_with_lists(63, 2, RAWI_LANG_EN, &err));
  assert_int_equal(err.code, RAWI_ERR_LIMIT);
  assert_string_equal(err.message, "too many gazetteers for en documents: at "
                                   "most 64, the pack's included");
}

/* Eight threads share one model, each with its own session, and get the
 * results a single thread gets. */
typedef struct job {
  const rawi_model *model;
  const char *text;
  char result[4096];
} job;

static void describe(const rawi_doc *doc, char *out, size_t cap) {
  size_t n = (size_t)snprintf(out, cap, "%zu:", rawi_doc_sentence_count(doc));
  for (size_t i = 0; i < rawi_doc_token_count(doc) && n < cap; i++) {
    rawi_token t;
    rawi_doc_token(doc, i, &t);
    n += (size_t)snprintf(out + n, cap - n, "%s/%zu/%zu ", t.norm, t.span.start,
                          t.reading_count);
  }
}

static void *run_job(void *arg) {
  job *j = arg;
  rawi_session *s = rawi_session_new(j->model, NULL);
  for (int round = 0; round < 50; round++) {
    rawi_doc *doc = NULL;
    if (rawi_analyze(s, j->text, strlen(j->text), &doc, NULL) == RAWI_OK)
      describe(doc, j->result, sizeof j->result);
    rawi_doc_free(doc);
  }
  rawi_session_free(s);
  return NULL;
}

static void test_threads_share_model(void **state) {
  (void)state;
  static const char *const texts[] = {
      "التقى بلينكن بالرئيس بيترو في بوغوتا.",
      "وصرح المتحدث باسم البنتاغون للصحافيين بأن الزيارة مهمة.",
      "Blinken met President Boric in Santiago on Wednesday.",
      "وأكد رئيس الوزراء للمالكي أن «الحوار مستمر».",
  };
  rawi_config *cfg = test_config(); /* the text stage only */
  rawi_model *m = rawi_model_new(cfg, NULL);
  rawi_config_free(cfg);
  assert_non_null(m);
  job jobs[8];
  pthread_t th[8];
  for (int i = 0; i < 8; i++) {
    jobs[i] = (job){.model = m, .text = texts[i % 4]};
    assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
  }
  for (int i = 0; i < 8; i++)
    pthread_join(th[i], NULL);
  rawi_session *s = rawi_session_new(m, NULL);
  for (int i = 0; i < 8; i++) {
    rawi_doc *doc;
    assert_int_equal(
        rawi_analyze(s, texts[i % 4], strlen(texts[i % 4]), &doc, NULL), 0);
    char single[4096];
    describe(doc, single, sizeof single);
    assert_string_equal(jobs[i].result, single);
    rawi_doc_free(doc);
  }
  rawi_session_free(s);
  rawi_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_free_null),
      cmocka_unit_test(test_version_and_errors),
      cmocka_unit_test(test_invalid_arguments),
      cmocka_unit_test(test_doc_outlives_session),
      cmocka_unit_test(test_allocation_failures),
      cmocka_unit_test(test_allocation_failures_pack),
      cmocka_unit_test(test_allocation_failures_shipped),
      cmocka_unit_test(test_too_many_lists),
      cmocka_unit_test(test_threads_share_model),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
