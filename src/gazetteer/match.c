/*
 * Matching a document against gazetteer images: every list entry found as
 * a token sequence inside a sentence becomes a mark.
 *
 * At each token the trie is entered through every proclitic reading of
 * that token (وبالعراق enters as وبالعراق, بالعراق, العراق, عراق); the
 * following tokens continue it with their unsplit norms, so an entry is
 * never found inside a token or across a sentence end. Marks of entity
 * types become mention candidates, and resolution (src/resolve) picks the
 * winners among them and the rules' candidates; class marks (TITLE, ...)
 * are what rules refer to.
 */
#include <stdint.h>
#include <string.h>

#include "gazetteer/match.h"
#include "util/hash.h"
#include "util/mem.h"

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

/* The string of look-up item x: token x, then stored reading
 * x - n_tokens. Readings that strip the article (ال+مالية) are not looked
 * up (*len = SIZE_MAX): a list writes the article where news does
 * (البيرو), and المالية is not Malé. */
static const char *item(const text_doc *d, size_t x, size_t *len) {
  if (x < d->n_tokens) {
    *len = d->tokens[x].norm_len;
    return d->pool + d->tokens[x].norm_off;
  }
  const text_reading *sp = &d->readings[x - d->n_tokens];
  *len = (sp->prefix & 1) ? SIZE_MAX : sp->norm_len;
  return d->pool + sp->norm_off;
}

void gz_word_cache_init(gz_word_cache *c, const rawi_allocator *alloc) {
  *c = (gz_word_cache){.alloc = alloc};
}

void gz_word_cache_free(gz_word_cache *c) {
  rawi_mem_free(c->alloc, c->block);
  c->block = NULL;
  c->slots = NULL;
}

/* The slots, zeroed, aligned to a cache line: a slot is 64 bytes, and one
 * that straddled two lines would cost two misses instead of one. */
static int cache_alloc(gz_word_cache *c) {
  size_t line = 64, bytes = GZ_WORD_CACHE_SLOTS * sizeof *c->slots;
  unsigned char *b = rawi_mem_calloc(c->alloc, 1, bytes + line - 1);
  if (!b)
    return RAWI_ERR_NOMEM;
  c->block = b;
  c->slots = (gz_word_cache_slot *)(b + (line - (uintptr_t)b % line) % line);
  return RAWI_OK;
}

/* A reading's word in one image, and the root step through it: the entry
 * of the one-word path, or NO_PATH when no entry starts with the word. */
#define NO_PATH 0xFFFFFFFEu
typedef struct word_id {
  uint32_t word, first;
} word_id;

static word_id look_up(const gz_image *g, uint64_t h, const char *s,
                       size_t len) {
  word_id w = {gz_word_hashed(g, h, s, len), NO_PATH};
  uint32_t entry;
  if (w.word != GZ_NONE && gz_step(g, 0, w.word, &entry))
    w.first = entry;
  return w;
}

/* The cache slot of a reading's hash h in image img. */
static gz_word_cache_slot *cache_slot(gz_word_cache *c, size_t img,
                                      uint64_t h) {
  uint64_t k = (h + img * 0x9E3779B97F4A7C15ull) * 0xD6E8FEB86659FD93ull;
  return &c->slots[k >> (64 - GZ_WORD_CACHE_BITS)];
}

/* look_up through the cache, when there is one. */
static word_id cached_word(gz_word_cache *c, const gz_image *g, size_t img,
                           uint64_t h, const char *s, size_t len) {
  if (!c || !h || len > GZ_WORD_CACHE_TEXT)
    return look_up(g, h, s, len);
  gz_word_cache_slot *e = cache_slot(c, img, h);
  if (e->hash == h && e->img == g && e->len == len && !memcmp(e->text, s, len))
    return (word_id){e->word, e->first};
  word_id w = look_up(g, h, s, len);
  *e = (gz_word_cache_slot){.hash = h,
                            .img = g,
                            .word = w.word,
                            .first = w.first,
                            .len = (uint32_t)len};
  memcpy(e->text, s, len);
  return w;
}

