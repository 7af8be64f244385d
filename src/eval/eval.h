/*
 * Scoring for `rawi eval` (docs/evaluation.md).
 *
 * CoNLL: entity chunks read from IOB2 labels the way conlleval reads them
 * (an I- after O or after another type starts a chunk; a sentence end ends
 * one), an entity right when type, first and last token all match.
 *
 * JSONL: the scoring of shared/gold/score.py, figure for figure: gold
 * entities are (surface, type) pairs, "a|b" alternatives; a system mention
 * finds a gold entity when its text or norm, normalised, is one of the
 * alternatives with the same type; a false alarm is a distinct
 * (normalised form, type) of the system matching no gold surface of that
 * type. Relations match on predicate and on one name of each end entity;
 * symmetric predicates (met_with) either way round; a relation in the gold's
 * "optional" list is neither right nor wrong.
 *
 * cJSON and ICU stay inside this module.
 */
#ifndef RAWI_EVAL_EVAL_H
#define RAWI_EVAL_EVAL_H

#include <stddef.h>

#include "conll/conll.h"
#include "output/conll.h"
#include "util/strbuf.h"

typedef struct eval_counts {
  size_t tp, fp, fn;
} eval_counts;

/* Precision, recall and F1 (0 where undefined, as conlleval and score.py). */
void eval_prf(const eval_counts *c, double *p, double *r, double *f);

/* {"p":..,"r":..,"f1":..,"tp":..,"fp":..,"fn":..} of c, appended to b. */
void eval_json_counts(rawi_strbuf *b, const eval_counts *c);

/* --- CoNLL --------------------------------------------------------------- */

typedef struct eval_chunk {
  size_t start, end; /* tokens, end exclusive */
  const char *type;  /* points into the label ("PERS" of "B-PERS") */
} eval_chunk;

/* The chunks of labels[0..n) (NUL-terminated); starts[i] is non-zero when
 * token i begins a sentence. Returns how many, in *out (malloc'd, caller
 * frees), or (size_t)-1 when out of memory. */
size_t eval_chunks(const char *const *labels, const unsigned char *starts,
                   size_t n, eval_chunk **out);

/* Scoring CoNLL: the system's labels sys[0..g->n) (aligned with the gold
 * corpus g) against the gold's. */
typedef struct eval_conll_options {
  const char *gold;  /* the gold file's name (errors, JSON) */
  const char *types; /* "A,B", "all" (every type seen), or NULL:
                        the labels of map */
  const output_label_map *map;
  int errors; /* list misses and false alarms */
  int json;   /* a JSON object rather than tables */
} eval_conll_options;

typedef struct eval_type_row {
  char name[32];
  eval_counts c;
} eval_type_row;

typedef struct eval_type_table {
  eval_type_row rows[64];
  size_t n;
  int all; /* score every type seen */
} eval_type_table;

typedef struct eval_conll_result {
  eval_type_table t; /* the scored types, sorted by name */
  eval_counts micro;
  rawi_strbuf errors; /* one error a line, or JSON array items */
  size_t sentences;
} eval_conll_result;

/* RAWI_OK or RAWI_ERR_NOMEM; free r with eval_conll_result_free either
 * way. */
int eval_conll_score(eval_conll_result *r, const eval_conll_options *o,
                     const conll_corpus *g, char *const *sys);
/* The tables (or the JSON object) of `rawi eval`, appended to b. */
void eval_conll_report(const eval_conll_result *r, const eval_conll_options *o,
                       const conll_corpus *g, rawi_strbuf *b);
void eval_conll_result_free(eval_conll_result *r);

/* --- JSONL --------------------------------------------------------------- */

typedef struct eval_jsonl eval_jsonl;

typedef struct eval_jsonl_result {
  eval_counts ent, ent_merged, rel;
  size_t bad_lines;    /* system lines that were not JSON */
  size_t missing_docs; /* gold documents the system has no record for */
} eval_jsonl_result;

/* Parse a gold file (one JSON object a line: id, text, entities,
 * relations, optional). NULL with a message (naming the line) in msg. */
eval_jsonl *eval_jsonl_new(const char *gold, size_t len, char *msg, size_t cap);
void eval_jsonl_free(eval_jsonl *e);

/* Gold document i (in file order): its id and text (NULL when absent). */
size_t eval_jsonl_doc_count(const eval_jsonl *e);
void eval_jsonl_doc(const eval_jsonl *e, size_t i, const char **id,
                    const char **text);

/* One line of system output; a later record with the same id replaces an
 * earlier one. Returns -1 when it is not JSON (counted in bad_lines). */
int eval_jsonl_add_system(eval_jsonl *e, const char *line, size_t len);

/* Called with each error line ("seed-1 ENT MISS ...") when given. */
typedef void (*eval_note_fn)(void *ctx, const char *line);

/* Score the system records against the gold. */
void eval_jsonl_score(eval_jsonl *e, eval_jsonl_result *res, eval_note_fn note,
                      void *ctx);

/* score.py's norm(): diacritics and tatweel removed, alef, yaa and taa
 * marbuta unified, quotes and brackets removed, spaces collapsed, case
 * folded. Returns a malloc'd string (NULL when out of memory). */
char *eval_norm(const char *s);

#endif
