/*
 * CoNLL output: `token<TAB>label` lines (IOB2), aligned line by line with a
 * CoNLL input, and the label map that turns rawi's entity types into a
 * corpus's labels (PERSON=PERS, ...). Shared by `rawi extract --format
 * conll` and `rawi eval`, so that what eval scores is what extract writes.
 *
 * A CoNLL document's text is its tokens (first column) joined by spaces,
 * sentences (blank lines) by newlines (src/conll/: reading, splitting and
 * joining CoNLL for every command); a token takes the label of the name
 * mention that overlaps it (clitics stay attached: a mention covering the
 * stem of "وبغداد" labels the whole token), B- on the first token of the
 * mention, I- on the others.
 */
#ifndef RAWI_OUTPUT_CONLL_H
#define RAWI_OUTPUT_CONLL_H

#include <stddef.h>

#include "rawi/rawi.h"
#include "util/strbuf.h"

#define OUTPUT_LABEL_MAX 16

/* rawi type -> label; a type the map does not name keeps its own name as
 * label; a type mapped to "O" is not labelled at all. */
typedef struct output_label_map {
  size_t n;
  char from[OUTPUT_LABEL_MAX][32], to[OUTPUT_LABEL_MAX][32];
} output_label_map;

/* The default: PERSON=PERS,ORGANIZATION=ORG,COUNTRY=LOC,LOCATION=LOC. */
#define OUTPUT_LABEL_MAP_DEFAULT                                               \
  "PERSON=PERS,ORGANIZATION=ORG,COUNTRY=LOC,LOCATION=LOC"

/* Parse "TYPE=LABEL,..." into m; 0, or -1 with a message in msg. */
int output_label_map_parse(output_label_map *m, const char *spec, char *msg,
                           size_t cap);

/* The label of a rawi type, or NULL when it is mapped to O. */
const char *output_label_map_get(const output_label_map *m, const char *type);

/* The lines of data (the CoNLL input doc was extracted from, its text made
 * by conll_text, src/conll/conll.h) as `token<TAB>label`, blank lines kept.
 * head[0.. head_len) stands for the lines before the first token, one byte each
 * (OUTPUT_CONLL_DOCSTART or OUTPUT_CONLL_BLANK), written first as
 * `-DOCSTART-<TAB>O` and blank lines, so the output keeps the input's
 * lines however many -DOCSTART- and blank lines precede a document. */
#define OUTPUT_CONLL_DOCSTART 'D'
#define OUTPUT_CONLL_BLANK 'B'
void output_conll(rawi_strbuf *b, const rawi_doc *doc, const char *data,
                  size_t len, const output_label_map *map, const char *head,
                  size_t head_len);

/* A document that was not CoNLL input: rawi's own tokens, one a line, a
 * blank line after each sentence. */
void output_conll_tokens(rawi_strbuf *b, const rawi_doc *doc,
                         const output_label_map *map);

/* A document that failed: one comment line, `# error: ID: MESSAGE`. */
void output_conll_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err);

#endif
