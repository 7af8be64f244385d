/*
 * One record of a batch turned into its output record: parse a JSON line
 * or join CoNLL tokens, extract, write JSONL. Runs on worker threads, each
 * with its own session; records never share state, so the output is the
 * same for any number of threads.
 */
#ifndef RAWI_BATCH_PROCESS_H
#define RAWI_BATCH_PROCESS_H

#include <stddef.h>

#include "batch/source.h"
#include "output/output.h"
#include "rawi/rawi.h"
#include "util/strbuf.h"

typedef struct batch_options {
  rawi_lang lang;
  const char *text_field; /* JSONL: dotted path of the text, e.g. "text" */
  const char *id_field;   /* JSONL: dotted path of the id, e.g. "meta.id" */
  int keep_fields;        /* JSONL: other fields go to the record's "meta" */
  const output_format *format;
  output_options out;
} batch_options;

typedef struct batch_counts {
  size_t docs, failed, warned, entities, relations;
  unsigned long long text_bytes;
} batch_counts;

void batch_counts_add(batch_counts *into, const batch_counts *c);

/* Append rec's output record to out and count it in c. */
void batch_process(rawi_session *session, const batch_options *o,
                   const batch_record *rec, rawi_strbuf *out, batch_counts *c);

/* The same for a record used once (the pool's): its data is let go as soon
 * as the document is extracted, before the output is made, so that a large
 * document is not held two or three times over (JSON Lines: the line and
 * the decoded text) while its output grows. rec->data is empty after. */
void batch_process_spending(rawi_session *session, const batch_options *o,
                            batch_record *rec, rawi_strbuf *out,
                            batch_counts *c);

/* Append the id batch_process gives rec (the id field of a JSON line, else
 * the record's own id) to id; --resume compares ids with it. */
void batch_record_id(const batch_options *o, const batch_record *rec,
                     rawi_strbuf *id);

#endif
