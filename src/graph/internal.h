/*
 * The graph's tables (shared by the files of src/graph/). Strings live in
 * one pool (`strings`, NUL-terminated, addressed by offset) so that a table
 * row is a few integers; hash maps from 64-bit keys find rows by id.
 *
 *   entities  one per entity id: type, names (a list of `names` rows),
 *             mention and document counts, what merging decided
 *   names     one per (entity, language, name): how many documents gave
 *             the entity that name
 *   edges     one per (subject, predicate, object, modality) as read;
 *             graph_finish() folds them into `facts` after merging
 *   atoms     short strings interned once: types, predicates, languages,
 *             modalities, rules
 */
#ifndef RAWI_GRAPH_INTERNAL_H
#define RAWI_GRAPH_INTERNAL_H

#include <stdio.h>

#include "graph/graph.h"
#include "graph/spill.h"
#include "text/text.h"
#include "util/hash.h"
#include "util/strbuf.h"

#define GRAPH_NONE UINT32_MAX

enum {
  ENT_FULL = 1,           /* a PERSON with a name of two words or more */
  ENT_SHORT_CONFLICT = 2, /* one-word names that differ */
  ENT_PERSON = 4,
  ENT_SHORT = 8 /* has a one-word name: short_key */
};

typedef struct graph_entity {
  size_t id;                 /* into strings */
  uint32_t type;             /* atom */
  uint32_t flags;            /* ENT_* */
  uint32_t names, last_name; /* list of names rows, GRAPH_NONE ends it */
  uint32_t root;             /* itself, or the entity it was merged into */
  uint32_t members;          /* entities merged into this one: a list */
  uint32_t next_member;
  uint64_t short_key; /* hash of its one-word name (ENT_SHORT) */
  uint64_t mentions;  /* name mentions (demonyms are not names) */
  uint64_t documents;
  uint64_t last_doc; /* 1 + the last document counted */
} graph_entity;

typedef struct graph_name {
  size_t text; /* into strings */
  uint32_t entity, lang, next;
  uint64_t count; /* documents that gave this name */
} graph_name;

/* An edge as read, and (the same struct) a fact after merging: a fact's
 * document strings belong to the edges it was folded from. */
typedef struct graph_edge {
  uint32_t s, p, o, modality; /* entities and atoms */
  uint32_t fact;              /* edges: the fact it folds into */
  uint64_t count;             /* relations read */
  uint64_t first_seq, last_seq;
  char *first_doc, *last_doc;
  size_t last_cap;
  double confidence; /* the highest; negative when none was given */
} graph_edge;

typedef struct graph_atoms {
  rawi_map map; /* hash of the string -> index */
  size_t *off;  /* into strings */
  size_t n, cap;
} graph_atoms;

struct graph {
  graph_options opt;
  const rawi_allocator *alloc;
  rawi_strbuf strings;
  graph_atoms atoms;
  graph_entity *ents;
  size_t n_ents, cap_ents;
  rawi_map ent_map; /* hash of id -> entity */
  graph_name *names;
  size_t n_names, cap_names;
  rawi_map name_map; /* hash of (entity, lang, text) -> name */
  graph_edge *edges;
  size_t n_edges, cap_edges;
  rawi_map edge_map; /* hash of (s, p, o, modality) -> edge */
  graph_edge *facts;
  size_t n_facts, cap_facts;
  rawi_map full_keys; /* hash of a full name's last word -> entity, or
                         GRAPH_NONE when two entities share it */
  spill *spill;
  uint64_t docs; /* records used so far: the next document's seq */
  graph_stats stats;
  int finished;
  /* graph_languages(): a pass number per atom, and the list it returns */
  uint32_t *lang_pass, pass;
  uint32_t *langs;
  size_t cap_langs;
  /* the text stage, to normalise names as tokens are normalised */
  text_model text;
  text_scratch scratch;
  text_doc norm;
  int text_ready;
};

/* --- table.c --------------------------------------------------------------
 */

/* The string at offset off of the pool. */
static inline const char *graph_str(const graph *g, size_t off) {
  return g->strings.data + off;
}

/* Intern s[0..n); its index in *out. 0 or RAWI_ERR_NOMEM. */
int graph_atom(graph *g, const char *s, size_t n, uint32_t *out);
static inline const char *graph_atom_str(const graph *g, uint32_t a) {
  return graph_str(g, g->atoms.off[a]);
}

/* The entity with this id, created (with type) when new; *out its index.
 * 0 or RAWI_ERR_NOMEM. */
int graph_entity_get(graph *g, const char *id, uint32_t type, uint32_t *out);
/* The entity with this id, or GRAPH_NONE. */
uint32_t graph_entity_find(const graph *g, const char *id);

