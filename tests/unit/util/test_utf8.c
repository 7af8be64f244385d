/* UTF-8 validation at the edges of every sequence length. */
#include "../helpers.h"
#include "util/utf8.h"

static void test_valid(void **state) {
  (void)state;
  static const char *const ok[] = {"",
                                   "abc",
                                   "\xC2\x80",
                                   "\xDF\xBF",
                                   "\xE0\xA0\x80",
                                   "\xED\x9F\xBF",
                                   "\xEE\x80\x80",
                                   "\xEF\xBF\xBF",
                                   "\xF0\x90\x80\x80",
                                   "\xF4\x8F\xBF\xBF",
                                   "بغداد 2024 ﻻ"};
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    size_t bad = 0;
    const char *why = NULL;
    assert_true(rawi_utf8_valid(ok[i], strlen(ok[i]), &bad, &why));
  }
}

static void test_counts(void **state) {
  (void)state;
  assert_int_equal(rawi_utf8_count("بغداد", 10), 5);
  assert_int_equal(rawi_utf8_count("a\xF0\x9F\x98\x80"
                                   "b",
                                   6),
                   3);
}

static void test_round_trip(void **state) {
  (void)state;
  uint32_t cps[] = {0x41, 0x7FF, 0x800, 0x0628, 0xFFFF, 0x10000, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
    char buf[4];
    int n = rawi_utf8_encode(cps[i], buf), m;
    assert_int_equal(rawi_utf8_decode((const unsigned char *)buf, &m), cps[i]);
    assert_int_equal(n, m);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_counts),
      cmocka_unit_test(test_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
