/*
 * Resolution: from mention candidates (lists, rules) to entities.
 *
 * One conflict policy decides between overlapping candidates: higher
 * priority wins, then more tokens, then the earlier start, then the
 * earlier source (list or rule order), then the shorter proclitic. Losers
 * stay in the table, flagged with the winner that beat them, for
 * --explain. A rule's winner over a listed name keeps the list's id (a
 * title rule's "Mr. Joe Biden" is person/joe-biden). Then short forms are
 * linked to the names seen in full (alias.c), and winners are grouped
 * into entities by id.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer/match.h"
#include "resolve/resolve.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/utf8.h"

#define NONE 0xFFFFFFFFu

/* --- conflicts -------------------------------------------------------- */

/* The ordering key of a candidate, compared as (hi, lo, split, index):
 * packed so that a comparison is a few integer compares, and sorted by
 * sort_ranks below rather than qsort, whose call per comparison cost as
 * much as the rest of resolution with a large list. */
typedef struct rank {
  uint64_t hi, lo;
  uint32_t reading, index;
} rank;

static inline int before(const rank *a, const rank *b) {
  if (a->hi != b->hi)
    return a->hi < b->hi;
  if (a->lo != b->lo)
    return a->lo < b->lo;
  if (a->reading != b->reading)
    return a->reading < b->reading;
  return a->index < b->index;
}

/* Higher priority, then more tokens, then the earlier start, then the
 * earlier source, then the shorter proclitic. */
static rank conflict_rank(const mention *m, uint32_t i) {
  uint64_t prio = (uint64_t)(0x7FFF - m->priority); /* 0 for the highest */
  uint64_t len = UINT32_MAX - (m->tok_end - m->tok_first);
  return (rank){prio << 32 | len, (uint64_t)m->tok_first << 32 | m->order,
                m->reading, i};
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
      size_t mid = lo + w < n ? lo + w : n,
             hi = lo + 2 * w < n ? lo + 2 * w : n;
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

/* --- titles ----------------------------------------------------------- */

uint32_t *resolve_class_ends(const mention_table *t, const text_doc *d,
                             const resolve_lists *lists, int type) {
  uint32_t *end = rawi_mem_calloc(t->alloc, d->n_tokens + 1, sizeof *end);
  if (!end || !lists || !lists->marks)
    return end;
  const gz_marks *marks = lists->marks;
  for (size_t i = 0; i < marks->n; i++) {
    const gz_mark *mk = &marks->v[i];
    if (mk->type == type && mk->tok_end > end[mk->tok_first])
      end[mk->tok_first] = mk->tok_end;
  }
  return end;
}

/* Words before a title that are no part of a name (Former President Ann
 * Lowe). */
static int title_modifier(const text_doc *d, uint32_t k) {
  static const char *const words[] = {"former", "late", "acting", "then"};
  const text_token *tk = &d->tokens[k];
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == tk->norm_len &&
        !memcmp(d->pool + tk->norm_off, words[i], tk->norm_len))
      return 1;
  return 0;
}

uint32_t resolve_core_first(const text_doc *d, const mention *m,
                            const uint32_t *title_end) {
  uint32_t k = m->tok_first;
  while (k < m->tok_end) {
    if (d->tokens[k].kind == RAWI_TOKEN_PUNCT || title_modifier(d, k))
      k++;
    else if (title_end && title_end[k] > k && title_end[k] < m->tok_end)
      k = title_end[k];
    else
      break;
  }
  return k < m->tok_end && name_words(d, k, m->tok_end) ? k : m->tok_first;
}

/* A winning rule mention that covers exactly what a list knows under the
 * same type takes the list's id and name. So does one that lies inside a
 * longer list entry of its type which it beat: a rule that trims a head
 * word or an epithet (مدينة [مشهد], [مكة] المكرمة) names the listed place.
 * An exact cover wins over a containing entry. */
static void adopt_list_id(mention *win, const mention *lost, int exact) {
  if (!exact && win->adopted == ADOPT_EXACT)
    return;
  win->id_off = lost->id_off; /* MENTION_LATER: gz_names copies them */
  win->name_off = lost->name_off;
  win->gz_entity = lost->gz_entity;
  win->gz_img = lost->gz_img;
  win->adopted = exact ? ADOPT_EXACT : ADOPT_INSIDE;
}

/* A rule's person whose name, titles aside, lies in a listed person's
 * name it beat is that person: "Mr. [Joe Biden]" over the list's Joe
 * Biden, and a title rule's "Crown Prince [Mohammed]" cut from the list's
 * Mohammed bin Salman, which it takes in when the rest is free. */
