/* Output formats: one record per document appended to a string buffer. */
#ifndef RAWI_OUTPUT_OUTPUT_H
#define RAWI_OUTPUT_OUTPUT_H

#include "rawi/rawi.h"
#include "util/strbuf.h"

/* The JSONL record (docs/output.md) for doc, identified by id; with
 * explain, the candidates resolution discarded and why; meta (a JSON
 * object's text, or NULL) is passed through as the record's "meta". */
void output_jsonl(rawi_strbuf *b, const rawi_doc *doc, const char *id,
                  size_t id_len, int explain, const char *meta);

/* The error record of a document that failed. */
void output_jsonl_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err);

#endif
