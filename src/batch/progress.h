/* A progress line on stderr while a batch runs, and its final summary. */
#ifndef RAWI_BATCH_PROGRESS_H
#define RAWI_BATCH_PROGRESS_H

#include "batch/process.h"

typedef struct batch_progress {
  int live; /* redraw a status line (stderr is a terminal, or forced) */
  double start, last;
  int drawn;
} batch_progress;

void batch_progress_start(batch_progress *p, int live);

/* Redraw at most four times a second: documents, MB, docs/s, MB/s, and the
 * ETA when the input's total size is known. */
void batch_progress_update(batch_progress *p, const batch_counts *c,
                           unsigned long long consumed,
                           unsigned long long total);

/* Clear the status line and print the one-line summary. */
void batch_progress_summary(batch_progress *p, const batch_counts *c,
                            unsigned long long skipped, const char *stopped);

#endif
