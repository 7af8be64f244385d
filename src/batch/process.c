#include "batch/process.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/stages.h"
#include "batch/json.h"
#include "conll/conll.h"
#include "util/utf8.h"

void batch_counts_add(batch_counts *into, const batch_counts *c) {
  into->docs += c->docs;
  into->failed += c->failed;
  into->warned += c->warned;
  into->entities += c->entities;
  into->relations += c->relations;
  into->text_bytes += c->text_bytes;
}

/* The longest id rawi takes: an id is repeated in every triple of a
 * document's N-Triples (a 5 MB id made 1.7 GB of them). */
#define MAX_ID_BYTES 4096

/* What a JSON line holds for rawi: checked once, its id found. */
typedef struct jsonl_line {
  json_type top; /* JSON_NONE: not JSON (why says so) */
  char why[200];
  size_t why_at;
  int id_from_line;     /* the id field gave the id */
  char id_problem[200]; /* the id field cannot be an id: why */
} jsonl_line;

/* Check a JSON line and find its id: the id field exactly as written (a
 * string decoded, a number with its own digits), else file:line. */
static void read_line_id(const batch_options *o, const batch_record *rec,
                         jsonl_line *l, rawi_strbuf *id) {
  const char *s = rec->data.data ? rec->data.data : "";
  size_t n = rec->data.len, bad;
  json_span v, m;
  *l = (jsonl_line){.top = JSON_NONE};
  l->top = json_check(s, n, l->why, sizeof l->why, &l->why_at);
  json_type t =
      l->top == JSON_OBJECT ? json_find(s, n, o->id_field, &v, &m) : JSON_NONE;
  size_t start = id->len;
  if (t == JSON_STRING && json_string(s, v, id, &bad)) {
    snprintf(l->id_problem, sizeof l->id_problem,
             "id field '%.100s' holds a lone surrogate escape (%.6s) at byte "
             "%zu, which is no character",
             o->id_field, s + bad, bad);
  } else if (t == JSON_NUMBER) {
    rawi_strbuf_add(id, s + v.start, v.end - v.start);
  } else if (t != JSON_STRING) {
    t = JSON_NONE;
  }
  if (t && !l->id_problem[0] && id->len - start > MAX_ID_BYTES)
    snprintf(l->id_problem, sizeof l->id_problem,
             "id field '%.100s' is %zu bytes long; ids are at most %d bytes",
             o->id_field, id->len - start, MAX_ID_BYTES);
  l->id_from_line = t && !l->id_problem[0];
  if (!l->id_from_line) {
    id->len = start;
    rawi_strbuf_add(id, rec->id.data, rec->id.len);
  }
}

void batch_record_id(const batch_options *o, const batch_record *rec,
                     rawi_strbuf *id) {
  jsonl_line l;
  if (rec->format == BATCH_JSONL && !rec->error[0])
    read_line_id(o, rec, &l, id);
  else
    rawi_strbuf_add(id, rec->id.data, rec->id.len);
}

static void error_record(const batch_options *o, rawi_strbuf *out,
                         const rawi_strbuf *id, int code, size_t offset,
                         const char *msg, batch_counts *c) {
  rawi_error err = {.code = code, .byte_offset = offset};
  snprintf(err.message, sizeof err.message, "%.*s", (int)sizeof err.message - 1,
           msg);
  o->format->error(out, id->data, id->len, &err, &o->out);
  c->failed++;
}

/* Let a buffer go (NULL: none). */
static void drop(rawi_strbuf *b) {
  if (b) {
    rawi_strbuf_free(b);
    rawi_strbuf_init(b, NULL);
  }
}

/* Extract the text of rec and append the result (or the error) for id.
 * The document holds its own copy of the text, so the buffers the text
 * came from (spent, spent2: the input record, a decoded copy; NULL when
 * they must stay) are let go before the output is made: a large
 * document's record is then not in memory two or three times over. */
