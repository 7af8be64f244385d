/* The mention table of a document and its string pool (doc/mentions.h). */
#include <string.h>

#include "doc/mentions.h"
#include "util/mem.h"

void mention_table_init(mention_table *t, const rawi_allocator *alloc) {
  *t = (mention_table){.alloc = alloc};
  rawi_strbuf_init(&t->strings, alloc);
  rawi_map_init(&t->copied, alloc);
}

void mention_table_free(mention_table *t) {
  rawi_mem_free(t->alloc, t->mentions);
  rawi_mem_free(t->alloc, t->entities);
  rawi_mem_free(t->alloc, t->by_entity);
  rawi_strbuf_free(&t->strings);
  rawi_map_free(&t->copied);
}

/* Offset 0 of the pool is the empty string. */
static void init_pool(mention_table *t) {
  if (!t->strings.len)
    rawi_strbuf_add(&t->strings, "", 1);
}

static uint32_t add_string(mention_table *t, const char *s, size_t n) {
  uint32_t off = (uint32_t)t->strings.len;
  rawi_strbuf_add(&t->strings, s, n);
  rawi_strbuf_addc(&t->strings, '\0');
  return off;
}

uint32_t mention_copy(mention_table *t, const char *s, size_t n) {
  init_pool(t);
  return add_string(t, s, n);
}

/* The mention's normalised form: the first token's reading, then the
 * norms of the following tokens, one space apart. */
static uint32_t add_norm(mention_table *t, const text_doc *d, const mention *m,
                         uint32_t *len) {
  uint32_t off = (uint32_t)t->strings.len;
  const text_token *first = &d->tokens[m->tok_first];
  text_reading sp = text_reading_at(d, first, m->reading);
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

uint32_t mention_stable(mention_table *t, const char *s) {
  uint32_t *slot;
  int rc = rawi_map_put(&t->copied, (uint64_t)(uintptr_t)s, 0, &slot);
  if (rc < 0) {
    t->strings.failed = 1;
    return 0;
  }
  if (rc == 1)
    *slot = add_string(t, s, strlen(s));
  return *slot;
}

uint32_t mention_cached(mention_table *t, uint64_t key, mention_writer fn,
                        const void *ctx) {
  uint32_t *slot;
  int rc = rawi_map_put(&t->copied, key, 0, &slot);
  if (rc < 0) {
    t->strings.failed = 1;
    return 0;
  }
  if (rc == 1) {
    init_pool(t);
    *slot = (uint32_t)t->strings.len;
    fn(ctx, &t->strings);
    rawi_strbuf_addc(&t->strings, '\0');
  }
  return *slot;
}

int mention_add_pooled(mention_table *t, const text_doc *d, const mention *m) {
  if (rawi_mem_grow(t->alloc, (void **)&t->mentions, &t->cap_mentions,
                    t->n_mentions + 1, sizeof(mention)))
    return RAWI_ERR_NOMEM;
  init_pool(t);
  mention *out = &t->mentions[t->n_mentions];
  *out = *m;
  const text_token *first = &d->tokens[m->tok_first];
  const text_token *last = &d->tokens[m->tok_end - 1];
  text_reading sp = text_reading_at(d, first, m->reading);
  out->byte_start = sp.stem_byte;
  out->cp_start = sp.stem_cp;
  out->byte_end = last->byte_end;
  out->cp_end = last->cp_end;
  out->norm_off = add_norm(t, d, m, &out->norm_len);
  if (t->strings.failed)
    return RAWI_ERR_NOMEM;
  t->n_mentions++;
  return RAWI_OK;
}

int mention_add(mention_table *t, const text_doc *d, const mention *m,
                const char *id, const char *name, const char *src_file,
                int stable) {
  mention full = *m;
  init_pool(t);
  if (stable) {
    full.id_off = mention_stable(t, id);
    full.name_off = mention_stable(t, name);
    full.src_file_off = mention_stable(t, src_file);
  } else {
    full.id_off = add_string(t, id, strlen(id));
    full.name_off = add_string(t, name, strlen(name));
    full.src_file_off = add_string(t, src_file, strlen(src_file));
  }
  return t->strings.failed ? RAWI_ERR_NOMEM : mention_add_pooled(t, d, &full);
}

int mention_respan(mention_table *t, const text_doc *d, size_t i,
                   uint32_t tok_first, uint32_t tok_end) {
  mention *m = &t->mentions[i];
  if (tok_first != m->tok_first) {
    m->tok_first = tok_first;
    m->reading = 0;
    m->byte_start = d->tokens[tok_first].byte_start;
    m->cp_start = d->tokens[tok_first].cp_start;
  }
  m->tok_end = tok_end;
  m->byte_end = d->tokens[tok_end - 1].byte_end;
  m->cp_end = d->tokens[tok_end - 1].cp_end;
  m->norm_off = add_norm(t, d, m, &m->norm_len);
  return t->strings.failed ? RAWI_ERR_NOMEM : RAWI_OK;
}

int mention_set_rule(mention_table *t, size_t i, const char *rule) {
  uint32_t off = add_string(t, rule, strlen(rule));
  if (t->strings.failed)
    return RAWI_ERR_NOMEM;
  t->mentions[i].rule_off = off;
  return RAWI_OK;
}
