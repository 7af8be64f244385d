/*
 * Aliases: the short forms of a name linked to the entity written in full
 * in the same document, or to a listed person by prominence; and the ids
 * of names no list knows, made from their keys (names.c).
 *
 * Design. After the conflicts are settled, in order:
 *
 *   0. a rule's person after a Latin article takes it in (Karim al-Dabbagh);
 *   1. a rule's name gets the id of its key, so titles, punctuation,
 *      possessives and spelling variants do not make new ids
 *      ("person/كريم-دباغ");
 *   then the winners lend their forms to one index of the document: a
 *   person named in two or more words (titles aside) its key, family name
 *   and given name; a rule's person in one word that word; an
 *   organisation its name, its name for short (حركة [النهضة], [Multiplex]
 *   Group) and its initials (WTTC) or, in one word, its acronym; a rule's
 *   name of another type its whole form;
 *   2. a rule's person in full whose key a listed winner has takes its id;
 *   3. a rule's person in one word takes the id of the person it names
 *      (below), or of the organisation of that name;
 *   4. a rule's organisation takes the id of its name in full (acronym,
 *      name for short) or of a listed name for it;
 *   5. spans no winner covers (and demonyms used as a family name) that
 *      are such a form become mentions of what they name (aliases); spans
 *      are looked up only where they can end, at a word of some form. A
 *      definite word that is no nisba (النص, not المالكي) is an alias only
 *      of a name written in full, not of a rule's lone word.
 *
 * Who a short form names: the one person written in full with it, unless
 * a namesake in the lists is two ranks more prominent (a head of state over
 * a relative who holds no office: "ترامب" next to "ميلانيا ترامب" is
 * Donald Trump); of several written in full, one two ranks more prominent
 * than the others, else none; with none written in full (step 3 only),
 * the listed person of the best rank when that rank is 1 or 2 and no other
 * has it. A form that names nobody for certain is left alone: the mention
 * keeps its own id, or no alias is made. Never an arbitrary namesake.
 */
#include <stdio.h>
#include <string.h>

#include "gazetteer/match.h"
#include "resolve/resolve.h"
#include "util/hash.h"
#include "util/mem.h"

#define NONE 0xFFFFFFFFu
#define KEY_CAP 512
#define MAX_ALIAS_TOKENS 4
#define MAX_NAMESAKES 32
#define MAX_CANDIDATES 8

enum form_kind {
  FORM_FULL,
  FORM_FAMILY,
  FORM_GIVEN,
  FORM_WHOLE,
  FORM_INITIALS,
  FORM_ACRONYM,
  FORM_ORG,
  FORM_HEADLESS,
  FORM_LEAD
};

/* A form lent by a winner; forms of one (kind, key) are chained. */
typedef struct form {
  uint32_t winner, next;
  uint8_t article; /* FAMILY: written with the article ال */
  uint8_t full;    /* FAMILY: lent by a name in full (not a lone word) */
} form;

typedef struct alias_ctx {
  mention_table *t;
  const text_doc *d;
  const resolve_lists *lists;
  uint32_t *title_end;
  uint32_t *head_end; /* ORG_HEAD marks: وزارة، حركة، تنظيم */
  uint32_t *core;     /* per mention at indexing time: its core's first token */
  rawi_map heads;     /* hash of (kind, key) -> first form */
  form *forms;
  size_t n_forms, cap_forms;
  rawi_map ends;     /* the words a form a bare span may be can end with */
  size_t n_initials; /* INITIALS forms */
} alias_ctx;

/* Salts of the words in alias_ctx.ends: a word of a key (names.c), and a
 * word as normalised (the last of a rule's whole name). */
#define KEY_WORD 0x5EED0001u
#define NORM_WORD 0x5EED0002u

static uint64_t form_hash(int kind, const char *key, size_t n) {
  return rawi_hash_bytes(key, n) + (uint64_t)(kind + 1) * 0x9E3779B97F4A7C15ull;
}

static uint32_t first_form(const alias_ctx *c, int kind, const char *key,
                           size_t n) {
  const uint32_t *h =
      n ? rawi_map_get(&c->heads, form_hash(kind, key, n)) : NULL;
  return h ? *h : NONE;
}

static int add_end(alias_ctx *c, int salt, const char *w, size_t n) {
  uint32_t *slot;
  int rc = rawi_map_put(&c->ends, form_hash(salt, w, n), 0, &slot);
  return rc < 0 ? rc : RAWI_OK;
}

/* Remember the words a bare span of this form could end with: any word of
 * a key (the key's words are joined and split differently from the
 * span's tokens: عبد الفتاح), the last word of a rule's whole name. */
static int note_ends(alias_ctx *c, int kind, const char *key, size_t n) {
  int rc = RAWI_OK;
  c->n_initials += kind == FORM_INITIALS;
  if (kind == FORM_WHOLE) {
    const char *sp = key + n;
    while (sp > key && sp[-1] != ' ')
      sp--;
    return add_end(c, NORM_WORD, sp, (size_t)(key + n - sp));
  }
  if (kind != FORM_FULL && kind != FORM_FAMILY)
    return RAWI_OK;
  for (size_t a = 0, b = 0; b <= n && rc == RAWI_OK; b++)
    if (b == n || key[b] == ' ') {
      rc = add_end(c, KEY_WORD, key + a, b - a);
      a = b + 1;
    }
  return rc;
}

static int lend(alias_ctx *c, int kind, const char *key, size_t n,
                uint32_t winner, int article, int full) {
  if (!n)
    return RAWI_OK;
  int rc0 = note_ends(c, kind, key, n);
  if (rc0)
    return rc0;
  if (rawi_mem_grow(c->t->alloc, (void **)&c->forms, &c->cap_forms,
                    c->n_forms + 1, sizeof(form)))
    return RAWI_ERR_NOMEM;
  uint32_t *slot;
  int rc = rawi_map_put(&c->heads, form_hash(kind, key, n),
                        (uint32_t)c->n_forms, &slot);
  if (rc < 0)
    return rc;
  c->forms[c->n_forms] =
      (form){winner, rc == 1 ? NONE : *slot, (uint8_t)article, (uint8_t)full};
  *slot = (uint32_t)c->n_forms++;
  return RAWI_OK;
}

