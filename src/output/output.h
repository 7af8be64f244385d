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
} output_options;

/* One document to write: its id, and (JSONL) fields passed through. */
typedef struct output_doc {
  const rawi_doc *doc;
  const char *id;
  size_t id_len;
  const char *meta; /* a JSON object's text, or NULL */
} output_doc;

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
} output_format;

/* The format called name, or NULL. */
const output_format *output_format_find(const char *name);

/* The names of all formats, "jsonl|...", for messages. */
const char *output_format_names(void);

/* The JSONL record (docs/output.md) for doc, identified by id; with
 * explain, the candidates resolution discarded and why; meta (a JSON
 * object's text, or NULL) is passed through as the record's "meta". */
void output_jsonl(rawi_strbuf *b, const rawi_doc *doc, const char *id,
                  size_t id_len, int explain, const char *meta);

/* The error record of a document that failed. */
void output_jsonl_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err);

/* Helpers shared by formats. */

/* What produced a mention, as every format writes it: gazetteer:FILE:LINE,
 * rule:FILE:NAME, or alias: and the full name's source. Written into
 * buf[cap] (NUL-terminated, cut to fit); returns its length. */
size_t output_source(char *buf, size_t cap, const rawi_mention *m);

/* The error code name of a rawi_status ("invalid_utf8", "io", ...). */
const char *output_error_code(int code);

/* The HTML page (html.c). */
void output_html_header(rawi_strbuf *b, const output_options *o);
void output_html_footer(rawi_strbuf *b, const output_options *o);
void output_html(rawi_strbuf *b, const output_doc *d, const output_options *o);
void output_html_error(rawi_strbuf *b, const char *id, size_t id_len,
                       const rawi_error *err, const output_options *o);

#endif
