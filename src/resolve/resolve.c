/*
 * Resolution: from mention candidates (lists, rules) to entities.
 *
 * One conflict policy decides between overlapping candidates: higher
 * priority wins, then more tokens, then the earlier start, then the
 * earlier source (list or rule order), then the shorter proclitic. Losers
 * stay in the table, flagged with the winner that beat them, for
 * --explain. Then names seen in full lend their parts to later partial
 * mentions, and winners are grouped into entities by id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "resolve/resolve.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/utf8.h"

#define NONE 0xFFFFFFFFu

void mention_table_init(mention_table *t, const rawi_allocator *alloc) {
  *t = (mention_table){.alloc = alloc};
  rawi_strbuf_init(&t->strings, alloc);
  rawi_map_init(&t->copied, alloc);
}

void mention_table_free(mention_table *t) {
  rawi_mem_free(t->alloc, t->mentions);
  rawi_mem_free(t->alloc, t->entities);
  rawi_mem_free(t->alloc, t->order);
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
  text_split sp = text_reading(d, first, m->split);
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

int mention_set_rule(mention_table *t, size_t i, const char *rule) {
  uint32_t off = add_string(t, rule, strlen(rule));
  if (t->strings.failed)
    return RAWI_ERR_NOMEM;
  t->mentions[i].rule_off = off;
  return RAWI_OK;
}

/* --- conflicts -------------------------------------------------------- */

/* The ordering key of a candidate, compared as (hi, lo, split, index):
 * packed so that a comparison is a few integer compares, and sorted by
 * sort_ranks below rather than qsort, whose call per comparison cost as
 * much as the rest of resolution with a large list. */
typedef struct rank {
  uint64_t hi, lo;
  uint32_t split, index;
} rank;

static inline int before(const rank *a, const rank *b) {
  if (a->hi != b->hi)
    return a->hi < b->hi;
  if (a->lo != b->lo)
    return a->lo < b->lo;
  if (a->split != b->split)
    return a->split < b->split;
  return a->index < b->index;
}

/* Higher priority, then more tokens, then the earlier start, then the
 * earlier source, then the shorter proclitic. */
static rank conflict_rank(const mention *m, uint32_t i) {
  uint64_t prio = (uint64_t)(0x7FFF - m->priority); /* 0 for the highest */
  uint64_t len = UINT32_MAX - (m->tok_end - m->tok_first);
  return (rank){prio << 32 | len, (uint64_t)m->tok_first << 32 | m->order,
                m->split, i};
}

/* Merge sort (keys are unique: the index breaks ties), insertion-sorted
 * runs of 16 first. tmp holds n ranks. */
