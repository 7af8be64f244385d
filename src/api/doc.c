/* Documents: running the pipeline on one text and reading the results. */
#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "api/stages.h"
#include "gazetteer/match.h"
#include "util/error.h"
#include "util/mem.h"
#include "util/utf8.h"

int rawi_analyze(rawi_session *s, const char *text, size_t len, rawi_doc **out,
                 rawi_error *err) {
  rawi_error_clear(err);
  if (!s || !out || (!text && len))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  *out = NULL;
  const rawi_allocator *a = &s->model->alloc;
  rawi_doc *d = rawi_mem_calloc(a, 1, sizeof *d);
  if (!d)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  d->model = s->model;
  d->t.alloc = a;
  mention_table_init(&d->m, a);
  d->rel.alloc = a;
  d->rel.keep_views = s->model->explain;
  d->text = rawi_mem_alloc(a, len + 1);
  if (!d->text) {
    rawi_doc_free(d);
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  }
  if (len)
    memcpy(d->text, text, len);
  d->text[len] = '\0';
  d->t.text = d->text;
  d->t.len = len;
  int rc = text_analyze(&s->model->text, &s->text, &d->t, err);
  if (rc) {
    rawi_doc_free(d);
    return rc;
  }
  *out = d;
  return RAWI_OK;
}

void rawi_doc_free(rawi_doc *d) {
  if (!d)
    return;
  const rawi_allocator *a = &d->model->alloc;
  text_doc_free(&d->t);
  mention_table_free(&d->m);
  relation_table_free(&d->rel);
  rawi_mem_free(a, d->text);
  rawi_mem_free(a, d);
}

const char *rawi_doc_text(const rawi_doc *d, size_t *len) {
  if (len)
    *len = d ? d->t.len : 0;
  return d ? d->text : NULL;
}

size_t rawi_doc_token_count(const rawi_doc *d) {
  return d ? d->t.n_tokens : 0;
}

size_t rawi_doc_reading_count(const rawi_doc *d) {
  return d ? d->t.n_splits : 0;
}

size_t rawi_doc_sentence_count(const rawi_doc *d) {
  return d ? d->t.n_sentences : 0;
}

static rawi_span span_of(uint32_t b0, uint32_t b1, uint32_t c0, uint32_t c1) {
  return (rawi_span){c0, c1, b0, b1};
}

int rawi_doc_token(const rawi_doc *d, size_t i, rawi_token *out) {
  if (!d || !out || i >= d->t.n_tokens)
    return RAWI_ERR_INVALID;
  const text_token *t = &d->t.tokens[i];
  out->span = span_of(t->byte_start, t->byte_end, t->cp_start, t->cp_end);
  out->sentence = text_sentence_of(&d->t, i);
  out->kind = (rawi_token_kind)t->kind;
  out->text = d->text + t->byte_start;
  out->text_len = t->byte_end - t->byte_start;
  out->norm = d->t.pool + t->norm_off;
  out->norm_len = t->norm_len;
  out->split_count = t->split_count;
  return RAWI_OK;
}

int rawi_doc_split(const rawi_doc *d, size_t i, size_t k, rawi_split *out) {
  if (!d || !out || i >= d->t.n_tokens || k >= d->t.tokens[i].split_count)
    return RAWI_ERR_INVALID;
  const text_token *t = &d->t.tokens[i];
  text_split sp = text_reading(&d->t, t, (uint32_t)k);
  out->prefix = text_prefix_names[sp.prefix];
  out->stem = span_of(sp.stem_byte, t->byte_end, sp.stem_cp, t->cp_end);
  out->stem_norm = d->t.pool + sp.norm_off;
  out->stem_norm_len = sp.norm_len;
  out->article = sp.article;
  return RAWI_OK;
}

int rawi_doc_sentence(const rawi_doc *d, size_t i, rawi_sentence *out) {
  if (!d || !out || i >= d->t.n_sentences)
    return RAWI_ERR_INVALID;
  const text_sentence *s = &d->t.sentences[i];
  const text_token *a = &d->t.tokens[s->first];
  const text_token *b = &d->t.tokens[s->first + s->count - 1];
  out->span = span_of(a->byte_start, b->byte_end, a->cp_start, b->cp_end);
  out->first_token = s->first;
  out->token_count = s->count;
  return RAWI_OK;
}

