/*
 * Matching a document against gazetteer images: leftmost-longest over
 * token sequences, inside sentences.
 *
 * At each token the trie is entered through every proclitic reading of
 * that token (وبالعراق enters as وبالعراق, بالعراق, العراق, عراق); the
 * following tokens continue it with their unsplit norms. Of the matches
 * starting at a token the longest wins; between equal lengths the reading
 * with the shorter prefix, then the later list (user lists after shipped
 * ones). Matching resumes after the winner. Class entries (TITLE, ...)
 * never become mentions.
 */
#include <string.h>

#include "gazetteer/match.h"
#include "util/mem.h"

typedef struct hit {
  uint32_t end;    /* one past the last token */
  uint32_t split;  /* reading of the first token */
  uint32_t img;
  uint32_t entry;  /* first entity-type entry */
} hit;

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Is text[0..len) the surface as written, white space runs aside? */
static int same_as_written(const char *text, size_t len, const char *surface) {
  size_t i = 0;
  for (const char *p = surface; *p; p++) {
    if (is_space((unsigned char)*p)) {
      if (i == len || !is_space((unsigned char)text[i]))
        return 0;
      while (i < len && is_space((unsigned char)text[i]))
        i++;
      while (is_space((unsigned char)p[1]))
        p++;
      continue;
    }
    if (i == len || text[i] != *p)
      return 0;
    i++;
  }
  return i == len;
}

/* First entity-type entry in the run starting at e that accepts the text
 * span (byte offsets b0..b1 of d), or GZ_NONE. */
static uint32_t entity_entry(const gz_image *g, uint32_t e, const text_doc *d,
                             uint32_t b0, uint32_t b1) {
  for (; e != GZ_NONE; e++) {
    const gz_entry *en = &g->entries[e];
    if (gz_is_entity_type(en->type) &&
        (!(en->flags & GZ_ENTRY_CASE_EXACT) ||
         same_as_written(d->text + b0, b1 - b0, gz_str(g, en->surface))))
      return e;
    if (en->flags & GZ_ENTRY_LAST)
      break;
  }
  return GZ_NONE;
}

static int better(const hit *a, const hit *b) {
  if (a->end != b->end)
    return a->end > b->end;
  if (a->split != b->split)
    return a->split < b->split;
  return a->img > b->img;
}

/* Word ids for one image: ids[i] for the unsplit token i, then
 * ids[n_tokens + s] for stored reading s. */
static void word_ids(const gz_image *g, const text_doc *d, uint32_t *ids) {
  for (size_t i = 0; i < d->n_tokens; i++) {
    const text_token *t = &d->tokens[i];
    ids[i] = gz_word(g, d->pool + t->norm_off, t->norm_len);
  }
  for (size_t s = 0; s < d->n_splits; s++) {
    const text_split *sp = &d->splits[s];
    ids[d->n_tokens + s] = gz_word(g, d->pool + sp->norm_off, sp->norm_len);
  }
}

static uint32_t reading_id(const text_doc *d, const uint32_t *ids,
                           uint32_t tok, uint32_t k) {
  return k == 0 ? ids[tok] : ids[d->n_tokens + d->tokens[tok].split_first + k - 1];
}

/* Longest match of image img starting at token i, sentence ending at end. */
static void longest_at(const gz_image *g, uint32_t img, const text_doc *d,
                       const uint32_t *ids, uint32_t i, uint32_t end,
                       hit *best) {
  const text_token *t = &d->tokens[i];
  for (uint32_t k = 0; k < t->split_count; k++) {
    uint32_t w = reading_id(d, ids, i, k), entry;
    uint32_t node = w == GZ_NONE ? 0 : gz_step(g, 0, w, &entry);
    uint32_t b0 = text_reading(d, t, k).stem_byte;
    for (uint32_t j = i; node;) {
      uint32_t e = entry == GZ_NONE
                       ? GZ_NONE
                       : entity_entry(g, entry, d, b0, d->tokens[j].byte_end);
      hit h = {j + 1, k, img, e};
      if (e != GZ_NONE && (best->entry == GZ_NONE || better(&h, best)))
        *best = h;
      if (++j >= end)
        break;
      w = ids[j];
      node = w == GZ_NONE ? 0 : gz_step(g, node, w, &entry);
    }
  }
}

static int emit(const gz_image *g, const text_doc *d, mention_table *out,
                uint32_t i, const hit *h) {
  const gz_entry *e = &g->entries[h->entry];
  const gz_entity *ent = &g->entities[e->entity];
  mention m = {.tok_first = i, .tok_end = h->end, .split = h->split,
               .src_line = e->line, .type = e->type,
               .kind = (e->flags & GZ_ENTRY_DEMONYM) ? MENTION_DEMONYM
                                                      : MENTION_NAME,
               .source = SOURCE_GAZETTEER};
  return mention_add(out, d, &m, gz_str(g, ent->id), gz_str(g, ent->name),
                     gz_str(g, g->sources[e->source]));
}

int gz_match(const gz_image *const *imgs, size_t n_imgs, const text_doc *d,
             mention_table *out) {
  if (!n_imgs || !d->n_tokens)
    return RAWI_OK;
  size_t per = d->n_tokens + d->n_splits;
  uint32_t *ids = rawi_mem_alloc(out->alloc, per * n_imgs * sizeof(uint32_t));
  if (!ids)
    return RAWI_ERR_NOMEM;
  for (size_t g = 0; g < n_imgs; g++)
    word_ids(imgs[g], d, ids + g * per);
  int rc = RAWI_OK;
  for (size_t s = 0; s < d->n_sentences && rc == RAWI_OK; s++) {
    uint32_t i = d->sentences[s].first;
    uint32_t end = i + d->sentences[s].count;
    while (i < end && rc == RAWI_OK) {
      hit best = {0, 0, 0, GZ_NONE};
      for (size_t g = 0; g < n_imgs; g++)
        longest_at(imgs[g], (uint32_t)g, d, ids + g * per, i, end, &best);
      if (best.entry == GZ_NONE) {
        i++;
        continue;
      }
      rc = emit(imgs[best.img], d, out, i, &best);
      i = best.end;
    }
  }
  rawi_mem_free(out->alloc, ids);
  return rc;
}
