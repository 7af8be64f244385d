/* Role nouns that stand for a person named before, and cue words (see
 * discourse.h). */
#include <stdlib.h>
#include <string.h>

#include "relate/discourse.h"
#include "util/hash.h"
#include "util/mem.h"

#define NONE DISCOURSE_NONE
/* tokens a title may stand from its name: وزير الخارجية [الأميركي] أنتوني */
#define TITLE_REACH 4
/* role holders remembered: the latest win, older ones fall off */
#define MAX_HOLDERS 64

const char *discourse_attr(const char *attrs, const char *key, size_t *len) {
  size_t kn = strlen(key);
  for (const char *p = attrs; p && *p;) {
    const char *end = strchr(p, ';');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n > kn && p[kn] == '=' && !memcmp(p, key, kn)) {
      *len = n - kn - 1;
      return p + kn + 1;
    }
    p = end ? end + 1 : NULL;
  }
  return NULL;
}

static const char *mark_attrs(const gz_image *const *imgs, const gz_mark *mk) {
  const gz_image *g = imgs[mk->img];
  return gz_str(g, g->entries[mk->entry].attrs);
}

/* A role: the title's role= attribute and its head word without the
 * article (وزير for الوزير and وزير الخارجية). */
typedef struct role {
  const char *name, *head;
  size_t name_len, head_len;
  uint32_t mention; /* its holder, for a holder */
} role;

static int is_latin(const text_doc *d, uint32_t t) {
  unsigned char c = (unsigned char)d->pool[d->tokens[t].norm_off];
  return d->tokens[t].norm_len && c >= 'a' && c <= 'z';
}

static int norm_is(const text_doc *d, uint32_t t, const char *w) {
  return d->tokens[t].norm_len == strlen(w) &&
         !memcmp(d->pool + d->tokens[t].norm_off, w, strlen(w));
}

/* English puts the head noun last: "foreign minister" is a minister,
 * "secretary of state" a secretary. */
static uint32_t english_head(const text_doc *d, const gz_mark *mk) {
  uint32_t h = mk->tok_first;
  for (uint32_t t = mk->tok_first + 1; t < mk->tok_end && !norm_is(d, t, "of");
       t++)
    h = t;
  return h;
}

static role role_of(const gz_image *const *imgs, const gz_mark *mk,
                    const text_doc *d) {
  role r = {0};
  r.name = discourse_attr(mark_attrs(imgs, mk), "role", &r.name_len);
  if (is_latin(d, mk->tok_first)) {
    const text_token *h = &d->tokens[english_head(d, mk)];
    r.head = d->pool + h->norm_off;
    r.head_len = h->norm_len;
    return r;
  }
  text_reading sp = text_reading_at(d, &d->tokens[mk->tok_first], mk->reading);
  r.head = d->pool + sp.norm_off;
  r.head_len = sp.norm_len;
  if (sp.article && r.head_len > 4) { /* ال is four bytes */
    r.head += 4;
    r.head_len -= 4;
  }
  return r;
}

/* Does a role noun (anaphor) fit what the holder was called? The same
 * head word, and the same role or a more specific one ending with it
 * (foreign-minister for minister). */
static int fits(const role *holder, const role *noun) {
  if (!holder->name || !noun->name || holder->head_len != noun->head_len ||
      memcmp(holder->head, noun->head, noun->head_len))
    return 0;
  if (holder->name_len == noun->name_len)
    return !memcmp(holder->name, noun->name, noun->name_len);
  size_t n = noun->name_len;
  return holder->name_len > n + 1 &&
         holder->name[holder->name_len - n - 1] == '-' &&
         !memcmp(holder->name + holder->name_len - n, noun->name, n);
}

static int is_punct(const text_doc *d, uint32_t t) {
  return d->tokens[t].kind == RAWI_TOKEN_PUNCT;
}

