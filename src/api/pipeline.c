/*
 * The pipeline driver: the stages one document goes through, in order
 * (docs/architecture.md):
 *
 *   text      tokens, proclitic readings, sentences (rawi_analyze)
 *   lists     the language's pack and the user's lists: marks, candidates
 *   rules     entity rules over the sentence views
 *   resolve   conflicts, the winners' names, aliases, entities
 *   relate    relation rules, discourse, edges
 *
 * The language of a document (given, or detected from langs.c's table)
 * chooses the pack images and the ruleset. Every stage appends to the
 * document's tables; a failure frees the document and is the caller's
 * error, so nothing half-made is returned.
 */
#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "api/langs.h"
#include "api/stages.h"
#include "gazetteer/match.h"
#include "util/error.h"
#include "util/mem.h"

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

/* Reuses the session's private text_doc: only its token norms are kept. */
int rawi_normalize(rawi_session *s, const char *text, size_t len,
                   const char **out, size_t *out_len, rawi_error *err) {
  rawi_error_clear(err);
  if (!s || !out || (!text && len))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  text_doc *d = &s->norm_doc;
  d->n_tokens = d->n_readings = d->n_sentences = d->n_pool = 0;
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

/* Image k of the lists a document in lang is matched against (the
 * pack's, then the user's for every language or for lang, in order;
 * gz_mark.img counts in it), or NULL. pack_load keeps them within
 * GZ_MAX_IMAGES. */
const gz_image *pipeline_image(const rawi_model *m, rawi_lang lang, size_t k) {
  if (m->packs[lang].base && k-- == 0)
    return &m->packs[lang];
  for (size_t i = 0; i < m->n_user; i++)
    if ((m->user_langs[i] == RAWI_LANG_AUTO || m->user_langs[i] == lang) &&
        k-- == 0)
      return &m->user[i];
  return NULL;
}

/* One document on its way through the stages. */
typedef struct doc_run {
  rawi_session *s;
  rawi_doc *d;
  const ruleset *rules; /* of the document's language */
  const gz_image *imgs[GZ_MAX_IMAGES];
  size_t n_imgs;
  gz_marks marks; /* every list match, for rules, resolution, relations */
} doc_run;

/* The readings' hashes, looked up in every list image. */
static int stage_text(doc_run *r) {
  return text_hash_readings(&r->d->t);
}

static int stage_lists(doc_run *r) {
  rawi_doc *d = r->d;
  int rc = gz_find(r->imgs, r->n_imgs, &d->t, &r->s->words, &r->marks);
  return rc ? rc : gz_candidates(r->imgs, &r->marks, &d->t, &d->m);
}

static int stage_entity_rules(doc_run *r) {
  return rules_run(r->rules, GZ_RULE_ORDER_BASE, &r->s->rules, &r->d->t,
                   &r->marks, &r->d->m);
}

/* Winners, then their names (only winners need one), then the short
 * forms that name them, then one entity per id. */
static int stage_resolve(doc_run *r) {
  rawi_doc *d = r->d;
  resolve_lists lists = {r->imgs, r->n_imgs, &r->marks};
  int rc = resolve_conflicts(&d->m, &d->t, &lists);
  if (rc == RAWI_OK)
    rc = gz_names(r->imgs, r->n_imgs, &r->s->names, &d->m);
  if (rc == RAWI_OK)
    rc = resolve_aliases(&d->m, &d->t, &lists);
  return rc ? rc : resolve_entities(&d->m, &d->t);
}

static int stage_relations(doc_run *r) {
  return relate_run(r->rules, &r->s->rules, r->imgs, &r->marks, &r->d->t,
                    &r->d->m, &r->d->rel);
}

/* The stages after rawi_analyze, in order, each with its timer. */
static const struct {
  int (*fn)(doc_run *r);
  rawi_stage timer;
} stages[] = {
    {stage_text, RAWI_STAGE_TEXT},
    {stage_lists, RAWI_STAGE_LISTS},
    {stage_entity_rules, RAWI_STAGE_RULES},
    {stage_resolve, RAWI_STAGE_RESOLVE},
    {stage_relations, RAWI_STAGE_RELATIONS},
};

/* What the document keeps of the run: the rules a PCRE2 limit stopped
 * (relation rules too), not the marks or the readings' hashes (8 bytes a
 * reading, for the look-ups only). */
static void run_finish(doc_run *r, int rc) {
  rawi_doc *d = r->d;
  if (rc == RAWI_OK && r->s->rules.limit_hits) {
    d->limit_hits = r->s->rules.limit_hits;
    snprintf(d->limit_rule, sizeof d->limit_rule, "%s", r->s->rules.limit_rule);
  }
  rawi_mem_free(d->t.alloc, r->marks.v);
  rawi_mem_free(d->t.alloc, d->t.hashes);
  d->t.hashes = NULL;
  d->t.cap_hashes = 0;
}

int rawi_extract(rawi_session *s, const char *text, size_t len, rawi_lang lang,
                 rawi_doc **out, rawi_error *err) {
  RAWI_STAGE_BEGIN(stage_t0);
  int rc = rawi_analyze(s, text, len, out, err);
  if (rc)
    return rc;
  rawi_doc *d = *out;
  d->lang = lang == RAWI_LANG_AUTO ? lang_detect(d->text, len) : lang;
  doc_run r = {.s = s,
               .d = d,
               .rules = &s->model->rules[d->lang],
               .marks = {.alloc = d->t.alloc}};
  while (r.n_imgs < GZ_MAX_IMAGES &&
         (r.imgs[r.n_imgs] = pipeline_image(s->model, d->lang, r.n_imgs)))
    r.n_imgs++;
  for (size_t i = 0; i < sizeof stages / sizeof *stages; i++) {
    if (rc == RAWI_OK)
      rc = stages[i].fn(&r);
    RAWI_STAGE_END(stage_t0, stages[i].timer);
  }
  run_finish(&r, rc);
  if (rc) {
    rawi_doc_free(d);
    *out = NULL;
    return rawi_error_set(err, rc, "%s", rawi_strerror(rc));
  }
  return RAWI_OK;
}
