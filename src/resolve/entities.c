/*
 * Resolution, first cut: the gazetteer already chose leftmost-longest
 * mentions, so here mentions are only grouped by entity id, entities
 * ordered by their first mention.
 */
#include <string.h>

#include "resolve/resolve.h"
#include "util/hash.h"
#include "util/mem.h"

void mention_table_init(mention_table *t, const rawi_allocator *alloc) {
  *t = (mention_table){.alloc = alloc};
  rawi_strbuf_init(&t->strings, alloc);
}

void mention_table_free(mention_table *t) {
  rawi_mem_free(t->alloc, t->mentions);
  rawi_mem_free(t->alloc, t->entities);
  rawi_mem_free(t->alloc, t->order);
  rawi_strbuf_free(&t->strings);
}

static uint32_t add_string(mention_table *t, const char *s, size_t n) {
  uint32_t off = (uint32_t)t->strings.len;
  rawi_strbuf_add(&t->strings, s, n);
  rawi_strbuf_addc(&t->strings, '\0');
  return off;
}

/* The mention's normalised form: the first token's reading, then the
 * norms of the following tokens, one space apart. */
static uint32_t add_norm(mention_table *t, const text_doc *d,
                         const mention *m, uint32_t *len) {
  uint32_t off = (uint32_t)t->strings.len;
  const text_token *first = &d->tokens[m->tok_first];
  text_split sp = text_reading(d, first, m->split);
  rawi_strbuf_add(&t->strings, d->pool + sp.norm_off, sp.norm_len);
  for (uint32_t i = m->tok_first + 1; i < m->tok_end; i++) {
    const text_token *tk = &d->tokens[i];
    if (!tk->norm_len)
      continue;
    rawi_strbuf_addc(&t->strings, ' ');
    rawi_strbuf_add(&t->strings, d->pool + tk->norm_off, tk->norm_len);
  }
  *len = (uint32_t)(t->strings.len - off);
  rawi_strbuf_addc(&t->strings, '\0');
  return off;
}

int mention_add(mention_table *t, const text_doc *d, const mention *m,
                const char *id, const char *name, const char *src_file) {
  if (rawi_mem_grow(t->alloc, (void **)&t->mentions, &t->cap_mentions,
                    t->n_mentions + 1, sizeof(mention)))
    return RAWI_ERR_NOMEM;
  if (!t->strings.len) /* offset 0 is the empty string */
    rawi_strbuf_add(&t->strings, "", 1);
  mention *out = &t->mentions[t->n_mentions];
  *out = *m;
  const text_token *first = &d->tokens[m->tok_first];
  const text_token *last = &d->tokens[m->tok_end - 1];
  text_split sp = text_reading(d, first, m->split);
  out->byte_start = sp.stem_byte;
  out->cp_start = sp.stem_cp;
  out->byte_end = last->byte_end;
  out->cp_end = last->cp_end;
  out->norm_off = add_norm(t, d, m, &out->norm_len);
  out->id_off = add_string(t, id, strlen(id));
  out->name_off = add_string(t, name, strlen(name));
  out->src_file_off = add_string(t, src_file, strlen(src_file));
  if (t->strings.failed)
    return RAWI_ERR_NOMEM;
  t->n_mentions++;
  return RAWI_OK;
}

int resolve_entities(mention_table *t) {
  rawi_map by_id;
  rawi_map_init(&by_id, t->alloc);
  int rc = RAWI_OK;
  t->order = rawi_mem_alloc(t->alloc, (t->n_mentions + 1) * sizeof(uint32_t));
  if (!t->order)
    return RAWI_ERR_NOMEM;
  for (size_t i = 0; i < t->n_mentions && rc == RAWI_OK; i++) {
    mention *m = &t->mentions[i];
    const char *id = t->strings.data + m->id_off;
    uint32_t *slot;
    int put = rawi_map_put(&by_id, rawi_hash_bytes(id, strlen(id)),
                           (uint32_t)t->n_entities, &slot);
    if (put < 0 ||
        (put == 1 && rawi_mem_grow(t->alloc, (void **)&t->entities,
                                   &t->cap_entities, t->n_entities + 1,
                                   sizeof(entity)))) {
      rc = RAWI_ERR_NOMEM;
      break;
    }
    if (put == 1)
      t->entities[t->n_entities++] =
          (entity){m->id_off, m->name_off, 0, 0, m->type};
    m->entity = *slot;
    t->entities[*slot].count++;
  }
  rawi_map_free(&by_id);
  if (rc)
    return rc;
  /* counting sort of mentions by entity, text order kept */
  uint32_t at = 0;
  for (size_t e = 0; e < t->n_entities; e++) {
    t->entities[e].first = at;
    at += t->entities[e].count;
    t->entities[e].count = 0;
  }
  for (size_t i = 0; i < t->n_mentions; i++) {
    entity *e = &t->entities[t->mentions[i].entity];
    t->order[e->first + e->count++] = (uint32_t)i;
  }
  return RAWI_OK;
}
