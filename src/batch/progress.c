#include "batch/progress.h"

#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void batch_progress_start(batch_progress *p, int live) {
  *p = (batch_progress){.live = live, .start = now()};
}

void batch_progress_update(batch_progress *p, const batch_counts *c,
                           unsigned long long consumed,
                           unsigned long long total) {
  if (!p->live)
    return;
  double t = now();
  if (t - p->last < 0.25)
    return;
  p->last = t;
  double secs = t - p->start, mb = (double)c->text_bytes / 1e6;
  if (secs <= 0)
    return;
  fprintf(stderr, "\rrawi: %zu docs, %.1f MB, %.0f docs/s, %.2f MB/s", c->docs,
          mb, (double)c->docs / secs, mb / secs);
  if (total && consumed && consumed <= total) {
    double left = secs * (double)(total - consumed) / (double)consumed;
    fprintf(stderr, ", %2.0f%%, ETA %lu:%02lu:%02lu",
            100.0 * (double)consumed / (double)total,
            (unsigned long)left / 3600, (unsigned long)left / 60 % 60,
            (unsigned long)left % 60);
  }
  fputs("\033[K", stderr);
  p->drawn = 1;
}

void batch_progress_summary(batch_progress *p, const batch_counts *c,
                            unsigned long long skipped, const char *stopped) {
  if (p->drawn)
    fputs("\r\033[K", stderr);
  fprintf(stderr,
          "rawi: %zu documents, %zu entities, %zu relations, %zu errors",
          c->docs, c->entities, c->relations, c->failed);
  if (c->warned)
    fprintf(stderr, ", %zu with warnings", c->warned);
  if (skipped)
    fprintf(stderr, ", %llu already done (resumed)", skipped);
  fprintf(stderr, ", %.2f s%s%s\n", now() - p->start, stopped ? ", " : "",
          stopped ? stopped : "");
}