/* Reuses the session's private text_doc: only its token norms are kept. */
int rawi_normalize(rawi_session *s, const char *text, size_t len,
                   const char **out, size_t *out_len, rawi_error *err) {
  rawi_error_clear(err);
  if (!s || !out || (!text && len))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  text_doc *d = &s->norm_doc;
  d->n_tokens = d->n_splits = d->n_sentences = d->n_pool = 0;
  d->text = text ? text : "";
  d->len = len;
  int rc = text_analyze(&s->model->text, &s->text, d, err);
  if (rc)
    return rc;
  /* join the token norms with one space, after the pool's content */
  size_t need = d->n_pool + 1;
  for (size_t i = 0; i < d->n_tokens; i++)
    need += d->tokens[i].norm_len + 1;
  if (rawi_mem_grow(d->alloc, (void **)&d->pool, &d->cap_pool, need, 1))
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  char *dst = d->pool + d->n_pool, *p = dst;
  for (size_t i = 0; i < d->n_tokens; i++) {
    const text_token *t = &d->tokens[i];
    if (!t->norm_len)
      continue;
    if (p != dst)
      *p++ = ' ';
    memcpy(p, d->pool + t->norm_off, t->norm_len);
    p += t->norm_len;
  }
  *p = '\0';
  *out = dst;
  if (out_len)
    *out_len = (size_t)(p - dst);
  return RAWI_OK;
}

/* --- stage timers (benchmark builds: src/api/stages.h) ----------------- */

#ifdef RAWI_STAGE_TIMES
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

static _Atomic uint64_t stage_ns[RAWI_STAGE_COUNT];
static pthread_once_t stage_once = PTHREAD_ONCE_INIT;
static const char *const stage_names[RAWI_STAGE_COUNT] = {
    "text", "lists", "entity rules", "resolution", "relation rules", "writing"};

static void stage_report(void) {
  double total = 0, s[RAWI_STAGE_COUNT];
  for (int i = 0; i < RAWI_STAGE_COUNT; i++)
    total += s[i] = (double)atomic_load(&stage_ns[i]) / 1e9;
  fprintf(stderr, "stage times (CPU seconds, all threads):\n");
  for (int i = 0; i < RAWI_STAGE_COUNT; i++)
    fprintf(stderr, "  %-15s %8.3f %6.1f%%\n", stage_names[i], s[i],
            total > 0 ? 100 * s[i] / total : 0.0);
  fprintf(stderr, "  %-15s %8.3f\n", "total", total);
}

static void stage_start(void) {
  atexit(stage_report);
}

/* CPU time of the calling thread: a loaded machine does not inflate it */
uint64_t rawi_stage_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void rawi_stage_add(rawi_stage stage, uint64_t since) {
  pthread_once(&stage_once, stage_start);
  atomic_fetch_add(&stage_ns[stage], rawi_stage_clock() - since);
}
#endif

/* --- extraction ------------------------------------------------------ */

const char *rawi_lang_name(rawi_lang lang) {
  switch (lang) {
  case RAWI_LANG_AR:
    return "ar";
  case RAWI_LANG_EN:
    return "en";
  default:
    return "auto";
  }
}

/* Arabic when Arabic letters outnumber Latin ones. */
static rawi_lang detect_lang(const char *text, size_t len) {
  size_t arabic = 0, latin = 0;
  const unsigned char *p = (const unsigned char *)text;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = p[i];
    latin += (c | 32) >= 'a' && (c | 32) <= 'z';
    /* lead bytes of U+0600..U+06FF and U+0750..U+077F */
    arabic += c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB || c == 0xDD;
  }
  return arabic > latin ? RAWI_LANG_AR : RAWI_LANG_EN;
}

