/* The PCRE2 interface both kinds of rule use (src/rules/pattern.h):
 * compiling with a message and an offset, matching from an offset,
 * reading captures, limits, callouts, and memory from the caller. */
#include <stdio.h>
#include <string.h>

#include "../helpers.h"

#include "rules/pattern.h"
#include "util/mem.h"

static int jit(void) {
  return getenv("RAWI_TEST_NO_JIT") == NULL;
}

static pcre2_code *compile(pattern_compiler *pc, const char *text,
                           int anchored) {
  pcre2_code *code = NULL;
  pattern_error err;
  int rc = pattern_compile(pc, text, anchored, jit(), &code, &err);
  if (rc)
    fail_msg("%s: %d %s", text, rc, err.message);
  return code;
}

/* "[start,end)" of capture g of the last match, or "unset". */
static const char *span(const pattern_matcher *m, uint32_t g) {
  static char out[32];
  size_t s, e;
  if (!pattern_group(m, g, &s, &e))
    return "unset";
  snprintf(out, sizeof out, "[%zu,%zu)", s, e);
  return out;
}

static void test_compile_error(void **state) {
  (void)state;
  pattern_compiler pc;
  pattern_compiler_init(&pc, &rawi_default_allocator);
  pcre2_code *code = (pcre2_code *)1;
  pattern_error err;
  assert_int_equal(pattern_compile(&pc, "ab(c", 0, jit(), &code, &err),
                   RAWI_ERR_FORMAT);
  assert_null(code);
  assert_string_equal(err.message, "missing closing parenthesis");
  assert_int_equal(err.offset, 4);
  assert_int_equal(pattern_compile(&pc, "x{2,1}", 0, jit(), &code, &err),
                   RAWI_ERR_FORMAT);
  assert_string_equal(err.message, "numbers out of order in {} quantifier");
  assert_int_equal(err.offset, 5);
  pattern_compiler_free(&pc);
}

static void test_match_from_offset(void **state) {
  (void)state;
  pattern_compiler pc;
  pattern_matcher m;
  pattern_compiler_init(&pc, &rawi_default_allocator);
  pattern_matcher_init(&m, &rawi_default_allocator);
  pcre2_code *free_ = compile(&pc, "b+", 0), *anchored = compile(&pc, "b+", 1);
  assert_int_equal(pattern_matcher_ready(&m, 1), RAWI_OK);
  const char *text = "abbab";
  assert_int_equal(pattern_match(&m, free_, text, 5, 0), PATTERN_MATCH);
  assert_string_equal(span(&m, 0), "[1,3)");
  assert_int_equal(pattern_match(&m, free_, text, 5, 3), PATTERN_MATCH);
  assert_string_equal(span(&m, 0), "[4,5)");
  /* the span ends the text: what lies beyond len is not seen */
  assert_int_equal(pattern_match(&m, free_, text, 4, 3), PATTERN_NO_MATCH);
  /* anchored: only where it is tried */
  assert_int_equal(pattern_match(&m, anchored, text, 5, 0), PATTERN_NO_MATCH);
  assert_int_equal(pattern_match(&m, anchored, text, 5, 2), PATTERN_MATCH);
  assert_string_equal(span(&m, 0), "[2,3)");
  /* an offset past the text is rawi's mistake, not a miss */
  assert_int_equal(pattern_match(&m, free_, text, 5, 6), RAWI_ERR_INVALID);
  pattern_free(free_);
  pattern_free(anchored);
  pattern_matcher_free(&m);
  pattern_compiler_free(&pc);
}

static void test_groups(void **state) {
  (void)state;
  pattern_compiler pc;
  pattern_matcher m;
  pattern_compiler_init(&pc, &rawi_default_allocator);
  pattern_matcher_init(&m, &rawi_default_allocator);
  pcre2_code *code = compile(&pc, "(?<x>a)(?<y>b)?(?:(?<x>c)|d)", 0);
  assert_int_equal(pattern_capture_count(code), 3);
  assert_int_equal(pattern_group_named(code, "y"), 2);
  assert_int_equal(pattern_group_named(code, "none"), 0);
  uint16_t xs[4] = {0};
  assert_int_equal(pattern_groups_named(code, "x", xs, 4), 2);
  assert_int_equal(xs[0], 1);
  assert_int_equal(xs[1], 3);
  /* more than room for: counted, not written past cap */
  uint16_t one[2] = {0, 77};
  assert_int_equal(pattern_groups_named(code, "x", one, 1), 2);
  assert_int_equal(one[1], 77);
  assert_int_equal(pattern_groups_named(code, "none", xs, 4), 0);
  assert_int_equal(pattern_matcher_ready(&m, 4), RAWI_OK);
  assert_int_equal(pattern_match(&m, code, "zad", 3, 0), PATTERN_MATCH);
  assert_string_equal(span(&m, 1), "[1,2)");
  assert_string_equal(span(&m, 2), "unset");
  assert_string_equal(span(&m, 3), "unset");
  assert_string_equal(span(&m, 9), "unset"); /* beyond the match data */
  assert_int_equal(pattern_match(&m, code, "abc", 3, 0), PATTERN_MATCH);
  assert_string_equal(span(&m, 2), "[1,2)");
  assert_string_equal(span(&m, 3), "[2,3)");
  pattern_free(code);
  pattern_matcher_free(&m);
  pattern_compiler_free(&pc);
}

