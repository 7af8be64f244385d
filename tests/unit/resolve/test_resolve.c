/* Resolution with the shipped packs: the conflict policy, aliases, ids. */
#include <stdio.h>

#include "../helpers.h"

static fixture fx;

static int setup(void **state) {
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, RAWI_PACK_DIR);
  rawi_config_add_rules(cfg, RAWI_TEST_DATA "/rules/conflicts.rules");
  *state = &fx;
  return fixture_from(&fx, cfg);
}

/* "id=text@source" for every mention. */
static int id_text_source(char *out, size_t cap, const rawi_entity *e,
                          const rawi_mention *m) {
  return snprintf(out, cap, "%s=%.*s@%s", e->id, (int)m->text_len, m->text,
                  m->source);
}

static const char *describe(const char *text, char *buf, size_t cap) {
  rawi_doc *doc = NULL;
  if (rawi_extract(fx.session, text, strlen(text), RAWI_LANG_AUTO, &doc, NULL))
    fail_msg("extract failed");
  describe_mentions(doc, id_text_source, buf, cap);
  rawi_doc_free(doc);
  return buf;
}

#define EXPECT(text, want)                                                   \
  do {                                                                       \
    char buf_[2048];                                                         \
    const char *got_ = describe(text, buf_, sizeof buf_);                    \
    if (strcmp(got_, want))                                                  \
      fail_msg("%s\n  got:  %s\n  want: %s", text, got_, want);              \
  } while (0)

/* A family name alone joins the full name seen in the document, with or
 * without proclitics, before or after it. */
static void test_family_name_alias(void **state) {
  (void)state;
  EXPECT("وصل نوري المالكي إلى بوغوتا. وقال المالكي للصحافيين إن وللمالكي رأي.",
         "person/nouri-al-maliki=نوري المالكي@gazetteer "
         "person/nouri-al-maliki=المالكي@alias "
         "person/nouri-al-maliki=لمالكي@alias "
         "location/bogota=بوغوتا@gazetteer");
  /* a family name listed alone (persons_surnames.tsv) is a list mention
   * of the same entity */
  EXPECT("وصل غوستافو بيترو إلى بوغوتا. وقال بيترو للصحافيين إن",
         "person/gustavo-petro=غوستافو بيترو@gazetteer "
         "person/gustavo-petro=بيترو@gazetteer "
         "location/bogota=بوغوتا@gazetteer");
}

/* A family name in two words (عبد الفتاح, ابو الغيط) is lent as a pair: the
 * pair found alone, by a rule or bare, joins the full name; its last word
 * alone is no name. */
static void test_compound_family_name(void **state) {
  (void)state;
  EXPECT("وفاز اللاعب سمير عبد الفتاح بالميدالية. وقال عبد الفتاح إنه سعيد.",
         "person/سمير-عبد-الفتاح=سمير عبد الفتاح@rule "
         "person/سمير-عبد-الفتاح=عبد الفتاح@rule");
}

/* Two people with one family name: a lone family name links to neither. */
static void test_ambiguous_family_name(void **state) {
  (void)state;
  EXPECT("التقى نوري المالكي ورياض المالكي. ثم غادر المالكي.",
         "person/nouri-al-maliki=نوري المالكي@gazetteer "
         "person/riyad-al-maliki=رياض المالكي@gazetteer");
}

/* A name found by a rule is found again without its title, and a rule's
 * part of a fuller name joins that name. */
static void test_rule_names_repeat(void **state) {
  (void)state;
  EXPECT("وقال المحلل ليستر إن الخطة فشلت. ثم عاد ليستر إلى لندن.",
         "person/ليستر=ليستر@rule person/ليستر=ليستر@alias "
         "location/london=لندن@gazetteer");
  EXPECT("وصل قاسم سليماني إلى بغداد. والتقى الجنرال سليماني قادة الفصائل.",
         "person/qasem-soleimani=قاسم سليماني@gazetteer "
         "person/qasem-soleimani=سليماني@rule location/baghdad=بغداد@gazetteer");
}

/* A rule's candidate with exactly a list entry's span takes the list id
 * when it wins (test.adopt has priority 90); at equal priority and length
 * the list wins. */
static void test_rule_takes_list_id(void **state) {
  (void)state;
  EXPECT("وقال وزير الخارجية الأميركي أنتوني بلينكن إن",
         "country/us=الأميركي@gazetteer person/antony-blinken=أنتوني بلينكن@rule");
  EXPECT("وقال الرئيس جو بايدن إن",
         "person/joe-biden=جو بايدن@gazetteer");
}

/* Priority first: a user rule of priority 80 beats a two-word list entry;
 * then length: the two-word entry beats the rule's one word of equal
 * priority 60 (conflicts.rules). */
/* A rule that outranks a longer list entry of its type and lies inside it
 * (مدينة [مشهد], [مكة] المكرمة, الملك [محمد السادس]) names that entry's
 * entity. */
static void test_rule_inside_list_entry(void **state) {
  (void)state;
  EXPECT("وصل الوفد إلى مدينة مشهد أمس",
         "location/mashhad=مشهد@rule");
  EXPECT("وصل الحجاج إلى مكة المكرمة",
         "location/mecca=مكة@rule");
  EXPECT("واستقبل الملك محمد السادس الوفد",
         "person/king-mohammed-vi=محمد السادس@rule");
}

static void test_priority_then_length(void **state) {
  (void)state;
  EXPECT("زار الرئيس المدينة البيضاء أمس",
         "location/المدينه-البيضاء=المدينة البيضاء@rule");
  EXPECT("التقت جورجيا ميلوني الوفد",
         "person/giorgia-meloni=جورجيا ميلوني@gazetteer");
}

/* An English family name is the last word that is no initial, suffix or
 * full stop: "Cobos" and "King" are lent, never "R", "Jr" or ".". */
static void test_family_name_skips_initials(void **state) {
  (void)state;
  EXPECT("Talks with Luis Cobos R. ended. Later Cobos spoke to Mary Ann King Jr. "
         "and then King left.",
         "person/luis-cobos-r-.=Luis Cobos R.@rule person/luis-cobos-r-.=Cobos@alias "
         "person/mary-ann-king-jr-.=Mary Ann King Jr.@rule "
         "person/mary-ann-king-jr-.=King@alias");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_family_name_alias),
      cmocka_unit_test(test_compound_family_name),
      cmocka_unit_test(test_family_name_skips_initials),
      cmocka_unit_test(test_ambiguous_family_name),
      cmocka_unit_test(test_rule_names_repeat),
      cmocka_unit_test(test_rule_takes_list_id),
      cmocka_unit_test(test_rule_inside_list_entry),
      cmocka_unit_test(test_priority_then_length),
  };
  return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
