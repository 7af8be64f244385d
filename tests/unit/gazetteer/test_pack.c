/* The shipped language packs: they load strictly, and find the names of
 * news sentences written for this test. */
#include <stdio.h>

#include "../helpers.h"

static fixture fx;

static int setup(void **state) {
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, RAWI_PACK_DIR);
  *state = &fx;
  return fixture_from(&fx, cfg);
}

/* Does the document have entity id with the given type and a mention of
 * that kind? */
static int has(const rawi_doc *doc, const char *id, const char *type,
               rawi_mention_kind kind) {
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    if (strcmp(e.id, id) || strcmp(e.type, type))
      continue;
    for (size_t k = 0; k < e.mention_count; k++) {
      rawi_mention m;
      rawi_doc_mention(doc, i, k, &m);
      if (m.kind == kind)
        return 1;
    }
  }
  return 0;
}

typedef struct {
  const char *id, *type;
  rawi_mention_kind kind;
} want;

static void check(const char *text, const want *w, size_t n) {
  rawi_doc *doc = NULL;
  assert_int_equal(
      rawi_extract(fx.session, text, strlen(text), RAWI_LANG_AUTO, &doc, NULL),
      RAWI_OK);
  for (size_t i = 0; i < n; i++)
    if (!has(doc, w[i].id, w[i].type, w[i].kind))
      fail_msg("%s %s not found in: %s", w[i].type, w[i].id, text);
  rawi_doc_free(doc);
}

#define CHECK(text, ...)                                                       \
  do {                                                                         \
    const want w_[] = {__VA_ARGS__};                                           \
    check(text, w_, sizeof w_ / sizeof *w_);                                   \
  } while (0)

static void test_arabic(void **state) {
  (void)state;
  CHECK("التقى وزير الخارجية الأميركي أنتوني بلينكن نظيره الكولومبي في بوغوتا.",
        {"person/antony-blinken", "PERSON", RAWI_MENTION_NAME},
        {"country/us", "COUNTRY", RAWI_MENTION_DEMONYM},
        {"country/co", "COUNTRY", RAWI_MENTION_DEMONYM},
        {"location/bogota", "LOCATION", RAWI_MENTION_NAME});
  /* the full name wins over the country جورجيا */
  CHECK("وصلت رئيسة الوزراء الإيطالية جورجيا ميلوني إلى بغداد.",
        {"person/giorgia-meloni", "PERSON", RAWI_MENTION_NAME},
        {"country/it", "COUNTRY", RAWI_MENTION_DEMONYM},
        {"location/baghdad", "LOCATION", RAWI_MENTION_NAME});
  CHECK("وأكد المتحدث باسم البنتاغون أن القوات وصلت إلى العراق وسوريا.",
        {"org/pentagon", "ORGANIZATION", RAWI_MENTION_NAME},
        {"country/iq", "COUNTRY", RAWI_MENTION_NAME},
        {"country/sy", "COUNTRY", RAWI_MENTION_NAME});
  CHECK("وقال مستشار لنوري المالكي إن بغداد تنتظر ردّ طهران.",
        {"person/nouri-al-maliki", "PERSON", RAWI_MENTION_NAME},
        {"location/tehran", "LOCATION", RAWI_MENTION_NAME});
  /* a city of the generated GeoNames list (places-open.tsv) */
  CHECK("ووصلت بعثة الأمم المتحدة إلى كانانغا أمس.",
        {"location/gn-214481", "LOCATION", RAWI_MENTION_NAME});
  CHECK("وتوجه الوفد إلى تشيلي والبيرو بعد لقاء الرئيس غوستافو بيترو.",
        {"country/cl", "COUNTRY", RAWI_MENTION_NAME},
        {"country/pe", "COUNTRY", RAWI_MENTION_NAME},
        {"person/gustavo-petro", "PERSON", RAWI_MENTION_NAME});
}

/* Does the document name no entity of the type (NULL: of any type)? */
static void check_none(const char *text, const char *type) {
  rawi_doc *doc = NULL;
  assert_int_equal(
      rawi_extract(fx.session, text, strlen(text), RAWI_LANG_AR, &doc, NULL),
      RAWI_OK);
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    if (!type || !strcmp(e.type, type))
      fail_msg("%s %s (%s) found in: %s", e.type, e.id, e.name, text);
  }
  rawi_doc_free(doc);
}

/* Common words that are also names, and foreign terms, are no entities
 * without context. */
static void test_arabic_traps(void **state) {
  (void)state;
  check_none("وحذر المراقبون من صدام خطير بين الطرفين.", NULL);
  check_none("وتواجه الحكومة أزمة مالية حادة هذا العام.", NULL);
  check_none("واستقبل الجمهور اللاعبين بحماس كبير.", NULL);
  check_none("وأكد بريكست أن الاقتصاد تضرر.", "PERSON");
  check_none("وقال كورونا إن الوباء انتشر.", "PERSON");
  check_none("ونشر الوزير على فيسبوك صورة للاجتماع.", "PERSON");
  /* تركي is Turkish, and a given name before a nasab */
  CHECK("وقال تركي بن سعود رئيس المدينة إن العمل بدأ.",
        {"person/تركي-بن-سعود", "PERSON", RAWI_MENTION_NAME});
  CHECK("وسقط نظام صدام عام 2003.",
        {"person/saddam-hussein", "PERSON", RAWI_MENTION_NAME});
}

static void test_english(void **state) {
  (void)state;
  CHECK("Secretary of State Antony Blinken met Colombian President Gustavo "
        "Petro in Bogota on Monday.",
        {"person/antony-blinken", "PERSON", RAWI_MENTION_NAME},
        {"person/gustavo-petro", "PERSON", RAWI_MENTION_NAME},
        {"country/co", "COUNTRY", RAWI_MENTION_DEMONYM},
        {"location/bogota", "LOCATION", RAWI_MENTION_NAME});
  CHECK("The United Nations and NATO said Iraqi forces entered Mosul.",
        {"country/iq", "COUNTRY", RAWI_MENTION_DEMONYM},
        {"location/mosul", "LOCATION", RAWI_MENTION_NAME});
}

/* Canonical names are the standard short forms. */
static void test_canonical_names(void **state) {
  (void)state;
  const char *text = "زار كولومبيا والولايات المتحدة والمملكة المتحدة.";
  rawi_doc *doc = NULL;
  assert_int_equal(
      rawi_extract(fx.session, text, strlen(text), RAWI_LANG_AR, &doc, NULL),
      RAWI_OK);
  assert_int_equal(rawi_doc_entity_count(doc), 3);
  rawi_entity e;
  rawi_doc_entity(doc, 0, &e);
  assert_string_equal(e.id, "country/co");
  assert_string_equal(e.name, "كولومبيا");
  rawi_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arabic),
      cmocka_unit_test(test_english),
      cmocka_unit_test(test_canonical_names),
      cmocka_unit_test(test_arabic_traps),
  };
  return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