int discourse_is_that(const text_doc *d, uint32_t t) {
  static const char *const that[] = {
      "\xd8\xa7\xd9\x86", "\xd8\xa7\xd9\x86\xd9\x87",
      "\xd8\xa7\xd9\x86\xd9\x87\xd8\xa7", "\xd8\xa7\xd9\x86\xd9\x87\xd9\x85",
      "that"};
  const text_token *tk = &d->tokens[t];
  for (uint32_t k = 0; k < tk->reading_count; k++) { /* وأن، بأنه */
    text_reading sp = text_reading_at(d, tk, k);
    for (size_t i = 0; i < sizeof that / sizeof *that; i++)
      if (sp.norm_len == strlen(that[i]) &&
          !memcmp(d->pool + sp.norm_off, that[i], sp.norm_len))
        return 1;
  }
  return 0;
}

/* English words between a title and its name: "of", "the", words written
 * with a capital (Secretary of State for Wales Ann Lowe), or a comma right
 * after the title ("the president , Karel Voss"); never a verb ("the
 * president met Ann Lowe"). */
static int english_title_word(const text_doc *d, uint32_t t, int first) {
  if (norm_is(d, t, "of") || norm_is(d, t, "the"))
    return 1;
  if (first && norm_is(d, t, ","))
    return 1;
  char c = d->text[d->tokens[t].byte_start];
  return c >= 'A' && c <= 'Z';
}

/* The person mention a title at [first, end) names: one that starts
 * within TITLE_REACH tokens after it, past nationalities, countries,
 * organisations and words of the title's phrase, or one that ends right
 * before it (after a comma): "X، وزير خارجية Y". NONE if there is none;
 * *described: a nationality or country follows the title at once. */
static uint32_t named_by(const discourse *dc, const text_doc *d,
                         const mention_table *m, uint32_t first, uint32_t end,
                         uint32_t sentence_end, int *described) {
  *described = 0;
  /* English: "the president of the company", "the minister 's aide"
   * describe someone by what follows, not a holder named before */
  if (is_latin(d, first) && end < sentence_end &&
      (norm_is(d, end, "of") || norm_is(d, end, "'") ||
       (dc->covered[end] != NONE &&
        m->mentions[dc->covered[end]].type != DOC_PERSON)))
    *described = 1;
  uint32_t words = 0;
  for (uint32_t t = end; t < sentence_end && words <= TITLE_REACH;) {
    uint32_t w = dc->covered[t];
    if (w != NONE) {
      const mention *mn = &m->mentions[w];
      if (mn->type == DOC_PERSON && mn->kind == MENTION_NAME)
        return w;
      if (t == end && (mn->kind == MENTION_DEMONYM || mn->type == DOC_COUNTRY))
        *described = 1;
      t = mn->tok_end;
    } else {
      if (is_latin(d, first) ? !english_title_word(d, t, t == end)
                             : is_punct(d, t) || discourse_is_that(d, t))
        break;
      t++;
    }
    words++;
  }
  uint32_t b = first;
  /* "Karel Voss , the Estonian president ,": back over the article and
   * a nationality or country */
  for (int k = 0; k < 3 && b > 0 && is_latin(d, first); k++) {
    uint32_t w = dc->covered[b - 1];
    if (w != NONE && (m->mentions[w].kind == MENTION_DEMONYM ||
                      m->mentions[w].type == DOC_COUNTRY))
      b = m->mentions[w].tok_first;
    else if (norm_is(d, b - 1, "the") || norm_is(d, b - 1, "a") ||
             norm_is(d, b - 1, "an"))
      b--;
    else
      break;
  }
  if (b > 0 && is_punct(d, b - 1) &&
      (!is_latin(d, first) || norm_is(d, b - 1, ",")))
    b--; /* English: a comma, never the full stop of the sentence before */
  if (b > 0 && dc->covered[b - 1] != NONE) {
    const mention *mn = &m->mentions[dc->covered[b - 1]];
    if (mn->type == DOC_PERSON && mn->kind == MENTION_NAME && mn->tok_end == b)
      return dc->covered[b - 1];
  }
  return NONE;
}

static int is_definite(const text_doc *d, const gz_mark *mk) {
  if (text_reading_at(d, &d->tokens[mk->tok_first], mk->reading).article)
    return 1;
  /* an Arabic construct is definite by its last word: رئيس الحكومة */
  uint32_t last = mk->tok_end - 1;
  if (last > mk->tok_first && !is_latin(d, last) &&
      text_reading_at(d, &d->tokens[last], 0).article)
    return 1;
  if (mk->tok_first == 0)
    return 0;
  const text_token *b = &d->tokens[mk->tok_first - 1];
  return b->norm_len == 3 && !memcmp(d->pool + b->norm_off, "the", 3);
}

