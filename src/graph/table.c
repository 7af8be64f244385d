/*
 * The graph's tables (internal.h): interning, entities, names, edges. Rows
 * are found through 64-bit hashes; a row's own strings are compared too,
 * so two ids that happened to share a hash would be an error, never one
 * silently merged node.
 */
#include <stdint.h>
#include <string.h>

#include "doc/types.h"
#include "graph/internal.h"
#include "util/error.h"
#include "util/mem.h"

uint64_t graph_key(const char *s, size_t n) {
  uint64_t h = rawi_hash_bytes(s, n);
  return h == UINT64_MAX ? 0 : h; /* UINT64_MAX is the maps' empty slot */
}

/* A key made of a few numbers (and a string's hash). */
static uint64_t mix_key(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t v[3] = {a, b, c};
  return graph_key((const char *)v, sizeof v);
}

/* Append s[0..n) and a NUL to the pool; its offset in *off. */
static int pool_add(graph *g, const char *s, size_t n, size_t *off) {
  *off = g->strings.len;
  rawi_strbuf_add(&g->strings, s, n);
  rawi_strbuf_addc(&g->strings, '\0');
  return g->strings.failed ? RAWI_ERR_NOMEM : 0;
}

int graph_atom(graph *g, const char *s, size_t n, uint32_t *out) {
  graph_atoms *a = &g->atoms;
  uint32_t *slot;
  int rc = rawi_map_put(&a->map, graph_key(s, n), (uint32_t)a->n, &slot);
  if (rc < 0)
    return rc;
  if (rc == 0) {
    const char *have = graph_atom_str(g, *slot);
    if (strlen(have) != n || memcmp(have, s, n))
      return RAWI_ERR_INVALID; /* a 64-bit collision: not expected */
    *out = *slot;
    return 0;
  }
  if (rawi_mem_grow(g->alloc, (void **)&a->off, &a->cap, a->n + 1,
                    sizeof *a->off) ||
      pool_add(g, s, n, &a->off[a->n]))
    return RAWI_ERR_NOMEM;
  *out = (uint32_t)a->n++;
  return 0;
}

uint32_t graph_entity_find(const graph *g, const char *id) {
  uint32_t *v = rawi_map_get(&g->ent_map, graph_key(id, strlen(id)));
  return v && !strcmp(graph_str(g, g->ents[*v].id), id) ? *v : GRAPH_NONE;
}

int graph_entity_get(graph *g, const char *id, uint32_t type, uint32_t *out) {
  size_t n = strlen(id);
  uint32_t *slot;
  if (g->n_ents >= GRAPH_NONE - 1)
    return RAWI_ERR_TOO_BIG;
  int rc =
      rawi_map_put(&g->ent_map, graph_key(id, n), (uint32_t)g->n_ents, &slot);
  if (rc < 0)
    return rc;
  if (rc == 0) {
    if (strcmp(graph_str(g, g->ents[*slot].id), id))
      return RAWI_ERR_INVALID;
    *out = *slot;
    return 0;
  }
  if (rawi_mem_grow(g->alloc, (void **)&g->ents, &g->cap_ents, g->n_ents + 1,
                    sizeof *g->ents))
    return RAWI_ERR_NOMEM;
  uint32_t e = (uint32_t)g->n_ents;
  graph_entity *row = &g->ents[e];
  *row = (graph_entity){.type = type,
                        .names = GRAPH_NONE,
                        .last_name = GRAPH_NONE,
                        .root = e,
                        .members = GRAPH_NONE,
                        .next_member = GRAPH_NONE};
  if (pool_add(g, id, n, &row->id))
    return RAWI_ERR_NOMEM;
  if (!strcmp(graph_atom_str(g, type), doc_type_at(DOC_PERSON)->name))
    row->flags |= ENT_PERSON;
  g->n_ents++;
  *out = e;
  return 0;
}

/* Count name text of e; `at` is its offset when the text is in the pool
 * already (merging moves names), else SIZE_MAX. */
static int name_add(graph *g, uint32_t e, uint32_t lang, const char *text,
                    size_t at, uint64_t count, int *fresh) {
  size_t n = strlen(text);
  uint64_t key = mix_key(e, lang, graph_key(text, n));
  uint32_t *slot;
  *fresh = 0;
  int rc = rawi_map_put(&g->name_map, key, (uint32_t)g->n_names, &slot);
  if (rc < 0)
    return rc;
  if (rc == 0) {
    graph_name *have = &g->names[*slot];
    if (have->entity != e || have->lang != lang ||
        strcmp(graph_str(g, have->text), text))
      return RAWI_ERR_INVALID;
    have->count += count;
    return 0;
  }
  if (g->n_names >= GRAPH_NONE - 1)
    return RAWI_ERR_TOO_BIG;
  if (rawi_mem_grow(g->alloc, (void **)&g->names, &g->cap_names, g->n_names + 1,
                    sizeof *g->names))
    return RAWI_ERR_NOMEM;
  uint32_t k = (uint32_t)g->n_names;
  graph_name *row = &g->names[k];
  *row = (graph_name){
      .entity = e, .lang = lang, .next = GRAPH_NONE, .count = count};
  if (at != SIZE_MAX)
    row->text = at;
  else if (pool_add(g, text, n, &row->text))
    return RAWI_ERR_NOMEM;
  graph_entity *ent = &g->ents[e];
  if (ent->last_name == GRAPH_NONE)
    ent->names = k;
  else
    g->names[ent->last_name].next = k;
  ent->last_name = k;
  g->n_names++;
  *fresh = 1;
  return 0;
}