static const char *id_of(const alias_ctx *c, uint32_t m) {
  return c->t->strings.data + c->t->mentions[m].id_off;
}

static int is_person_name(const mention *m) {
  return !m->lost && m->kind == MENTION_NAME && m->type == DOC_PERSON;
}

/* A rule's person whose id was made from its own name. */
static int derived_person(const mention *m) {
  return is_person_name(m) && m->source == SOURCE_RULE && m->derived &&
         m->adopted == ADOPT_NONE;
}

/* The reading of token k inside mention m. */
static uint32_t reading_in(const mention *m, uint32_t k) {
  return k == m->tok_first ? m->reading : 0;
}

/* "ال" starts the norm s[0..n) (and something is left after it). */
static int with_article(const char *s, size_t n) {
  return n >= 8 && !memcmp(s, "\xD8\xA7\xD9\x84", 4);
}

static int token_article(const text_doc *d, uint32_t t, uint32_t k) {
  text_reading sp = text_reading_at(d, &d->tokens[t], k);
  return with_article(d->pool + sp.norm_off, sp.norm_len);
}

/* The initials of a name in capitalised words (World Travel and Tourism
 * Council: wttc), lower case, or 0 when fewer than two. */
static size_t initials(const text_doc *d, const mention *m, char *buf,
                       size_t cap) {
  size_t n = 0;
  for (uint32_t k = m->tok_first; k < m->tok_end && n + 1 < cap; k++) {
    const text_token *tk = &d->tokens[k];
    unsigned char c = (unsigned char)d->text[tk->byte_start];
    if (tk->kind == RAWI_TOKEN_WORD && c >= 'A' && c <= 'Z')
      buf[n++] = (char)(c | 32);
  }
  buf[n] = '\0';
  return n >= 2 ? n : 0;
}

/* A token written in capitals (WTTC, ECB), lower-cased into buf, or 0. */
/* Is token k the one-byte punctuation ch? */
static int punct_is(const text_doc *d, uint32_t k, char ch) {
  const text_token *tk = &d->tokens[k];
  return tk->byte_end == tk->byte_start + 1 && d->text[tk->byte_start] == ch;
}

static size_t acronym(const text_doc *d, uint32_t k, char *buf, size_t cap) {
  const text_token *tk = &d->tokens[k];
  size_t n = 0;
  for (uint32_t b = tk->byte_start; b < tk->byte_end; b++) {
    unsigned char ch = (unsigned char)d->text[b];
    if (ch < 'A' || ch > 'Z' || n + 1 >= cap)
      return 0;
    buf[n++] = (char)(ch | 32);
  }
  buf[n] = '\0';
  return n >= 2 ? n : 0;
}

/* The acronym a name gives itself in brackets right after it, whatever
 * its letters ("India Petrochemicals Limited (IPCL)"): its length, 0 when
 * none. */
static size_t acronym_after(const text_doc *d, const mention *m, char *buf,
                            size_t cap) {
  uint32_t k = m->tok_end;
  if (k + 2 >= d->n_tokens || !punct_is(d, k, '(') || !punct_is(d, k + 2, ')'))
    return 0;
  return acronym(d, k + 1, buf, cap);
}

static int listed(const mention *m) {
  return m->source == SOURCE_GAZETTEER || m->adopted != ADOPT_NONE;
}

static uint32_t *owners(const mention_table *t, const text_doc *d);

/* --- 0. Latin al-, el- ------------------------------------------------------
 */

/* The first token of the sentence token k is in. */
static uint32_t sentence_start(const text_doc *d, uint32_t k) {
  size_t lo = 0, hi = d->n_sentences;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->sentences[mid].first <= k)
      lo = mid;
    else
      hi = mid;
  }
  return d->n_sentences ? d->sentences[lo].first : 0;
}

static int has_mark(const alias_ctx *c, uint32_t k, int type) {
  const gz_marks *marks = c->lists ? c->lists->marks : NULL;
  if (!marks)
    return 0;
  for (size_t i = gz_first_mark_at(marks, k);
       i < marks->n && marks->v[i].tok_first == k; i++)
    if (marks->v[i].type == type && marks->v[i].tok_end == k + 1)
      return 1;
  return 0;
}

static int word_is(const text_doc *d, uint32_t k, const char *w) {
  const text_token *tk = &d->tokens[k];
  return tk->norm_len == strlen(w) &&
         !memcmp(d->pool + tk->norm_off, w, tk->norm_len);
}

/* Where a rule's person found after an Latin article (Karim al-[Dabbagh])
 * starts: the article, and a capitalised given name before it, belong to
 * the name when no other mention has them. */
static uint32_t particle_start(const alias_ctx *c, const mention *m,
                               const uint32_t *owner) {
  const text_doc *d = c->d;
  uint32_t f = m->tok_first, s = sentence_start(d, f);
  if (f < s + 2 || owner[f - 1] != NONE || owner[f - 2] != NONE ||
      !word_is(d, f - 1, "-") ||
      !(word_is(d, f - 2, "al") || word_is(d, f - 2, "el")))
    return f;
  f -= 2;
  unsigned char cap =
      f > s ? (unsigned char)d->text[d->tokens[f - 1].byte_start] : 0;
  if (f > s && owner[f - 1] == NONE && cap >= 'A' && cap <= 'Z' &&
      (f - 1 > s || has_mark(c, f - 1, GZ_GIVEN_NAME)))
    f--;
  return f;
}

