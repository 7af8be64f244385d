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

#define EXPECT(text, want)                                                     \
  do {                                                                         \
    char buf_[2048];                                                           \
    const char *got_ = describe(text, buf_, sizeof buf_);                      \
    if (strcmp(got_, want))                                                    \
      fail_msg("%s\n  got:  %s\n  want: %s", text, got_, want);                \
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
 * alone is no name. The id joins عبد to its word (عبد الفتاح = عبدالفتاح). */
static void test_compound_family_name(void **state) {
  (void)state;
  EXPECT("وفاز اللاعب سمير عبد الفتاح بالميدالية. وقال عبد الفتاح إنه سعيد.",
         "person/سمير-عبدالفتاح=سمير عبد الفتاح@rule "
         "person/سمير-عبدالفتاح=عبد الفتاح@rule");
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
  EXPECT(
      "وصل قاسم سليماني إلى بغداد. والتقى الجنرال سليماني قادة الفصائل.",
      "person/qasem-soleimani=قاسم سليماني@gazetteer "
      "person/qasem-soleimani=سليماني@rule location/baghdad=بغداد@gazetteer");
}

/* A definite word that is no nisba, taken alone for a name by a rule, is
 * not that name wherever it is written again: الأطفال after a prison's
 * name is the children. */
static void test_common_word_no_alias(void **state) {
  (void)state;
  EXPECT("ونقل المعتقلون إلى سجن الأطفال شمال المدينة. وخرج الأطفال إلى "
         "الشارع بعد الظهر.",
         "location/الاطفال=الأطفال@rule");
}

/* A rule's candidate with exactly a list entry's span takes the list id
 * when it wins (test.adopt has priority 90); at equal priority and length
 * the list wins. */
static void test_rule_takes_list_id(void **state) {
  (void)state;
  EXPECT(
      "وقال وزير الخارجية الأميركي أنتوني بلينكن إن",
      "country/us=الأميركي@gazetteer person/antony-blinken=أنتوني بلينكن@rule");
  EXPECT("وقال الرئيس جو بايدن إن", "person/joe-biden=جو بايدن@gazetteer");
}

/* Priority first: a user rule of priority 80 beats a two-word list entry;
 * then length: the two-word entry beats the rule's one word of equal
 * priority 60 (conflicts.rules). */
/* A rule that outranks a longer list entry of its type and lies inside it
 * (مدينة [مشهد], [مكة] المكرمة, الملك [محمد السادس]) names that entry's
 * entity. */
static void test_rule_inside_list_entry(void **state) {
  (void)state;
  EXPECT("وصل الوفد إلى مدينة مشهد أمس", "location/mashhad=مشهد@rule");
  EXPECT("وصل الحجاج إلى مكة المكرمة", "location/mecca=مكة@rule");
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
 * full stop: "Cobos" and "King" are lent, never "R", "Jr" or ".". Ids
 * carry no punctuation. */
static void test_family_name_skips_initials(void **state) {
  (void)state;
  EXPECT(
      "Talks with Luis Cobos R. ended. Later Cobos spoke to Mary Ann King Jr. "
      "and then King left.",
      "person/luis-cobos-r=Luis Cobos R.@rule person/luis-cobos-r=Cobos@alias "
      "person/mary-ann-king-jr=Mary Ann King Jr.@rule "
      "person/mary-ann-king-jr=King@alias");
}

/* A family name that is also an English word links only where it is
 * written with its capital: "rose" in "shares rose" is the verb. */
static void test_family_name_lower_case_word(void **state) {
  (void)state;
  EXPECT("Shares in Tarrow Mills rose after Stuart Rose took over. Rose said "
         "sales rose.",
         "org/tarrow-mills=Tarrow Mills@rule "
         "person/stuart-rose=Stuart Rose@rule person/stuart-rose=Rose@rule");
}

/* A rule's person over a listed name takes the list's id, titles aside:
 * the title rule keeps "Mr." in the span, and takes in the rest of a
 * listed name it cut ("Prince Mohammed" of Mohammed bin Salman). */
static void test_rule_over_listed_name(void **state) {
  (void)state;
  EXPECT("Mr. Joe Biden met Crown Prince Mohammed bin Salman in Riyadh.",
         "person/joe-biden=Mr. Joe Biden@rule "
         "person/mohammed-bin-salman=Prince Mohammed bin Salman@rule "
         "location/riyadh=Riyadh@gazetteer");
}

/* Ids of people no list knows come from a key of their name: no titles,
 * no punctuation, one id for the usual spellings (hamza seats, tatweel,
 * diacritics, عبد الله / عبدالله, with or without ال), in one document or
 * in two. */
static void test_person_ids_survive_spelling(void **state) {
  (void)state;
  EXPECT("Mr Harlan Bellweather, a banker, said prices rose. "
         "Dr. Harlan Bellweather later resigned.",
         "person/harlan-bellweather=Harlan Bellweather@rule "
         "person/harlan-bellweather=Harlan Bellweather@rule");
  EXPECT("قال المحامي عبد الله الكعبي إن الدعوى قوية. وأضاف عبدالله الكعبي "
         "أن الكعبي سيطعن في الحكم.",
         "person/عبدالله-كعبي=عبد الله الكعبي@rule "
         "person/عبدالله-كعبي=عبدالله الكعبي@rule "
         "person/عبدالله-كعبي=الكعبي@alias");
  EXPECT(
      "قال الوزير رائد فؤاد الخطيب إن الاتفاق قريب. وأكد رايد فواد الخطيب ذلك.",
      "person/رايد-فواد-خطيب=رائد فؤاد الخطيب@rule "
      "person/رايد-فواد-خطيب=رايد فواد الخطيب@alias");
  /* the same person in two documents, with and without the article */
  EXPECT("قال الوزير كريم الدباغ إن الخطة جاهزة. وأوضح الدباغ أن الموعد قريب.",
         "person/كريم-دباغ=كريم الدباغ@rule person/كريم-دباغ=الدباغ@alias");
  EXPECT("أعلن الوزير كـريم دبّاغ الخطة.", "person/كريم-دباغ=كـريم دبّاغ@rule");
}

/* Karim al-Dabbagh is one name, and Al-Dabbagh and Karim Dabbagh are it. */
static void test_latin_article(void **state) {
  (void)state;
  EXPECT("Karim al-Dabbagh said the plan was ready. Al-Dabbagh added that "
         "Karim Dabbagh would travel.",
         "person/karim-dabbagh=Karim al-Dabbagh@rule "
         "person/karim-dabbagh=Al-Dabbagh@rule "
         "person/karim-dabbagh=Karim Dabbagh@rule");
}

/* A title and a family name (Mr Blair, Secretary Blinken) name the person
 * written in full in the document; without one, the listed person of that
 * family name when prominence picks one, and nobody when it does not
 * (George W. and George H. W. Bush are both presidents). */
static void test_title_and_family_name(void **state) {
  (void)state;
  EXPECT(
      "Mr Blair and Mr Brown met in London. Tony Blair and Gordon Brown spoke.",
      "person/tony-blair=Blair@rule person/tony-blair=Tony Blair@gazetteer "
      "person/gordon-brown=Brown@rule "
      "person/gordon-brown=Gordon Brown@gazetteer "
      "location/london=London@gazetteer");
  EXPECT("Secretary Blinken arrived in Cairo.",
         "person/antony-blinken=Blinken@rule location/cairo=Cairo@gazetteer");
  EXPECT("President Bush said the war was over.", "person/bush=Bush@rule");
  /* a given name alone is no listed person's family name (أمينة محمد) */
  EXPECT("قال محمد إن الأمر انتهى.", "person/محمد=محمد@rule");
}

/* A family name shared with a listed head of state is his, not that of a
 * relative without office written in full; one shared by people of equal
 * rank written in full is nobody's (test_ambiguous_family_name). */
static void test_family_name_prominence(void **state) {
  (void)state;
  EXPECT("وصلت ميلانيا ترامب إلى باريس. وقال ترامب في تغريدة إن الزيارة ناجحة.",
         "person/melania-trump=ميلانيا ترامب@gazetteer "
         "location/paris=باريس@gazetteer person/donald-trump=ترامب@rule");
}

/* A given name found alone by a rule names the person written in full
 * with it (Korean names put the family name first). */
static void test_given_name(void **state) {
  (void)state;
  EXPECT(
      "التقى الزعيم الكوري الشمالي كيم جونغ أون بالوفد. وقال كيم إن بلاده "
      "مستعدة.",
      "country/kp=الكوري الشمالي@gazetteer "
      "person/kim-jong-un=كيم جونغ أون@gazetteer person/kim-jong-un=كيم@rule");
}

/* A demonym that is the family name of a person named in the document is
 * that person, except as an adjective after a definite noun. */
static void test_family_name_over_demonym(void **state) {
  (void)state;
  EXPECT("استقبل رئيس الوزراء العراقي محمد شياع السوداني الوفد. "
         "وأكد السوداني أن بلاده تدعم الحل، وأشاد بالشعب السوداني.",
         "country/iq=العراقي@gazetteer "
         "person/mohammed-shia-al-sudani=محمد شياع السوداني@gazetteer "
         "person/mohammed-shia-al-sudani=السوداني@alias "
         "country/sd=السوداني@gazetteer");
}

/* Family names with clitics, diacritics and tatweel. */
static void test_family_name_spellings(void **state) {
  (void)state;
  EXPECT("وصل الرئيس جو بايدن إلى عمان. وقال بايـدن إن المحادثات جيدة، "
         "ووعد بايدنُ بالمساعدة ثم غادر وبايدن مبتسم.",
         "person/joe-biden=جو بايدن@gazetteer person/joe-biden=بايـدن@rule "
         "person/joe-biden=بايدنُ@alias person/joe-biden=بايدن@alias "
         "location/amman=عمان@gazetteer");
}

/* An English possessive is no part of a name or its id. */
static void test_possessive(void **state) {
  (void)state;
  EXPECT("Harlan Bellweather's bank grew. Bellweather's rivals said so.",
         "person/harlan-bellweather=Harlan Bellweather@rule "
         "person/harlan-bellweather=Bellweather@alias");
}

/* An organisation's initials name it (WTTC), and a one-word list entry in
 * mixed case (LeT) matches only as written: the verb "let" is no name. */
static void test_acronyms(void **state) {
  (void)state;
  EXPECT("The Tourism Promotion Board of Kenya met. TPBK officials said so.",
         "org/tourism-promotion-board-of-kenya=Tourism Promotion Board of "
         "Kenya@rule "
         "org/tourism-promotion-board-of-kenya=TPBK@rule");
  EXPECT("Let them go, they said, and let the talks start.", "");
  EXPECT("They let the talks start after LeT claimed the attack.",
         "org/lashkar-e-taiba=LeT@gazetteer");
}

/* An organisation named without its head noun (جبهة, حركة) is the one
 * named with it (conflicts.rules: test.org_with_head, test.org_without_head).
 */
static void test_org_head_noun(void **state) {
  (void)state;
  EXPECT("قالت جبهة الخلاص الوطني إنها ترفض القرار. وأكدت الخلاص الوطني في "
         "بيان أن.",
         "org/جبهه-الخلاص-الوطني=جبهة الخلاص الوطني@rule "
         "org/جبهه-الخلاص-الوطني=الخلاص الوطني@rule");
}

/* A company named without its suffix is the one named with it, and a
 * rule that took the short name for a person ("Brackwell said") names
 * the company. */
static void test_company_suffix(void **state) {
  (void)state;
  EXPECT(
      "Brackwell Group said profits rose. Shares fell after Brackwell said so.",
      "org/brackwell-group=Brackwell Group@rule "
      "org/brackwell-group=Brackwell@rule");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_family_name_alias),
      cmocka_unit_test(test_common_word_no_alias),
      cmocka_unit_test(test_compound_family_name),
      cmocka_unit_test(test_family_name_skips_initials),
      cmocka_unit_test(test_family_name_lower_case_word),
      cmocka_unit_test(test_ambiguous_family_name),
      cmocka_unit_test(test_rule_names_repeat),
      cmocka_unit_test(test_rule_takes_list_id),
      cmocka_unit_test(test_rule_inside_list_entry),
      cmocka_unit_test(test_priority_then_length),
      cmocka_unit_test(test_rule_over_listed_name),
      cmocka_unit_test(test_person_ids_survive_spelling),
      cmocka_unit_test(test_latin_article),
      cmocka_unit_test(test_title_and_family_name),
      cmocka_unit_test(test_family_name_prominence),
      cmocka_unit_test(test_given_name),
      cmocka_unit_test(test_family_name_over_demonym),
      cmocka_unit_test(test_family_name_spellings),
      cmocka_unit_test(test_possessive),
      cmocka_unit_test(test_acronyms),
      cmocka_unit_test(test_org_head_noun),
      cmocka_unit_test(test_company_suffix),
  };
  return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