/* Image k of the lists a document in lang is matched against (the
 * pack's, then the user's for every language or for lang, in order;
 * gz_mark.img counts in it), or NULL. pack_load keeps them within
 * GZ_MAX_IMAGES. */
static const gz_image *doc_image(const rawi_model *m, rawi_lang lang,
                                 size_t k) {
  if (m->packs[lang].base && k-- == 0)
    return &m->packs[lang];
  for (size_t i = 0; i < m->n_user; i++)
    if ((m->user_langs[i] == RAWI_LANG_AUTO || m->user_langs[i] == lang) &&
        k-- == 0)
      return &m->user[i];
  return NULL;
}

int rawi_extract(rawi_session *s, const char *text, size_t len, rawi_lang lang,
                 rawi_doc **out, rawi_error *err) {
  RAWI_STAGE_BEGIN(stage_t0);
  int rc = rawi_analyze(s, text, len, out, err);
  if (rc)
    return rc;
  rawi_doc *d = *out;
  const rawi_model *m = s->model;
  d->lang = lang == RAWI_LANG_AUTO ? detect_lang(d->text, len) : lang;
  const gz_image *imgs[GZ_MAX_IMAGES];
  size_t n = 0;
  while (n < GZ_MAX_IMAGES && (imgs[n] = doc_image(m, d->lang, n)))
    n++;
  gz_marks marks = {.alloc = d->t.alloc};
  rc = text_hash_readings(&d->t);
  RAWI_STAGE_END(stage_t0, RAWI_STAGE_TEXT);
  if (rc == RAWI_OK)
    rc = gz_find(imgs, n, &d->t, &s->words, &marks);
  if (rc == RAWI_OK)
    rc = gz_candidates(imgs, &marks, &d->t, &d->m);
  RAWI_STAGE_END(stage_t0, RAWI_STAGE_LISTS);
  if (rc == RAWI_OK)
    rc = rules_run(&m->rules[d->lang], GZ_RULE_ORDER_BASE, &s->rules, &d->t,
                   &marks, &d->m);
  RAWI_STAGE_END(stage_t0, RAWI_STAGE_RULES);
  resolve_lists lists = {imgs, n, &marks};
  if (rc == RAWI_OK)
    rc = resolve_conflicts(&d->m, &d->t, &lists);
  if (rc == RAWI_OK)
    rc = gz_names(imgs, n, &s->names, &d->m);
  if (rc == RAWI_OK)
    rc = resolve_aliases(&d->m, &d->t, &lists);
  if (rc == RAWI_OK)
    rc = resolve_entities(&d->m, &d->t);
  RAWI_STAGE_END(stage_t0, RAWI_STAGE_RESOLVE);
  if (rc == RAWI_OK)
    rc = relate_run(&m->rules[d->lang], &s->rules, imgs, &marks, &d->t, &d->m,
                    &d->rel);
  RAWI_STAGE_END(stage_t0, RAWI_STAGE_RELATIONS);
  /* after relations too: a relation rule stopped by a limit is reported */
  if (rc == RAWI_OK && s->rules.limit_hits) {
    d->limit_hits = s->rules.limit_hits;
    snprintf(d->limit_rule, sizeof d->limit_rule, "%s", s->rules.limit_rule);
  }
  rawi_mem_free(d->t.alloc, marks.v);
  /* the readings' hashes serve the look-ups only: 8 bytes a reading, not
   * kept for the document's life (and its output) */
  rawi_mem_free(d->t.alloc, d->t.hashes);
  d->t.hashes = NULL;
  d->t.cap_hashes = 0;
  if (rc) {
    rawi_doc_free(d);
    *out = NULL;
    return rawi_error_set(err, rc, "%s", rawi_strerror(rc));
  }
  return RAWI_OK;
}

size_t rawi_doc_limit_hits(const rawi_doc *d, const char **which) {
  if (which)
    *which = d && d->limit_hits ? d->limit_rule : NULL;
  return d ? d->limit_hits : 0;
}

rawi_lang rawi_doc_lang(const rawi_doc *d) {
  return d ? d->lang : RAWI_LANG_AUTO;
}