/* Look-ups run this many items ahead of their use ask for the memory they
 * will read: a word's slot in a large image and its cache slot are cache
 * misses, and the processor fetches several at once when told early. */
#define PREFETCH_AHEAD 8

static void prefetch_word(const gz_image *g, size_t img, const text_doc *d,
                          gz_word_cache *cache, size_t x) {
  uint64_t h = d->hashes[x];
  uint32_t n = g->h->n_word_slots;
  if (cache && h)
    __builtin_prefetch(cache_slot(cache, img, h));
  if (n)
    __builtin_prefetch(&g->words[rawi_hash_range((uint32_t)(h >> 32), n)]);
}

/* Words for image img: ids[i] for the unsplit token i, then
 * ids[n_tokens + s] for stored reading s. */
static void word_ids(const gz_image *g, size_t img, const text_doc *d,
                     gz_word_cache *cache, word_id *ids) {
  size_t n = d->n_tokens + d->n_readings;
  for (size_t x = 0; x < n; x++) {
    if (x + PREFETCH_AHEAD < n)
      prefetch_word(g, img, d, cache, x + PREFETCH_AHEAD);
    size_t len;
    const char *s = item(d, x, &len);
    ids[x] = len == SIZE_MAX ? (word_id){GZ_NONE, NO_PATH}
                             : cached_word(cache, g, img, d->hashes[x], s, len);
  }
}

static word_id reading_id(const text_doc *d, const word_id *ids, uint32_t tok,
                          uint32_t k) {
  return k == 0 ? ids[tok]
                : ids[d->n_tokens + d->tokens[tok].reading_first + k - 1];
}

static int add_mark(gz_marks *out, const gz_mark *m) {
  if (rawi_mem_grow(out->alloc, (void **)&out->v, &out->cap, out->n + 1,
                    sizeof(gz_mark)))
    return RAWI_ERR_NOMEM;
  out->v[out->n++] = *m;
  return RAWI_OK;
}

/* Marks for the entries of one trie node reached through tokens i..j. An
 * entity entry gives one mark (the first accepting entry of the run); each
 * class gives one mark per type. */
static int node_marks(const gz_image *g, uint32_t img, const text_doc *d,
                      uint32_t i, uint32_t j, uint32_t k, uint32_t entry,
                      gz_marks *out) {
  uint32_t b0 = text_reading_at(d, &d->tokens[i], k).stem_byte;
  uint32_t b1 = d->tokens[j].byte_end;
  uint32_t seen = 0; /* bit per type already marked here */
  for (uint32_t e = entry; e != GZ_NONE; e++) {
    const gz_entry *en = &g->entries[e];
    int type = (en->flags & GZ_ENTRY_DEMONYM) ? GZ_DEMONYM : en->type;
    uint32_t bit = gz_is_entity_type(en->type) ? 1u : 2u << type;
    if (!(seen & bit) &&
        (!(en->flags & GZ_ENTRY_CASE_EXACT) ||
         same_as_written(d->text + b0, b1 - b0, gz_entry_surface(g, en)))) {
      seen |= bit;
      gz_mark m = {i, j + 1, k, img, (uint16_t)type, e};
      if (add_mark(out, &m))
        return RAWI_ERR_NOMEM;
    }
    if (en->flags & GZ_ENTRY_LAST)
      break;
  }
  return RAWI_OK;
}

/* Ask early for what marks_at will read at token i: the entries of its
 * readings' one-word paths and the edge to the next token (misses in a
 * large image, as prefetch_word's). */
static void prefetch_marks(const gz_image *g, const text_doc *d,
                           const word_id *ids, uint32_t i, uint32_t end) {
  uint32_t n_edges = g->h->n_edge_slots;
  for (uint32_t k = 0; k < d->tokens[i].reading_count; k++) {
    word_id root = reading_id(d, ids, i, k);
    if (root.first == NO_PATH)
      continue;
    if (root.first != GZ_NONE)
      __builtin_prefetch(&g->entries[root.first]);
    uint32_t next = i + 1 < end ? ids[i + 1].word : GZ_NONE;
    if (next != GZ_NONE && n_edges)
      __builtin_prefetch(&g->edges[rawi_hash_range(
          rawi_hash_pair(gz_step_root(root.word), next), n_edges)]);
  }
}