static int join_particles(alias_ctx *c, uint32_t *owner) {
  for (size_t i = 0; i < c->t->n_mentions; i++) {
    const mention *m = &c->t->mentions[i];
    if (!derived_person(m))
      continue;
    uint32_t f = particle_start(c, m, owner);
    if (f == m->tok_first)
      continue;
    for (uint32_t k = f; k < m->tok_first; k++)
      owner[k] = (uint32_t)i;
    int rc = mention_respan(c->t, c->d, i, f, m->tok_end);
    if (rc)
      return rc;
  }
  return RAWI_OK;
}

/* --- 1. ids from name keys ------------------------------------------------ */

/* Bytes of an English possessive ('s, ’s) ending the text [b0, b1). */
static uint32_t possessive_bytes(const text_doc *d, uint32_t b0, uint32_t b1) {
  const char *e = d->text + b1;
  if (b1 - b0 > 2 && e[-1] == 's' && e[-2] == '\'')
    return 2;
  if (b1 - b0 > 4 && e[-1] == 's' && !memcmp(e - 4, "\xE2\x80\x99", 3))
    return 4;
  return 0;
}

/* Leave an English possessive out of mention m's span and norm (the text
 * from b0 on is a name). */
static void drop_possessive(mention_table *t, const text_doc *d, mention *m,
                            uint32_t b0) {
  uint32_t cut = possessive_bytes(d, b0, m->byte_end);
  if (!cut)
    return;
  m->byte_end -= cut;
  m->cp_end -= 2;
  char *norm = t->strings.data + m->norm_off;
  uint32_t ncut = possessive_bytes(&(text_doc){.text = norm}, 0, m->norm_len);
  m->norm_len -= ncut;
  norm[m->norm_len] = '\0';
}

/* A rule's name whose id is made from it: the id from its key (a person's
 * without titles: names.c), the name from its text without titles, and
 * an English possessive left out of both and of the span (Ryanair's). */
static int derived_ids(alias_ctx *c) {
  mention_table *t = c->t;
  const text_doc *d = c->d;
  char key[KEY_CAP], id[KEY_CAP + 16];
  for (size_t i = 0; i < t->n_mentions; i++) {
    mention *m = &t->mentions[i];
    if (m->lost || m->kind != MENTION_NAME || m->source != SOURCE_RULE ||
        !m->derived || m->adopted != ADOPT_NONE)
      continue;
    int person = m->type == DOC_PERSON;
    uint32_t core =
        person ? resolve_core_first(d, m, c->title_end) : m->tok_first;
    uint32_t k = reading_in(m, core);
    size_t n = person ? name_key(d, core, m->tok_end, k, key, sizeof key)
                      : name_plain_key(d, core, m->tok_end, k, key, sizeof key);
    if (!n)
      continue;
    if (person)
      name_person_id(key, id, sizeof id);
    else
      resolve_derived_id(m->type, key, id, sizeof id);
    uint32_t b0 = text_reading_at(d, &d->tokens[core], k).stem_byte;
    drop_possessive(t, d, m, b0);
    m->id_off = mention_copy(t, id, strlen(id));
    m->name_off = mention_copy(t, d->text + b0, m->byte_end - b0);
    if (t->strings.failed)
      return RAWI_ERR_NOMEM;
  }
  return RAWI_OK;
}

/* Words that end a company's name and are no part of what news calls it
 * for short (Multiplex Group, Ryanair Holdings, Shell plc). */
static int corporate_suffix(const text_doc *d, uint32_t k) {
  static const char *const words[] = {
      "group", "holdings", "holding", "inc",     "corp", "corporation",
      "co",    "company",  "ltd",     "limited", "plc",  "llc",
      "ag",    "sa",       "nv",      "gmbh"};
  const text_token *tk = &d->tokens[k];
  if (tk->kind == RAWI_TOKEN_PUNCT)
    return 1;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == tk->norm_len &&
        !memcmp(d->pool + tk->norm_off, words[i], tk->norm_len))
      return 1;
  return 0;
}

/* An organisation's name for short, [*first, *end): an Arabic one without
 * its head nouns (حركة [النهضة], تنظيم [داعش]), a Latin one without a
 * company suffix ([Multiplex] Group). 0 when there is none. */
static int org_short(const alias_ctx *c, const mention *m, uint32_t *first,
                     uint32_t *end) {
  const text_doc *d = c->d;
  uint32_t f = m->tok_first, e = m->tok_end;
  if ((unsigned char)d->pool[d->tokens[f].norm_off] >= 0xD8)
    while (c->head_end[f] > f && c->head_end[f] < e)
      f = c->head_end[f];
  else
    while (e - 1 > f && corporate_suffix(d, e - 1))
      e--;
  *first = f;
  *end = e;
  return (f != m->tok_first || e != m->tok_end) && name_words(d, f, e);
}

static size_t org_key(const alias_ctx *c, const mention *m, uint32_t first,
                      uint32_t end, char *buf) {
  return name_plain_key(c->d, first, end, reading_in(m, first), buf, KEY_CAP);
}

/* --- the forms winners lend -------------------------------------------- */

static int lend_person(alias_ctx *c, uint32_t i) {
  const text_doc *d = c->d;
  const mention *m = &c->t->mentions[i];
  uint32_t core = c->core[i], end = m->tok_end, ff, fe;
  char key[KEY_CAP];
  size_t n = name_key(d, core, end, reading_in(m, core), key, sizeof key);
  if (name_is_short(d, core, end, reading_in(m, core)))
    return m->source == SOURCE_RULE
               ? lend(c, FORM_FAMILY, key, n, i,
                      token_article(d, core, reading_in(m, core)), 0)
               : RAWI_OK;
  int rc = lend(c, FORM_FULL, key, n, i, 0, 1);
  if (rc == RAWI_OK && name_family(d, core, end, &ff, &fe)) {
    n = name_key(d, ff, fe, reading_in(m, ff), key, sizeof key);
    rc = lend(c, FORM_FAMILY, key, n, i,
              token_article(d, ff, reading_in(m, ff)), 1);
  }
  uint32_t g = core;
  while (g < end && d->tokens[g].kind == RAWI_TOKEN_PUNCT)
    g++;
  if (rc == RAWI_OK && g < end) {
    n = name_key(d, g, g + 1, reading_in(m, g), key, sizeof key);
    rc = lend(c, FORM_GIVEN, key, n, i, 0, 1);
  }
  return rc;
}