/* A role mark: a TITLE, or a TRIGGER with a role= attribute (English
 * role nouns written in lower case, "the president", listed for this use
 * only so that the entity rules' @TITLE keeps to capitalised titles). */
static int is_role(const gz_image *const *imgs, const gz_mark *mk) {
  size_t len;
  return mk->type == GZ_TITLE ||
         (mk->type == GZ_TRIGGER &&
          discourse_attr(mark_attrs(imgs, mk), "role", &len));
}

/* The longest role mark starting at marks[i], and where the next starts. */
static size_t longest_title(const gz_image *const *imgs, const gz_marks *marks,
                            size_t i, size_t *next) {
  size_t best = i;
  size_t j = i;
  int found = 0;
  for (; j < marks->n && marks->v[j].tok_first == marks->v[i].tok_first; j++)
    if (is_role(imgs, &marks->v[j]) &&
        (!found || marks->v[j].tok_end > marks->v[best].tok_end)) {
      best = j;
      found = 1;
    }
  *next = j;
  return best;
}

static void find_roles(discourse *dc, const gz_image *const *imgs,
                       const gz_marks *marks, const text_doc *d,
                       const mention_table *m) {
  role holders[MAX_HOLDERS];
  size_t n = 0, si = 0;
  uint32_t done = 0; /* tokens before this are inside a title seen */
  for (size_t i = 0, next; i < marks->n; i = next) {
    const gz_mark *mk = &marks->v[longest_title(imgs, marks, i, &next)];
    if (!is_role(imgs, mk) || mk->tok_first < done ||
        dc->covered[mk->tok_first] != NONE)
      continue;
    done = mk->tok_end;
    while (si + 1 < d->n_sentences &&
           d->sentences[si + 1].first <= mk->tok_first)
      si++;
    uint32_t send = d->sentences[si].first + d->sentences[si].count;
    role r = role_of(imgs, mk, d);
    int described;
    uint32_t p =
        named_by(dc, d, m, mk->tok_first, mk->tok_end, send, &described);
    if (p != NONE) {
      if (n == MAX_HOLDERS)
        memmove(holders, holders + 1, --n * sizeof *holders);
      r.mention = p;
      holders[n++] = r;
      continue;
    }
    if (described || !is_definite(d, mk))
      continue;
    /* the holder named most often in the document, the latest on a tie:
     * ويتوجه الوزير is the visiting minister, not one named in passing */
    uint32_t best = NONE, most = 0;
    for (size_t k = n; k-- > 0;) {
      uint32_t seen = m->entities[m->mentions[holders[k].mention].entity].count;
      if (fits(&holders[k], &r) && seen > most) {
        best = holders[k].mention;
        most = seen;
      }
    }
    if (best != NONE) {
      dc->stand_for[mk->tok_first] = best;
      dc->stand_end[mk->tok_first] = mk->tok_end;
    }
  }
}

/* A reading's norm without the article. */
static const char *bare(const text_doc *d, text_reading sp, size_t *n) {
  const char *h = d->pool + sp.norm_off;
  *n = sp.norm_len;
  if (sp.article && *n > 4) { /* ال is four bytes */
    h += 4;
    *n -= 4;
  }
  return h;
}

/* Hash of a reading's norm without the article. */
static uint64_t head_hash(const text_doc *d, text_reading sp) {
  size_t n;
  const char *h = bare(d, sp, &n);
  return rawi_hash_bytes(h, n) & ~1ull; /* UINT64_MAX stays free */
}

/* The head word of an organisation mention: its own first word (حزب
 * التحرير) or the head written just before it (حركة [النهضة]). */
static text_reading org_head_reading(const gz_marks *marks,
                                     const uint32_t *covered, const text_doc *d,
                                     const mention *mn) {
  uint32_t t = mn->tok_first;
  if (marks && t > 0 && covered[t - 1] == NONE)
    for (size_t k = gz_first_mark_at(marks, t - 1);
         k < marks->n && marks->v[k].tok_first == t - 1; k++)
      if (marks->v[k].type == GZ_ORG_HEAD && marks->v[k].tok_end == t)
        return text_reading_at(d, &d->tokens[t - 1], marks->v[k].reading);
  return text_reading_at(d, &d->tokens[t], mn->reading);
}