/* All matches of image img starting at token i (sentence ends at end). */
static int marks_at(const gz_image *g, uint32_t img, const text_doc *d,
                    const word_id *ids, uint32_t i, uint32_t end,
                    gz_marks *out) {
  const text_token *t = &d->tokens[i];
  for (uint32_t k = 0; k < t->reading_count; k++) {
    word_id root = reading_id(d, ids, i, k);
    if (root.first == NO_PATH)
      continue;
    uint32_t entry = root.first;
    uint32_t node = gz_step_root(root.word);
    for (uint32_t j = i; node;) {
      if (entry != GZ_NONE && node_marks(g, img, d, i, j, k, entry, out))
        return RAWI_ERR_NOMEM;
      if (++j >= end)
        break;
      uint32_t w = ids[j].word;
      node = w == GZ_NONE ? 0 : gz_step(g, node, w, &entry);
    }
  }
  return RAWI_OK;
}

/* Is mark m of one token only, and of type class (a whole token when
 * split is 0, a proclitic reading otherwise)? */
static int one_token(const gz_mark *m, int reading) {
  return m->tok_end == m->tok_first + 1 &&
         (reading ? m->reading != 0 : m->reading == 0);
}

static int is_name_type(int type) {
  return type == GZ_GIVEN_NAME || type == GZ_FAMILY_NAME ||
         type == GZ_DEMONYM || gz_is_entity_type(type);
}

/* A token that is a listed common word as a whole (فلكيا) is not a name
 * through a proclitic (ف + ل + كيا): its one-token name marks of proclitic
 * readings go. A token that is a listed one-word name as a whole (ليلى)
 * is not a common word through a proclitic (ل + يلي): its one-token
 * STOPWORD marks of proclitic readings go. Rules and candidates then see
 * the same marks. Marks of one token are neighbours; order is kept. */
static void drop_split_readings(gz_marks *marks) {
  size_t n = 0;
  for (size_t a = 0, b; a < marks->n; a = b) {
    int common = 0, name = 0;
    for (b = a; b < marks->n && marks->v[b].tok_first == marks->v[a].tok_first;
         b++) {
      const gz_mark *m = &marks->v[b];
      common |= one_token(m, 0) && m->type == GZ_STOPWORD;
      name |= one_token(m, 0) && is_name_type(m->type) && m->type != GZ_DEMONYM;
    }
    for (size_t j = a; j < b; j++) {
      const gz_mark *m = &marks->v[j];
      if (one_token(m, 1) && ((name && m->type == GZ_STOPWORD) ||
                              (common && is_name_type(m->type))))
        continue;
      marks->v[n++] = *m;
    }
  }
  marks->n = n;
}

int gz_find(const gz_image *const *imgs, size_t n_imgs, const text_doc *d,
            gz_word_cache *cache, gz_marks *out) {
  out->n = 0;
  if (!n_imgs || !d->n_tokens)
    return RAWI_OK;
  if (cache && !cache->slots && cache_alloc(cache))
    return RAWI_ERR_NOMEM;
  size_t per = d->n_tokens + d->n_readings;
  word_id *ids = rawi_mem_alloc(out->alloc, per * n_imgs * sizeof *ids);
  int rc = ids ? RAWI_OK : RAWI_ERR_NOMEM;
  for (size_t g = 0; g < n_imgs && rc == RAWI_OK; g++)
    word_ids(imgs[g], g, d, cache, ids + g * per);
  for (size_t s = 0; s < d->n_sentences && rc == RAWI_OK; s++) {
    uint32_t first = d->sentences[s].first;
    uint32_t end = first + d->sentences[s].count;
    for (uint32_t i = first; i < end && rc == RAWI_OK; i++)
      for (size_t g = 0; g < n_imgs && rc == RAWI_OK; g++) {
        if (i + PREFETCH_AHEAD < end)
          prefetch_marks(imgs[g], d, ids + g * per, i + PREFETCH_AHEAD, end);
        rc = marks_at(imgs[g], (uint32_t)g, d, ids + g * per, i, end, out);
      }
  }
  rawi_mem_free(out->alloc, ids);
  if (rc == RAWI_OK)
    drop_split_readings(out);
  return rc;
}

