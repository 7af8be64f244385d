#include "graph/internal.h"
#include "util/error.h"
int graph_write_csv(graph *g, const char *dir, rawi_error *err) {
  (void)g; (void)dir;
  return rawi_error_set(err, RAWI_ERR_INVALID, "todo");
}