/* A catastrophic pattern ends at the limit, reported as such. */
static void test_limit(void **state) {
  (void)state;
  pattern_compiler pc;
  pattern_matcher m;
  pattern_compiler_init(&pc, &rawi_default_allocator);
  pattern_matcher_init(&m, &rawi_default_allocator);
  pcre2_code *code = compile(&pc, "(a+)+$", 0);
  assert_int_equal(pattern_matcher_ready(&m, 2), RAWI_OK);
  const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
  pattern_set_budget(&m, 1);
  assert_int_equal(pattern_match(&m, code, text, strlen(text), 0),
                   PATTERN_LIMIT);
  /* a pattern within the limit matches as usual */
  assert_int_equal(pattern_match(&m, code, "aaa", 3, 0), PATTERN_MATCH);
  pattern_free(code);
  pattern_matcher_free(&m);
  pattern_compiler_free(&pc);
}

typedef struct seen {
  uint32_t number;
  size_t position;
  char group[32];
  int fail; /* answer 1: backtrack */
} seen;

static int note_callout(pattern_callout *c, void *ctx) {
  seen *s = ctx;
  size_t a, b;
  s->number = pattern_callout_number(c);
  s->position = pattern_callout_position(c);
  if (pattern_callout_group(c, 1, &a, &b))
    snprintf(s->group, sizeof s->group, "[%zu,%zu)", a, b);
  else
    snprintf(s->group, sizeof s->group, "unset");
  return s->fail;
}

static void test_callout(void **state) {
  (void)state;
  pattern_compiler pc;
  pattern_matcher m;
  pattern_compiler_init(&pc, &rawi_default_allocator);
  pattern_matcher_init(&m, &rawi_default_allocator);
  pcre2_code *code = compile(&pc, "(x+)(?C7)y", 0);
  pcre2_code *early = compile(&pc, "(?C3)(x)", 0);
  assert_int_equal(pattern_matcher_ready(&m, 2), RAWI_OK);
  seen s = {0};
  pattern_set_callout(&m, note_callout, &s);
  assert_int_equal(pattern_match(&m, code, "axxy", 4, 0), PATTERN_MATCH);
  assert_int_equal(s.number, 7);
  assert_int_equal(s.position, 3);
  assert_string_equal(s.group, "[1,3)");
  /* a capture not yet closed at the callout is unset */
  assert_int_equal(pattern_match(&m, early, "x", 1, 0), PATTERN_MATCH);
  assert_int_equal(s.number, 3);
  assert_string_equal(s.group, "unset");
  /* the callout says no: the match fails */
  s.fail = 1;
  assert_int_equal(pattern_match(&m, code, "axxy", 4, 0), PATTERN_NO_MATCH);
  /* no callout: they pass */
  pattern_set_callout(&m, NULL, NULL);
  s.number = 0;
  assert_int_equal(pattern_match(&m, code, "axxy", 4, 0), PATTERN_MATCH);
  assert_int_equal(s.number, 0);
  pattern_free(code);
  pattern_free(early);
  pattern_matcher_free(&m);
  pattern_compiler_free(&pc);
}

/* Match data grows for a pattern with more captures than the last. */
static void test_ready_grows(void **state) {
  (void)state;
  pattern_compiler pc;
  pattern_matcher m;
  pattern_compiler_init(&pc, &rawi_default_allocator);
  pattern_matcher_init(&m, &rawi_default_allocator);
  pcre2_code *code = compile(&pc, "(a)(b)(c)(d)", 0);
  assert_int_equal(pattern_matcher_ready(&m, 2), RAWI_OK);
  assert_int_equal(pattern_matcher_ready(&m, 5), RAWI_OK);
  assert_int_equal(m.pairs, 5);
  assert_int_equal(pattern_match(&m, code, "abcd", 4, 0), PATTERN_MATCH);
  assert_string_equal(span(&m, 4), "[3,4)");
  assert_int_equal(pattern_matcher_ready(&m, 3), RAWI_OK); /* enough room */
  assert_int_equal(m.pairs, 5);
  pattern_free(code);
  pattern_matcher_free(&m);
  pattern_compiler_free(&pc);
}

/* Every PCRE2 allocation is the caller's (helpers.h: failing): failing
 * each in turn gives
 * RAWI_ERR_NOMEM, never a crash or a leak. */
static void test_out_of_memory(void **state) {
  (void)state;
  int failures = 0;
  for (long k = 1;; k++) {
    failing f = {0, k, 0};
    rawi_allocator a = {failing_realloc, failing_free, &f};
    pattern_compiler pc;
    pattern_matcher m;
    pattern_compiler_init(&pc, &a);
    pattern_matcher_init(&m, &a);
    pcre2_code *code = NULL;
    pattern_error err;
    int rc = pattern_compile(&pc, "(?<n>b+)", 0, jit(), &code, &err);
    if (rc == RAWI_OK)
      rc = pattern_matcher_ready(&m, 2);
    if (rc == RAWI_OK) { /* the interpreter allocates its frames here */
      rc = pattern_match(&m, code, "abba", 4, 0);
      if (rc != RAWI_ERR_NOMEM) {
        assert_int_equal(rc, PATTERN_MATCH);
        rc = RAWI_OK;
      }
    }
    pattern_free(code);
    pattern_matcher_free(&m);
    pattern_compiler_free(&pc);
    assert_int_equal(f.live, 0);
    if (f.calls < k) {
      assert_int_equal(rc, RAWI_OK);
      break;
    }
    assert_int_equal(rc, RAWI_ERR_NOMEM);
    failures++;
  }
  assert_true(failures >= 4);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compile_error),
      cmocka_unit_test(test_match_from_offset),
      cmocka_unit_test(test_groups),
      cmocka_unit_test(test_limit),
      cmocka_unit_test(test_callout),
      cmocka_unit_test(test_ready_grows),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
