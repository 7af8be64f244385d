/*
 * Cross-document merging, and edges folded into facts.
 *
 * A PERSON entity known in the whole run only by one one-word name (a
 * surname or a given name written alone: "بيترو", "Petro") joins the one
 * full-name PERSON entity of the run whose name ends in that word, after
 * rawi's normalisation (docs/text.md). When two full-name entities end in
 * it, the short form is ambiguous and stays an entity of its own; so does
 * an entity with two different one-word names. Full names are never merged
 * with each other: that is what ids are for.
 *
 * A merged entity's names, mentions and documents go to the entity it
 * joined, which records it (members). Edges are then re-keyed on the
 * entities they now join: edges that become the same (subject, predicate,
 * object, modality) add up into one fact.
 */
#include <stdlib.h>
#include <string.h>

#include "doc/predicates.h"
#include "graph/internal.h"
#include "rules/rules.h"
#include "util/error.h"
#include "util/mem.h"

static int nomem(rawi_error *err) {
  return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
}

/* The full-name entity a short-form entity joins, or GRAPH_NONE. */
static uint32_t merge_target(const graph *g, uint32_t e) {
  const graph_entity *ent = &g->ents[e];
  unsigned need = ENT_PERSON | ENT_SHORT;
  if ((ent->flags & (need | ENT_FULL | ENT_SHORT_CONFLICT)) != need)
    return GRAPH_NONE;
  uint32_t *t = rawi_map_get(&g->full_keys, ent->short_key);
  return t && *t != e ? *t : GRAPH_NONE;
}

/* Move member's names and mentions to root. */
static int join(graph *g, uint32_t member, uint32_t root) {
  graph_entity *m = &g->ents[member];
  m->root = root;
  m->next_member = g->ents[root].members;
  g->ents[root].members = member;
  g->ents[root].mentions += m->mentions;
  for (uint32_t k = m->names; k != GRAPH_NONE; k = g->names[k].next) {
    int rc = graph_name_move(g, root, k);
    if (rc)
      return rc;
  }
  g->stats.merged++;
  return 0;
}

/* Count the documents of entities that others joined: a document that
 * names both is one document. */
static int count_document(void *ctx, const spill_doc *d, const graph_mention *m,
                          size_t n) {
  graph *g = ctx;
  (void)d;
  for (size_t i = 0; i < n; i++)
    if (g->ents[m[i].entity].members != GRAPH_NONE)
      g->ents[m[i].entity].documents++;
  return 0;
}

static int merge_entities(graph *g, rawi_error *err) {
  /* from the last, so that each member list comes out in input order */
  for (size_t i = g->n_ents; i-- > 0;) {
    uint32_t t = merge_target(g, (uint32_t)i);
    if (t != GRAPH_NONE && join(g, (uint32_t)i, t))
      return nomem(err);
  }
  if (!g->stats.merged)
    return 0;
  for (size_t i = 0; i < g->n_ents; i++)
    if (g->ents[i].members != GRAPH_NONE)
      g->ents[i].documents = 0;
  graph_doc_visitor v = {.ctx = g, .mentions = count_document};
  return graph_visit_docs(g, &v, err);
}

/* Whether predicate atom p is symmetric in rawi's schema (met_with). */
static int symmetric(const graph *g, uint32_t p) {
  const char *name = graph_atom_str(g, p);
  const doc_predicate *pr =
      doc_predicate_at(doc_predicate_index(name, strlen(name)));
  return pr && pr->symmetric;
}

/* Fold edge e into its fact. A symmetric fact has its ends in id order,
 * as `rawi extract` writes it: merging may have changed an end's id. */