static int adopt_person(mention_table *t, const text_doc *d, uint32_t w,
                        const mention *lost, uint32_t *owner,
                        const uint32_t *title_end) {
  mention *win = &t->mentions[w];
  uint32_t core = resolve_core_first(d, win, title_end);
  if (lost->tok_first > core || lost->tok_end < win->tok_end)
    return RAWI_OK;
  if (lost->tok_end > win->tok_end) {
    for (uint32_t k = win->tok_end; k < lost->tok_end; k++)
      if (owner[k] != NONE)
        return RAWI_OK;
    for (uint32_t k = win->tok_end; k < lost->tok_end; k++)
      owner[k] = w;
    int rc = mention_respan(t, d, w, win->tok_first, lost->tok_end);
    if (rc)
      return rc;
    win = &t->mentions[w];
  }
  adopt_list_id(win, lost, lost->tok_first == core);
  return RAWI_OK;
}

/* The loser `lost` overlaps winner w: does w take its id? */
static int adopt(mention_table *t, const text_doc *d, uint32_t w,
                 const mention *lost, uint32_t *owner,
                 const uint32_t *title_end) {
  mention *win = &t->mentions[w];
  if (win->source != SOURCE_RULE || lost->source != SOURCE_GAZETTEER ||
      lost->kind != MENTION_NAME || lost->type != win->type)
    return RAWI_OK;
  if (win->type == DOC_PERSON)
    return adopt_person(t, d, w, lost, owner, title_end);
  if (lost->tok_first <= win->tok_first && lost->tok_end >= win->tok_end)
    adopt_list_id(win, lost,
                  lost->tok_first == win->tok_first &&
                      lost->tok_end == win->tok_end);
  return RAWI_OK;
}

int resolve_conflicts(mention_table *t, const text_doc *d,
                      const resolve_lists *lists) {
  size_t n = t->n_mentions;
  if (!n)
    return RAWI_OK;
  rank *idx = rawi_mem_alloc(t->alloc, 2 * n * sizeof *idx);
  uint32_t *owner = rawi_mem_alloc(t->alloc, (d->n_tokens + 1) * sizeof *owner);
  uint32_t *title_end = resolve_class_ends(t, d, lists, GZ_TITLE);
  int rc = RAWI_OK;
  if (!idx || !owner || !title_end) {
    rawi_mem_free(t->alloc, idx);
    rawi_mem_free(t->alloc, owner);
    rawi_mem_free(t->alloc, title_end);
    return RAWI_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++)
    idx[i] = conflict_rank(&t->mentions[i], (uint32_t)i);
  memset(owner, 0xFF, (d->n_tokens + 1) * sizeof *owner);
  sort_ranks(idx, n, idx + n);
  for (size_t r = 0; r < n && rc == RAWI_OK; r++) {
    mention *m = &t->mentions[idx[r].index];
    uint32_t taken = NONE;
    for (uint32_t k = m->tok_first; k < m->tok_end && taken == NONE; k++)
      taken = owner[k];
    if (taken != NONE) {
      m->lost = 1;
      m->lost_to = taken;
      rc = adopt(t, d, taken, m, owner, title_end);
      continue;
    }
    for (uint32_t k = m->tok_first; k < m->tok_end; k++)
      owner[k] = idx[r].index;
  }
  rawi_mem_free(t->alloc, idx);
  rawi_mem_free(t->alloc, owner);
  rawi_mem_free(t->alloc, title_end);
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
      const mention *m = &t->mentions[t->by_entity[en->first + k]];
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
  t->by_entity =
      rawi_mem_alloc(t->alloc, (t->n_mentions + 1) * sizeof(uint32_t));
  if (!t->by_entity || !pos) {
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
        (put == 1 &&
         rawi_mem_grow(t->alloc, (void **)&t->entities, &t->cap_entities,
                       t->n_entities + 1, sizeof(entity)))) {
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
    t->by_entity[e->first + e->count++] = pos[r].index;
  }
  rawi_mem_free(t->alloc, pos);
  name_entities(t);
  return RAWI_OK;
}

/* Is the word ending just before p عبد (norm: its own word)? */
static int after_abd(const char *norm, const char *p) {
  static const char abd[] = "\xd8\xb9\xd8\xa8\xd8\xaf"; /* عبد */
  size_t n = sizeof abd - 1;
  return (size_t)(p - norm) >= n && !memcmp(p - n, abd, n) &&
         (p - norm == (ptrdiff_t)n || p[-(ptrdiff_t)n - 1] == ' ');
}

void resolve_derived_id(int type, const char *norm, char *buf, size_t cap) {
  const doc_type *t = doc_type_at(type);
  size_t n = (size_t)snprintf(buf, cap, "%s/", t ? t->id_prefix : "entity");
  for (const char *p = norm; *p && n + 1 < cap; p++) {
    /* عبد joins the word after it, as in people's keys: مدينة الملك عبد
     * العزيز and عبدالعزيز are one body */
    if (*p == ' ' && p[1] && after_abd(norm, p))
      continue;
    buf[n++] = *p == ' ' ? '-' : *p;
  }
  buf[n < cap ? n : cap - 1] = '\0';
}
