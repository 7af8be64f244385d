/*
 * Output formats. A format turns one document into bytes (its record),
 * on whichever worker thread extracted it; the batch writes the records in
 * input order, between the format's header and footer. Records must not
 * depend on one another, so that any thread count and any split of the
 * input into shards give the same output.
 */
#ifndef RAWI_OUTPUT_OUTPUT_H
#define RAWI_OUTPUT_OUTPUT_H

#include "rawi/rawi.h"
#include "util/strbuf.h"

/* What every format may be asked for. */
typedef struct output_options {
  int explain;          /* the candidates that lost, and why */
  const char *base_iri; /* RDF formats: the namespace of rawi's IRIs */
  const struct output_label_map *labels; /* CoNLL: labels of rawi types */
  int csv_safe; /* neo4j: cells that start like a formula get a ' */
} output_options;

/* One document to write: its id, and (JSONL) fields passed through. */
typedef struct output_doc {
  const rawi_doc *doc;
  const char *id;
  size_t id_len;
  const char *meta;   /* a JSON object's text, or NULL */
  const char *source; /* the CoNLL lines the document came from, or NULL */
  size_t source_len;
  const char *head; /* the lines before them (output_conll) */
  size_t head_len;
  unsigned long long duplicate_of; /* the id is also input document N's
                                      (1-based): a warning (JSONL) */
} output_doc;

/*
 * A format whose output is not one stream of records (neo4j: a directory
 * of CSV files, each entity written once however many documents name it)
 * has a writer. The writer runs on the writing thread only: it owns the
 * -o path, receives every record in input order (the record callbacks
 * still run on the workers), and so may keep state across documents.
 * Without a writer, records go to the -o file or stdout.
 */
typedef struct output_writer output_writer;
typedef struct output_writer_ops {
  /* Open path; NULL with err set. */
  output_writer *(*open)(const char *path, const output_options *o,
                         rawi_error *err);
  /* Take one record (header and footer too); -1 with err set. */
  int (*write)(output_writer *w, const char *data, size_t len, rawi_error *err);
  /* Flush and free; -1 with err set when flushing failed (err NULL: free
   * only, after an error elsewhere). */
  int (*close)(output_writer *w, rawi_error *err);
} output_writer_ops;

typedef struct output_format {
  const char *name;
  /* Append the record of a document, or of a document that failed. */
  void (*record)(rawi_strbuf *b, const output_doc *d, const output_options *o);
  void (*error)(rawi_strbuf *b, const char *id, size_t id_len,
                const rawi_error *err, const output_options *o);
  /* Before the first record and after the last (NULL: nothing). Not
   * written again when --resume appends to an existing file. */
  void (*header)(rawi_strbuf *b, const output_options *o);
  void (*footer)(rawi_strbuf *b, const output_options *o);
  const output_writer_ops *writer; /* NULL: a stream to -o or stdout */
} output_format;

/* The format called name, or NULL. */
const output_format *output_format_find(const char *name);

/* The names of all formats, "jsonl|conll|...", into buf[cap], for
 * messages. */
void output_format_names(char *buf, size_t cap);

/* The JSONL record (docs/output.md) for doc, identified by id; with
 * explain, the candidates resolution discarded and why; meta (a JSON
 * object's text, or NULL) is passed through as the record's "meta". */
void output_jsonl(rawi_strbuf *b, const rawi_doc *doc, const char *id,
                  size_t id_len, int explain, const char *meta);

/* The same for d, with the warning of a duplicate id. */
void output_jsonl_doc(rawi_strbuf *b, const output_doc *d, int explain);

/* The error record of a document that failed. */
void output_jsonl_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err);

/* The error code every format writes for a rawi_status ("invalid_utf8"). */
const char *output_error_code(int code);

/* The graph formats' callbacks (rdf.c, cypher.c, neo4j.c), for the
 * table of formats.c. */
void output_ntriples(rawi_strbuf *b, const output_doc *d,
                     const output_options *o);
