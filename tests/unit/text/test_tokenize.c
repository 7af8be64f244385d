/* Tokenisation: boundaries, offsets, awkward input, agreement with ICU. */
#include <stdio.h>
#include <stdlib.h>

#include "../helpers.h"

static const char *const paragraphs[] = {
    "أعلن وزير الخارجية الأميركي أنتوني بلينكن، يوم الثلاثاء، أنه سيزور "
    "بوغوتا وليما قبل نهاية الشهر.",
    "وقالت المتحدثة باسم الوزارة إن «المحادثات كانت بنّاءة» وإن الجانبين "
    "اتفقا على لقاء جديد في ٢٠٢٥.",
    "وأفادت وكالة (أ.ف.ب) بأن 1,250 شخصاً نزحوا من مدينة الموصل خلال 3.5 "
    "أيام.",
    "هل يلتقي بايدن نظيره الصيني؟ لا أحد يعرف حتى الآن!",
    "وصرّح الجنرال للصحافيين: «لن نتراجع».\nورد المتحدث باسم البنتاغون بأن "
    "الجيش الأمريكي يراقب الوضع.",
    "U.S. Secretary of State Antony Blinken met Colombian President Gustavo "
    "Petro in Bogota on Tuesday. Mr. Blinken said the talks were "
    "\"productive.\" They'll meet again in 2025, officials said.",
    "قال بلينكن (Blinken) إن الولايات المتحدة U.S. ستدعم كولومبيا ب 3٫5 "
    "مليار دولار؛ وأضاف أن الـمـسـاعدات ستصل قريباً.",
    "The U.N. envoy's office in Geneva - according to AFP - hasn't commented "
    "on the 1,000-page report (released 12.05.2024).",
};

/* Token i of doc has this kind. */
static void assert_kind(const rawi_doc *doc, size_t i, rawi_token_kind kind) {
  rawi_token t;
  rawi_doc_token(doc, i, &t);
  assert_int_equal(t.kind, kind);
}

static void test_words_and_punctuation(void **state) {
  char buf[1024];
  rawi_doc *doc =
      analyze(state, "قال: «لن نتراجع»، (أ.ب) U.S. don't 1,250.5 F-16");
  assert_string_equal(
      token_texts(doc, buf, sizeof buf),
      "قال|:|«|لن|نتراجع|»|،|(|أ.ب|)|U.S|.|don't|1,250.5|F|-|16");
  assert_kind(doc, 13, RAWI_TOKEN_NUMBER);
  assert_kind(doc, 2, RAWI_TOKEN_PUNCT);
  assert_kind(doc, 0, RAWI_TOKEN_WORD);
  rawi_doc_free(doc);
}

static void check_offsets(const rawi_doc *doc);

/* An English possessive written without a space is split off as if it
 * were written "Booth 's", with either apostrophe; other apostrophes stay
 * inside their word, and so does one after an Arabic letter (one after a
 * digit is cut already). */
static void test_possessive_split(void **state) {
  char buf[512];
  rawi_doc *doc =
      analyze(state, "Booth's O'Brien\xe2\x80\x99s Jos\xc3\xa9's don't "
                     "1990's \xd8\xa8's Bus's Edwards' 's");
  assert_string_equal(token_texts(doc, buf, sizeof buf),
                      "Booth|'|s|O'Brien|\xe2\x80\x99|s|Jos\xc3\xa9|'|s|don't|"
                      "1990|'|s|\xd8\xa8's|Bus|'|s|Edwards|'|'|s");
  assert_kind(doc, 1, RAWI_TOKEN_PUNCT);
  assert_kind(doc, 2, RAWI_TOKEN_WORD);
  rawi_token t;
  rawi_doc_token(doc, 2, &t);
  assert_string_equal(t.norm, "s");
  rawi_doc_token(doc, 0, &t);
  assert_string_equal(t.norm, "booth");
  check_offsets(doc);
  rawi_doc_free(doc);
}

/* Marks and tatweel never split a word; neither do joiners. */
static void test_marks_stay_inside(void **state) {
  char buf[256];
  rawi_doc *doc = analyze(state, "الـمـسـاعدات مُحَمَّدٌ بي\xe2\x80\x8cترو");
  assert_string_equal(token_texts(doc, buf, sizeof buf),
                      "الـمـسـاعدات|مُحَمَّدٌ|بي\xe2\x80\x8cترو");
  rawi_doc_free(doc);
}

