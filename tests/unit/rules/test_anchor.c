/* Which classes a rule's match must start with (src/rules/anchor.c), on
 * patterns as the expansion writes them: @X is (?Cq)(?<_cK>...)(?Ck) with
 * call q asking whether X starts here, !@X is (?Ck)\S++. */
#include "../helpers.h"

#include "rules/rules.h"

enum { TITLE = 3, COUNTRY = 5, PERSON = 7 };

/* calls[n - 1] is callout n: 1 and 2 ask whether TITLE and COUNTRY start
 * here, 3 checks a span's end, 4 is a negation, 5 asks for PERSON, 6 asks
 * whether a span goes on. */
static const rule_call calls[] = {
    {.ref = TITLE, .starts = 1},  {.ref = COUNTRY, .starts = 1},
    {.ref = TITLE, .group = 1},   {.ref = COUNTRY, .negate = 1},
    {.ref = PERSON, .starts = 1}, {.ref = TITLE, .more = 1, .span = 3},
};

static uint64_t anchors(const char *pattern) {
  return rules_anchor_classes(pattern, calls, sizeof calls / sizeof *calls);
}

#define BIT(x) (1ull << (x))

static void test_class_first(void **state) {
  (void)state;
  assert_true(anchors("(?C1)(?<_c2>\\S++)(?C3) (?<name>\\S+)") == BIT(TITLE));
  /* look-behinds, negative look-aheads and ^ do not consume */
  assert_true(anchors("(?<![^ ])(?![وفبل]?فريق )(?C1)(?<_c2>\\S++)(?C3)") ==
              BIT(TITLE));
  assert_true(anchors("^(?!(?C2))(?C1)\\S++") == BIT(TITLE));
  assert_true(anchors("\\b(?C2)\\S++") == BIT(COUNTRY));
}

static void test_groups_and_alternatives(void **state) {
  (void)state;
  assert_true(anchors("(?<name>(?C1)\\S++|(?C2)\\S++) x") ==
              (BIT(TITLE) | BIT(COUNTRY)));
  assert_true(anchors("(?C1)\\S++ x|(?C5)\\S++ y") ==
              (BIT(TITLE) | BIT(PERSON)));
  assert_true(anchors("(?:(?:(?C2)\\S++)){1,3} x") == BIT(COUNTRY));
  assert_true(anchors("(?>(?C2)\\S++) x") == BIT(COUNTRY));
  /* one alternative without a class: anywhere */
  assert_true(anchors("(?C1)\\S++ x|y") == 0);
  assert_true(anchors("(?:(?C1)\\S++|عبد) x") == 0);
  assert_true(anchors("(?:[(|]|(?C1)) x") == 0);
}

static void test_optional_first(void **state) {
  (void)state;
  assert_true(anchors("(?:(?C1)\\S++ )?(?C2)\\S++") == 0);
  assert_true(anchors("(?:(?C1)\\S++ )*x") == 0);
  assert_true(anchors("(?:(?C1)\\S++ ){0,2}x") == 0);
  assert_true(anchors("(?<name>(?C1)\\S++){0}x") == 0);
}

static void test_look_ahead(void **state) {
  (void)state;
  /* (?=@PERSON)@TITLE: the consuming class is preferred */
  assert_true(anchors("(?=(?C5))(?C1)\\S++") == BIT(TITLE));
  /* (?=@PERSON) then a literal: PERSON must still start here */
  assert_true(anchors("(?=(?C5))\\S+ x") == BIT(PERSON));
  assert_true(anchors("(?=\\p{L})(?C2)\\S++") == BIT(COUNTRY));
}

static void test_not_a_start(void **state) {
  (void)state;
  assert_true(anchors("(?C4)\\S++ x") == 0);   /* !@COUNTRY */
  assert_true(anchors("(?C3) x") == 0);        /* a span's end */
  assert_true(anchors("(?C6) x") == 0);        /* a span going on */
  assert_true(anchors("(?C9)\\S++") == 0);     /* no such call */
  assert_true(anchors("\\((?C1)\\S++") == 0);  /* an escape */
  assert_true(anchors("(?i)(?C1)\\S++") == 0); /* options */
  assert_true(anchors("[(](?C1)\\S++") == 0);  /* a class of characters */
  assert_true(anchors("") == 0);
  assert_true(anchors("(?=(?C1))") == BIT(TITLE)); /* empty after it */
  assert_true(anchors("(?C1)\\S++)") == 0);        /* unbalanced */
  assert_true(anchors("((?C1)\\S++") == 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_class_first),
      cmocka_unit_test(test_groups_and_alternatives),
      cmocka_unit_test(test_optional_first),
      cmocka_unit_test(test_look_ahead),
      cmocka_unit_test(test_not_a_start),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
