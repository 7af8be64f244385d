#include "graph/internal.h"
#include "util/error.h"
int graph_write_html(graph *g, graph_out *o, rawi_error *err) {
  (void)g; (void)o;
  return rawi_error_set(err, RAWI_ERR_INVALID, "todo");
}