/* text[start:end] is the token, in bytes and in code points. */
static void check_offsets(const rawi_doc *doc) {
  size_t len;
  const char *text = rawi_doc_text(doc, &len);
  for (size_t i = 0; i < rawi_doc_token_count(doc); i++) {
    rawi_token t;
    rawi_doc_token(doc, i, &t);
    assert_ptr_equal(t.text, text + t.span.byte_start);
    assert_true(t.span.byte_end <= len);
    /* count code points before the token to check the cp offsets */
    size_t cps = 0, tok_cps = 0;
    for (size_t b = 0; b < t.span.byte_end; b++) {
      int lead = ((unsigned char)text[b] & 0xC0) != 0x80;
      if (b < t.span.byte_start)
        cps += lead;
      else
        tok_cps += lead;
    }
    assert_int_equal(t.span.start, cps);
    assert_int_equal(t.span.end, cps + tok_cps);
    for (size_t k = 0; k < t.reading_count; k++) {
      rawi_reading s;
      rawi_doc_reading(doc, i, k, &s);
      assert_true(s.stem.byte_start >= t.span.byte_start);
      assert_true(s.stem.start >= t.span.start);
      assert_int_equal(s.stem.end, t.span.end);
      assert_int_equal(s.stem.byte_end, t.span.byte_end);
      /* a stem never starts inside a UTF-8 sequence */
      assert_true(((unsigned char)text[s.stem.byte_start] & 0xC0) != 0x80);
    }
  }
}

static void test_offsets_round_trip(void **state) {
  char all[8192] = "";
  for (size_t i = 0; i < sizeof paragraphs / sizeof *paragraphs; i++) {
    strcat(all, paragraphs[i]);
    strcat(all, i % 2 ? "\r\n\r\n" : "\n");
  }
  rawi_doc *doc = analyze(state, all);
  assert_true(rawi_doc_token_count(doc) > 150);
  check_offsets(doc);
  rawi_doc_free(doc);
}

/* Leading byte order mark: skipped, but offsets still count it. */
static void test_bom(void **state) {
  rawi_doc *doc = analyze(state, "\xEF\xBB\xBFبغداد");
  assert_int_equal(rawi_doc_token_count(doc), 1);
  rawi_token t;
  rawi_doc_token(doc, 0, &t);
  assert_int_equal(t.span.start, 1);
  assert_int_equal(t.span.byte_start, 3);
  assert_string_equal(t.norm, "بغداد");
  rawi_doc_free(doc);
}

/* NUL bytes separate tokens and do not end the text. */
static void test_nul_bytes(void **state) {
  fixture *f = *state;
  const char text[] = "طهران\0دمشق\0\0بيروت";
  rawi_doc *doc;
  assert_int_equal(rawi_analyze(f->session, text, sizeof text - 1, &doc, NULL),
                   RAWI_OK);
  char buf[128];
  assert_string_equal(token_texts(doc, buf, sizeof buf), "طهران|دمشق|بيروت");
  check_offsets(doc);
  rawi_doc_free(doc);
}

static void test_crlf(void **state) {
  rawi_doc *doc = analyze(state, "سطر أول\r\nسطر ثان\r\n\r\nفقرة جديدة");
  assert_int_equal(rawi_doc_token_count(doc), 6);
  assert_int_equal(rawi_doc_sentence_count(doc), 3);
  check_offsets(doc);
  rawi_doc_free(doc);
}

static void test_empty(void **state) {
  fixture *f = *state;
  rawi_doc *doc;
  assert_int_equal(rawi_analyze(f->session, NULL, 0, &doc, NULL), RAWI_OK);
  assert_int_equal(rawi_doc_token_count(doc), 0);
  assert_int_equal(rawi_doc_sentence_count(doc), 0);
  rawi_doc_free(doc);
  doc = analyze(state, " \n \t\r\n");
  assert_int_equal(rawi_doc_token_count(doc), 0);
  assert_int_equal(rawi_doc_sentence_count(doc), 0);
  rawi_doc_free(doc);
}

typedef struct {
  const char *bytes;
  size_t len, offset;
  const char *msg;
} bad_utf8;

