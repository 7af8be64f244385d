/* Normalisation: every rule of docs/text.md, in both scripts. */
#include "../helpers.h"
#include "api/internal.h"
#include "text/text.h"

typedef struct {
  const char *in, *out, *why;
} norm_case;

static const norm_case cases[] = {
    /* Arabic diacritics U+064B..U+065F and dagger alef U+0670 */
    {"مُحَمَّدٌ", "محمد", "harakat, shadda, tanwin"},
    {"هٰذا", "هذا", "dagger alef"},
    {"بِسْمِ", "بسم", "kasra and sukun"},
    /* tatweel */
    {"بـــغـداد", "بغداد", "tatweel"},
    /* alef variants */
    {"أحمد", "احمد", "alef with hamza above"},
    {"إيران", "ايران", "alef with hamza below"},
    {"آسيا", "اسيا", "alef with madda"},
    {"ٱلله", "الله", "alef wasla"},
    /* yaa and taa marbuta */
    {"مصطفى", "مصطفي", "alef maqsura to yaa"},
    {"الجامعة العربية", "الجامعه العربيه", "taa marbuta to haa"},
    {"کابل", "كابل", "keheh to kaf"},
    {"ایران", "ايران", "farsi yeh to yaa"},
    /* digits */
    {"٢٠٢٤", "2024", "arabic-indic digits"},
    {"۱۹۹۰", "1990", "persian digits"},
    /* NFKC: presentation forms and compatibility characters */
    {"ﻻ", "لا", "lam-alef ligature"},
    {"ﺑﻐﺪﺍﺩ", "بغداد", "arabic presentation forms"},
    {"ｕｎ", "un", "fullwidth latin"},
    {"ﬁnance", "finance", "latin ligature"},
    /* composition then folding: alef + combining hamza = أ -> ا */
    {"\xd8\xa7\xd9\x94\xd8\xad\xd9\x85\xd8\xaf", "احمد",
     "combining hamza composed"},
    {"\xd9\x88\xd9\x94", "ؤ", "waw with combining hamza composes to ؤ"},
    /* Latin case folding */
    {"Blinken", "blinken", "ascii case"},
    {"PETRO", "petro", "upper case"},
    {"Straße", "strasse", "full case folding"},
    {"ÉLYSÉE", "élysée", "accented capitals"},
    /* default-ignorable characters vanish */
    {"بي\xe2\x80\x8cترو", "بيترو", "zero width non-joiner"},
    {"\xe2\x80\x8fغزة", "غزه", "right-to-left mark"},
    /* tokens joined by one space */
    {"  الرئيس   غوستافو\tبيترو ", "الرئيس غوستافو بيترو", "spacing"},
    {"«داعش»", "« داعش »", "guillemets are tokens"},
};

static void test_table(void **state) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *got = norm(state, cases[i].in);
    if (strcmp(got, cases[i].out))
      fail_msg("%s: '%s' -> '%s', expected '%s'", cases[i].why, cases[i].in,
               got, cases[i].out);
  }
}

static void test_empty(void **state) {
  assert_string_equal(norm(state, ""), "");
  assert_string_equal(norm(state, " \n\t "), "");
}

/* The fast path must give what ICU's NFKC_Casefold plus the Arabic folds
 * give, for every code point it handles itself. */
static void test_fast_path_matches_icu(void **state) {
  fixture *f = *state;
  text_doc d = {.alloc = &f->model->alloc};
  uint32_t ranges[][2] = {{0x21, 0x7E},     {0x0600, 0x06FF}, {0x200B, 0x200F},
                          {0x202A, 0x202E}, {0x2060, 0x2064}, {0xFEFF, 0xFEFF}};
  int checked = 0;
  for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
    for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
      char src[8] = {0}, icu[64];
      int n = 0;
      if (cp < 0x80)
        src[n++] = (char)cp;
      else if (cp < 0x800)
        src[n++] = (char)(0xC0 | (cp >> 6)),
        src[n++] = (char)(0x80 | (cp & 0x3F));
      else
        src[n++] = (char)(0xE0 | (cp >> 12)),
        src[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        src[n++] = (char)(0x80 | (cp & 0x3F));
      uint32_t off, len;
      d.n_pool = 0;
      assert_int_equal(text_normalize_token(&f->model->text, &f->session->text,
                                            &d, src, (size_t)n, &off, &len,
                                            NULL),
                       RAWI_OK);
      assert_int_equal(text_normalize_cp_icu(&f->model->text, &f->session->text,
                                             cp, icu, sizeof icu),
                       RAWI_OK);
      if (strcmp(d.pool + off, icu))
        fail_msg("U+%04X: fast '%s' != icu '%s'", cp, d.pool + off, icu);
      checked++;
    }
  }
  assert_true(checked > 300);
  text_doc_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_fast_path_matches_icu),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
