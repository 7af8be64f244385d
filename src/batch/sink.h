/*
 * Where a batch's records go: stdout or a file written in whole records,
 * so that a run stopped at any moment (signal, crash, disk full) leaves a
 * file of complete records and --resume can go on from it.
 */
#ifndef RAWI_BATCH_SINK_H
#define RAWI_BATCH_SINK_H

#include <stddef.h>

#include "rawi/rawi.h"
#include "util/strbuf.h"

typedef struct batch_sink batch_sink;

/* Open path ("-" or NULL: stdout). With resume, the complete records
 * already in the file are kept (a cut last line is dropped) and new ones
 * are appended; otherwise the file is emptied. NULL with err set. */
batch_sink *batch_sink_open(const char *path, int resume, rawi_error *err);

/* Append whole records; -1 with err set when the write fails, after
 * cutting the file back to its last complete record. */
int batch_sink_write(batch_sink *s, const char *data, size_t len,
                     rawi_error *err);

/* Write out the records held back so far; -1 with err set as above. */
int batch_sink_flush(batch_sink *s, rawi_error *err);

/* Flush and close; -1 with err set when the last writes failed. */
int batch_sink_close(batch_sink *s, rawi_error *err);

/* With resume: the id of the next record already in the file, in order,
 * as written there (a JSON string, quotes and escapes included; nothing
 * when the line is no record): 1, or 0 when there are no more. */
int batch_sink_next_kept(batch_sink *s, rawi_strbuf *id);

/* Records the file held when it was opened for resume. */
unsigned long long batch_sink_kept(const batch_sink *s);

#endif