static void test_invalid_utf8(void **state) {
  fixture *f = *state;
  static const bad_utf8 cases[] = {
      {"abc\xC0\xAF", 5, 3, "invalid utf-8 at byte 3: overlong encoding"},
      {"\xE0\x80\xAF", 3, 0, "invalid utf-8 at byte 0: overlong encoding"},
      {"بغداد\xED\xA0\x80", 13, 10,
       "invalid utf-8 at byte 10: surrogate code point"},
      {"ab\xE2\x82", 4, 2, "invalid utf-8 at byte 2: truncated sequence"},
      {"ab\xE2\x82x", 5, 2, "invalid utf-8 at byte 2: truncated sequence"},
      {"\x80", 1, 0, "invalid utf-8 at byte 0: unexpected continuation byte"},
      {"x\xF4\x90\x80\x80", 5, 1,
       "invalid utf-8 at byte 1: code point above U+10FFFF"},
      {"x\xFF", 2, 1, "invalid utf-8 at byte 1: invalid lead byte"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rawi_doc *doc = (rawi_doc *)1;
    rawi_error err;
    assert_int_equal(
        rawi_analyze(f->session, cases[i].bytes, cases[i].len, &doc, &err),
        RAWI_ERR_UTF8);
    assert_null(doc);
    assert_int_equal(err.code, RAWI_ERR_UTF8);
    assert_int_equal(err.byte_offset, cases[i].offset);
    assert_string_equal(err.message, cases[i].msg);
  }
}

/* A 10 MB line without spaces: one long token, in linear time. */
static void test_long_line(void **state) {
  fixture *f = *state;
  size_t n = 10u << 20;
  char *text = malloc(n);
  assert_non_null(text);
  for (size_t i = 0; i + 2 <= n; i += 2)
    memcpy(text + i, "ب", 2);
  rawi_doc *doc;
  assert_int_equal(rawi_analyze(f->session, text, n, &doc, NULL), RAWI_OK);
  assert_int_equal(rawi_doc_token_count(doc), 1);
  rawi_token t;
  rawi_doc_token(doc, 0, &t);
  assert_int_equal(t.span.end, n / 2);
  rawi_doc_free(doc);
  /* the same length of words glued by Arabic commas: many tokens */
  for (size_t i = 0; i + 10 <= n; i += 10)
    memcpy(text + i, "كلمة،", 10);
  assert_int_equal(rawi_analyze(f->session, text, n - n % 10, &doc, NULL),
                   RAWI_OK);
  assert_int_equal(rawi_doc_token_count(doc), n / 10 * 2);
  assert_int_equal(rawi_doc_sentence_count(doc), 1);
  rawi_doc_free(doc);
  free(text);
}

/* The fast scanner cuts exactly where ICU's word break iterator does. */
static void test_agrees_with_icu(void **state) {
  fixture icu;
  assert_int_equal(fixture_open(&icu, RAWI_TOKENIZER_ICU), 0);
  fixture *fast = *state;
  size_t compared = 0;
  for (size_t i = 0; i < sizeof paragraphs / sizeof *paragraphs; i++) {
    const char *p = paragraphs[i];
    rawi_doc *a, *b;
    assert_int_equal(rawi_analyze(fast->session, p, strlen(p), &a, NULL), 0);
    assert_int_equal(rawi_analyze(icu.session, p, strlen(p), &b, NULL), 0);
    char ba[4096], bb[4096];
    assert_string_equal(token_texts(a, ba, sizeof ba),
                        token_texts(b, bb, sizeof bb));
    assert_int_equal(rawi_doc_sentence_count(a), rawi_doc_sentence_count(b));
    compared += rawi_doc_token_count(a);
    rawi_doc_free(a);
    rawi_doc_free(b);
  }
  assert_true(compared > 150);
  fixture_close(&icu);
}

/* Every character of ASCII, the two-byte range (Latin, Arabic, ...),
 * general punctuation and Arabic presentation forms, between letters,
 * digits and spaces, is cut as ICU cuts it. */
static void test_every_character_agrees_with_icu(void **state) {
  fixture icu;
  assert_int_equal(fixture_open(&icu, RAWI_TOKENIZER_ICU), 0);
  fixture *fast = *state;
  static const char *const shapes[] = {"ab%sc", "12%s3",  "%sab", "ab%s",
                                       " %s ",  "بب%sبب", "١%s٢"};
  static const uint32_t ranges[][2] = {
      {0x21, 0x7E}, {0xA0, 0x7FF}, {0x2000, 0x206F}, {0xFB50, 0xFEFF}};
  size_t checked = 0;
  for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
    for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
      char ch[5] = {0};
      if (cp < 0x80)
        ch[0] = (char)cp;
      else if (cp < 0x800)
        ch[0] = (char)(0xC0 | cp >> 6), ch[1] = (char)(0x80 | (cp & 0x3F));
      else
        ch[0] = (char)(0xE0 | cp >> 12),
        ch[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        ch[2] = (char)(0x80 | (cp & 0x3F));
      for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        char text[32], a[128], b[128];
        snprintf(text, sizeof text, shapes[k], ch);
        rawi_doc *da, *db;
        assert_int_equal(
            rawi_analyze(fast->session, text, strlen(text), &da, NULL), 0);
        assert_int_equal(
            rawi_analyze(icu.session, text, strlen(text), &db, NULL), 0);
        token_texts(da, a, sizeof a);
        token_texts(db, b, sizeof b);
        if (strcmp(a, b))
          fail_msg("U+%04X in '%s': fast %s, icu %s", cp, shapes[k], a, b);
        rawi_doc_free(da);
        rawi_doc_free(db);
        checked++;
      }
    }
  }
  assert_true(checked > 10000);
  fixture_close(&icu);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words_and_punctuation),
      cmocka_unit_test(test_possessive_split),
      cmocka_unit_test(test_marks_stay_inside),
      cmocka_unit_test(test_offsets_round_trip),
      cmocka_unit_test(test_bom),
      cmocka_unit_test(test_nul_bytes),
      cmocka_unit_test(test_crlf),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_long_line),
      cmocka_unit_test(test_agrees_with_icu),
      cmocka_unit_test(test_every_character_agrees_with_icu),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