static uint64_t org_head(const discourse *dc, const gz_marks *marks,
                         const text_doc *d, const mention *mn) {
  return head_hash(d, org_head_reading(marks, dc->covered, d, mn));
}

int discourse_head_in(const discourse *dc, const text_doc *d, const mention *mn,
                      char *const *words, size_t n) {
  size_t hn;
  const char *h = bare(d, org_head_reading(dc->marks, dc->covered, d, mn), &hn);
  for (size_t i = 0; i < n; i++) {
    const char *w = words[i];
    size_t wn = strlen(w);
    if (wn > 4 && !memcmp(w, "\xd8\xa7\xd9\x84", 4)) { /* ال */
      w += 4;
      wn -= 4;
    }
    if (wn == hn && !memcmp(w, h, hn))
      return 1;
  }
  return 0;
}

typedef struct org_at {
  uint32_t tok_end, mention;
  uint64_t head;
} org_at;

static int by_end(const void *a, const void *b) {
  const org_at *x = a, *y = b;
  return x->tok_end < y->tok_end ? -1 : x->tok_end > y->tok_end;
}

/* Is the longest ORG_HEAD mark starting at marks[i] a head noun that
 * stands alone (definite, no name after it)? *next: the next start. */
static const gz_mark *lone_head(const discourse *dc, const gz_marks *marks,
                                const text_doc *d, size_t i, size_t *next) {
  size_t best = i, j = i;
  for (; j < marks->n && marks->v[j].tok_first == marks->v[i].tok_first; j++)
    if (marks->v[j].type == GZ_ORG_HEAD &&
        (marks->v[best].type != GZ_ORG_HEAD ||
         marks->v[j].tok_end > marks->v[best].tok_end))
      best = j;
  *next = j;
  const gz_mark *mk = &marks->v[best];
  uint32_t t = mk->tok_first, e = mk->tok_end;
  if (mk->type != GZ_ORG_HEAD || dc->covered[t] != NONE ||
      dc->stand_for[t] != NONE || !is_definite(d, mk) ||
      (e < d->n_tokens &&
       (dc->covered[e] != NONE || (d->tokens[e].flags & TOK_ARTICLE))))
    return NULL;
  return mk;
}

/* A definite head noun with no name after it (الحزب، للحركة) stands for
 * the organisation named before with that head, the most mentioned one
 * (the latest on a tie): عضو المكتب السياسي للحزب. A head followed by a
 * word with the article (الحزب الحاكم) may be a name or a description of
 * another body, and stands for nothing. One sweep in text order. */
static int find_org_nouns(discourse *dc, const gz_marks *marks,
                          const text_doc *d, const mention_table *m) {
  size_t n = 0;
  for (size_t k = 0; k < m->n_mentions; k++)
    n += !m->mentions[k].lost && m->mentions[k].type == DOC_ORGANIZATION &&
         m->mentions[k].kind == MENTION_NAME;
  if (!n)
    return RAWI_OK;
  org_at *orgs = rawi_mem_alloc(dc->alloc, n * sizeof *orgs);
  rawi_map best; /* head -> mention */
  rawi_map_init(&best, dc->alloc);
  if (!orgs)
    return RAWI_ERR_NOMEM;
  n = 0;
  for (size_t k = 0; k < m->n_mentions; k++) {
    const mention *mn = &m->mentions[k];
    if (!mn->lost && mn->type == DOC_ORGANIZATION && mn->kind == MENTION_NAME)
      orgs[n++] =
          (org_at){mn->tok_end, (uint32_t)k, org_head(dc, marks, d, mn)};
  }
  qsort(orgs, n, sizeof *orgs, by_end);
  int rc = RAWI_OK;
  size_t j = 0;
  for (size_t i = 0, next; i < marks->n && rc == RAWI_OK; i = next) {
    const gz_mark *mk = lone_head(dc, marks, d, i, &next);
    if (!mk)
      continue;
    for (; j < n && orgs[j].tok_end <= mk->tok_first; j++) {
      uint32_t *slot;
      int put = rawi_map_put(&best, orgs[j].head, orgs[j].mention, &slot);
      if (put < 0) {
        rc = put;
        break;
      }
      const mention *was = &m->mentions[*slot];
      if (!put && m->entities[m->mentions[orgs[j].mention].entity].count >=
                      m->entities[was->entity].count)
        *slot = orgs[j].mention;
    }
    uint32_t *hit = rawi_map_get(
        &best, head_hash(d, text_reading_at(d, &d->tokens[mk->tok_first],
                                            mk->reading)));
    if (hit) {
      dc->stand_for[mk->tok_first] = *hit;
      dc->stand_end[mk->tok_first] = mk->tok_end;
    }
  }
  rawi_map_free(&best);
  rawi_mem_free(dc->alloc, orgs);
  return rc;
}

