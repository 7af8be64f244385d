/*
 * JSON Lines: one object per document, entities with all their mentions,
 * offsets in code points and bytes against the original text.
 */
#include <stdio.h>
#include <string.h>

#include "output/output.h"

static void key(rawi_strbuf *b, const char *k) {
  rawi_strbuf_addc(b, '"');
  rawi_strbuf_adds(b, k);
  rawi_strbuf_adds(b, "\":");
}

static void str_field(rawi_strbuf *b, const char *k, const char *s, size_t n) {
  key(b, k);
  rawi_strbuf_json(b, s, n);
}

static void num_field(rawi_strbuf *b, const char *k, unsigned long long v) {
  key(b, k);
  rawi_strbuf_addu(b, v);
}

size_t output_source(char *buf, size_t cap, const rawi_mention *m) {
  int alias = !strcmp(m->source, "alias");
  int n = m->rule
              ? snprintf(buf, cap, "%srule:%s:%s", alias ? "alias:" : "",
                         m->source_file, m->rule)
              : snprintf(buf, cap, "%sgazetteer:%s:%lu", alias ? "alias:" : "",
                         m->source_file, m->source_line);
  return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

/* gazetteer:FILE:LINE, rule:FILE:NAME, alias:<the full name's source>.
 * File and rule names are checked (a file name need not be UTF-8). */
static void source_field(rawi_strbuf *b, const rawi_mention *m) {
  RAWI_STRBUF_LIT(b, "\"source\":\"");
  if (!strcmp(m->source, "alias"))
    RAWI_STRBUF_LIT(b, "alias:");
  if (m->rule)
    RAWI_STRBUF_LIT(b, "rule:");
  else
    RAWI_STRBUF_LIT(b, "gazetteer:");
  rawi_strbuf_json_inner(b, m->source_file, strlen(m->source_file));
  rawi_strbuf_addc(b, ':');
  if (m->rule)
    rawi_strbuf_json_inner(b, m->rule, strlen(m->rule));
  else
    rawi_strbuf_addu(b, m->source_line);
  rawi_strbuf_addc(b, '"');
}

/* Text and norm come from the document, which was checked to be UTF-8,
 * so they skip the check; the run of fields is written as literals: a
 * mention is the most frequent record. */
static void mention_json(rawi_strbuf *b, const rawi_mention *m) {
  RAWI_STRBUF_LIT(b, "{\"text\":\"");
  rawi_strbuf_json_valid(b, m->text, m->text_len);
  RAWI_STRBUF_LIT(b, "\",\"norm\":\"");
  rawi_strbuf_json_valid(b, m->norm, strlen(m->norm));
  if (m->kind == RAWI_MENTION_DEMONYM)
    RAWI_STRBUF_LIT(b, "\",\"kind\":\"demonym\",\"start\":");
  else
    RAWI_STRBUF_LIT(b, "\",\"kind\":\"name\",\"start\":");
  rawi_strbuf_addu(b, m->span.start);
  RAWI_STRBUF_LIT(b, ",\"end\":");
  rawi_strbuf_addu(b, m->span.end);
  RAWI_STRBUF_LIT(b, ",\"byte_start\":");
  rawi_strbuf_addu(b, m->span.byte_start);
  RAWI_STRBUF_LIT(b, ",\"byte_end\":");
  rawi_strbuf_addu(b, m->span.byte_end);
  rawi_strbuf_addc(b, ',');
  source_field(b, m);
  rawi_strbuf_addc(b, '}');
}

static void entity_json(rawi_strbuf *b, const rawi_doc *doc, size_t i) {
  rawi_entity e;
  rawi_doc_entity(doc, i, &e);
  rawi_strbuf_addc(b, '{');
  str_field(b, "id", e.id, strlen(e.id));
  rawi_strbuf_addc(b, ',');
  str_field(b, "type", e.type, strlen(e.type));
  rawi_strbuf_addc(b, ',');
  str_field(b, "name", e.name, strlen(e.name));
  rawi_strbuf_adds(b, ",\"mentions\":[");
  for (size_t k = 0; k < e.mention_count; k++) {
    rawi_mention m;
    rawi_doc_mention(doc, i, k, &m);
    if (k)
      rawi_strbuf_addc(b, ',');
    mention_json(b, &m);
  }
  rawi_strbuf_adds(b, "]}");
}

static void relations_json(rawi_strbuf *b, const rawi_doc *doc, int explain) {
  size_t tlen;
  const char *text = rawi_doc_text(doc, &tlen);
  for (size_t i = 0; i < rawi_doc_relation_count(doc); i++) {
    rawi_relation r;
    rawi_entity s, o;
    rawi_doc_relation(doc, i, &r);
    rawi_doc_entity(doc, r.subject, &s);
    rawi_doc_entity(doc, r.object, &o);
    rawi_strbuf_adds(b, i ? ",{" : "{");
    str_field(b, "subject", s.id, strlen(s.id));
    rawi_strbuf_addc(b, ',');
    str_field(b, "predicate", r.predicate, strlen(r.predicate));
    rawi_strbuf_addc(b, ',');
    str_field(b, "object", o.id, strlen(o.id));
    char conf[32], rule[512];
    output_confidence(conf, sizeof conf, r.confidence);
    rawi_strbuf_adds(b, ",\"confidence\":");
    rawi_strbuf_adds(b, conf);
    rawi_strbuf_addc(b, ',');
    str_field(b, "modality", r.modality, strlen(r.modality));
    output_rule_name(rule, sizeof rule, &r);
    rawi_strbuf_addc(b, ',');
    str_field(b, "rule", rule, strlen(rule));
    rawi_strbuf_adds(b, ",\"evidence\":{");
    num_field(b, "start", r.evidence.start);
    rawi_strbuf_addc(b, ',');
    num_field(b, "end", r.evidence.end);
    rawi_strbuf_addc(b, ',');
    str_field(b, "text", text + r.evidence.byte_start,
              r.evidence.byte_end - r.evidence.byte_start);
    rawi_strbuf_addc(b, '}');
    if (explain) { /* what the rule saw, and whether the subject was implied */
      rawi_strbuf_adds(b, ",\"explain\":{");
      str_field(b, "view", r.view, strlen(r.view));
      rawi_strbuf_adds(b, r.implicit ? ",\"subject\":\"topic person\"}"
                                     : ",\"subject\":\"written\"}");
    }
    rawi_strbuf_addc(b, '}');
  }
}

/* Why candidate `lost` gave way to `won` (the order of resolve.c). */
static const char *why_lost(const rawi_candidate *lost,
                            const rawi_candidate *won) {
  if (lost->priority != won->priority)
    return "lower priority";
  if (lost->mention.token_count != won->mention.token_count)
    return "fewer tokens";
  if (lost->mention.first_token != won->mention.first_token)
    return "starts later";
  return "later source or longer proclitic";
}

/* text, type, id, source, priority of a candidate (a priority below 0 is
 * written as 0: JSON numbers here are unsigned). */
static void candidate_fields(rawi_strbuf *b, const rawi_candidate *c) {
  str_field(b, "text", c->mention.text, c->mention.text_len);
  rawi_strbuf_addc(b, ',');
  str_field(b, "type", c->type, strlen(c->type));
  rawi_strbuf_addc(b, ',');
  str_field(b, "id", c->id, strlen(c->id));
  rawi_strbuf_addc(b, ',');
  source_field(b, &c->mention);
  rawi_strbuf_addc(b, ',');
  num_field(b, "priority",
            (unsigned long long)(c->priority < 0 ? 0 : c->priority));
}

static void explain_json(rawi_strbuf *b, const rawi_doc *doc) {
  rawi_strbuf_adds(b, ",\"explain\":[");
  int first = 1;
  for (size_t i = 0; i < rawi_doc_candidate_count(doc); i++) {
    rawi_candidate c, w;
    rawi_doc_candidate(doc, i, &c);
    if (!c.lost)
      continue;
    rawi_doc_candidate(doc, c.lost_to, &w);
    rawi_strbuf_adds(b, first ? "{" : ",{");
    first = 0;
    candidate_fields(b, &c);
    rawi_strbuf_adds(b, ",\"lost_to\":{");
    candidate_fields(b, &w);
    rawi_strbuf_adds(b, "},");
    const char *why = why_lost(&c, &w);
    str_field(b, "reason", why, strlen(why));
    rawi_strbuf_addc(b, '}');
  }
  rawi_strbuf_addc(b, ']');
}

/* Every sentence the relation rules ran on, as they saw it: what a rule
 * writer reads to see why a rule did not match. */
static void views_json(rawi_strbuf *b, const rawi_doc *doc) {
  rawi_strbuf_adds(b, ",\"relation_views\":[");
  int first = 1;
  for (size_t i = 0; i < rawi_doc_sentence_count(doc); i++) {
    const char *view = rawi_doc_sentence_view(doc, i);
    rawi_sentence s;
    if (!view || rawi_doc_sentence(doc, i, &s))
      continue;
    rawi_strbuf_adds(b, first ? "{" : ",{");
    first = 0;
    num_field(b, "sentence", i);
    rawi_strbuf_addc(b, ',');
    num_field(b, "start", s.span.start);
    rawi_strbuf_addc(b, ',');
    num_field(b, "end", s.span.end);
    rawi_strbuf_addc(b, ',');
    str_field(b, "view", view, strlen(view));
    rawi_strbuf_addc(b, '}');
  }
  rawi_strbuf_addc(b, ']');
}

/* "warnings": a rule stopped by a PCRE2 limit, an id used before. */
static void warnings_json(rawi_strbuf *b, const output_doc *d) {
  const char *rule;
  size_t hits = rawi_doc_limit_hits(d->doc, &rule);
  if (!hits && !d->duplicate_of)
    return;
  rawi_strbuf_adds(b, ",\"warnings\":[");
  if (hits) {
    char msg[256];
    int n = snprintf(msg, sizeof msg,
                     "rule %s hit a PCRE2 limit and was skipped on %zu "
                     "sentence%s",
                     rule, hits, hits > 1 ? "s" : "");
    rawi_strbuf_adds(b, "{\"code\":\"limit\",\"message\":");
    rawi_strbuf_json(b, msg, n < (int)sizeof msg ? (size_t)n : sizeof msg - 1);
    rawi_strbuf_addc(b, '}');
  }
  if (d->duplicate_of) {
    rawi_strbuf_adds(b, hits ? ",{" : "{");
    rawi_strbuf_adds(b, "\"code\":\"duplicate_id\",\"message\":\"this id is "
                        "also the id of input document ");
    rawi_strbuf_addu(b, d->duplicate_of);
    rawi_strbuf_adds(b, " of the run\"}");
  }
  rawi_strbuf_addc(b, ']');
}

void output_jsonl(rawi_strbuf *b, const rawi_doc *doc, const char *id,
                  size_t id_len, int explain, const char *meta) {
  output_doc d = {.doc = doc, .id = id, .id_len = id_len, .meta = meta};
  output_jsonl_doc(b, &d, explain);
}

void output_jsonl_doc(rawi_strbuf *b, const output_doc *d, int explain) {
  const rawi_doc *doc = d->doc;
  rawi_strbuf_addc(b, '{');
  str_field(b, "id", d->id, d->id_len);
  rawi_strbuf_addc(b, ',');
  const char *lang = rawi_lang_name(rawi_doc_lang(doc));
  str_field(b, "lang", lang, strlen(lang));
  rawi_strbuf_adds(b, ",\"entities\":[");
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    if (i)
      rawi_strbuf_addc(b, ',');
    entity_json(b, doc, i);
  }
  rawi_strbuf_adds(b, "],\"relations\":[");
  relations_json(b, doc, explain);
  rawi_strbuf_addc(b, ']');
  warnings_json(b, d);
  if (explain) {
    explain_json(b, doc);
    views_json(b, doc);
  }
  if (d->meta) {
    rawi_strbuf_adds(b, ",\"meta\":");
    rawi_strbuf_adds(b, d->meta);
  }
  rawi_strbuf_adds(b, "}\n");
}

const char *output_error_code(int code) {
  switch (code) {
  case RAWI_ERR_UTF8:
    return "invalid_utf8";
  case RAWI_ERR_TOO_BIG:
    return "too_big";
  case RAWI_ERR_NOMEM:
    return "out_of_memory";
  case RAWI_ERR_LIMIT:
    return "limit";
  case RAWI_ERR_FORMAT:
    return "bad_record";
  case RAWI_ERR_IO:
    return "io";
  default:
    return "error";
  }
}

void output_jsonl_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err) {
  const char *code = output_error_code(err->code);
  rawi_strbuf_addc(b, '{');
  str_field(b, "id", id, id_len);
  rawi_strbuf_adds(b, ",\"error\":{");
  str_field(b, "code", code, strlen(code));
  rawi_strbuf_addc(b, ',');
  str_field(b, "message", err->message, strlen(err->message));
  if (err->byte_offset != RAWI_NO_OFFSET) {
    rawi_strbuf_addc(b, ',');
    num_field(b, "byte_offset", err->byte_offset);
  }
  rawi_strbuf_adds(b, "}}\n");
}
