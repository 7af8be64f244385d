/* The graph's life: new, add (record.c), finish (merge.c), write, free;
 * the output files the writers share. */
#include <errno.h>
#include <string.h>

#include "graph/internal.h"
#include "util/error.h"
#include "util/mem.h"

graph *graph_new(const graph_options *o, rawi_error *err) {
  const rawi_allocator *a = o->alloc ? o->alloc : &rawi_default_allocator;
  graph *g = rawi_mem_calloc(a, 1, sizeof *g);
  if (!g) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  g->opt = *o;
  g->alloc = a;
  rawi_strbuf_init(&g->strings, a);
  rawi_map *maps[] = {&g->atoms.map, &g->ent_map, &g->name_map, &g->edge_map,
                      &g->full_keys};
  for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
    rawi_map_init(maps[i], a);
  if (!(g->spill = spill_new(o->tmpdir, a, err))) {
    graph_free(g);
    return NULL;
  }
  return g;
}

void graph_free(graph *g) {
  if (!g)
    return;
  const rawi_allocator *a = g->alloc;
  for (size_t i = 0; i < g->n_edges; i++) {
    rawi_mem_free(a, g->edges[i].first_doc);
    rawi_mem_free(a, g->edges[i].last_doc);
  }
  rawi_mem_free(a, g->edges);
  rawi_mem_free(a, g->facts);
  rawi_mem_free(a, g->ents);
  rawi_mem_free(a, g->names);
  rawi_mem_free(a, g->atoms.off);
  rawi_mem_free(a, g->lang_pass);
  rawi_mem_free(a, g->langs);
  rawi_map *maps[] = {&g->atoms.map, &g->ent_map, &g->name_map, &g->edge_map,
                      &g->full_keys};
  for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
    rawi_map_free(maps[i]);
  rawi_strbuf_free(&g->strings);
  if (g->text_ready) {
    text_scratch_free(&g->scratch);
    text_doc_free(&g->norm);
  }
  spill_free(g->spill);
  rawi_mem_free(a, g);
}

int graph_finish(graph *g, rawi_error *err) {
  rawi_error_clear(err);
  if (g->finished)
    return rawi_error_set(err, RAWI_ERR_INVALID, "graph already finished");
  g->finished = 1;
  return graph_merge(g, err);
}

void graph_get_stats(const graph *g, graph_stats *s) {
  *s = g->stats;
}

/* --- formats ---------------------------------------------------------------
 */

static const char *const formats[] = {"ntriples", "turtle", "neo4j",
                                      "cypher",   "kuzu",   "html"};

const char *graph_format_names(void) {
  return "ntriples|turtle|neo4j|cypher|kuzu|html";
}

int graph_format_known(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(name, formats[i]))
      return 1;
  return 0;
}

int graph_format_is_dir(const char *name) {
  return !strcmp(name, "neo4j");
}

int graph_write(graph *g, const char *format, const char *path,
                rawi_error *err) {
  rawi_error_clear(err);
  if (!g->finished || !graph_format_known(format))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  if (graph_format_is_dir(format))
    return graph_write_csv(g, path, err);
  graph_out out;
  int rc = graph_out_open(&out, g, path, err);
  if (rc)
    return rc;
  if (!strcmp(format, "html"))
    rc = graph_write_html(g, &out, err);
  else if (!strcmp(format, "cypher") || !strcmp(format, "kuzu"))
    rc = graph_write_cypher(g, &out, !strcmp(format, "kuzu"), err);
  else
    rc = graph_write_rdf(g, &out, !strcmp(format, "turtle"), err);
  int closed = graph_out_close(&out, rc ? NULL : err);
  return rc ? rc : closed;
}

/* --- output files ----------------------------------------------------------
 */

enum { OUT_CHUNK = 1 << 20 };

int graph_out_open(graph_out *o, graph *g, const char *path, rawi_error *err) {
  int is_stdout = !path || !strcmp(path, "-");
  *o = (graph_out){.name = is_stdout ? "stdout" : path, .own = !is_stdout};
  rawi_strbuf_init(&o->b, g->alloc);
  o->f = is_stdout ? stdout : fopen(path, "wb");
  if (!o->f)
    return rawi_error_set(err, RAWI_ERR_IO, "%s: cannot write: %s", path,
                          strerror(errno));
  return 0;
}

int graph_out_flush(graph_out *o, int force, rawi_error *err) {
  if (o->b.failed)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  if (o->b.len < OUT_CHUNK && !force)
    return 0;
  if (o->b.len && fwrite(o->b.data, 1, o->b.len, o->f) != o->b.len)
    return rawi_error_set(err, RAWI_ERR_IO, "%s: write error: %s", o->name,
                          strerror(errno));
  o->b.len = 0;
  return 0;
}

int graph_out_close(graph_out *o, rawi_error *err) {
  int rc = err ? graph_out_flush(o, 1, err) : 0;
  if (!rc && (fflush(o->f) || ferror(o->f)))
    rc = rawi_error_set(err, RAWI_ERR_IO, "%s: write error: %s", o->name,
                        strerror(errno));
  if (o->own && fclose(o->f) && !rc && err)
    rc = rawi_error_set(err, RAWI_ERR_IO, "%s: write error: %s", o->name,
                        strerror(errno));
  rawi_strbuf_free(&o->b);
  return rc;
}