/* البلاد and البلد with no name after them stand for the country named
 * last (or through its nationality): لتقديم المشورة لقيادة البلاد. */
static void find_country_nouns(discourse *dc, const text_doc *d,
                               const mention_table *m) {
  static const char *const nouns[] = {
      "\xd8\xa7\xd9\x84\xd8\xa8\xd9\x84\xd8\xa7\xd8\xaf", /* البلاد */
      "\xd8\xa7\xd9\x84\xd8\xa8\xd9\x84\xd8\xaf"};        /* البلد */
  uint32_t last = NONE;
  for (uint32_t t = 0; t < d->n_tokens; t++) {
    uint32_t w = dc->covered[t];
    if (w != NONE) {
      if (m->mentions[w].type == DOC_COUNTRY)
        last = w;
      continue;
    }
    if (last == NONE || dc->stand_for[t] != NONE ||
        (t + 1 < d->n_tokens && dc->covered[t + 1] != NONE))
      continue;
    const text_token *tk = &d->tokens[t];
    for (uint32_t k = 0; k < tk->reading_count; k++) {
      text_reading sp = text_reading_at(d, tk, k);
      for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
        if (sp.norm_len == strlen(nouns[i]) &&
            !memcmp(d->pool + sp.norm_off, nouns[i], sp.norm_len)) {
          dc->stand_for[t] = last;
          dc->stand_end[t] = t + 1;
        }
    }
  }
}

/* The organisation an English noun such as "the company" or "the German
 * carmaker" stands for: the first organisation named in its sentence
 * before it, else the first one named in the nearest sentence before
 * that names one (at most ORG_NOUN_REACH sentences back). The first named
 * is the one the sentence is about ("Asked whether Renault would claim
 * damages from Valeo, the carmaker's chief executive ..." is Renault's). */
#define ORG_NOUN_REACH 3
static uint32_t org_antecedent(const text_doc *d, const mention_table *m,
                               uint32_t tok) {
  size_t si = text_sentence_of(d, tok);
  for (size_t back = 0; back <= ORG_NOUN_REACH && back <= si; back++) {
    const text_sentence *sen = &d->sentences[si - back];
    uint32_t end = back ? sen->first + sen->count : tok, best = NONE;
    for (size_t i = 0; i < m->n_mentions; i++) {
      const mention *mn = &m->mentions[i];
      if (!mn->lost && mn->type == DOC_ORGANIZATION &&
          mn->kind == MENTION_NAME && mn->tok_first >= sen->first &&
          mn->tok_end <= end &&
          (best == NONE || mn->tok_first < m->mentions[best].tok_first))
        best = (uint32_t)i;
    }
    if (best != NONE)
      return best;
  }
  return NONE;
}

/* English organisation nouns: TRIGGER entries with refers=organization
 * ("the company", "the firm's chief executive"), after "the" and at most
 * a nationality or a seat ("the Frankfurt-based exchange"), and not followed by
 * a name or "of" ("the company Peugeot", "the group of seven"), which describe
 * rather than refer. */
