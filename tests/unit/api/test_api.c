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

/* An allocator that fails the k-th call. */
typedef struct failing { long calls, fail_at, live; } failing;

static void *failing_realloc(void *ctx, void *p, size_t n) {
  failing *f = ctx;
  if (++f->calls == f->fail_at)
    return NULL;
  if (!p)
    f->live++;
  return realloc(p, n ? n : 1);
}

static void failing_free(void *ctx, void *p) {
  failing *f = ctx;
  f->live--;
  free(p);
}

/* Every allocation failure gives RAWI_ERR_NOMEM and leaks nothing. */
static void test_allocation_failures(void **state) {
  (void)state;
  const char *text = "وقال وزير الخارجية للصحافيين «سنعود» ﻻ U.S. Straße.";
  int failures = 0;
  for (long k = 1;; k++) {
    failing f = {0, k, 0};
    rawi_allocator a = {failing_realloc, failing_free, &f};
    rawi_config *cfg = rawi_config_new();
    rawi_config_set_allocator(cfg, &a);
    rawi_error err;
    rawi_model *m = rawi_model_new(cfg, &err);
    rawi_config_free(cfg);
    rawi_session *s = m ? rawi_session_new(m, &err) : NULL;
    rawi_doc *doc = NULL;
    int rc = s ? rawi_analyze(s, text, strlen(text), &doc, &err) : err.code;
    rawi_doc_free(doc);
    rawi_session_free(s);
    rawi_model_free(m);
    if (f.live != 0)
      fail_msg("allocation %ld failing left %ld blocks live", k, f.live);
    if (f.calls < k) { /* nothing left to fail */
      assert_int_equal(rc, RAWI_OK);
      break;
    }
    assert_int_equal(rc, RAWI_ERR_NOMEM);
    assert_int_equal(err.code, RAWI_ERR_NOMEM);
    failures++;
  }
  assert_true(failures >= 5);
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
    n += (size_t)snprintf(out + n, cap - n, "%s/%zu/%zu ", t.norm,
                          t.span.start, t.split_count);
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
  rawi_model *m = rawi_model_new(NULL, NULL);
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
    assert_int_equal(rawi_analyze(s, texts[i % 4], strlen(texts[i % 4]), &doc, NULL), 0);
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
      cmocka_unit_test(test_threads_share_model),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
