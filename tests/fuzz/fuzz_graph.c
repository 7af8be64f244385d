/*
 * Fuzz target: rawi graph's input, JSONL records of rawi extract. Each
 * line goes to graph_add (which must answer used, not usable, or partly
 * used, never fail but for memory); then the graph is merged and written
 * in every stream format. The sanitizers judge the rest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  graph_options o = {.merge = 1, .min_count = size % 3, .top = 50};
  rawi_error err;
  graph *g = graph_new(&o, &err);
  if (!g)
    abort();
  const char *p = (const char *)data, *end = p + size;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    int rc = graph_add(g, p, n, &err);
    if (rc < 0 || rc > 2 || (rc && !err.message[0]))
      abort();
    p += n + 1;
  }
  if (graph_finish(g, &err))
    abort();
  static const char *const formats[] = {"ntriples", "turtle", "cypher", "kuzu",
                                        "html"};
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (graph_write(g, formats[i], "/dev/null", &err))
      abort();
  graph_free(g);
  return 0;
}