static void find_en_org_nouns(discourse *dc, const gz_image *const *imgs,
                              const gz_marks *marks, const text_doc *d,
                              const mention_table *m) {
  for (size_t i = 0; i < marks->n; i++) {
    const gz_mark *mk = &marks->v[i];
    size_t len;
    const char *r = mk->type == GZ_TRIGGER
                        ? discourse_attr(mark_attrs(imgs, mk), "refers", &len)
                        : NULL;
    if (!r || len != 12 || memcmp(r, "organization", 12) ||
        dc->covered[mk->tok_first] != NONE ||
        dc->stand_for[mk->tok_first] != NONE)
      continue;
    uint32_t b = mk->tok_first;
    if (b > 0 && dc->covered[b - 1] != NONE &&
        m->mentions[dc->covered[b - 1]].kind == MENTION_DEMONYM)
      b = m->mentions[dc->covered[b - 1]].tok_first;
    else if (b > 2 && norm_is(d, b - 1, "based") && norm_is(d, b - 2, "-") &&
             dc->covered[b - 3] != NONE) /* the Frankfurt-based exchange */
      b = m->mentions[dc->covered[b - 3]].tok_first;
    if (b == 0 || !norm_is(d, b - 1, "the"))
      continue;
    uint32_t e = mk->tok_end;
    if (e < d->n_tokens && (norm_is(d, e, "of") || dc->covered[e] != NONE))
      continue;
    uint32_t o = org_antecedent(d, m, mk->tok_first);
    if (o != NONE) {
      dc->stand_for[mk->tok_first] = o;
      dc->stand_end[mk->tok_first] = mk->tok_end;
    }
  }
}

static void find_cues(discourse *dc, const gz_image *const *imgs,
                      const gz_marks *marks) {
  for (size_t i = 0; i < marks->n; i++) {
    const gz_mark *mk = &marks->v[i];
    size_t len;
    if (mk->type == GZ_REPORT_VERB)
      dc->cue[mk->tok_first] |= CUE_REPORT;
    const char *c = mk->type == GZ_TRIGGER
                        ? discourse_attr(mark_attrs(imgs, mk), "cue", &len)
                        : NULL;
    if (!c)
      continue;
    uint8_t bit = len == 7 && !memcmp(c, "planned", 7) ? CUE_PLANNED
                  : (len == 4 && !memcmp(c, "call", 4)) ||
                          (len == 6 && !memcmp(c, "denial", 6))
                      ? CUE_NO_EVENT
                      : CUE_BLOCK;
    for (uint32_t t = mk->tok_first; t < mk->tok_end; t++)
      dc->cue[t] |= bit;
  }
}

int discourse_build(discourse *dc, const gz_image *const *imgs,
                    const gz_marks *marks, const text_doc *d,
                    const mention_table *m) {
  size_t n = d->n_tokens;
  dc->covered = rawi_mem_alloc(dc->alloc, n * sizeof *dc->covered);
  dc->stand_for = rawi_mem_alloc(dc->alloc, n * sizeof *dc->stand_for);
  dc->stand_end = rawi_mem_alloc(dc->alloc, n * sizeof *dc->stand_end);
  dc->cue = rawi_mem_calloc(dc->alloc, n ? n : 1, 1);
  if (!dc->covered || !dc->stand_for || !dc->stand_end || !dc->cue)
    return RAWI_ERR_NOMEM;
  memset(dc->covered, 0xFF, n * sizeof *dc->covered);
  memset(dc->stand_for, 0xFF, n * sizeof *dc->stand_for);
  for (size_t i = 0; i < m->n_mentions; i++) {
    const mention *mn = &m->mentions[i];
    if (!mn->lost)
      for (uint32_t t = mn->tok_first; t < mn->tok_end; t++)
        dc->covered[t] = (uint32_t)i;
  }
  dc->marks = marks;
  if (imgs && marks) {
    find_roles(dc, imgs, marks, d, m);
    find_country_nouns(dc, d, m);
    find_en_org_nouns(dc, imgs, marks, d, m);
    find_cues(dc, imgs, marks);
    return find_org_nouns(dc, marks, d, m);
  }
  return RAWI_OK;
}

void discourse_free(discourse *dc) {
  rawi_mem_free(dc->alloc, dc->covered);
  rawi_mem_free(dc->alloc, dc->stand_for);
  rawi_mem_free(dc->alloc, dc->stand_end);
  rawi_mem_free(dc->alloc, dc->cue);
  dc->covered = dc->stand_for = dc->stand_end = NULL;
  dc->cue = NULL;
}
