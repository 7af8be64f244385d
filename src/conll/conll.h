/*
 * CoNLL data, read once for every command: `token ... LABEL` lines, blank
 * lines between sentences, -DOCSTART- lines between documents.
 *
 * - Lines and columns: a line's first column is its token, the last its
 *   label (the token itself on a one-column line).
 * - Document splitting: a -DOCSTART- line (its first column exactly that)
 *   ends a document; `rawi extract` splits a stream on it (batch/source.c),
 *   `rawi eval` a corpus it holds (conll_doc_end).
 * - Token joining: a document's text is its tokens joined by spaces,
 *   sentences by newlines (conll_text); the CoNLL writer
 *   (output/conll.c) walks the same lines to put each token's label back.
 *
 * Two readings of a line, kept apart because outputs depend on them:
 * `rawi extract` reads a record's lines as they are (conll_walk: the first
 * column runs from the line's start to the first space or TAB, and a line
 * starting with one is blank); an annotated corpus (conll_corpus, for
 * `rawi eval` and `rawi gazetteer induce`) skips blanks, carriage returns
 * included, around its columns.
 */
#ifndef RAWI_CONLL_CONLL_H
#define RAWI_CONLL_CONLL_H

#include <stddef.h>
#include <string.h>

#include "rawi/rawi.h"
#include "util/strbuf.h"

/* Whether the first column tok[0..n) is a -DOCSTART- marker. */
static inline int conll_is_docstart(const char *tok, size_t n) {
  return n == 10 && !memcmp(tok, "-DOCSTART-", 10);
}

/* Length of the first column of line[0..n): up to a space or a TAB. */
size_t conll_first_column(const char *line, size_t n);

/* --- a record's lines, as rawi extract reads them ------------------------ */

/* Walks CoNLL lines and the text conll_text makes of them. */
typedef struct conll_walk {
  const char *p, *end;
  size_t text_len; /* length of the text made so far */
  char last;       /* its last byte ('\n' when empty) */
} conll_walk;

void conll_walk_start(conll_walk *w, const char *data, size_t len);

/* The next line: 1 with its first column (tok, n; n is 0 for a blank
 * line) and that column's byte offset in the text (at), or 0 at the end. */
int conll_walk_next(conll_walk *w, const char **tok, size_t *n, size_t *at);

/* The text of CoNLL lines data[0..len): first columns joined by spaces,
 * sentences by newlines, appended to text. */
void conll_text(const char *data, size_t len, rawi_strbuf *text);

/* --- an annotated corpus, as rawi eval and gazetteer induce read it ------ */

typedef struct conll_corpus {
  const rawi_allocator *alloc;
  size_t n; /* tokens */
  size_t sentences;
  char **tok, **lab;          /* into the data, NUL-terminated */
  unsigned char *start, *doc; /* token i starts a sentence, a document
                                 (after a -DOCSTART- line) */
  unsigned long *line;        /* token i's line, from 1 */
} conll_corpus;

/* Read data[0..len) (len + 1 bytes, data[len] writable) in place: columns
 * are cut with NULs. RAWI_OK, or RAWI_ERR_NOMEM. */
int conll_corpus_read(conll_corpus *c, const rawi_allocator *a, char *data,
                      size_t len);
void conll_corpus_free(conll_corpus *c);

/* Where the document that starts at token a ends: at the next -DOCSTART-,
 * or after k sentences when k is not 0, or at the end. */
size_t conll_doc_end(const conll_corpus *c, size_t a, size_t k);

/* Tokens [a, b) as the CoNLL lines of a record (one token a line, a blank
 * line between sentences), appended to out: what rawi extract reads. */
void conll_lines(const conll_corpus *c, size_t a, size_t b, rawi_strbuf *out);

#endif
