/*
 * rawi graph: one consolidated graph from the JSONL results of a run
 * (docs/output.md, "rawi graph"; docs/scaling.md for the memory bound).
 *
 * Records are added one at a time, in input order. What the graph itself
 * is, is kept in memory: one row per entity (id, type, its names), one per
 * edge (subject, predicate, object, modality; counts, first and last
 * document). What grows with the documents, which entity each document
 * mentions and every piece of evidence, goes to a temporary spill file and
 * is read back once when the graph is written, so memory does not grow
 * with the number of documents, only with the size of the graph.
 *
 * graph_finish() merges short-form entities into full-name ones (unless
 * turned off) and folds the edges accordingly; graph_write() then writes
 * one format. Not thread-safe: one graph, one thread.
 */
#ifndef RAWI_GRAPH_GRAPH_H
#define RAWI_GRAPH_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "rawi/rawi.h"

typedef struct graph graph;

typedef struct graph_options {
  int merge;            /* join short-form entities to full names */
  uint64_t min_count;   /* edges seen fewer times are left out (0, 1: none) */
  const char *base_iri; /* RDF: namespace of the IRIs (NULL: default) */
  size_t top;           /* html: how many entities the view shows */
  const char *tmpdir;   /* where the spill file goes (NULL: $TMPDIR, /tmp) */
  const rawi_allocator *alloc; /* NULL: malloc */
} graph_options;

/* A new, empty graph; NULL with err set (out of memory, no temporary
 * file). */
graph *graph_new(const graph_options *o, rawi_error *err);
void graph_free(graph *g);

/* Add one JSONL line, a record of `rawi extract` (docs/output.md).
 * Returns 0 when it was used, 1 when it was not a usable record (err says
 * why, naming the field; nothing of it was added), 2 when it was used but
 * a part of it was not (err says which; the rest was added), or a
 * negative rawi_status for an error that ends the run (memory, the spill
 * file). */
int graph_add(graph *g, const char *line, size_t len, rawi_error *err);

/* Merge (graph_options.merge) and fold edges into facts. Call once, after
 * the last graph_add. 0, or a negative rawi_status with err set. */
int graph_finish(graph *g, rawi_error *err);

/* What the run held, for the summary line. */
typedef struct graph_stats {
  uint64_t documents; /* records used, failed ones included */
  uint64_t failed;    /* error records: documents rawi extract could not do */
  uint64_t entities;  /* nodes, after merging */
  uint64_t merged;    /* entities merged into another */
  uint64_t facts;     /* edges written (after merging and --min-count) */
  uint64_t dropped;   /* edges left out by --min-count */
  uint64_t evidence;  /* relations read */
} graph_stats;
void graph_get_stats(const graph *g, graph_stats *s);

/* The output formats: "ntriples|turtle|neo4j|cypher|kuzu|html". */
const char *graph_format_names(void);
int graph_format_known(const char *name);
/* 1 when the format writes a directory (neo4j). */
int graph_format_is_dir(const char *name);

/* Write the graph (after graph_finish) in format `format` to path: a file,
 * or a directory for neo4j; NULL or "-" is stdout. 0, or a negative
 * rawi_status with err set. */
int graph_write(graph *g, const char *format, const char *path,
                rawi_error *err);

#endif