void output_turtle(rawi_strbuf *b, const output_doc *d,
                   const output_options *o);
void output_rdf_error(rawi_strbuf *b, const char *id, size_t id_len,
                      const rawi_error *err, const output_options *o);
void output_turtle_error(rawi_strbuf *b, const char *id, size_t id_len,
                         const rawi_error *err, const output_options *o);
void output_turtle_header(rawi_strbuf *b, const output_options *o);
void output_cypher(rawi_strbuf *b, const output_doc *d,
                   const output_options *o);
void output_kuzu(rawi_strbuf *b, const output_doc *d, const output_options *o);
void output_cypher_error(rawi_strbuf *b, const char *id, size_t id_len,
                         const rawi_error *err, const output_options *o);
void output_kuzu_error(rawi_strbuf *b, const char *id, size_t id_len,
                       const rawi_error *err, const output_options *o);
void output_cypher_header(rawi_strbuf *b, const output_options *o);
void output_kuzu_header(rawi_strbuf *b, const output_options *o);
void output_neo4j(rawi_strbuf *b, const output_doc *d, const output_options *o);
void output_neo4j_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err, const output_options *o);
extern const output_writer_ops output_neo4j_writer;

/* The default of --base-iri: the namespace of rawi's IRIs. */
#define OUTPUT_DEFAULT_BASE_IRI "https://example.org/rawi/"

/* A type as a graph label: "PERSON" -> "Person" (into b). */
void output_type_label(rawi_strbuf *b, const char *type);

/* A predicate as a relationship type: "met_with" -> "MET_WITH"; any
 * character but letters, digits and '_' becomes '_'. */
void output_rel_type(rawi_strbuf *b, const char *predicate);

/* A relation's rule as "FILE:NAME" and its confidence as "0.90" (the
 * forms JSONL writes), NUL-terminated in the given buffers. */
void output_rule_name(char *buf, size_t size, const rawi_relation *r);
void output_confidence(char *buf, size_t size, double confidence);

/* What produced a mention, as every format writes it: gazetteer:FILE:LINE,
 * rule:FILE:NAME, or alias: and the full name's source. Written into
 * buf[cap] (NUL-terminated, cut to fit); returns its length. */
size_t output_source(char *buf, size_t cap, const rawi_mention *m);

/* The HTML page (html.c). */
void output_html_header(rawi_strbuf *b, const output_options *o);
void output_html_footer(rawi_strbuf *b, const output_options *o);
void output_html(rawi_strbuf *b, const output_doc *d, const output_options *o);
void output_html_error(rawi_strbuf *b, const char *id, size_t id_len,
                       const rawi_error *err, const output_options *o);

/* What the HTML page of extract and the corpus view of rawi graph share
 * (html.c): the stylesheet, the SVG arrow head (id rawi-arrow), the legend
 * of the type colours, the class
 * of an entity type (t-PERSON, ... from doc/types.def, t-OTHER), and the path
 * of an edge from (x1,y1) to (x2,y2) between nodes of radius
 * OUTPUT_HTML_NODE_R, bent by `bend` pixels, with the place of its label in
 * *lx, *ly. */
#define OUTPUT_HTML_NODE_R 9.0
void output_html_style(rawi_strbuf *b);
extern const char output_html_defs[];
void output_html_legend(rawi_strbuf *b); /* the type colours, as spans */
const char *output_html_type_class(const char *type);
/* Places on a circle of n: slot[i] is node i's rank among the linked
 * nodes (those with edges, 0 .. linked-1) or (size_t)-1; the linked ones
 * are spread evenly round the circle, so that edges are long enough for
 * their labels, and the others fill the places between. taken: n zeroed
 * scratch entries. */
void output_html_circle_spread(size_t *slot, size_t *taken, size_t n,
                               size_t linked);
void output_html_edge_path(rawi_strbuf *b, double x1, double y1, double x2,
                           double y2, int bend, double *lx, double *ly);

#endif