static void extract(rawi_session *session, const batch_options *o,
                    const batch_record *rec, const rawi_strbuf *id,
                    const char *text, size_t len, const char *meta,
                    rawi_strbuf *spent, rawi_strbuf *spent2, rawi_strbuf *out,
                    batch_counts *c) {
  rawi_doc *doc = NULL;
  rawi_error err;
  c->text_bytes += len;
  int rc = rawi_extract(session, text, len, o->lang, &doc, &err);
  drop(spent);
  drop(spent2);
  if (rc == 0) {
    output_doc od = {.doc = doc,
                     .id = id->data,
                     .id_len = id->len,
                     .meta = meta,
                     .duplicate_of = rec->duplicate_of};
    if (rec->format == BATCH_CONLL) { /* CoNLL output follows its lines */
      od.source = rec->data.data;
      od.source_len = rec->data.len;
      od.head = rec->head.data;
      od.head_len = rec->head.len;
    }
    RAWI_STAGE_BEGIN(stage_t0);
    o->format->record(out, &od, &o->out);
    RAWI_STAGE_END(stage_t0, RAWI_STAGE_WRITING);
    c->entities += rawi_doc_entity_count(doc);
    c->relations += rawi_doc_relation_count(doc);
    c->warned += rawi_doc_limit_hits(doc, NULL) > 0 || rec->duplicate_of;
  } else {
    o->format->error(out, id->data, id->len, &err, &o->out);
    c->failed++;
  }
  rawi_doc_free(doc);
}

/* The other fields of the line, for --keep-fields: its text less the text
 * and id members, so that every field is passed through exactly as
 * written (numbers keep their digits). NULL with c's error record made
 * when what would be passed through is not UTF-8. */
static char *kept_fields(const batch_options *o, const batch_record *rec,
                         const rawi_strbuf *id, json_span text_member,
                         rawi_strbuf *out, batch_counts *c) {
  const char *s = rec->data.data;
  size_t n = rec->data.len, bad;
  json_span cut[2] = {text_member}, v, m;
  size_t k = 1;
  if (json_find(s, n, o->id_field, &v, &m))
    cut[k++] = m;
  /* the bytes outside the cut members, in line order, must be UTF-8 */
  json_span in_order[2] = {cut[0], cut[1]};
  if (k == 2 && cut[1].start < cut[0].start)
    in_order[0] = cut[1], in_order[1] = cut[0];
  const char *why;
  char msg[200];
  for (size_t from = 0, j = 0; j <= k; j++) {
    size_t to = j < k ? in_order[j].start : n;
    if (to > from && !rawi_utf8_valid(s + from, to - from, &bad, &why)) {
      snprintf(msg, sizeof msg,
               "a field --keep-fields would copy is not utf-8 (%s at byte "
               "%zu of the line)",
               why, from + bad);
      error_record(o, out, id, RAWI_ERR_UTF8, from + bad, msg, c);
      return NULL;
    }
    int problem = to > from ? json_uncopyable(s, from, to, &bad) : 0;
    if (problem == JSON_RAW_CONTROL)
      snprintf(msg, sizeof msg,
               "a field --keep-fields would copy holds a control character "
               "(0x%02X) that JSON must escape, at byte %zu of the line",
               (unsigned char)s[bad], bad);
    else if (problem == JSON_LONE_SURROGATE)
      snprintf(msg, sizeof msg,
               "a field --keep-fields would copy holds a lone surrogate "
               "escape (%.6s) at byte %zu of the line, which is no character",
               s + bad, bad);
    if (problem) {
      error_record(o, out, id, RAWI_ERR_FORMAT, bad, msg, c);
      return NULL;
    }
    if (j < k && in_order[j].end > from)
      from = in_order[j].end;
  }
  rawi_strbuf meta;
  rawi_strbuf_init(&meta, NULL);
  json_without(s, n, cut, k, &meta);
  if (meta.failed) {
    error_record(o, out, id, RAWI_ERR_NOMEM, RAWI_NO_OFFSET, "out of memory",
                 c);
    rawi_strbuf_free(&meta);
    return NULL;
  }
  return meta.data; /* json_without wrote at least the braces */
}

