/* Documents: running the pipeline on one text and reading the results. */
#include <string.h>

#include "api/internal.h"
#include "util/error.h"
#include "util/mem.h"

int rawi_analyze(rawi_session *s, const char *text, size_t len,
                 rawi_doc **out, rawi_error *err) {
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
  rawi_mem_free(a, d->text);
  rawi_mem_free(a, d);
}

const char *rawi_doc_text(const rawi_doc *d, size_t *len) {
  if (len)
    *len = d ? d->t.len : 0;
  return d ? d->text : NULL;
}

size_t rawi_doc_token_count(const rawi_doc *d) { return d ? d->t.n_tokens : 0; }

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
  out->sentence = t->sentence;
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
  const text_split *sp = &d->t.splits[t->split_first + k];
  out->prefix = text_prefix_names[sp->prefix];
  out->stem = span_of(sp->stem_byte, t->byte_end, sp->stem_cp, t->cp_end);
  out->stem_norm = d->t.pool + sp->norm_off;
  out->stem_norm_len = sp->norm_len;
  out->article = sp->article;
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
