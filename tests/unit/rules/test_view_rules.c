/* What relation rules are tried on (src/rules/anchor.c, needs.c): at the
 * view's tokens only when every match starts at one, and only in views
 * that may hold one of the words every match needs. Patterns as the
 * expansion writes them: @PERSON is (?<![^ ])[وفبكل]{0,3}@PERSON(?![^ ]). */
#include <stdio.h>
#include <string.h>

#include "../helpers.h"

#include "rules/rules.h"

#define P "(?<![^ ])[وفبكل]{0,3}@PERSON(?![^ ])"

static void test_starts_at_token(void **state) {
  (void)state;
  assert_true(rules_starts_at_token(P " في x"));
  assert_true(rules_starts_at_token("^(?:(?!\\S*@COUNTRY)\\S+ )*?(?<o>x)"));
  assert_true(rules_starts_at_token("(?<![^ ])(?<!لا )[وف]?(?:رئيس|ملك) " P));
  /* look-arounds first consume nothing */
  assert_true(rules_starts_at_token("(?=ab)(?!c)(?<![^ ])x"));
  /* every alternative, at every level */
  assert_true(rules_starts_at_token("(?:(?<![^ ])قال |^)(?<subject>" P ") x|(?<s2>" P ") y"));
  assert_true(rules_starts_at_token("(?<object>" P ") x"));
  assert_false(rules_starts_at_token(P " x|y"));
  assert_false(rules_starts_at_token("(?:(?<![^ ])x|y) z"));
  /* something consumed before, or the group may be skipped */
  assert_false(rules_starts_at_token("[وف]?(?<![^ ])x"));
  assert_false(rules_starts_at_token("x(?<![^ ])"));
  assert_false(rules_starts_at_token("(?:(?<![^ ])x )?y"));
  assert_false(rules_starts_at_token("(?:(?<![^ ])x ){0,2}y"));
  assert_false(rules_starts_at_token("(?i)(?<![^ ])x"));
  assert_false(rules_starts_at_token(""));
}

/* The words rule pattern needs, as "a|b;c|d" (one set per alternative). */
static const char *needs(const char *pattern) {
  static char out[512];
  rule r = {.pattern = (char *)pattern};
  rules_find_needs(&r);
  size_t n = 0;
  out[0] = '\0';
  for (uint8_t k = 0; k < r.n_needs; k++)
    n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", k ? ";" : "",
                          (int)(r.needs[k][1] - r.needs[k][0]),
                          pattern + r.needs[k][0]);
  return out;
}

static void test_find_needs(void **state) {
  (void)state;
  assert_string_equal(needs("(?<![^ ])[وف]?(?!نائب)(?:رئيس|الملك)(?: x){0,2} " P), "رئيس|الملك");
  /* multi-word literals; items before are stepped over */
  assert_string_equal(needs(P "(?: \\S+){0,4}? [وف]?(?:الامين العام|مبعوث) y"), "الامين العام|مبعوث");
  /* an optional group needs nothing; the next group does */
  assert_string_equal(needs("(?:قال|اكد)? (?:زار|التقي) x"), "زار|التقي");
  assert_string_equal(needs("(?:قال|اكد){0,1} (?:زار|التقي)+ x"), "زار|التقي");
  /* a group that is not literal alternatives is stepped over */
  assert_string_equal(needs("(?:a\\.b|c) (?:[ab]x|y) (?:زار|التقي)"), "زار|التقي");
  /* groups that are whole alternatives count as their alternatives */
  assert_string_equal(needs("(?:(?:رئيس|الملك)|المستشار) " P), "(?:رئيس|الملك)|المستشار");
  assert_string_equal(needs("(?:(?:(?:ab|cd))|ef) " P), "(?:(?:ab|cd))|ef");
  assert_string_equal(needs("(?:(?:ab|cd)x|ef) (?:zz|yy)"), "zz|yy");
  assert_string_equal(needs("(?:(?:ab|cd)|) (?:zz|yy)"), "zz|yy");
  /* one set per top-level alternative */
  assert_string_equal(needs("(?:قال|اكد) " P "|" P " (?:زار|التقي)"), "قال|اكد;زار|التقي");
  /* an alternative without one: none at all */
  assert_string_equal(needs("(?:قال|اكد) " P "|" P " x"), "");
  assert_string_equal(needs(P " في x"), "");
  /* case-insensitive or extended patterns, and patterns from ^ */
  assert_string_equal(needs("(?i)(?:met|visited) x"), "");
  assert_string_equal(needs("(?x)(?:met|visited) x"), "");
  assert_string_equal(needs("^(?:met|visited) x"), "");
  /* malformed text gives up quietly */
  assert_string_equal(needs("(?:met|visited"), "");
  assert_string_equal(needs("(?:|met) x"), "");
}

static int met(const char *pattern, const char *view) {
  rule r = {.pattern = (char *)pattern};
  rules_find_needs(&r);
  uint64_t grams[RULES_GRAM_BITS / 64];
  rules_grams(view, strlen(view), grams);
  return rules_needs_met(&r, grams);
}

static void test_needs_met(void **state) {
  (void)state;
  const char *leader = "(?<![^ ])[وف]?(?:رئيس|الملك)(?: x){0,2} " P;
  assert_true(met(leader, "وقال الرئيس @PERSON"));   /* inside a token */
  assert_true(met(leader, "وقال ورئيس @PERSON"));
  assert_true(met(leader, "استقبل الملك @PERSON"));
  assert_false(met(leader, "وقال الوزير @PERSON امس"));
  assert_false(met(leader, ""));
  const char *nested = "(?:(?:الرئيس|الملك)|المستشاره) " P;
  assert_true(met(nested, "الملك @PERSON"));
  assert_true(met(nested, "المستشاره @PERSON"));
  assert_false(met(nested, "المستشار @PERSON"));
  /* the second alternative's words */
  const char *two = "(?:meets|visited) " P "|" P " (?:talks with|toured)";
  assert_true(met(two, "@PERSON held talks with @PERSON"));
  assert_false(met(two, "@PERSON spoke to @PERSON"));
  /* words shorter than the filter's grams are always allowed */
  assert_true(met("(?:في|x) " P, "@PERSON"));
  /* a rule without words runs everywhere */
  assert_true(met(P " x", "nothing"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_starts_at_token),
      cmocka_unit_test(test_find_needs),
      cmocka_unit_test(test_needs_met),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
