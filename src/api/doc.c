/*
 * Documents: what the pipeline found, read through the public accessors
 * (the pipeline itself is pipeline.c). Every accessor only reads the
 * document, so any number of threads may read one at once.
 */
#include <string.h>

#include "api/internal.h"
#include "gazetteer/match.h"
#include "util/mem.h"

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
  return d ? d->t.n_readings : 0;
}

size_t rawi_doc_sentence_count(const rawi_doc *d) {
  return d ? d->t.n_sentences : 0;
}

int api_fill(void *out, size_t size, const void *full, size_t full_size) {
  memcpy(out, full, size < full_size ? size : full_size);
  return RAWI_OK;
}

static rawi_span span_of(uint32_t b0, uint32_t b1, uint32_t c0, uint32_t c1) {
  return (rawi_span){c0, c1, b0, b1};
}

int rawi_doc_token_sized(const rawi_doc *d, size_t i, rawi_token *caller,
                         size_t size) {
  if (!d || !caller || !size || i >= d->t.n_tokens)
    return RAWI_ERR_INVALID;
  const text_token *t = &d->t.tokens[i];
  rawi_token full = {0}, *out = &full;
  out->span = span_of(t->byte_start, t->byte_end, t->cp_start, t->cp_end);
  out->sentence = text_sentence_of(&d->t, i);
  out->kind = (rawi_token_kind)t->kind;
  out->text = d->text + t->byte_start;
  out->text_len = t->byte_end - t->byte_start;
  out->norm = d->t.pool + t->norm_off;
  out->norm_len = t->norm_len;
  out->reading_count = t->reading_count;
  return api_fill(caller, size, &full, sizeof full);
}

int rawi_doc_reading_sized(const rawi_doc *d, size_t i, size_t k,
                           rawi_reading *caller, size_t size) {
  if (!d || !caller || !size || i >= d->t.n_tokens ||
      k >= d->t.tokens[i].reading_count)
    return RAWI_ERR_INVALID;
  rawi_reading full = {0}, *out = &full;
  const text_token *t = &d->t.tokens[i];
  text_reading sp = text_reading_at(&d->t, t, (uint32_t)k);
  out->prefix = text_prefix_names[sp.prefix];
  out->stem = span_of(sp.stem_byte, t->byte_end, sp.stem_cp, t->cp_end);
  out->stem_norm = d->t.pool + sp.norm_off;
  out->stem_norm_len = sp.norm_len;
  out->article = sp.article;
  return api_fill(caller, size, &full, sizeof full);
}

int rawi_doc_sentence_sized(const rawi_doc *d, size_t i, rawi_sentence *caller,
                            size_t size) {
  if (!d || !caller || !size || i >= d->t.n_sentences)
    return RAWI_ERR_INVALID;
  rawi_sentence full = {0}, *out = &full;
  const text_sentence *s = &d->t.sentences[i];
  const text_token *a = &d->t.tokens[s->first];
  const text_token *b = &d->t.tokens[s->first + s->count - 1];
  out->span = span_of(a->byte_start, b->byte_end, a->cp_start, b->cp_end);
  out->first_token = s->first;
  out->token_count = s->count;
  return api_fill(caller, size, &full, sizeof full);
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

int rawi_doc_entity_sized(const rawi_doc *d, size_t i, rawi_entity *caller,
                          size_t size) {
  if (!d || !caller || !size || i >= d->m.n_entities)
    return RAWI_ERR_INVALID;
  rawi_entity full = {0}, *out = &full;
  const entity *e = &d->m.entities[i];
  const char *pool = d->m.strings.data;
  out->id = pool + e->id_off;
  out->name = pool + e->name_off;
  out->type = gz_type_name(e->type);
  out->mention_count = e->count;
  return api_fill(caller, size, &full, sizeof full);
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

int rawi_doc_mention_sized(const rawi_doc *d, size_t i, size_t k,
                           rawi_mention *caller, size_t size) {
  if (!d || !caller || !size || i >= d->m.n_entities ||
      k >= d->m.entities[i].count)
    return RAWI_ERR_INVALID;
  rawi_mention full = {0};
  fill_mention(d, &d->m.mentions[d->m.by_entity[d->m.entities[i].first + k]],
               &full);
  return api_fill(caller, size, &full, sizeof full);
}

size_t rawi_doc_candidate_count(const rawi_doc *d) {
  return d ? d->m.n_mentions : 0;
}

int rawi_doc_candidate_sized(const rawi_doc *d, size_t i,
                             rawi_candidate *caller, size_t size) {
  if (!d || !caller || !size || i >= d->m.n_mentions)
    return RAWI_ERR_INVALID;
  rawi_candidate full = {0}, *out = &full;
  const mention *m = &d->m.mentions[i];
  fill_mention(d, m, &out->mention);
  if (m->id_off == MENTION_LATER) { /* a list candidate that lost */
    const gz_image *g = pipeline_image(d->model, d->lang, m->gz_img);
    out->id = gz_str(g, g->entities[m->gz_entity].id);
  } else {
    out->id = d->m.strings.data + m->id_off;
  }
  out->type = gz_type_name(m->type);
  out->priority = m->priority;
  out->lost = m->lost;
  out->lost_to = m->lost ? m->lost_to : 0;
  return api_fill(caller, size, &full, sizeof full);
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

int rawi_doc_relation_sized(const rawi_doc *d, size_t i, rawi_relation *caller,
                            size_t size) {
  if (!d || !caller || !size || i >= d->rel.n)
    return RAWI_ERR_INVALID;
  rawi_relation full = {0}, *out = &full;
  const relation *r = &d->rel.v[i];
  out->subject = r->subject;
  out->object = r->object;
  out->predicate = doc_predicate_at(r->predicate)->name;
  out->confidence = r->confidence;
  out->rule_file = r->rule->file;
  out->rule = r->rule->name;
  out->implicit = r->implicit;
  out->view = d->rel.views.data ? d->rel.views.data + r->view_off : "";
  out->modality = r->planned ? "planned" : "asserted";
  rawi_sentence sen;
  rawi_doc_sentence(d, r->sentence, &sen);
  out->evidence = sen.span;
  return api_fill(caller, size, &full, sizeof full);
}