size_t gz_first_mark_at(const gz_marks *marks, uint32_t tok) {
  size_t lo = 0, hi = marks->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (marks->v[mid].tok_first < tok)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The value of prominence=N in attributes "k=v;...", or GZ_RANK_NONE. */
static uint8_t rank_of(const char *attrs) {
  for (const char *p = attrs; p && *p;) {
    if (!strncmp(p, "prominence=", 11)) {
      unsigned v = 0;
      for (p += 11; *p >= '0' && *p <= '9' && v < GZ_RANK_NONE; p++)
        v = v * 10 + (unsigned)(*p - '0');
      return v < GZ_RANK_NONE ? (uint8_t)v : GZ_RANK_NONE;
    }
    p = strchr(p, ';');
    p = p ? p + 1 : NULL;
  }
  return GZ_RANK_NONE;
}

/* Add or improve namesake x in out[0..*n). */
static void add_namesake(gz_namesake *out, size_t cap, size_t *n, size_t *total,
                         const gz_namesake *x) {
  for (size_t i = 0; i < *n; i++)
    if (out[i].img == x->img && out[i].entity == x->entity) {
      if (x->rank < out[i].rank)
        out[i].rank = x->rank;
      return;
    }
  (*total)++;
  if (*n < cap)
    out[(*n)++] = *x;
}

size_t gz_namesakes(const gz_image *const *imgs, const gz_marks *marks,
                    const text_doc *d, uint32_t first, uint32_t end, uint32_t k,
                    gz_namesake *out, size_t cap) {
  size_t n = 0, total = 0;
  uint32_t b0 = text_reading_at(d, &d->tokens[first], k).stem_byte;
  uint32_t b1 = d->tokens[end - 1].byte_end;
  for (size_t i = gz_first_mark_at(marks, first);
       i < marks->n && marks->v[i].tok_first == first; i++) {
    const gz_mark *mk = &marks->v[i];
    if (mk->type != GZ_FAMILY_NAME || mk->tok_end != end || mk->reading != k)
      continue;
    const gz_image *g = imgs[mk->img];
    for (uint32_t e = mk->entry; e != GZ_NONE; e++) {
      const gz_entry *en = &g->entries[e];
      if (en->type == GZ_FAMILY_NAME &&
          (!(en->flags & GZ_ENTRY_CASE_EXACT) ||
           same_as_written(d->text + b0, b1 - b0, gz_entry_surface(g, en)))) {
        gz_namesake x = {en->entity, en->line, en->source, mk->img,
                         rank_of(gz_str(g, en->attrs))};
        add_namesake(out, cap, &n, &total, &x);
      }
      if (en->flags & GZ_ENTRY_LAST)
        break;
    }
  }
  return total;
}

void gz_name_cache_init(gz_name_cache *c, const rawi_allocator *alloc) {
  *c = (gz_name_cache){0};
  rawi_map_init(&c->map, alloc);
  rawi_strbuf_init(&c->strings, alloc);
}

void gz_name_cache_free(gz_name_cache *c) {
  rawi_map_free(&c->map);
  rawi_strbuf_free(&c->strings);
}

/* Past this the cache starts again: it holds what recent news named. */
#define NAME_CACHE_BYTES (4u << 20)

static void cache_reset(gz_name_cache *c, const gz_image *const *imgs,
                        size_t n_imgs) {
  rawi_map_free(&c->map);
  c->strings.len = 0;
  c->strings.failed = 0;
  c->first = n_imgs ? imgs[0] : NULL;
  c->n_imgs = n_imgs;
}

/* Offset in the cache of entity e of image img: "id\0name\0", read from
 * the image the first time; NONE when out of memory. */
static uint32_t cached_entity(gz_name_cache *c, const gz_image *g, uint32_t img,
                              uint32_t e) {
  uint32_t *slot;
  int rc = rawi_map_put(&c->map, (uint64_t)img << 32 | e,
                        (uint32_t)c->strings.len, &slot);
  if (rc < 0)
    return GZ_NONE;
  if (rc == 0)
    return *slot;
  rawi_strbuf_adds(&c->strings, gz_str(g, g->entities[e].id));
  rawi_strbuf_addc(&c->strings, '\0');
  gz_entity_name(g, e, &c->strings);
  rawi_strbuf_addc(&c->strings, '\0');
  if (!c->strings.failed)
    return *slot;
  /* the new slot names a partial string: start again */
  rawi_map_free(&c->map);
  c->strings.len = 0;
  c->strings.failed = 0;
  return GZ_NONE;
}

/* "id\0name" from the cache, for mention_cached. */
typedef struct cached_ref {
  const char *s;
} cached_ref;

static void write_entity(const void *ctx, rawi_strbuf *out) {
  const char *id = ((const cached_ref *)ctx)->s;
  size_t n = strlen(id);
  rawi_strbuf_add(out, id, n + 1 + strlen(id + n + 1));
}

static int name_winner(const gz_image *const *imgs, gz_name_cache *c,
                       mention_table *t, mention *m) {
  if (m->name_off != MENTION_LATER || m->lost) {
    m->name_off = m->name_off == MENTION_LATER ? 0 : m->name_off;
    return RAWI_OK;
  }
  uint32_t at = cached_entity(c, imgs[m->gz_img], m->gz_img, m->gz_entity);
  if (at == GZ_NONE)
    return RAWI_ERR_NOMEM;
  cached_ref r = {c->strings.data + at};
  uint64_t key = 1ull << 63 | (uint64_t)m->gz_img << 32 | m->gz_entity;
  uint32_t off = mention_cached(t, key, write_entity, &r);
  if (t->strings.failed)
    return RAWI_ERR_NOMEM;
  m->id_off = off;
  m->name_off = off + (uint32_t)strlen(t->strings.data + off) + 1;
  return RAWI_OK;
}

int gz_names(const gz_image *const *imgs, size_t n_imgs, gz_name_cache *cache,
             mention_table *t) {
  if (cache->strings.len > NAME_CACHE_BYTES || cache->n_imgs != n_imgs ||
      (n_imgs && cache->first != imgs[0]))
    cache_reset(cache, imgs, n_imgs);
  for (size_t i = 0; i < t->n_mentions; i++)
    if (name_winner(imgs, cache, t, &t->mentions[i]))
      return RAWI_ERR_NOMEM;
  return RAWI_OK;
}

int gz_candidates(const gz_image *const *imgs, const gz_marks *marks,
                  const text_doc *d, mention_table *out) {
  const char *last_src = NULL;
  uint32_t src_off = 0;
  for (size_t i = 0; i < marks->n; i++) {
    const gz_mark *mk = &marks->v[i];
    if (mk->type >= DOC_N_TYPES && mk->type != GZ_DEMONYM)
      continue;
    const gz_image *g = imgs[mk->img];
    const gz_entry *e = &g->entries[mk->entry];
    mention m = {.tok_first = mk->tok_first,
                 .tok_end = mk->tok_end,
                 .reading = mk->reading,
                 .src_line = e->line,
                 .type = e->type,
                 .kind =
                     mk->type == GZ_DEMONYM ? MENTION_DEMONYM : MENTION_NAME,
                 .source = SOURCE_GAZETTEER,
                 .priority = mk->tok_end - mk->tok_first > 1 ? GZ_PRIORITY_MULTI
                                                             : GZ_PRIORITY,
                 .order = 255u - mk->img, /* later lists win ties */
                 .gz_entity = e->entity,
                 .gz_img = mk->img,
                 .id_off = MENTION_LATER,
                 .name_off = MENTION_LATER};
    const char *src = gz_str(g, g->sources[e->source]);
    if (src != last_src) /* one list file gives most candidates in a row */
      src_off = mention_stable(out, last_src = src);
    m.src_file_off = src_off;
    if (out->strings.failed)
      return RAWI_ERR_NOMEM;
    int rc = mention_add_pooled(out, d, &m);
    if (rc)
      return rc;
  }
  return RAWI_OK;
}