/* Is the organisation's first word a capitalised Latin one, and more
 * words follow it (Mitsubishi Motors)? Its first word may then stand for
 * it. Not in Arabic, whose bodies open with a common noun (الاتحاد
 * الأوروبي: الاتحاد alone is a club). */
static int latin_lead(const alias_ctx *c, const mention *m) {
  const text_token *t = &c->d->tokens[m->tok_first];
  char ch = c->d->text[t->byte_start];
  return m->tok_end > m->tok_first + 1 && ch >= 'A' && ch <= 'Z' &&
         c->d->tokens[m->tok_first + 1].kind != RAWI_TOKEN_PUNCT;
}

/* An organisation lends its name, its name for short, and a Latin name's
 * first word. */
static int lend_org(alias_ctx *c, uint32_t i) {
  const mention *m = &c->t->mentions[i];
  char key[KEY_CAP];
  uint32_t f, e;
  int rc = lend(c, FORM_ORG, key, org_key(c, m, m->tok_first, m->tok_end, key),
                i, 0, 1);
  if (rc == RAWI_OK && org_short(c, m, &f, &e))
    rc = lend(c, FORM_HEADLESS, key, org_key(c, m, f, e, key), i, 0, 1);
  if (rc == RAWI_OK && latin_lead(c, m))
    rc = lend(c, FORM_LEAD, key,
              org_key(c, m, m->tok_first, m->tok_first + 1, key), i, 0, 1);
  return rc;
}

static int index_forms(alias_ctx *c) {
  mention_table *t = c->t;
  char buf[KEY_CAP];
  int rc = RAWI_OK;
  for (size_t i = 0; i < t->n_mentions && rc == RAWI_OK; i++) {
    const mention *m = &t->mentions[i];
    if (m->lost || m->kind != MENTION_NAME)
      continue;
    c->core[i] = m->type == DOC_PERSON
                     ? resolve_core_first(c->d, m, c->title_end)
                     : m->tok_first;
    if (m->type == DOC_PERSON)
      rc = lend_person(c, (uint32_t)i);
    else if (m->source == SOURCE_RULE)
      rc = lend(c, FORM_WHOLE, t->strings.data + m->norm_off, m->norm_len,
                (uint32_t)i, 0, 0);
    if (rc == RAWI_OK && m->type == DOC_ORGANIZATION)
      rc = lend_org(c, (uint32_t)i);
    if (rc == RAWI_OK && m->type == DOC_ORGANIZATION)
      rc = m->tok_end == m->tok_first + 1
               ? lend(c, FORM_ACRONYM, buf,
                      acronym(c->d, m->tok_first, buf, sizeof buf), (uint32_t)i,
                      0, 1)
               : lend(c, FORM_INITIALS, buf, initials(c->d, m, buf, sizeof buf),
                      (uint32_t)i, 0, 1);
    if (rc == RAWI_OK && m->type == DOC_ORGANIZATION &&
        m->tok_end > m->tok_first + 1)
      rc = lend(c, FORM_INITIALS, buf, acronym_after(c->d, m, buf, sizeof buf),
                (uint32_t)i, 0, 1);
  }
  return rc;
}

/* --- choosing ------------------------------------------------------------- */

/* The distinct entities among the forms chained from f (full: only forms
 * of names in full; bare: keep the article rule: a family name written
 * with ال is not found without it), one winner each; at most cap. */
static size_t candidates(const alias_ctx *c, uint32_t f, uint32_t self,
                         int full, int bare_article, uint32_t *out,
                         size_t cap) {
  size_t n = 0;
  for (; f != NONE; f = c->forms[f].next) {
    const form *fm = &c->forms[f];
    if (fm->winner == self || (full && !fm->full) ||
        (bare_article == 0 && fm->article))
      continue;
    size_t j = 0;
    while (j < n && strcmp(id_of(c, out[j]), id_of(c, fm->winner)))
      j++;
    if (j == n && n < cap)
      out[n++] = fm->winner;
  }
  return n;
}

static const char *namesake_id(const alias_ctx *c, const gz_namesake *x) {
  const gz_image *g = c->lists->imgs[x->img];
  return gz_str(g, g->entities[x->entity].id);
}

/* The best rank the lists give entity id among the namesakes. */
static unsigned rank_of_id(const alias_ctx *c, const gz_namesake *ns, size_t nn,
                           const char *id) {
  unsigned r = GZ_RANK_NONE;
  for (size_t i = 0; i < nn; i++)
    if (ns[i].rank < r && !strcmp(namesake_id(c, &ns[i]), id))
      r = ns[i].rank;
  return r;
}

/* The namesake of strictly the best rank, or NULL. */
static const gz_namesake *best_namesake(const gz_namesake *ns, size_t nn) {
  const gz_namesake *best = NULL;
  int tie = 0;
  for (size_t i = 0; i < nn; i++) {
    if (best && ns[i].rank == best->rank)
      tie = 1;
    else if (!best || ns[i].rank < best->rank)
      best = &ns[i], tie = 0;
  }
  return best && !tie && best->rank != GZ_RANK_NONE ? best : NULL;
}

/* Two ranks apart: a head of state or government over a person without
 * office. */
#define RANK_GAP 2
/* With no name in full, a listed person of at least this rank. */
#define RANK_ALONE 2