size_t rawi_doc_entity_count(const rawi_doc *d) {
  return d ? d->m.n_entities : 0;
}

int rawi_doc_entity(const rawi_doc *d, size_t i, rawi_entity *out) {
  if (!d || !out || i >= d->m.n_entities)
    return RAWI_ERR_INVALID;
  const entity *e = &d->m.entities[i];
  const char *pool = d->m.strings.data;
  out->id = pool + e->id_off;
  out->name = pool + e->name_off;
  out->type = gz_type_name(e->type);
  out->mention_count = e->count;
  return RAWI_OK;
}

static void fill_mention(const rawi_doc *d, const mention *m,
                         rawi_mention *out) {
  const char *pool = d->m.strings.data;
  out->span = span_of(m->byte_start, m->byte_end, m->cp_start, m->cp_end);
  out->text = d->text + m->byte_start;
  out->text_len = m->byte_end - m->byte_start;
  out->norm = pool + m->norm_off;
  out->kind =
      m->kind == MENTION_DEMONYM ? RAWI_MENTION_DEMONYM : RAWI_MENTION_NAME;
  out->source = m->source == SOURCE_RULE    ? "rule"
                : m->source == SOURCE_ALIAS ? "alias"
                                            : "gazetteer";
  out->source_file = pool + m->src_file_off;
  out->rule = m->rule_off ? pool + m->rule_off : NULL;
  out->source_line = m->src_line;
  out->first_token = m->tok_first;
  out->token_count = m->tok_end - m->tok_first;
}

int rawi_doc_mention(const rawi_doc *d, size_t i, size_t k, rawi_mention *out) {
  if (!d || !out || i >= d->m.n_entities || k >= d->m.entities[i].count)
    return RAWI_ERR_INVALID;
  fill_mention(d, &d->m.mentions[d->m.order[d->m.entities[i].first + k]], out);
  return RAWI_OK;
}

size_t rawi_doc_candidate_count(const rawi_doc *d) {
  return d ? d->m.n_mentions : 0;
}

int rawi_doc_candidate(const rawi_doc *d, size_t i, rawi_candidate *out) {
  if (!d || !out || i >= d->m.n_mentions)
    return RAWI_ERR_INVALID;
  const mention *m = &d->m.mentions[i];
  fill_mention(d, m, &out->mention);
  if (m->id_off == MENTION_LATER) { /* a list candidate that lost */
    const gz_image *g = doc_image(d->model, d->lang, m->gz_img);
    out->id = gz_str(g, g->entities[m->gz_entity].id);
  } else {
    out->id = d->m.strings.data + m->id_off;
  }
  out->type = gz_type_name(m->type);
  out->priority = m->priority;
  out->lost = m->lost;
  out->lost_to = m->lost ? m->lost_to : 0;
  return RAWI_OK;
}

size_t rawi_doc_relation_count(const rawi_doc *d) {
  return d ? d->rel.n : 0;
}

const char *rawi_doc_sentence_view(const rawi_doc *d, size_t i) {
  if (!d || !d->rel.sentence_view || i >= d->t.n_sentences ||
      d->rel.sentence_view[i] == 0xFFFFFFFFu)
    return NULL;
  return d->rel.views.data + d->rel.sentence_view[i];
}

int rawi_doc_relation(const rawi_doc *d, size_t i, rawi_relation *out) {
  if (!d || !out || i >= d->rel.n)
    return RAWI_ERR_INVALID;
  const relation *r = &d->rel.v[i];
  out->subject = r->subject;
  out->object = r->object;
  out->predicate = relate_predicate_at(r->predicate)->name;
  out->confidence = r->confidence;
  out->rule_file = r->rule->file;
  out->rule = r->rule->name;
  out->implicit = r->implicit;
  out->view = d->rel.views.data ? d->rel.views.data + r->view_off : "";
  out->modality = r->planned ? "planned" : "asserted";
  rawi_sentence sen;
  rawi_doc_sentence(d, r->sentence, &sen);
  out->evidence = sen.span;
  return RAWI_OK;
}
