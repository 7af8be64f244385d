/* Stage timers of benchmark builds (stages.h): empty otherwise. */
#include "api/stages.h"

#ifdef RAWI_STAGE_TIMES
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static _Atomic uint64_t stage_ns[RAWI_STAGE_COUNT];
static pthread_once_t stage_once = PTHREAD_ONCE_INIT;
static const char *const stage_names[RAWI_STAGE_COUNT] = {
    "text", "lists", "entity rules", "resolution", "relation rules", "writing"};

static void stage_report(void) {
  double total = 0, s[RAWI_STAGE_COUNT];
  for (int i = 0; i < RAWI_STAGE_COUNT; i++)
    total += s[i] = (double)atomic_load(&stage_ns[i]) / 1e9;
  fprintf(stderr, "stage times (CPU seconds, all threads):\n");
  for (int i = 0; i < RAWI_STAGE_COUNT; i++)
    fprintf(stderr, "  %-15s %8.3f %6.1f%%\n", stage_names[i], s[i],
            total > 0 ? 100 * s[i] / total : 0.0);
  fprintf(stderr, "  %-15s %8.3f\n", "total", total);
}

static void stage_start(void) {
  atexit(stage_report);
}

/* CPU time of the calling thread: a loaded machine does not inflate it */
uint64_t rawi_stage_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void rawi_stage_add(rawi_stage stage, uint64_t since) {
  pthread_once(&stage_once, stage_start);
  atomic_fetch_add(&stage_ns[stage], rawi_stage_clock() - since);
}
#endif