typedef struct choice {
  uint32_t winner; /* a winner of the document, or NONE */
  int listed;      /* else 1 for the listed person who */
  gz_namesake who;
} choice;

static choice decide(const alias_ctx *c, const uint32_t *cand, size_t nc,
                     const gz_namesake *ns, size_t nn, int alone_ok) {
  choice none = {NONE, 0, {0}};
  const gz_namesake *best = best_namesake(ns, nn);
  if (nc == 1) {
    unsigned r = rank_of_id(c, ns, nn, id_of(c, cand[0]));
    if (best && r != GZ_RANK_NONE && (unsigned)best->rank + RANK_GAP <= r &&
        strcmp(namesake_id(c, best), id_of(c, cand[0])))
      return (choice){NONE, 1, *best};
    return (choice){cand[0], 0, {0}};
  }
  if (nc > 1) {
    size_t top = 0;
    unsigned r[MAX_CANDIDATES];
    for (size_t i = 0; i < nc; i++) {
      r[i] = rank_of_id(c, ns, nn, id_of(c, cand[i]));
      top = r[i] < r[top] ? i : top;
    }
    for (size_t i = 0; i < nc; i++)
      if (i != top && r[top] + RANK_GAP > r[i])
        return none;
    return (choice){cand[top], 0, {0}};
  }
  if (alone_ok && best && (unsigned)best->rank <= RANK_ALONE)
    return (choice){NONE, 1, *best};
  return none;
}

/* Offsets of a listed person's id and canonical name in t's pool, shared
 * with the names gz_names copied (same key, same "id\0name" layout). */
static void write_listed(const void *ctx, rawi_strbuf *out) {
  const gz_namesake *x = ((const void *const *)ctx)[0];
  const gz_image *g = ((const void *const *)ctx)[1];
  rawi_strbuf_adds(out, gz_str(g, g->entities[x->entity].id));
  rawi_strbuf_addc(out, '\0');
  gz_entity_name(g, x->entity, out);
}

static int listed_strings(alias_ctx *c, const gz_namesake *x, uint32_t *id,
                          uint32_t *name) {
  const void *ctx[2] = {x, c->lists->imgs[x->img]};
  uint64_t key = 1ull << 63 | (uint64_t)x->img << 32 | x->entity;
  uint32_t off = mention_cached(c->t, key, write_listed, ctx);
  if (c->t->strings.failed)
    return RAWI_ERR_NOMEM;
  *id = off;
  *name = off + (uint32_t)strlen(c->t->strings.data + off) + 1;
  return RAWI_OK;
}

/* Give mention i the entity chosen. */
static int take(alias_ctx *c, uint32_t i, const choice *ch) {
  mention *m = &c->t->mentions[i];
  if (ch->winner != NONE) {
    m->id_off = c->t->mentions[ch->winner].id_off;
    m->name_off = c->t->mentions[ch->winner].name_off;
    return RAWI_OK;
  }
  return ch->listed ? listed_strings(c, &ch->who, &m->id_off, &m->name_off)
                    : RAWI_OK;
}

static size_t namesakes(const alias_ctx *c, uint32_t first, uint32_t end,
                        uint32_t k, gz_namesake *out) {
  if (!c->lists || !c->lists->marks)
    return 0;
  size_t n = gz_namesakes(c->lists->imgs, c->lists->marks, c->d, first, end, k,
                          out, MAX_NAMESAKES);
  return n < MAX_NAMESAKES ? n : MAX_NAMESAKES;
}

/* --- 2-4. a rule's names ------------------------------------------------- */

/* A rule's person in full that a listed winner spells the same way. */
static int relink_full(alias_ctx *c, uint32_t i) {
  const mention *m = &c->t->mentions[i];
  char key[KEY_CAP];
  size_t n = name_key(c->d, c->core[i], m->tok_end, reading_in(m, c->core[i]),
                      key, sizeof key);
  uint32_t found = NONE;
  for (uint32_t f = first_form(c, FORM_FULL, key, n); f != NONE;
       f = c->forms[f].next) {
    const mention *w = &c->t->mentions[c->forms[f].winner];
    if (w->source == SOURCE_RULE && w->adopted == ADOPT_NONE)
      continue;
    if (found != NONE && strcmp(id_of(c, found), id_of(c, c->forms[f].winner)))
      return RAWI_OK; /* two listed people of one key */
    found = c->forms[f].winner;
  }
  choice ch = {found, 0, {0}};
  return found == NONE ? RAWI_OK : take(c, i, &ch);
}

/* Does a title end right before token i (its sentence starts at first)? */
static int title_before(const alias_ctx *c, uint32_t i, uint32_t first) {
  for (uint32_t s = i > first + 4 ? i - 4 : first; s < i; s++)
    if (c->title_end[s] == i)
      return 1;
  return 0;
}

/* Does a title stand before or in person mention m's name? */
static int titled(const alias_ctx *c, const mention *m) {
  return c->core[m - c->t->mentions] != m->tok_first ||
         title_before(c, m->tok_first, sentence_start(c->d, m->tok_first));
}

/* The one entity, listed ones first, of the forms of kind chained from
 * key (not mention self), or NONE. */
static uint32_t one_entity(const alias_ctx *c, int kind, const char *key,
                           size_t n, uint32_t self) {
  uint32_t cand[MAX_CANDIDATES];
  size_t nc = n ? candidates(c, first_form(c, kind, key, n), self, 1, 1, cand,
                             MAX_CANDIDATES)
                : 0;
  return nc == 1 ? cand[0] : NONE;
}

/* A rule's person in one word: a family name or a given name, or an
 * organisation's name. */
