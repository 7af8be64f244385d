/*
 * The documents of a batch, read as a stream: text files (one document
 * each), directories walked recursively in sorted order, stdin, JSON Lines
 * (one document a line) and CoNLL (documents between -DOCSTART- lines), any
 * of them gzip-compressed. Only the current record is held in memory, so a
 * 2 GB input costs what a 20 MB one does.
 *
 * The source only splits records; parsing a JSON line or joining CoNLL
 * tokens is left to the workers (process.h), where it runs in parallel.
 */
#ifndef RAWI_BATCH_SOURCE_H
#define RAWI_BATCH_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

#include "batch/input.h"
#include "util/strbuf.h"

typedef enum batch_format {
  BATCH_AUTO, /* by extension: .jsonl, .conll (also under .gz), else text */
  BATCH_TEXT,
  BATCH_JSONL,
  BATCH_CONLL
} batch_format;

typedef struct batch_source_options {
  batch_format format;
  const char *glob;     /* files found in directories must match (fnmatch) */
  size_t max_doc_bytes; /* a longer record becomes an error record */
  /* stdin and pipes: a stop signal ends the wait for input (a half-read
   * record is then dropped); idle runs while waiting (input.h) */
  const volatile sig_atomic_t *stop;
  batch_idle_fn idle;
  void *idle_ctx;
  /* the output file or directory (-o) and its settings file: never read
   * as input */
  int n_outputs;
  dev_t output_dev[2];
  ino_t output_ino[2];
} batch_source_options;

/* One record: a document's raw bytes, or why it could not be read. */
typedef struct batch_record {
  batch_format format; /* TEXT, JSONL or CONLL */
  rawi_strbuf id;      /* text: path relative to its argument;
                          jsonl, conll: file:line, the fallback id */
  rawi_strbuf data;    /* the text, the JSON line or the CoNLL lines */
  char error[256];     /* non-empty: the record could not be read */
  int error_code;      /* RAWI_ERR_IO or RAWI_ERR_TOO_BIG */
  size_t error_offset; /* byte offset for the error, or RAWI_NO_OFFSET */
  rawi_strbuf head;    /* conll: the lines before the first token, a byte
                          each (OUTPUT_CONLL_DOCSTART or _BLANK) */
  unsigned long long duplicate_of; /* its id is also that of input document
                          N (1-based) of the run; 0: the first with it */
} batch_record;

typedef struct batch_source batch_source;

/* A source over paths ("-" is stdin; none at all means stdin). The paths
 * are borrowed and must outlive the source. NULL when out of memory.
 * With BATCH_AUTO, stdin is JSON Lines when its first non-blank byte is
 * '{', CoNLL when it starts with -DOCSTART-, else text; files go by their
 * extension. Gzip is recognised by its magic bytes, file or stdin. */
batch_source *batch_source_new(char *const *paths, size_t n,
                               const batch_source_options *opt);
void batch_source_free(batch_source *s);

/* Fill rec with the next record: 1, or 0 at the end. An input that cannot
 * be opened or read, a directory entry that cannot be read (no search
 * permission, a path too long, a dangling link, not a regular file), and
 * data that ends early (a gzip stream cut short or damaged, a read error)
 * each yield an error record, so nothing is silently left out; every
 * record completed before damage is returned first. */
int batch_source_next(batch_source *s, batch_record *rec);

/* Input bytes read so far (compressed bytes for .gz) and the total, or 0
 * when it cannot be known in advance (stdin, directories). */
unsigned long long batch_source_consumed(const batch_source *s);
unsigned long long batch_source_total(const batch_source *s);

void batch_record_init(batch_record *rec);
void batch_record_free(batch_record *rec);

#endif
