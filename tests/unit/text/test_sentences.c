/* Sentence splitting on news-like paragraphs. */
#include <stdio.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "../helpers.h"

typedef struct {
  const char *text;
  size_t sentences;
  const char *why;
} sent_case;

static const sent_case cases[] = {
    {"وصل الوزير إلى ليما. ثم توجه إلى سانتياغو.", 2, "full stop"},
    {"قال المسؤول، في بيان، إن الوفد سيغادر غداً.", 1,
     "arabic comma never ends"},
    {"هل ينجح الاتفاق؟ لا أحد يعرف! لكن المفاوضات مستمرة.", 3, "؟ and !"},
    {"أعلنت الحكومة الهدنة؛ ورحبت بها الأمم المتحدة.", 2, "arabic semicolon"},
    {"وقال: «لن نتراجع عن مواقفنا.» ثم غادر القاعة.", 2,
     "stop inside guillemets"},
    {"ذكرت وكالة (أ.ب) أن الاجتماع انتهى. وأكدت مصادر أخرى ذلك.", 2,
     "أ.ب is one token"},
    {"ارتفع المؤشر بنسبة 3.5 في المئة إلى 1,250.75 نقطة.", 1,
     "decimal numbers"},
    {"رحب د. أحمد الطيب بالمبادرة.", 1, "single-letter abbreviation"},
    {"العنوان بلا نقطة\nوالنص يبدأ هنا.", 2, "a line break ends a sentence"},
    {"الفقرة الأولى.\n\nالفقرة الثانية.", 2, "blank line"},
    {"تأسست المدينة عام 1990 م. وتوسعت بعد ذلك.", 2, "era letter after a year"},
    {"U.S. officials met Mr. Petro in Bogota. The talks ended early.", 2,
     "U.S. and Mr. are abbreviations"},
    {"He said \"we will return.\" Then he left.", 2,
     "closing quote after stop"},
    {"Prices rose 2.5 percent. Analysts were surprised... Markets fell.", 3,
     "ellipsis"},
    {"The meeting ended at 5 p.m. local time.", 1, "lower case after stop"},
    {"Wait?! Really.", 2, "stacked terminators"},
    {"Ned Tate was born in Hale, Mo., and raised in Tulsa.", 1,
     "comma after a full stop continues"},
    {"The plant is near Dover, Del.; its owner is Acme Corp.", 1,
     "semicolon after a full stop continues"},
};

static void test_counts(void **state) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rawi_doc *doc = analyze(state, cases[i].text);
    size_t n = rawi_doc_sentence_count(doc);
    rawi_doc_free(doc);
    if (n != cases[i].sentences)
      fail_msg("%s: %zu sentences, expected %zu: %s", cases[i].why, n,
               cases[i].sentences, cases[i].text);
  }
}

/* Sentence spans cover their tokens, in order, without gaps in tokens. */
static void test_spans(void **state) {
  const char *text =
      "وصل بلينكن إلى بوغوتا يوم الثلاثاء. «المباحثات كانت مثمرة»، "
      "قال للصحافيين.\nوسيتوجه لاحقاً إلى ليما!";
  rawi_doc *doc = analyze(state, text);
  assert_int_equal(rawi_doc_sentence_count(doc), 3);
  size_t next = 0;
  for (size_t i = 0; i < rawi_doc_sentence_count(doc); i++) {
    rawi_sentence s;
    assert_int_equal(rawi_doc_sentence(doc, i, &s), RAWI_OK);
    assert_int_equal(s.first_token, next);
    next += s.token_count;
    rawi_token first, last;
    rawi_doc_token(doc, s.first_token, &first);
    rawi_doc_token(doc, s.first_token + s.token_count - 1, &last);
    assert_int_equal(s.span.byte_start, first.span.byte_start);
    assert_int_equal(s.span.byte_end, last.span.byte_end);
    assert_int_equal(first.sentence, i);
  }
  assert_int_equal(next, rawi_doc_token_count(doc));
  rawi_sentence s;
  rawi_doc_sentence(doc, 0, &s);
  assert_memory_equal(text + s.span.byte_start, "وصل", 6);
  assert_memory_equal(text + s.span.byte_end - 1, ".", 1);
  rawi_doc_sentence(doc, 1, &s);
  assert_memory_equal(text + s.span.byte_start, "«", 2);
  assert_int_equal(rawi_doc_sentence(doc, 3, &s), RAWI_ERR_INVALID);
  rawi_doc_free(doc);
}

/* Where rawi's tailoring does not apply (no ؛, no abbreviation, no lower
 * case after a full stop), sentence ends fall where ICU's sentence break
 * iterator puts them. Counted on sentence ends (ICU also breaks after
 * trailing white space, which rawi does not keep as a token). */
static void test_agrees_with_icu_sentences(void **state) {
  static const char *const texts[] = {
      "وصل الوفد إلى بغداد مساء الاثنين. وعقد اجتماعا مع المسؤولين! ثم غادر؟ "
      "نعم.",
      "قال الوزير: «نحن مستعدون». وأضاف أن المفاوضات مستمرة.\nسطر جديد بلا "
      "نقطة\nوآخر.",
      ("The talks ended on Monday. Officials said the next round would start "
       "soon! Will it? Nobody knows."), /* () tells clang: one string */
      "He said \"we will return.\" Then he left. (The meeting was short.) It "
      "ended.",
      "The firm is based in Hale, Mo., its papers say. It makes tools.",
  };
  UErrorCode ec = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &ec);
  assert_true(U_SUCCESS(ec));
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    const char *t = texts[i];
    UText *ut = utext_openUTF8(NULL, t, (int64_t)strlen(t), &ec);
    ubrk_setUText(bi, ut, &ec);
    assert_true(U_SUCCESS(ec));
    size_t icu = 0;
    int32_t prev = ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE;
         prev = b, b = ubrk_next(bi)) {
      /* count segments holding something other than white space */
      for (int32_t k = prev; k < b; k++)
        if (t[k] != ' ' && t[k] != '\n') {
          icu++;
          break;
        }
    }
    rawi_doc *doc = analyze(state, t);
    size_t ours = rawi_doc_sentence_count(doc);
    rawi_doc_free(doc);
    utext_close(ut);
    if (ours != icu)
      fail_msg("%zu sentences, ICU finds %zu: %s", ours, icu, t);
  }
  ubrk_close(bi);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counts),
      cmocka_unit_test(test_spans),
      cmocka_unit_test(test_agrees_with_icu_sentences),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
