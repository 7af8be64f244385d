/* Proclitic readings of Arabic tokens. */
#include <stdio.h>

#include "../helpers.h"

/* "prefix:stem_norm" for every reading of the first token, space-joined. */
static const char *readings(void **state, const char *word, char *buf,
                            size_t cap) {
  rawi_doc *doc = analyze(state, word);
  rawi_token t;
  assert_int_equal(rawi_doc_token(doc, 0, &t), RAWI_OK);
  size_t n = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < t.reading_count; k++) {
    rawi_reading s;
    assert_int_equal(rawi_doc_reading(doc, 0, k, &s), RAWI_OK);
    n += (size_t)snprintf(buf + n, cap - n, "%s%s:%s", k ? " " : "", s.prefix,
                          s.stem_norm);
  }
  rawi_doc_free(doc);
  return buf;
}

typedef struct {
  const char *word, *expect;
} clitic_case;

static const clitic_case cases[] = {
    /* conjunctions */
    {"وبايدن", ":وبايدن و:بايدن و+ب:ايدن"},
    {"فقال", ":فقال ف:قال"},
    /* prepositions */
    {"بالعراق", ":بالعراق ب:العراق ب+ال:عراق"},
    {"كالعادة", ":كالعاده ك:العاده ك+ال:عاده"},
    {"لمادورو", ":لمادورو ل:مادورو"},
    /* the article alone */
    {"العراق", ":العراق ال:عراق"},
    /* combinations */
    {"والبيرو", ":والبيرو و:البيرو و+ال:بيرو"},
    {"وبالعراق", ":وبالعراق و:بالعراق و+ب:العراق و+ب+ال:عراق"},
    {"فبالنسبة", ":فبالنسبه ف:بالنسبه ف+ب:النسبه ف+ب+ال:نسبه"},
    {"وكالرئيس", ":وكالرئيس و:كالرئيس و+ك:الرئيس و+ك+ال:رئيس"},
    /* the contraction لل = ل + ال */
    {"للمالكي", ":للمالكي ل:لمالكي ل:المالكي ل+ال:مالكي"},
    {"للبنتاغون", ":للبنتاغون ل:لبنتاغون ل:البنتاغون ل+ال:بنتاغون"},
    {"وللمالكي", ":وللمالكي و:للمالكي و+ل:لمالكي و+ل:المالكي و+ل+ال:مالكي"},
    /* a stem keeps at least two letters */
    {"بل", ":بل"},
    {"وبه", ":وبه و:به"},
    {"الى", ":الي"},
    /* not Arabic, or not a word: no readings */
    {"Blinken", ":blinken"},
    {"٢٠٢٤", ":2024"},
};

static void test_table(void **state) {
  char buf[512];
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *got = readings(state, cases[i].word, buf, sizeof buf);
    if (strcmp(got, cases[i].expect))
      fail_msg("%s: got '%s', expected '%s'", cases[i].word, got,
               cases[i].expect);
  }
}

/* Names that merely start with proclitic letters keep the unsplit reading
 * first, so a list entry for the whole word wins. */
static void test_unsplit_first(void **state) {
  const char *names[] = {"بلينكن", "فنزويلا", "كولومبيا", "لبنان",
                         "واشنطن", "فرنسا",   "بيترو",    "لندن"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    rawi_doc *doc = analyze(state, names[i]);
    rawi_reading s;
    assert_int_equal(rawi_doc_reading(doc, 0, 0, &s), RAWI_OK);
    assert_string_equal(s.prefix, "");
    assert_string_equal(s.stem_norm, norm(state, names[i]));
    assert_int_equal(s.stem.byte_start, 0);
    rawi_doc_free(doc);
  }
}

/* Stem offsets point into the original, past diacritics of the prefix. */
static void test_stem_offsets(void **state) {
  const char *text = "قال وَبِالعِراقِ إن";
  rawi_doc *doc = analyze(state, text);
  rawi_token t;
  assert_int_equal(rawi_doc_token(doc, 1, &t), RAWI_OK);
  assert_string_equal(t.norm, "وبالعراق");
  for (size_t k = 1; k < t.reading_count; k++) {
    rawi_reading s;
    rawi_doc_reading(doc, 1, k, &s);
    if (!strcmp(s.prefix, "و+ب")) {
      /* stem as written starts at the alef, after "وَبِ" */
      assert_memory_equal(text + s.stem.byte_start, "العِراقِ", strlen("العِراقِ"));
      assert_int_equal(s.stem.byte_end, t.span.byte_end);
      assert_int_equal(s.stem.start, 8);
      assert_int_equal(s.article, 1);
    }
  }
  rawi_doc_free(doc);
}

/* للمالكي with tatweel and a diacritic inside still splits. */
static void test_clitic_with_tatweel(void **state) {
  char buf[512];
  assert_string_equal(readings(state, "لِلمـالكي", buf, sizeof buf),
                      ":للمالكي ل:لمالكي ل:المالكي ل+ال:مالكي");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_unsplit_first),
      cmocka_unit_test(test_stem_offsets),
      cmocka_unit_test(test_clitic_with_tatweel),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
