#define _GNU_SOURCE /* memmem */
#include "batch/process.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/conll.h"

void batch_counts_add(batch_counts *into, const batch_counts *c) {
  into->docs += c->docs;
  into->failed += c->failed;
  into->warned += c->warned;
  into->entities += c->entities;
  into->relations += c->relations;
  into->text_bytes += c->text_bytes;
}

/* Follow a dotted path ("meta.id") into a JSON object; with parent, stop
 * one step short and leave the last key in *last. */
static cJSON *lookup(cJSON *obj, const char *path, const char **last) {
  char part[256];
  while (obj && *path) {
    const char *dot = strchr(path, '.');
    if (!dot && last) {
      *last = path;
      return obj;
    }
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (n >= sizeof part)
      return NULL;
    memcpy(part, path, n);
    part[n] = '\0';
    obj = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, part)
                              : NULL;
    path += n + (dot != NULL);
  }
  return obj;
}

static void remove_path(cJSON *obj, const char *path) {
  const char *last = NULL;
  cJSON *parent = lookup(obj, path, &last);
  if (cJSON_IsObject(parent) && last)
    cJSON_DeleteItemFromObjectCaseSensitive(parent, last);
}

/* A JSON line's id: its id field (a string or a number), else file:line. */
static void json_id(const batch_options *o, cJSON *obj,
                    const batch_record *rec, rawi_strbuf *id) {
  const cJSON *v = lookup(obj, o->id_field, NULL);
  char num[32];
  if (cJSON_IsString(v)) {
    rawi_strbuf_adds(id, v->valuestring);
  } else if (cJSON_IsNumber(v)) {
    snprintf(num, sizeof num, "%.17g", v->valuedouble);
    rawi_strbuf_adds(id, num);
  } else {
    rawi_strbuf_add(id, rec->id.data, rec->id.len);
  }
}

void batch_record_id(const batch_options *o, const batch_record *rec,
                     rawi_strbuf *id) {
  cJSON *obj = NULL;
  if (rec->format == BATCH_JSONL && !rec->error[0])
    obj = cJSON_ParseWithLength(rec->data.data, rec->data.len);
  if (obj)
    json_id(o, obj, rec, id);
  else
    rawi_strbuf_add(id, rec->id.data, rec->id.len);
  cJSON_Delete(obj);
}

static void error_record(const batch_options *o, rawi_strbuf *out,
                         const rawi_strbuf *id, int code, size_t offset,
                         const char *msg, batch_counts *c) {
  rawi_error err = {.code = code, .byte_offset = offset};
  snprintf(err.message, sizeof err.message, "%s", msg);
  o->format->error(out, id->data, id->len, &err, &o->out);
  c->failed++;
}

/* Extract text and append the result (or the error) for id. */
static void extract(rawi_session *session, const batch_options *o,
                    const rawi_strbuf *id, const char *text, size_t len,
                    const char *meta, const batch_record *conll,
                    rawi_strbuf *out, batch_counts *c) {
  rawi_doc *doc = NULL;
  rawi_error err;
  c->text_bytes += len;
  if (rawi_extract(session, text, len, o->lang, &doc, &err) == 0) {
    output_doc od = {doc, id->data, id->len, meta, NULL, 0, NULL, 0};
    if (conll) { /* CoNLL output follows the lines of a CoNLL input */
      od.source = conll->data.data;
      od.source_len = conll->data.len;
      od.head = conll->head.data;
      od.head_len = conll->head.len;
    }
    o->format->record(out, &od, &o->out);
    c->entities += rawi_doc_entity_count(doc);
    c->relations += rawi_doc_relation_count(doc);
    c->warned += rawi_doc_limit_hits(doc, NULL) > 0;
  } else {
    o->format->error(out, id->data, id->len, &err, &o->out);
    c->failed++;
  }
  rawi_doc_free(doc);
}

/* cJSON ends a string at an escaped NUL (\u0000), which would cut the
 * text there. A copy of the line with each such escape read as \u0020
 * keeps the whole text, and every offset: both are one byte, one code
 * point. NULL when the line has none (or no memory: parse it as it is). */
static char *nul_escapes_as_spaces(const char *line, size_t len) {
  if (!memmem(line, len, "\\u0000", 6))
    return NULL;
  char *copy = malloc(len);
  if (!copy)
    return NULL;
  memcpy(copy, line, len);
  for (size_t i = 0; i + 6 <= len; i++) {
    if (copy[i] != '\\')
      continue;
    if (!memcmp(copy + i, "\\u0000", 6))
      memcpy(copy + i, "\\u0020", 6);
    i++; /* skip the escaped character, so \\u0000 stays as it is */
  }
  return copy;
}

static void process_jsonl(rawi_session *session, const batch_options *o,
                          const batch_record *rec, rawi_strbuf *out,
                          batch_counts *c) {
  rawi_strbuf id;
  rawi_strbuf_init(&id, NULL);
  char *fixed = nul_escapes_as_spaces(rec->data.data, rec->data.len);
  cJSON *obj = cJSON_ParseWithLength(fixed ? fixed : rec->data.data,
                                     rec->data.len);
  free(fixed);
  if (obj)
    json_id(o, obj, rec, &id);
  else
    rawi_strbuf_add(&id, rec->id.data, rec->id.len);
  const cJSON *text = lookup(obj, o->text_field, NULL);
  char msg[240];
  if (!obj) {
    error_record(o, out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET,
                 "line is not valid JSON", c);
  } else if (!cJSON_IsObject(obj)) {
    error_record(o, out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET,
                 "line is not a JSON object", c);
  } else if (!cJSON_IsString(text)) {
    snprintf(msg, sizeof msg,
             text ? "text field '%.180s' is not a string"
                  : "no text field '%.180s'",
             o->text_field);
    error_record(o, out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET, msg, c);
  } else {
    char *meta = NULL;
    if (o->keep_fields) {
      cJSON *rest = cJSON_Duplicate(obj, 1);
      remove_path(rest, o->text_field);
      remove_path(rest, o->id_field);
      meta = rest ? cJSON_PrintUnformatted(rest) : NULL;
      cJSON_Delete(rest);
    }
    extract(session, o, &id, text->valuestring, strlen(text->valuestring),
            meta, NULL, out, c);
    cJSON_free(meta);
  }
  cJSON_Delete(obj);
  rawi_strbuf_free(&id);
}

void batch_process(rawi_session *session, const batch_options *o,
                   const batch_record *rec, rawi_strbuf *out,
                   batch_counts *c) {
  c->docs++;
  if (rec->error[0]) {
    error_record(o, out, &rec->id, rec->error_code, rec->error_offset,
                 rec->error, c);
  } else if (rec->format == BATCH_JSONL) {
    process_jsonl(session, o, rec, out, c);
  } else if (rec->format == BATCH_CONLL) {
    rawi_strbuf text;
    rawi_strbuf_init(&text, NULL);
    output_conll_text(rec->data.data, rec->data.len, &text);
    extract(session, o, &rec->id, text.data ? text.data : "", text.len, NULL,
            rec, out, c);
    rawi_strbuf_free(&text);
  } else {
    extract(session, o, &rec->id, rec->data.data ? rec->data.data : "",
            rec->data.len, NULL, NULL, out, c);
  }
}