static int fold(graph *g, rawi_map *map, graph_edge *e, int sym) {
  uint32_t s = g->ents[e->s].root, o = g->ents[e->o].root;
  if (sym &&
      strcmp(graph_str(g, g->ents[s].id), graph_str(g, g->ents[o].id)) > 0) {
    uint32_t t = s;
    s = o;
    o = t;
  }
  uint64_t key[2] = {(uint64_t)s << 32 | o, (uint64_t)e->p << 32 | e->modality};
  uint32_t *slot;
  int rc = rawi_map_put(map, graph_key((const char *)key, sizeof key),
                        (uint32_t)g->n_facts, &slot);
  if (rc < 0)
    return rc;
  if (rc == 1) {
    if (rawi_mem_grow(g->alloc, (void **)&g->facts, &g->cap_facts,
                      g->n_facts + 1, sizeof *g->facts))
      return RAWI_ERR_NOMEM;
    graph_edge *f = &g->facts[g->n_facts++];
    *f = *e;
    f->s = s;
    f->o = o;
    f->last_cap = 0; /* the strings stay the edge's */
    e->fact = *slot;
    return 0;
  }
  graph_edge *f = &g->facts[*slot];
  if (f->s != s || f->o != o || f->p != e->p || f->modality != e->modality)
    return RAWI_ERR_INVALID;
  e->fact = *slot;
  f->count += e->count;
  if (e->first_seq < f->first_seq) {
    f->first_seq = e->first_seq;
    f->first_doc = e->first_doc;
  }
  if (e->last_seq > f->last_seq) {
    f->last_seq = e->last_seq;
    f->last_doc = e->last_doc;
  }
  if (e->confidence > f->confidence)
    f->confidence = e->confidence;
  return 0;
}

static int fold_edges(graph *g, rawi_error *err) {
  rawi_map map;
  rawi_map_init(&map, g->alloc);
  unsigned char *sym = rawi_mem_calloc(g->alloc, g->atoms.n + 1, 1);
  int rc = sym ? 0 : RAWI_ERR_NOMEM;
  for (uint32_t a = 0; a < g->atoms.n && !rc; a++)
    sym[a] = (unsigned char)symmetric(g, a);
  for (size_t i = 0; i < g->n_edges && !rc; i++)
    rc = fold(g, &map, &g->edges[i], sym[g->edges[i].p]);
  rawi_mem_free(g->alloc, sym);
  rawi_map_free(&map);
  if (rc)
    return rc == RAWI_ERR_NOMEM ? nomem(err)
                                : rawi_error_set(err, rc,
                                                 "two facts share a "
                                                 "64-bit hash");
  for (size_t i = 0; i < g->n_facts; i++) {
    if (graph_fact_kept(g, &g->facts[i]))
      g->stats.facts++;
    else
      g->stats.dropped++;
  }
  return 0;
}

int graph_merge(graph *g, rawi_error *err) {
  int rc = g->opt.merge ? merge_entities(g, err) : 0;
  if (!rc)
    rc = fold_edges(g, err);
  g->stats.entities = g->n_ents - g->stats.merged;
  return rc;
}

/* A person goes by a full name rather than a short form merged into it,
 * however often the short form was written. */
static int name_rank(const graph *g, uint32_t e, const graph_name *n) {
  return (g->ents[e].flags & ENT_PERSON) &&
         strchr(graph_str(g, n->text), ' ') != NULL;
}

const char *graph_display_name(const graph *g, uint32_t e) {
  const graph_name *best = NULL;
  for (uint32_t k = g->ents[e].names; k != GRAPH_NONE; k = g->names[k].next) {
    const graph_name *n = &g->names[k];
    int r = best ? name_rank(g, e, n) - name_rank(g, e, best) : 1;
    if (r > 0 || (r == 0 && n->count > best->count))
      best = n;
  }
  return best ? graph_str(g, best->text) : graph_str(g, g->ents[e].id);
}

int graph_languages(graph *g, uint32_t e, const uint32_t **langs, size_t *n) {
  *n = 0;
  if (!g->lang_pass && !(g->lang_pass = rawi_mem_calloc(
                             g->alloc, g->atoms.n + 1, sizeof *g->lang_pass)))
    return RAWI_ERR_NOMEM;
  g->pass++; /* a language is new to this call when its pass is older */
  for (uint32_t k = g->ents[e].names; k != GRAPH_NONE; k = g->names[k].next) {
    uint32_t lang = g->names[k].lang;
    if (!*graph_atom_str(g, lang) || g->lang_pass[lang] == g->pass)
      continue;
    g->lang_pass[lang] = g->pass;
    if (rawi_mem_grow(g->alloc, (void **)&g->langs, &g->cap_langs, *n + 1,
                      sizeof *g->langs))
      return RAWI_ERR_NOMEM;
    g->langs[(*n)++] = lang;
  }
  *langs = g->langs;
  return 0;
}

