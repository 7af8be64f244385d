/* What relation rules are tried on (src/rules/anchor.c, needs.c): at the
 * view's tokens only when every match starts at one, and only in views
 * that may hold one of the words every match needs. Patterns as the
 * expansion writes them: @PERSON is (?<![^ ])[وفبكل]{0,3}@PERSON(?![^ ]). */
#include <stdio.h>
#include <string.h>

#include "../helpers.h"

#include "rules/rules.h"
#include "util/mem.h"

#define P "(?<![^ ])[وفبكل]{0,3}@PERSON(?![^ ])"

static void test_starts_at_token(void **state) {
  (void)state;
  assert_true(rules_starts_at_token(P " في x"));
  assert_true(rules_starts_at_token("^(?:(?!\\S*@COUNTRY)\\S+ )*?(?<o>x)"));
  assert_true(rules_starts_at_token("(?<![^ ])(?<!لا )[وف]?(?:رئيس|ملك) " P));
  /* look-arounds first consume nothing */
  assert_true(rules_starts_at_token("(?=ab)(?!c)(?<![^ ])x"));
  /* every alternative, at every level */
  assert_true(rules_starts_at_token("(?:(?<![^ ])قال |^)(?<subject>" P
                                    ") x|(?<s2>" P ") y"));
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

/* The text a pattern needs, as "a|b&c|d;e|f": the sets of each top-level
 * alternative joined by &, the alternatives by ;. */
static const char *needs(const char *pattern) {
  static char out[1024];
  rule_common r = {.pattern = (char *)pattern};
  assert_int_equal(rules_find_needs(&r, &rawi_default_allocator), RAWI_OK);
  rawi_mem_free(&rawi_default_allocator, r.need_bits);
  size_t n = 0;
  out[0] = '\0';
  for (uint8_t k = 0; k < r.n_needs; k++)
    n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s",
                          !k                                     ? ""
                          : r.needs[k].alt != r.needs[k - 1].alt ? ";"
                                                                 : "&",
                          (int)(r.needs[k].to - r.needs[k].from),
                          pattern + r.needs[k].from);
  return out;
}

#define NP "@PERSON" /* what P needs */

static void test_find_needs(void **state) {
  (void)state;
  assert_string_equal(
      needs("(?<![^ ])[وف]?(?!نائب)(?:رئيس|الملك)(?: x){0,2} " P),
      "رئيس|الملك&" NP);
  /* multi-word literals; items before are stepped over */
  assert_string_equal(needs(P "(?: \\S+){0,4}? [وف]?(?:الامين العام|مبعوث) y"),
                      NP "&الامين العام|مبعوث");
  /* an optional group needs nothing; the next group does */
  assert_string_equal(needs("(?:قال|اكد)? (?:زار|التقي) x"), "زار|التقي");
  assert_string_equal(needs("(?:قال|اكد){0,1} (?:زار|التقي)+ x"), "زار|التقي");
  /* a group that is not literal alternatives: what it needs itself */
  assert_string_equal(needs("(?:a\\.b|c) (?:[ab]x|y) (?:زار|التقي)"),
                      "زار|التقي");
  assert_string_equal(needs("(?<object>" P ") (?:بين|ضد) (?<s>" P ")"),
                      NP "&بين|ضد&" NP);
  /* runs of literal characters, not a character a quantifier takes */
  assert_string_equal(needs(P " في (?<o>" P ")"), NP "& في &" NP);
  assert_string_equal(needs("abcdef? ghij"), "abcde& ghij");
  assert_string_equal(needs("زيارةx+ \\p{L}+ visits"), "زيارة& visits");
  /* groups that are whole alternatives count as their alternatives */
  assert_string_equal(needs("(?:(?:رئيس|الملك)|المستشار) " P),
                      "(?:رئيس|الملك)|المستشار&" NP);
  assert_string_equal(needs("(?:(?:(?:abcd|cdef))|efgh) zz"),
                      "(?:(?:abcd|cdef))|efgh");
  assert_string_equal(needs("(?:(?:abcd|cdef)x|efgh) (?:zzzz|yyyy)"),
                      "zzzz|yyyy");
  assert_string_equal(needs("(?:(?:abcd|cdef)|) (?:zzzz|yyyy)"), "zzzz|yyyy");
  /* a word shorter than a gram tells nothing */
  assert_string_equal(needs("(?:في|x) (?:زار|التقي)"), "زار|التقي");
  /* one set per top-level alternative */
  assert_string_equal(needs("(?:قال|اكد) " P "|" P " (?:زار|التقي)"),
                      "قال|اكد&" NP ";" NP "&زار|التقي");
  /* an alternative without one: none at all */
  assert_string_equal(needs("(?:قال|اكد) x|[ab]+"), "");
  /* case-insensitive or extended patterns, and patterns from ^ */
  assert_string_equal(needs("(?i)(?:meets|visits) x"), "");
  assert_string_equal(needs("(?x)(?:meets|visits) x"), "");
  assert_string_equal(needs("^(?:meets|visits) x"), "");
  assert_string_equal(needs("\\Q(?:meets|visits)\\E x"), "");
  /* malformed text gives up quietly */
  assert_string_equal(needs("(?:meets|visits"), "");
  assert_string_equal(needs("meets{1"), "");
}

static int met(const char *pattern, const char *view) {
  rule_common r = {.pattern = (char *)pattern};
  assert_int_equal(rules_find_needs(&r, &rawi_default_allocator), RAWI_OK);
  uint64_t grams[RULES_GRAM_BITS / 64];
  rules_grams(view, strlen(view), grams);
  int yes = rules_needs_met(&r, grams);
  rawi_mem_free(&rawi_default_allocator, r.need_bits);
  return yes;
}

static void test_needs_met(void **state) {
  (void)state;
  const char *leader = "(?<![^ ])[وف]?(?:رئيس|الملك)(?: x){0,2} " P;
  assert_true(met(leader, "وقال الرئيس @PERSON")); /* inside a token */
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
  assert_true(met("\\S+ x", "nothing"));
  /* placeholders are text like any other */
  assert_false(met(P " x", "nothing"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_starts_at_token),
      cmocka_unit_test(test_find_needs),
      cmocka_unit_test(test_needs_met),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