static int relink_short(alias_ctx *c, uint32_t i) {
  const mention *m = &c->t->mentions[i];
  uint32_t core = c->core[i], k = reading_in(m, core), cand[MAX_CANDIDATES];
  gz_namesake ns[MAX_NAMESAKES];
  char key[KEY_CAP];
  size_t n = name_key(c->d, core, m->tok_end, k, key, sizeof key);
  size_t nc = candidates(c, first_form(c, FORM_FAMILY, key, n), i, 1, 1, cand,
                         MAX_CANDIDATES);
  if (!nc)
    nc = candidates(c, first_form(c, FORM_GIVEN, key, n), i, 1, 1, cand,
                    MAX_CANDIDATES);
  int title = titled(c, m);
  if (!nc && !title) {
    /* no person of that name, but an organisation ("Multiplex said" after
     * Multiplex Group): the rule took the company for a person */
    n = name_plain_key(c->d, core, m->tok_end, k, key, sizeof key);
    uint32_t w = one_entity(c, FORM_ORG, key, n, i);
    if (w == NONE)
      w = one_entity(c, FORM_HEADLESS, key, n, i);
    if (w != NONE && c->t->mentions[w].type == DOC_ORGANIZATION) {
      choice org = {w, 0, {0}};
      c->t->mentions[i].type = DOC_ORGANIZATION;
      return take(c, i, &org);
    }
  }
  size_t nn = namesakes(c, core, m->tok_end, k, ns);
  /* with nobody in full, a given name alone (محمد, Kerry) is too common a
   * name to stand for a listed person, unless a title says it is a
   * family name (Mr Kerry) */
  int alone_ok = title || !has_mark(c, core, GZ_GIVEN_NAME);
  choice ch = decide(c, cand, nc, ns, nn, alone_ok);
  return take(c, i, &ch);
}

/* A rule's organisation: its acronym takes the id of the name in full
 * (WTTC after World Travel and Tourism Council), its name in full the id
 * of a listed acronym; its name for short the id of the name in full
 * (الخلاص الوطني after جبهة الخلاص الوطني, Multiplex after Multiplex
 * Group), its name in full the id of a listed name for short (تنظيم داعش,
 * داعش). */
static int relink_org(alias_ctx *c, uint32_t i) {
  const mention *m = &c->t->mentions[i];
  char buf[KEY_CAP];
  uint32_t w = NONE;
  size_t n = m->tok_end == m->tok_first + 1
                 ? acronym(c->d, m->tok_first, buf, sizeof buf)
                 : 0;
  if (n)
    w = one_entity(c, FORM_INITIALS, buf, n, i);
  else if ((n = initials(c->d, m, buf, sizeof buf)) &&
           (w = one_entity(c, FORM_ACRONYM, buf, n, i)) != NONE &&
           !listed(&c->t->mentions[w]))
    w = NONE;
  uint32_t f, e;
  if (w == NONE && org_short(c, m, &f, &e) &&
      (w = one_entity(c, FORM_ORG, buf, org_key(c, m, f, e, buf), i)) != NONE &&
      !listed(&c->t->mentions[w]))
    w = NONE;
  if (w == NONE)
    w = one_entity(c, FORM_HEADLESS, buf,
                   org_key(c, m, m->tok_first, m->tok_end, buf), i);
  choice ch = {w, 0, {0}};
  return take(c, i, &ch);
}

/* An organisation named by one word that opens the name of exactly one
 * organisation written in full in the document is that one (Mitsubishi
 * after Mitsubishi Motors, listed or not); with two such (Mitsubishi
 * Motors and Mitsubishi UFJ) it keeps its own id. */
static int relink_lead(alias_ctx *c, uint32_t i) {
  const mention *m = &c->t->mentions[i];
  char key[KEY_CAP];
  if (m->lost || m->kind != MENTION_NAME || m->type != DOC_ORGANIZATION ||
      m->tok_end != m->tok_first + 1)
    return RAWI_OK;
  uint32_t w = one_entity(c, FORM_LEAD, key,
                          org_key(c, m, m->tok_first, m->tok_end, key), i);
  if (w == NONE || !strcmp(id_of(c, w), id_of(c, i)))
    return RAWI_OK;
  choice ch = {w, 0, {0}};
  return take(c, i, &ch);
}

static int relink_rule_names(alias_ctx *c, size_t n) {
  int rc = RAWI_OK;
  for (size_t pass = 0; pass < 2; pass++) /* full names first */
    for (size_t i = 0; i < n && rc == RAWI_OK; i++) {
      const mention *m = &c->t->mentions[i];
      if (!derived_person(m))
        continue;
      int whole = !name_is_short(c->d, c->core[i], m->tok_end,
                                 reading_in(m, c->core[i]));
      if (pass == 0 && whole)
        rc = relink_full(c, (uint32_t)i);
      else if (pass == 1 && !whole)
        rc = relink_short(c, (uint32_t)i);
    }
  for (size_t i = 0; i < n && rc == RAWI_OK; i++) {
    const mention *m = &c->t->mentions[i];
    if (!m->lost && m->kind == MENTION_NAME && m->type == DOC_ORGANIZATION &&
        m->source == SOURCE_RULE && m->derived && m->adopted == ADOPT_NONE)
      rc = relink_org(c, (uint32_t)i);
  }
  for (size_t i = 0; i < n && rc == RAWI_OK; i++)
    rc = relink_lead(c, (uint32_t)i);
  return rc;
}

/* --- 5. spans no winner covers -------------------------------------------- */