void graph_fact_id(const graph *g, const graph_edge *f, char *buf) {
  const char *parts[4] = {
      graph_str(g, g->ents[f->s].id), graph_atom_str(g, f->p),
      graph_str(g, g->ents[f->o].id), graph_atom_str(g, f->modality)};
  uint64_t h[4];
  for (size_t i = 0; i < 4; i++)
    h[i] = rawi_hash_bytes(parts[i], strlen(parts[i]));
  uint64_t id = rawi_hash_bytes(h, sizeof h);
  static const char hex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; i--, id >>= 4)
    buf[i] = hex[id & 15];
  buf[16] = '\0';
}

/* --- documents, read back --------------------------------------------------
 */

typedef struct doc_walk {
  graph *g;
  const graph_doc_visitor *v;
  spill_doc doc;
  int have_doc, flushed;
  graph_mention *m;
  size_t n, cap;
} doc_walk;

static int by_entity(const void *a, const void *b) {
  const graph_mention *x = a, *y = b;
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* The document's mentions, one row per (merged) entity. */
static int flush_mentions(doc_walk *w) {
  if (w->flushed || !w->have_doc)
    return 0;
  w->flushed = 1;
  size_t k = 0;
  if (w->n)
    qsort(w->m, w->n, sizeof *w->m, by_entity);
  for (size_t i = 0; i < w->n; i++) {
    if (k && w->m[k - 1].entity == w->m[i].entity)
      w->m[k - 1].count += w->m[i].count;
    else
      w->m[k++] = w->m[i];
  }
  w->n = 0;
  return w->v->mentions && k ? w->v->mentions(w->v->ctx, &w->doc, w->m, k) : 0;
}

static int walk_item(doc_walk *w, const spill_item *it) {
  graph *g = w->g;
  int rc;
  switch (it->kind) {
  case 'D':
    if ((rc = flush_mentions(w)))
      return rc;
    w->doc = it->doc;
    w->have_doc = 1;
    w->flushed = 0;
    return w->v->document ? w->v->document(w->v->ctx, &w->doc) : 0;
  case 'M':
    if (rawi_mem_grow(g->alloc, (void **)&w->m, &w->cap, w->n + 1,
                      sizeof *w->m))
      return RAWI_ERR_NOMEM;
    w->m[w->n++] = (graph_mention){g->ents[it->entity].root, it->count};
    return 0;
  default: {
    if ((rc = flush_mentions(w)) || !w->v->evidence)
      return rc;
    const graph_edge *f = &g->facts[g->edges[it->ev.edge].fact];
    return graph_fact_kept(g, f)
               ? w->v->evidence(w->v->ctx, &w->doc, &it->ev, f)
               : 0;
  }
  }
}

int graph_visit_docs(graph *g, const graph_doc_visitor *v, rawi_error *err) {
  doc_walk w = {.g = g, .v = v};
  spill_item it;
  int rc = spill_rewind(g->spill, err);
  while (!rc && (rc = spill_next(g->spill, &it, err)) == 1)
    rc = walk_item(&w, &it);
  if (rc == 0)
    rc = flush_mentions(&w);
  rawi_mem_free(g->alloc, w.m);
  if (rc == RAWI_ERR_NOMEM && (!err || !err->code))
    nomem(err);
  return rc;
}

int graph_write_with(graph *g, const graph_writer *w, rawi_error *err) {
  int rc = 0;
  for (size_t e = 0; e < g->n_ents && !rc; e++)
    if (graph_is_node(g, (uint32_t)e))
      rc = w->entity(w->ctx, (uint32_t)e);
  for (size_t i = 0; i < g->n_facts && !rc; i++)
    if (graph_fact_kept(g, &g->facts[i]))
      rc = w->fact(w->ctx, &g->facts[i]);
  return rc ? rc : graph_visit_docs(g, &w->docs, err);
}
