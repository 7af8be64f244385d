/* Output formats: one record per document appended to a string buffer. */
#ifndef RAWI_OUTPUT_OUTPUT_H
#define RAWI_OUTPUT_OUTPUT_H

#include "rawi/rawi.h"
#include "util/strbuf.h"

/* The JSONL record of DESIGN.md for doc, identified by id. */
void output_jsonl(rawi_strbuf *b, const rawi_doc *doc, const char *id,
                  size_t id_len);

/* The error record of a document that failed. */
void output_jsonl_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err);

#endif