/* Count one document's name for entity e; *fresh says it is new to e.
 * 0 or RAWI_ERR_NOMEM. */
int graph_name_add(graph *g, uint32_t e, uint32_t lang, const char *text,
                   uint64_t count, int *fresh);

/* Give entity e the name row `name` of another entity (with its count). */
int graph_name_move(graph *g, uint32_t e, uint32_t name);

/* The edge (s, p, o, m), created when new. 0 or RAWI_ERR_NOMEM. */
int graph_edge_get(graph *g, uint32_t s, uint32_t p, uint32_t o, uint32_t m,
                   uint32_t *out);
/* Count one relation of document seq (id doc) on edge e. */
int graph_edge_count(graph *g, uint32_t e, uint64_t seq, const char *doc,
                     double confidence);

/* Record what merging needs about name `text` of PERSON entity e: its
 * words as normalised, the last word's hash. 0 or a negative status. */
int graph_name_words(graph *g, uint32_t e, const char *text, rawi_error *err);

/* 64-bit key of a string, never the map's reserved value. */
uint64_t graph_key(const char *s, size_t n);

/* --- merge.c --------------------------------------------------------------
 */

/* Merge short forms (when enabled) and fold edges into facts. */
int graph_merge(graph *g, rawi_error *err);

/* The name an entity goes by: the one most documents gave it (the first
 * seen among equals), a person's full name before a one-word name. */
const char *graph_display_name(const graph *g, uint32_t e);

/* The fact's id: 16 hex digits of a hash of subject, predicate, object and
 * modality ids, the same in every run. buf holds 17 bytes. */
void graph_fact_id(const graph *g, const graph_edge *f, char *buf);

/* Whether fact f is written (--min-count). */
static inline int graph_fact_kept(const graph *g, const graph_edge *f) {
  return f->count >= g->opt.min_count;
}

/* Documents, read back from the spill after merging: each document with
 * the entities it mentions (merged ones under the entity they joined, one
 * row each) and its evidence. */
typedef struct graph_mention {
  uint32_t entity;
  uint64_t count;
} graph_mention;

typedef struct graph_doc_visitor {
  void *ctx;
  int (*document)(void *ctx, const spill_doc *d);
  int (*mentions)(void *ctx, const spill_doc *d, const graph_mention *m,
                  size_t n);
  /* only for facts that are kept; f is the fact */
  int (*evidence)(void *ctx, const spill_doc *d, const spill_evidence *ev,
                  const graph_edge *f);
} graph_doc_visitor;

/* Walk the spill once; a callback's non-zero return stops the walk and is
 * returned. */
int graph_visit_docs(graph *g, const graph_doc_visitor *v, rawi_error *err);

/* --- graph.c: output files -------------------------------------------------
 */

/* A file (or stdout) written through a buffer of about 1 MiB: writers
 * append to b and call graph_out_flush() after each statement or row. */
typedef struct graph_out {
  FILE *f;
  const char *name; /* for messages */
  int own;          /* close f at the end */
  rawi_strbuf b;
} graph_out;

int graph_out_open(graph_out *o, graph *g, const char *path, rawi_error *err);
/* Write b out when it is large (or always, with force). */
int graph_out_flush(graph_out *o, int force, rawi_error *err);
/* Flush (unless err is NULL: after another error) and close. */
int graph_out_close(graph_out *o, rawi_error *err);

/* Whether entity e is a node (it was not merged into another). */
static inline int graph_is_node(const graph *g, uint32_t e) {
  return g->ents[e].root == e;
}

/* The languages of entity e's names, each once (no empty one), in the
 * order of the names, into *langs (owned by the graph, valid until the
 * next call) and *n. 0 or RAWI_ERR_NOMEM. */
int graph_languages(graph *g, uint32_t e, const uint32_t **langs, size_t *n);

/* What a format writes: entities and facts from the tables, then the
 * documents from the spill. graph_write_with() calls entity() for every
 * node, fact() for every fact kept, then walks the documents. */
typedef struct graph_writer {
  void *ctx;
  int (*entity)(void *ctx, uint32_t e);
  int (*fact)(void *ctx, const graph_edge *f);
  graph_doc_visitor docs;
} graph_writer;
int graph_write_with(graph *g, const graph_writer *w, rawi_error *err);

/* The writers (to_*.c). */
int graph_write_rdf(graph *g, graph_out *o, int turtle, rawi_error *err);
int graph_write_cypher(graph *g, graph_out *o, int kuzu, rawi_error *err);
int graph_write_csv(graph *g, const char *dir, rawi_error *err);
int graph_write_html(graph *g, graph_out *o, rawi_error *err);

#endif