static void sort_ranks(rank *v, size_t n, rank *tmp) {
  for (size_t lo = 0; lo < n; lo += 16) {
    size_t hi = lo + 16 < n ? lo + 16 : n;
    for (size_t i = lo + 1; i < hi; i++) {
      rank x = v[i];
      size_t j = i;
      for (; j > lo && before(&x, &v[j - 1]); j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
  }
  for (size_t w = 16; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t a = lo, b = mid, k = lo;
      while (a < mid && b < hi)
        tmp[k++] = before(&v[b], &v[a]) ? v[b++] : v[a++];
      while (a < mid)
        tmp[k++] = v[a++];
      while (b < hi)
        tmp[k++] = v[b++];
    }
    memcpy(v, tmp, n * sizeof *v);
  }
}

/* A winning rule mention that covers exactly what a list knows under the
 * same type takes the list's id and name. So does one that lies inside a
 * longer list entry of its type which it beat: a rule that trims a head
 * word or an epithet (مدينة [مشهد], [مكة] المكرمة) names the listed place.
 * An exact cover wins over a containing entry. */
static void adopt_list_id(mention_table *t, mention *win, const mention *lost) {
  if (win->source != SOURCE_RULE || lost->source != SOURCE_GAZETTEER ||
      lost->kind != MENTION_NAME || lost->type != win->type ||
      lost->tok_first > win->tok_first || lost->tok_end < win->tok_end)
    return;
  int exact = lost->tok_first == win->tok_first && lost->tok_end == win->tok_end;
  if (!exact && win->adopted == ADOPT_EXACT)
    return;
  win->id_off = lost->id_off; /* MENTION_LATER: gz_names copies them */
  win->name_off = lost->name_off;
  win->gz_entity = lost->gz_entity;
  win->gz_img = lost->gz_img;
  win->adopted = exact ? ADOPT_EXACT : ADOPT_INSIDE;
  (void)t;
}

int resolve_conflicts(mention_table *t, const text_doc *d) {
  size_t n = t->n_mentions;
  if (!n)
    return RAWI_OK;
  rank *idx = rawi_mem_alloc(t->alloc, 2 * n * sizeof *idx);
  uint32_t *owner = rawi_mem_alloc(t->alloc, (d->n_tokens + 1) * sizeof *owner);
  if (!idx || !owner) {
    rawi_mem_free(t->alloc, idx);
    rawi_mem_free(t->alloc, owner);
    return RAWI_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++)
    idx[i] = conflict_rank(&t->mentions[i], (uint32_t)i);
  memset(owner, 0xFF, (d->n_tokens + 1) * sizeof *owner);
  sort_ranks(idx, n, idx + n);
  for (size_t r = 0; r < n; r++) {
    mention *m = &t->mentions[idx[r].index];
    uint32_t taken = NONE;
    for (uint32_t k = m->tok_first; k < m->tok_end && taken == NONE; k++)
      taken = owner[k];
    if (taken != NONE) {
      m->lost = 1;
      m->lost_to = taken;
      adopt_list_id(t, &t->mentions[taken], m);
      continue;
    }
    for (uint32_t k = m->tok_first; k < m->tok_end; k++)
      owner[k] = idx[r].index;
  }
  rawi_mem_free(t->alloc, idx);
  rawi_mem_free(t->alloc, owner);
  return RAWI_OK;
}

/* --- aliases ------------------------------------------------------------ */

#define AMBIGUOUS 0xFFFFFFFEu
#define MAX_ALIAS_TOKENS 4

static uint64_t key_of(const char *s, size_t n) { return rawi_hash_bytes(s, n); }

/* Remember norm -> winner m; two entities under one key cancel out. */
static int remember(mention_table *t, rawi_map *map, const char *norm,
                    size_t n, uint32_t m) {
  uint32_t *slot;
  int rc = rawi_map_put(map, key_of(norm, n), m, &slot);
  if (rc < 0)
    return rc;
  if (rc == 0 && *slot != AMBIGUOUS &&
      strcmp(t->strings.data + t->mentions[*slot].id_off,
             t->strings.data + t->mentions[m].id_off))
    *slot = AMBIGUOUS;
  return RAWI_OK;
}

/* The family name of a person's mention: its last word, leaving out
 * punctuation, initials (the "R" of "Luis Cobos R.") and the suffixes
 * Jr, Sr, II, III, IV; NULL when no word is left but the first. */
static const text_token *family_token(const text_doc *d, const mention *m) {
  static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv"};
  for (uint32_t k = m->tok_end; k-- > m->tok_first + 1;) {
    const text_token *tk = &d->tokens[k];
    const char *norm = d->pool + tk->norm_off;
    if (tk->kind != RAWI_TOKEN_WORD || tk->cp_end - tk->cp_start < 2)
      continue;
    int suffix = 0;
    for (size_t j = 0; j < sizeof suffixes / sizeof *suffixes; j++)
      suffix |= strlen(suffixes[j]) == tk->norm_len &&
                !memcmp(norm, suffixes[j], tk->norm_len);
    if (!suffix)
      return tk;
  }
  return NULL;
}

/* An Arabic family name in two words, "عبد الله", "ابو الغيط", "بن لادن":
 * the last word after عبد, ابو, ابن or بن (not the first word of the name)
 * is no name alone ("الله"); the pair is lent instead. Returns the pair's
 * normalised length in buf, or 0 when the family name is one word. */
static size_t compound_family(const text_doc *d, const mention *m,
                              const text_token *last, char *buf, size_t cap) {
  static const char *const heads[] = {"عبد", "ابو", "ابن", "بن"};
  uint32_t k = (uint32_t)(last - d->tokens);
  if (k < 1 || k - 1 <= m->tok_first)
    return 0;
  const text_token *h = &d->tokens[k - 1];
  const char *hn = d->pool + h->norm_off;
  for (size_t j = 0; j < sizeof heads / sizeof *heads; j++) {
    if (strlen(heads[j]) != h->norm_len || memcmp(hn, heads[j], h->norm_len))
      continue;
    if (h->norm_len + 1 + last->norm_len >= cap)
      return 0;
    memcpy(buf, hn, h->norm_len);
    buf[h->norm_len] = ' ';
    memcpy(buf + h->norm_len + 1, d->pool + last->norm_off, last->norm_len);
    return h->norm_len + 1 + last->norm_len;
  }
  return 0;
}

/* Names that lend themselves: a person named in two or more tokens lends
 * its last token (the family name), and a name first found by a rule lends
 * its whole form, so it is found again without the title. A rule's name
 * that is such a part of a fuller name (الجنرال سليماني after قاسم سليماني)
 * becomes a mention of the fuller name's entity. */
static int collect_aliases(mention_table *t, const text_doc *d, rawi_map *map) {
  size_t n = t->n_mentions;
  int rc = RAWI_OK;
  for (size_t i = 0; i < n && rc == RAWI_OK; i++) {
    const mention *m = &t->mentions[i];
    if (m->lost || m->kind != MENTION_NAME || m->tok_end - m->tok_first < 2)
      continue;
    if (m->type == GZ_PERSON) {
      const text_token *last = family_token(d, m);
      char buf[512];
      size_t pair = last ? compound_family(d, m, last, buf, sizeof buf) : 0;
      if (pair)
        rc = remember(t, map, buf, pair, (uint32_t)i);
      else if (last)
        rc = remember(t, map, d->pool + last->norm_off, last->norm_len,
                      (uint32_t)i);
    }
  }
  /* then rules' forms: after the family names, so that a rule's "عبد الله"
   * joins "محمد عبد الله" before its own form is remembered */
  for (size_t i = 0; i < n && rc == RAWI_OK; i++) {
    mention *m = &t->mentions[i];
    if (m->lost || m->source != SOURCE_RULE || m->kind != MENTION_NAME)
      continue;
    const char *norm = t->strings.data + m->norm_off;
    uint32_t *w = rawi_map_get(map, key_of(norm, m->norm_len));
    if (w && *w != AMBIGUOUS && *w != i) {
      const mention *full = &t->mentions[*w];
      if (full->tok_end - full->tok_first > m->tok_end - m->tok_first &&
          full->type == m->type) {
        m->id_off = full->id_off;
        m->name_off = full->name_off;
        if (m->tok_end - m->tok_first < 2)
          continue;
      }
    }
    rc = remember(t, map, norm, m->norm_len, (uint32_t)i);
  }
  return rc;
}

/* The normalised form of tokens [i, i + len) read with reading k. */
static size_t span_norm(const text_doc *d, uint32_t i, uint32_t len,
                        uint32_t k, char *buf, size_t cap) {
  text_split sp = text_reading(d, &d->tokens[i], k);
  size_t n = 0;
  if (sp.norm_len >= cap)
    return 0;
  memcpy(buf, d->pool + sp.norm_off, sp.norm_len);
  n = sp.norm_len;
  for (uint32_t j = i + 1; j < i + len; j++) {
    const text_token *t = &d->tokens[j];
    if (n + 1 + t->norm_len >= cap)
      return 0;
    buf[n++] = ' ';
    memcpy(buf + n, d->pool + t->norm_off, t->norm_len);
    n += t->norm_len;
  }
  return n;
}

/* Add an alias mention of winner w over tokens [i, i + len), reading k. */
static int add_alias(mention_table *t, const text_doc *d, uint32_t w,
                     uint32_t i, uint32_t len, uint32_t k) {
  char id[512], name[512], src[512];
  const mention *from = &t->mentions[w];
  snprintf(id, sizeof id, "%s", t->strings.data + from->id_off);
  snprintf(name, sizeof name, "%s", t->strings.data + from->name_off);
  snprintf(src, sizeof src, "%s", t->strings.data + from->src_file_off);
  mention m = {.tok_first = i, .tok_end = i + len, .split = k,
               .src_line = from->src_line, .type = from->type,
               .kind = MENTION_NAME, .source = SOURCE_ALIAS,
               .rule_off = from->rule_off, .order = w};
  return mention_add(t, d, &m, id, name, src, 0);
}

/* Tokens not covered by any winner: does a span there name an alias? */
static int find_aliases(mention_table *t, const text_doc *d,
                        const rawi_map *map, const uint8_t *taken) {
  char buf[1024];
  for (size_t s = 0; s < d->n_sentences; s++) {
    uint32_t end = d->sentences[s].first + d->sentences[s].count;
    for (uint32_t i = d->sentences[s].first; i < end; i++) {
      uint32_t found = NONE, flen = 0, fk = 0;
      for (uint32_t len = MAX_ALIAS_TOKENS; len >= 1 && found == NONE; len--) {
        if (i + len > end)
          continue;
        int free_span = 1;
        for (uint32_t j = i; j < i + len; j++)
          free_span &= !taken[j];
        if (!free_span)
          continue;
        for (uint32_t k = 0; k < d->tokens[i].split_count; k++) {
          size_t n = span_norm(d, i, len, k, buf, sizeof buf);
          uint32_t *w = n ? rawi_map_get(map, key_of(buf, n)) : NULL;
          if (w && *w != AMBIGUOUS) {
            found = *w, flen = len, fk = k;
            break;
          }
        }
      }
      if (found == NONE)
        continue;
      int rc = add_alias(t, d, found, i, flen, fk);
      if (rc)
        return rc;
      i += flen - 1;
    }
  }
  return RAWI_OK;
}

int resolve_aliases(mention_table *t, const text_doc *d) {
  rawi_map map;
  rawi_map_init(&map, t->alloc);
  int rc = collect_aliases(t, d, &map);
  uint8_t *taken = NULL;
  if (rc == RAWI_OK && map.count) {
    taken = rawi_mem_calloc(t->alloc, d->n_tokens + 1, 1);
    if (!taken)
      rc = RAWI_ERR_NOMEM;
  }
  if (taken) {
    for (size_t i = 0; i < t->n_mentions; i++) {
      const mention *m = &t->mentions[i];
      if (!m->lost)
        memset(taken + m->tok_first, 1, m->tok_end - m->tok_first);
    }
    rc = find_aliases(t, d, &map, taken);
  }
  rawi_mem_free(t->alloc, taken);
  rawi_map_free(&map);
  return rc;
}

/* --- entities ------------------------------------------------------------ */

/* An entity no list knows is named by its longest mention. */
static void name_entities(mention_table *t) {
  for (size_t e = 0; e < t->n_entities; e++) {
    entity *en = &t->entities[e];
    uint32_t best = NONE;
    size_t best_len = 0;
    for (uint32_t k = 0; k < en->count; k++) {
      const mention *m = &t->mentions[t->order[en->first + k]];
      if (m->source == SOURCE_GAZETTEER)
        break;
      size_t len = strlen(t->strings.data + m->name_off);
      if (m->source == SOURCE_RULE && len > best_len)
        best = m->name_off, best_len = len;
    }
    if (best != NONE)
      en->name_off = best;
  }
}

int resolve_entities(mention_table *t, const text_doc *d) {
  (void)d;
  rawi_map by_id;
  rawi_map_init(&by_id, t->alloc);
  int rc = RAWI_OK;
  size_t n = 0;
  rank *pos = rawi_mem_alloc(t->alloc, 2 * (t->n_mentions + 1) * sizeof *pos);
  t->order = rawi_mem_alloc(t->alloc, (t->n_mentions + 1) * sizeof(uint32_t));
  if (!t->order || !pos) {
    rawi_mem_free(t->alloc, pos);
    return RAWI_ERR_NOMEM;
  }
  for (size_t i = 0; i < t->n_mentions; i++)
    if (!t->mentions[i].lost)
      pos[n++] = (rank){t->mentions[i].tok_first, 0, 0, (uint32_t)i};
  sort_ranks(pos, n, pos + n); /* winners in text order */
  for (size_t r = 0; r < n && rc == RAWI_OK; r++) {
    size_t i = pos[r].index;
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
  if (rc) {
    rawi_mem_free(t->alloc, pos);
    return rc;
  }
  /* counting sort of winners by entity, text order kept */
  uint32_t at = 0;
  for (size_t e = 0; e < t->n_entities; e++) {
    t->entities[e].first = at;
    at += t->entities[e].count;
    t->entities[e].count = 0;
  }
  for (size_t r = 0; r < n; r++) {
    entity *e = &t->entities[t->mentions[pos[r].index].entity];
    t->order[e->first + e->count++] = pos[r].index;
  }
  rawi_mem_free(t->alloc, pos);
  name_entities(t);
  return RAWI_OK;
}

void resolve_derived_id(int type, const char *norm, char *buf, size_t cap) {
  static const char *const prefix[] = {"person", "org", "country", "location"};
  size_t n = (size_t)snprintf(buf, cap, "%s/",
                              type >= 0 && type < 4 ? prefix[type] : "entity");
  for (const char *p = norm; *p && n + 1 < cap; p++)
    buf[n++] = *p == ' ' ? '-' : *p;
  buf[n < cap ? n : cap - 1] = '\0';
}