int graph_name_add(graph *g, uint32_t e, uint32_t lang, const char *text,
                   uint64_t count, int *fresh) {
  return name_add(g, e, lang, text, SIZE_MAX, count, fresh);
}

int graph_name_move(graph *g, uint32_t e, uint32_t name) {
  graph_name n = g->names[name];
  int fresh;
  return name_add(g, e, n.lang, graph_str(g, n.text), n.text, n.count, &fresh);
}

int graph_edge_get(graph *g, uint32_t s, uint32_t p, uint32_t o, uint32_t m,
                   uint32_t *out) {
  uint64_t key = mix_key((uint64_t)s << 32 | o, (uint64_t)p << 32 | m, 0);
  uint32_t *slot;
  if (g->n_edges >= GRAPH_NONE - 1)
    return RAWI_ERR_TOO_BIG;
  int rc = rawi_map_put(&g->edge_map, key, (uint32_t)g->n_edges, &slot);
  if (rc < 0)
    return rc;
  if (rc == 0) {
    const graph_edge *have = &g->edges[*slot];
    if (have->s != s || have->p != p || have->o != o || have->modality != m)
      return RAWI_ERR_INVALID;
    *out = *slot;
    return 0;
  }
  if (rawi_mem_grow(g->alloc, (void **)&g->edges, &g->cap_edges, g->n_edges + 1,
                    sizeof *g->edges))
    return RAWI_ERR_NOMEM;
  g->edges[g->n_edges] =
      (graph_edge){.s = s, .p = p, .o = o, .modality = m, .confidence = -1};
  *out = (uint32_t)g->n_edges++;
  return 0;
}

/* Keep a copy of doc in *dst (capacity *cap, grown as needed). */
static int keep_doc(graph *g, char **dst, size_t *cap, const char *doc) {
  size_t n = strlen(doc) + 1;
  if (n > *cap) {
    char *p = rawi_mem_realloc(g->alloc, *dst, n);
    if (!p)
      return RAWI_ERR_NOMEM;
    *dst = p;
    *cap = n;
  }
  memcpy(*dst, doc, n);
  return 0;
}

int graph_edge_count(graph *g, uint32_t e, uint64_t seq, const char *doc,
                     double confidence) {
  graph_edge *edge = &g->edges[e];
  if (edge->count == 0) {
    size_t cap = 0;
    if (keep_doc(g, &edge->first_doc, &cap, doc))
      return RAWI_ERR_NOMEM;
    edge->first_seq = seq;
  }
  if (edge->count == 0 || edge->last_seq != seq) {
    if (keep_doc(g, &edge->last_doc, &edge->last_cap, doc))
      return RAWI_ERR_NOMEM;
    edge->last_seq = seq;
  }
  edge->count++;
  if (confidence > edge->confidence)
    edge->confidence = confidence;
  return 0;
}

/* --- the words of a person's name, for merging -----------------------------
 */

static int text_ready(graph *g, rawi_error *err) {
  if (g->text_ready)
    return 0;
  int rc = text_model_init(&g->text, RAWI_TOKENIZER_FAST, err);
  if (rc)
    return rawi_error_set(err, rc, "cannot set up text normalisation");
  text_scratch_init(&g->scratch, g->alloc);
  g->norm.alloc = g->alloc;
  g->text_ready = 1;
  return 0;
}

/* A full name's last word points to its entity, or to GRAPH_NONE when
 * full names of two entities end in it. */
static int add_full_key(graph *g, uint32_t e, uint64_t key) {
  uint32_t *slot;
  int rc = rawi_map_put(&g->full_keys, key, e, &slot);
  if (rc < 0)
    return rc;
  if (rc == 0 && *slot != e)
    *slot = GRAPH_NONE;
  return 0;
}

int graph_name_words(graph *g, uint32_t e, const char *text, rawi_error *err) {
  int rc = text_ready(g, err);
  if (rc)
    return rc;
  text_doc *d = &g->norm;
  d->n_tokens = d->n_readings = d->n_sentences = d->n_pool = 0;
  d->text = text;
  d->len = strlen(text);
  if ((rc = text_analyze(&g->text, &g->scratch, d, err)))
    return rc;
  size_t words = 0;
  const text_token *last = NULL;
  for (size_t i = 0; i < d->n_tokens; i++)
    if (d->tokens[i].kind == RAWI_TOKEN_WORD) {
      words++;
      last = &d->tokens[i];
    }
  if (!last)
    return 0;
  /* the word without its article, as rawi extract's keys of family names
   * (الدباغ and دباغ are one name) */
  const char *w = d->pool + last->norm_off;
  size_t wn = last->norm_len;
  if (wn > 6 &&
      !memcmp(w, "\xd8\xa7\xd9\x84", 4)) { /* ال, then a letter or more */
    w += 4;
    wn -= 4;
  }
  uint64_t key = graph_key(w, wn);
  graph_entity *ent = &g->ents[e];
  if (words >= 2) {
    ent->flags |= ENT_FULL;
    rc = add_full_key(g, e, key);
    return rc ? rawi_error_set(err, rc, "out of memory") : 0;
  }
  if ((ent->flags & ENT_SHORT) && ent->short_key != key)
    ent->flags |= ENT_SHORT_CONFLICT;
  ent->flags |= ENT_SHORT;
  ent->short_key = key;
  return 0;
}
