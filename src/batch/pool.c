#include "batch/pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/error.h"

enum { SLOTS_PER_THREAD = 4, KEEP_BYTES = 16 << 20 };

typedef struct slot {
  batch_record rec;
  rawi_strbuf out;
  batch_counts counts;
  int done;
} slot;

struct batch_pool {
  const batch_options *o;
  slot *slots;
  size_t nslots;
  rawi_session **sessions;
  pthread_t *threads;
  int nthreads, started;
  pthread_mutex_t mu;
  pthread_cond_t work, done;
  /* sequence numbers: filled >= claimed >= written */
  unsigned long long filled, claimed, written;
  int closing, write_failed;
  batch_write_fn write;
  void *ctx;
};

static void run_slot(batch_pool *p, rawi_session *session, slot *s) {
  s->counts = (batch_counts){0};
  batch_process_spending(session, p->o, &s->rec, &s->out, &s->counts);
}

typedef struct worker_arg {
  batch_pool *pool;
  rawi_session *session;
} worker_arg;

static void *worker(void *arg) {
  batch_pool *p = ((worker_arg *)arg)->pool;
  rawi_session *session = ((worker_arg *)arg)->session;
  free(arg);
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (p->claimed == p->filled && !p->closing)
      pthread_cond_wait(&p->work, &p->mu);
    if (p->claimed == p->filled)
      break;
    slot *s = &p->slots[p->claimed++ % p->nslots];
    pthread_mutex_unlock(&p->mu);
    run_slot(p, session, s);
    pthread_mutex_lock(&p->mu);
    s->done = 1;
    pthread_cond_signal(&p->done);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* A buffer that once held a huge record is let go, so one outlier does not
 * keep its memory for the rest of the run. */
static void trim(rawi_strbuf *b) {
  b->len = 0;
  if (b->cap > KEEP_BYTES) {
    rawi_strbuf_free(b);
    rawi_strbuf_init(b, NULL);
  }
}

/* Write the finished records at the head of the window, in order. Called
 * with the lock held; writes without it (only this thread touches a slot
 * that is done and not yet written). */
static void write_ready(batch_pool *p) {
  while (p->written < p->filled) {
    slot *s = &p->slots[p->written % p->nslots];
    if (!s->done)
      break;
    pthread_mutex_unlock(&p->mu);
    if (!p->write_failed && p->write(p->ctx, &s->out, &s->counts))
      p->write_failed = 1;
    trim(&s->out);
    trim(&s->rec.data);
    pthread_mutex_lock(&p->mu);
    s->done = 0;
    p->written++;
  }
}

batch_pool *batch_pool_new(const rawi_model *model, const batch_options *o,
                           int threads, batch_write_fn write, void *ctx,
                           rawi_error *err) {
  batch_pool *p = calloc(1, sizeof *p);
  if (!p) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  p->o = o;
  p->write = write;
  p->ctx = ctx;
  p->nthreads = threads > 1 ? threads : 1;
  p->nslots = threads > 1 ? (size_t)threads * SLOTS_PER_THREAD : 1;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work, NULL);
  pthread_cond_init(&p->done, NULL);
  p->slots = calloc(p->nslots, sizeof *p->slots);
  p->sessions = calloc((size_t)p->nthreads, sizeof *p->sessions);
  p->threads = calloc((size_t)p->nthreads, sizeof *p->threads);
  if (!p->slots || !p->sessions || !p->threads) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    goto fail;
  }
  for (size_t i = 0; i < p->nslots; i++) {
    batch_record_init(&p->slots[i].rec);
    rawi_strbuf_init(&p->slots[i].out, NULL);
  }
  for (int i = 0; i < p->nthreads; i++)
    if (!(p->sessions[i] = rawi_session_new(model, err)))
      goto fail;
  for (int i = 0; threads > 1 && i < p->nthreads; i++) {
    worker_arg *a = malloc(sizeof *a);
    if (a)
      *a = (worker_arg){p, p->sessions[i]};
    if (!a || pthread_create(&p->threads[i], NULL, worker, a)) {
      free(a);
      rawi_error_set(err, RAWI_ERR_NOMEM, "cannot start worker thread %d",
                     i + 1);
      goto fail;
    }
    p->started++;
  }
  return p;
fail:
  batch_pool_free(p);
  return NULL;
}

int batch_pool_write_ready(batch_pool *p) {
  pthread_mutex_lock(&p->mu);
  write_ready(p);
  pthread_mutex_unlock(&p->mu);
  return p->write_failed ? -1 : 0;
}

batch_record *batch_pool_slot(batch_pool *p) {
  pthread_mutex_lock(&p->mu);
  for (;;) {
    write_ready(p);
    if (p->write_failed || p->filled - p->written < p->nslots)
      break;
    pthread_cond_wait(&p->done, &p->mu);
  }
  pthread_mutex_unlock(&p->mu);
  return p->write_failed ? NULL : &p->slots[p->filled % p->nslots].rec;
}

void batch_pool_submit(batch_pool *p) {
  if (!p->started) { /* one thread: work right here */
    slot *s = &p->slots[p->filled % p->nslots];
    run_slot(p, p->sessions[0], s);
    s->done = 1;
  }
  pthread_mutex_lock(&p->mu);
  p->filled++;
  pthread_cond_signal(&p->work);
  pthread_mutex_unlock(&p->mu);
}

/* Stop the workers once the window is empty and join them. */
static void stop_workers(batch_pool *p) {
  pthread_mutex_lock(&p->mu);
  p->closing = 1;
  pthread_cond_broadcast(&p->work);
  pthread_mutex_unlock(&p->mu);
  for (int i = 0; i < p->started; i++)
    pthread_join(p->threads[i], NULL);
  p->started = 0;
}

int batch_pool_finish(batch_pool *p) {
  pthread_mutex_lock(&p->mu);
  for (;;) {
    write_ready(p);
    if (p->written == p->filled)
      break;
    pthread_cond_wait(&p->done, &p->mu);
  }
  pthread_mutex_unlock(&p->mu);
  stop_workers(p);
  return p->write_failed ? -1 : 0;
}

void batch_pool_free(batch_pool *p) {
  if (!p)
    return;
  stop_workers(p);
  for (size_t i = 0; p->slots && i < p->nslots; i++) {
    batch_record_free(&p->slots[i].rec);
    rawi_strbuf_free(&p->slots[i].out);
  }
  for (int i = 0; p->sessions && i < p->nthreads; i++)
    rawi_session_free(p->sessions[i]);
  pthread_cond_destroy(&p->work);
  pthread_cond_destroy(&p->done);
  pthread_mutex_destroy(&p->mu);
  free(p->slots);
  free(p->sessions);
  free(p->threads);
  free(p);
}
