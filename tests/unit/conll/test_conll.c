/* The CoNLL module (src/conll/): reading an annotated corpus, splitting it
 * into documents, joining tokens into text, walking a record's lines. */
#include "../helpers.h"

#include "conll/conll.h"
#include "util/mem.h"

/* A writable copy of s, one byte longer (conll_corpus_read ends it). */
static char *copy(const char *s) {
  size_t n = strlen(s);
  char *p = malloc(n + 1);
  assert_non_null(p);
  memcpy(p, s, n + 1);
  return p;
}

static const char corpus_text[] = "-DOCSTART- -X- O O\n"
                                  "\n"
                                  "  Biden\tNNP B-PER \r\n"
                                  "met\tO\n"
                                  "\n"
                                  "Lula\n"
                                  "-DOCSTART-\tO\n"
                                  "Paris B-LOC\n"
                                  "\r\n"
                                  "rain O";

/* corpus_text read into c; returns the data c points into. */
static char *read_corpus(conll_corpus *c) {
  char *data = copy(corpus_text);
  assert_int_equal(
      conll_corpus_read(c, &rawi_default_allocator, data, strlen(data)),
      RAWI_OK);
  return data;
}

static void test_corpus_read(void **state) {
  (void)state;
  conll_corpus c;
  char *data = read_corpus(&c);
  assert_int_equal(c.n, 5);
  assert_int_equal(c.sentences, 4);
  /* first column, last column, blanks and \r around them cut off */
  assert_string_equal(c.tok[0], "Biden");
  assert_string_equal(c.lab[0], "B-PER");
  assert_string_equal(c.tok[1], "met");
  assert_string_equal(c.lab[1], "O");
  /* a one-column line is its own label */
  assert_string_equal(c.tok[2], "Lula");
  assert_string_equal(c.lab[2], "Lula");
  assert_string_equal(c.tok[4], "rain");
  static const unsigned char start[] = {1, 0, 1, 1, 1}, doc[] = {1, 0, 0, 1, 0};
  static const unsigned long line[] = {3, 4, 6, 8, 10};
  for (size_t i = 0; i < c.n; i++) {
    assert_int_equal(c.start[i], start[i]);
    assert_int_equal(c.doc[i], doc[i]);
    assert_int_equal(c.line[i], line[i]);
  }
  conll_corpus_free(&c);
  free(data);
}

static void test_documents(void **state) {
  (void)state;
  conll_corpus c;
  char *data = read_corpus(&c);
  /* by -DOCSTART- lines */
  assert_int_equal(conll_doc_end(&c, 0, 0), 3);
  assert_int_equal(conll_doc_end(&c, 3, 0), 5);
  /* by sentences: one a document, then two; a -DOCSTART- still ends one */
  assert_int_equal(conll_doc_end(&c, 0, 1), 2);
  assert_int_equal(conll_doc_end(&c, 2, 1), 3);
  assert_int_equal(conll_doc_end(&c, 0, 2), 3);
  assert_int_equal(conll_doc_end(&c, 3, 1), 4);
  /* the lines of a document, and its text */
  rawi_strbuf lines, text;
  rawi_strbuf_init(&lines, NULL);
  rawi_strbuf_init(&text, NULL);
  conll_lines(&c, 0, 3, &lines);
  assert_string_equal(lines.data, "Biden\nmet\n\nLula\n");
  conll_text(lines.data, lines.len, &text);
  assert_string_equal(text.data, "Biden met\nLula");
  rawi_strbuf_free(&lines);
  rawi_strbuf_free(&text);
  conll_corpus_free(&c);
  free(data);
}

/* A record's lines are read as they are: the first column runs to a space
 * or TAB, a line starting with one is blank. */
static void test_walk(void **state) {
  (void)state;
  const char data[] = "وقال\tO\nبايدن B-PERS\n\nفي\n";
  conll_walk w;
  conll_walk_start(&w, data, sizeof data - 1);
  const char *tok;
  size_t n, at;
  static const size_t lens[] = {8, 10, 0, 4}, ats[] = {0, 9, 20, 20};
  for (size_t i = 0; i < 4; i++) {
    assert_true(conll_walk_next(&w, &tok, &n, &at));
    assert_int_equal(n, lens[i]);
    assert_int_equal(at, ats[i]);
  }
  assert_false(conll_walk_next(&w, &tok, &n, &at));
  rawi_strbuf text;
  rawi_strbuf_init(&text, NULL);
  conll_text(data, sizeof data - 1, &text);
  assert_string_equal(text.data, "وقال بايدن\nفي");
  rawi_strbuf_free(&text);
  assert_int_equal(conll_first_column(" x", 2), 0);
  assert_true(conll_is_docstart("-DOCSTART-", 10));
  assert_false(conll_is_docstart("-DOCSTART-X", 11));
  assert_int_equal(conll_first_column("-DOCSTART-\tO", 12), 10);
}

/* Every allocation of reading failing in turn: RAWI_ERR_NOMEM, no leak. */
static void test_allocation_failures(void **state) {
  (void)state;
  for (long k = 1;; k++) {
    failing f = {0, k, 0};
    rawi_allocator a = {failing_realloc, failing_free, &f};
    char *data = copy(corpus_text);
    conll_corpus c;
    int rc = conll_corpus_read(&c, &a, data, strlen(data));
    conll_corpus_free(&c);
    free(data);
    assert_int_equal(f.live, 0);
    if (f.calls < k) {
      assert_int_equal(rc, RAWI_OK);
      assert_true(k > 5);
      break;
    }
    assert_int_equal(rc, RAWI_ERR_NOMEM);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_corpus_read),
      cmocka_unit_test(test_documents),
      cmocka_unit_test(test_walk),
      cmocka_unit_test(test_allocation_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
