/*
 * Worker threads over a window of records. The caller (one thread) fills
 * records in input order; workers, each with its own session on the shared
 * model, turn them into output records; the caller writes those strictly
 * in input order as they complete. Memory is the window (four records a
 * thread) times the largest record, whatever the input size.
 */
#ifndef RAWI_BATCH_POOL_H
#define RAWI_BATCH_POOL_H

#include "batch/process.h"

/* Called in input order with each output record; non-zero stops the run. */
typedef int (*batch_write_fn)(void *ctx, const rawi_strbuf *out,
                              const batch_counts *counts);

typedef struct batch_pool batch_pool;

/* threads <= 1 runs everything on the caller's thread. NULL with err set
 * when a session or thread cannot be made. o must outlive the pool. */
batch_pool *batch_pool_new(const rawi_model *model, const batch_options *o,
                           int threads, batch_write_fn write, void *ctx,
                           rawi_error *err);

/* A free record to fill (writing finished ones meanwhile), or NULL once a
 * write has failed. Hand it over with batch_pool_submit(). */
batch_record *batch_pool_slot(batch_pool *p);
void batch_pool_submit(batch_pool *p);

/* Write the records finished so far (in order, up to the first still being
 * worked on) without waiting; -1 once a write has failed. For a reader
 * waiting for input: what is done goes out meanwhile. */
int batch_pool_write_ready(batch_pool *p);

/* Wait for every submitted record and write it; 0, or -1 when a write
 * failed. Then stops the workers. */
int batch_pool_finish(batch_pool *p);
void batch_pool_free(batch_pool *p);

#endif