/* The normalised form of tokens [i, i + len) read with reading k. */
static size_t span_norm(const text_doc *d, uint32_t i, uint32_t len, uint32_t k,
                        char *buf, size_t cap) {
  text_reading sp = text_reading_at(d, &d->tokens[i], k);
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

/* Add an alias mention over tokens [i, i + len), reading k, of winner w or
 * of a listed person. */
static int add_alias(alias_ctx *c, const choice *ch, uint32_t i, uint32_t len,
                     uint32_t k) {
  mention_table *t = c->t;
  mention m = {.tok_first = i,
               .tok_end = i + len,
               .reading = k,
               .kind = MENTION_NAME,
               .source = SOURCE_ALIAS};
  if (ch->winner != NONE) {
    const mention *from = &t->mentions[ch->winner];
    m.id_off = from->id_off;
    m.name_off = from->name_off;
    m.src_file_off = from->src_file_off;
    m.src_line = from->src_line;
    m.rule_off = from->rule_off;
    m.type = from->type;
    m.order = ch->winner;
  } else {
    const gz_image *g = c->lists->imgs[ch->who.img];
    int rc = listed_strings(c, &ch->who, &m.id_off, &m.name_off);
    if (rc)
      return rc;
    m.src_file_off = mention_stable(t, gz_str(g, g->sources[ch->who.source]));
    m.src_line = ch->who.line;
    m.type = DOC_PERSON;
  }
  if (t->strings.failed || mention_add_pooled(t, c->d, &m))
    return RAWI_ERR_NOMEM;
  mention *added = &t->mentions[t->n_mentions - 1];
  drop_possessive(t, c->d, added, added->byte_start);
  return RAWI_OK;
}

/* Is the demonym at token i (السوداني) used as a family name here: not an
 * adjective after a definite noun (الجيش السوداني), but after a verb,
 * a title (رئيس الوزراء السوداني) or a nationality (العراقي السوداني)? */
static int demonym_as_name(const alias_ctx *c, uint32_t i, uint32_t first,
                           const uint32_t *owner) {
  if (i == first || title_before(c, i, first))
    return 1;
  uint32_t p = i - 1;
  if (owner[p] != NONE && c->t->mentions[owner[p]].kind == MENTION_DEMONYM)
    return 1;
  /* a definite word, proclitics or not (الجيش, بالجيش) */
  for (uint32_t k = 0; k < c->d->tokens[p].reading_count; k++)
    if (token_article(c->d, p, k))
      return 0;
  return 1;
}

/* Does the normalised word end in the nisba ي (المالكي، الحريري)? */
static int nisba(const char *norm, size_t n) {
  return n >= 2 && !memcmp(norm + n - 2, "\xd9\x8a", 2);
}

/* What span [i, i + len) read with reading k names, if anything. */
static choice bare_choice(const alias_ctx *c, uint32_t i, uint32_t len,
                          uint32_t k, int demonym) {
  choice none = {NONE, 0, {0}};
  const text_doc *d = c->d;
  char key[KEY_CAP], norm[KEY_CAP];
  uint32_t cand[MAX_CANDIDATES], other[MAX_CANDIDATES];
  gz_namesake ns[MAX_NAMESAKES];
  size_t n = name_key(d, i, i + len, k, key, sizeof key);
  size_t nn = span_norm(d, i, len, k, norm, sizeof norm);
  /* a name in full written again where no rule found it */
  size_t nc = demonym ? 0
                      : candidates(c, first_form(c, FORM_FULL, key, n), NONE, 1,
                                   1, cand, MAX_CANDIDATES);
  if (nc)
    return nc == 1 ? (choice){cand[0], 0, {0}} : none;
  /* the whole name of something else (the club الأهلي) is no family name */
  size_t no = candidates(c, first_form(c, FORM_WHOLE, norm, nn), NONE, 0, 1,
                         other, MAX_CANDIDATES);
  /* a definite word that is no nisba (النص، الأطفال, not المالكي) is a
   * common noun as often as a name: it stands for a name written in full
   * in the document, never for a lone word a rule took for one */
  int common = len == 1 && token_article(d, i, k) && !nisba(norm, nn);
  nc =
      candidates(c, first_form(c, FORM_FAMILY, key, n), NONE, demonym || common,
                 token_article(d, i, k), cand, MAX_CANDIDATES);
  if (nc)
    return no ? none
              : decide(c, cand, nc, ns, namesakes(c, i, i + len, k, ns), 0);
  if (demonym)
    return none;
  /* an acronym of an organisation named in full */
  if (!no && len == 1 && (n = acronym(d, i, key, sizeof key)))
    no = candidates(c, first_form(c, FORM_INITIALS, key, n), NONE, 1, 1, other,
                    MAX_CANDIDATES);
  return no == 1 && !common ? (choice){other[0], 0, {0}} : none;
}

/* A winner a longer alias may replace: a rule's person in fewer words
 * inside the span (وأكد [رايد] فواد الخطيب, where a rule saw one name word
 * after a verb of speech, and the document names رايد فواد الخطيب in full). */
static int absorbable(const mention *m, uint32_t i, uint32_t len) {
  return m->source == SOURCE_RULE && m->kind == MENTION_NAME &&
         m->type == DOC_PERSON && m->tok_first >= i && m->tok_end <= i + len &&
         m->tok_end - m->tok_first < len;
}

/* Tokens [i, i + len): no punctuation at either end, and free, or exactly
 * one demonym winner (*demonym), or a rule's shorter person inside
 * (*absorbed). */
static int open_span(const alias_ctx *c, const uint32_t *owner, uint32_t i,
                     uint32_t len, uint32_t *demonym, uint32_t *absorbed) {
  *demonym = *absorbed = NONE;
  if (c->d->tokens[i].kind != RAWI_TOKEN_WORD ||
      c->d->tokens[i + len - 1].kind == RAWI_TOKEN_PUNCT)
    return 0;
  /* a Latin word in lower case is an ordinary word ("shares rose" after
   * Stuart Rose), not a family name; Arabic has no letter case */
  unsigned char c0 = (unsigned char)c->d->text[c->d->tokens[i].byte_start];
  if (len == 1 && c0 >= 'a' && c0 <= 'z')
    return 0;
  const mention *m = owner[i] != NONE ? &c->t->mentions[owner[i]] : NULL;
  if (m && m->kind == MENTION_DEMONYM) {
    if (m->tok_first != i || m->tok_end != i + len)
      return 0;
    *demonym = owner[i];
    return 1;
  }
  for (uint32_t j = i; j < i + len; j++) {
    if (owner[j] == NONE)
      continue;
    if ((*absorbed != NONE && owner[j] != *absorbed) ||
        !absorbable(&c->t->mentions[owner[j]], i, len))
      return 0;
    *absorbed = owner[j];
  }
  return 1;
}

/* Can a bare span that names something end with token j? Most tokens
 * cannot, and are passed over without building the keys of the spans
 * ending there. */
static int may_end(const alias_ctx *c, uint32_t j) {
  const text_doc *d = c->d;
  char key[KEY_CAP];
  if ((j > 0 && word_is(d, j - 1, "عبد")) || word_is(d, j, "الله"))
    return 1; /* joined in the key: عبد الفتاح, نصر الله */
  if (c->n_initials && acronym(d, j, key, sizeof key))
    return 1;
  for (uint32_t k = 0; k < d->tokens[j].reading_count; k++) {
    text_reading sp = text_reading_at(d, &d->tokens[j], k);
    size_t n = name_key(d, j, j + 1, k, key, sizeof key);
    if ((n && rawi_map_get(&c->ends, form_hash(KEY_WORD, key, n))) ||
        rawi_map_get(&c->ends,
                     form_hash(NORM_WORD, d->pool + sp.norm_off, sp.norm_len)))
      return 1;
  }
  return 0;
}

static int find_bare(alias_ctx *c, const uint32_t *owner) {
  const text_doc *d = c->d;
  uint8_t *ends = rawi_mem_alloc(c->t->alloc, d->n_tokens + 1);
  if (!ends)
    return RAWI_ERR_NOMEM;
  for (uint32_t j = 0; j < d->n_tokens; j++) {
    const mention *m = owner[j] != NONE ? &c->t->mentions[owner[j]] : NULL;
    ends[j] = (uint8_t)(!m || m->kind == MENTION_DEMONYM ||
                        (m->source == SOURCE_RULE && m->type == DOC_PERSON)) &&
              d->tokens[j].kind != RAWI_TOKEN_PUNCT && may_end(c, j);
  }
  int rc = RAWI_OK;
  for (size_t s = 0; s < d->n_sentences && rc == RAWI_OK; s++) {
    uint32_t first = d->sentences[s].first, end = first + d->sentences[s].count;
    for (uint32_t i = first; i < end; i++) {
      choice ch = {NONE, 0, {0}};
      uint32_t flen = 0, fk = 0, dem = NONE, absorbed = NONE, fabs = NONE;
      for (uint32_t len = MAX_ALIAS_TOKENS; len >= 1 && !flen; len--) {
        if (i + len > end || !ends[i + len - 1] ||
            !open_span(c, owner, i, len, &dem, &absorbed) ||
            (dem != NONE && !demonym_as_name(c, i, first, owner)))
          continue;
        for (uint32_t k = 0; k < d->tokens[i].reading_count && !flen; k++) {
          if (text_reading_at(d, &d->tokens[i], k).prefix & 1)
            continue; /* a reading without the article written: names.c drops it
                       */
          ch = bare_choice(c, i, len, k, dem != NONE);
          if (ch.winner != NONE || ch.listed)
            flen = len, fk = k, fabs = absorbed;
        }
      }
      if (!flen)
        continue;
      if ((rc = add_alias(c, &ch, i, flen, fk)))
        break;
      uint32_t replaced = dem != NONE ? dem : fabs;
      if (replaced != NONE) {
        c->t->mentions[replaced].lost = 1;
        c->t->mentions[replaced].lost_to = (uint32_t)c->t->n_mentions - 1;
      }
      i += flen - 1;
    }
  }
  rawi_mem_free(c->t->alloc, ends);
  return rc;
}

/* Each token's winner, or NONE. */
static uint32_t *owners(const mention_table *t, const text_doc *d) {
  uint32_t *owner = rawi_mem_alloc(t->alloc, (d->n_tokens + 1) * sizeof *owner);
  if (!owner)
    return NULL;
  memset(owner, 0xFF, (d->n_tokens + 1) * sizeof *owner);
  for (size_t i = 0; i < t->n_mentions; i++)
    if (!t->mentions[i].lost)
      for (uint32_t k = t->mentions[i].tok_first; k < t->mentions[i].tok_end;
           k++)
        owner[k] = (uint32_t)i;
  return owner;
}

int resolve_aliases(mention_table *t, const text_doc *d,
                    const resolve_lists *lists) {
  alias_ctx c = {.t = t, .d = d, .lists = lists};
  size_t n = t->n_mentions;
  rawi_map_init(&c.heads, t->alloc);
  rawi_map_init(&c.ends, t->alloc);
  c.title_end = resolve_class_ends(t, d, lists, GZ_TITLE);
  c.head_end = resolve_class_ends(t, d, lists, GZ_ORG_HEAD);
  c.core = rawi_mem_alloc(t->alloc, (n + 1) * sizeof *c.core);
  uint32_t *owner = owners(t, d);
  int rc =
      c.title_end && c.head_end && c.core && owner ? RAWI_OK : RAWI_ERR_NOMEM;
  if (rc == RAWI_OK)
    rc = join_particles(&c, owner);
  if (rc == RAWI_OK)
    rc = derived_ids(&c);
  if (rc == RAWI_OK)
    rc = index_forms(&c);
  if (rc == RAWI_OK)
    rc = relink_rule_names(&c, n);
  if (rc == RAWI_OK && c.n_forms)
    rc = find_bare(&c, owner);
  rawi_mem_free(t->alloc, owner);
  rawi_mem_free(t->alloc, c.title_end);
  rawi_mem_free(t->alloc, c.head_end);
  rawi_mem_free(t->alloc, c.core);
  rawi_mem_free(t->alloc, c.forms);
  rawi_map_free(&c.heads);
  rawi_map_free(&c.ends);
  return rc;
}