static void process_jsonl(rawi_session *session, const batch_options *o,
                          const batch_record *rec, batch_record *spend,
                          rawi_strbuf *out, batch_counts *c) {
  rawi_strbuf id, text;
  rawi_strbuf_init(&id, NULL);
  rawi_strbuf_init(&text, NULL);
  jsonl_line l;
  read_line_id(o, rec, &l, &id);
  const char *s = rec->data.data;
  size_t n = rec->data.len, bad;
  json_span v = {0, 0}, m = {0, 0};
  json_type t =
      l.top == JSON_OBJECT ? json_find(s, n, o->text_field, &v, &m) : JSON_NONE;
  char msg[320];
  if (!l.top) {
    snprintf(msg, sizeof msg, "line is not valid JSON: %s", l.why);
    error_record(o, out, &id, RAWI_ERR_FORMAT, l.why_at, msg, c);
  } else if (l.top != JSON_OBJECT) {
    error_record(o, out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET,
                 "line is not a JSON object", c);
  } else if (l.id_problem[0]) {
    error_record(o, out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET, l.id_problem, c);
  } else if (t != JSON_STRING) {
    snprintf(msg, sizeof msg,
             t ? "text field '%.180s' is not a string"
               : "no text field '%.180s'",
             o->text_field);
    error_record(o, out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET, msg, c);
  } else if (json_string(s, v, &text, &bad)) {
    snprintf(msg, sizeof msg,
             "text field '%.100s' holds a lone surrogate escape (%.6s) at "
             "byte %zu of the line, which is no character",
             o->text_field, s + bad, bad);
    error_record(o, out, &id, RAWI_ERR_FORMAT, bad, msg, c);
  } else {
    char *meta = NULL;
    if (!o->keep_fields || (meta = kept_fields(o, rec, &id, m, out, c))) {
      extract(session, o, rec, &id, text.data ? text.data : "", text.len, meta,
              spend ? &spend->data : NULL, spend ? &text : NULL, out, c);
    }
    free(meta);
  }
  rawi_strbuf_free(&text);
  rawi_strbuf_free(&id);
}

/* With spend (rec itself, writable), the record's data may be let go once
 * extracted (CoNLL output still needs its lines). */
static void process(rawi_session *session, const batch_options *o,
                    const batch_record *rec, batch_record *spend,
                    rawi_strbuf *out, batch_counts *c) {
  c->docs++;
  if (rec->error[0]) {
    error_record(o, out, &rec->id, rec->error_code, rec->error_offset,
                 rec->error, c);
  } else if (rec->format == BATCH_JSONL) {
    process_jsonl(session, o, rec, spend, out, c);
  } else if (rec->format == BATCH_CONLL) {
    rawi_strbuf text;
    rawi_strbuf_init(&text, NULL);
    conll_text(rec->data.data, rec->data.len, &text);
    extract(session, o, rec, &rec->id, text.data ? text.data : "", text.len,
            NULL, NULL, &text, out, c);
    rawi_strbuf_free(&text);
  } else {
    extract(session, o, rec, &rec->id, rec->data.data ? rec->data.data : "",
            rec->data.len, NULL, spend ? &spend->data : NULL, NULL, out, c);
  }
}

void batch_process(rawi_session *session, const batch_options *o,
                   const batch_record *rec, rawi_strbuf *out, batch_counts *c) {
  process(session, o, rec, NULL, out, c);
}

void batch_process_spending(rawi_session *session, const batch_options *o,
                            batch_record *rec, rawi_strbuf *out,
                            batch_counts *c) {
  process(session, o, rec, rec, out, c);
}
