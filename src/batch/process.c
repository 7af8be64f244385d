#include "batch/process.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "output/output.h"

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

static void error_record(rawi_strbuf *out, const rawi_strbuf *id, int code,
                         size_t offset, const char *msg, batch_counts *c) {
  rawi_error err = {.code = code, .byte_offset = offset};
  snprintf(err.message, sizeof err.message, "%s", msg);
  output_jsonl_error(out, id->data, id->len, &err);
  c->failed++;
}

/* Extract text and append the result (or the error) for id. */
static void extract(rawi_session *session, const batch_options *o,
                    const rawi_strbuf *id, const char *text, size_t len,
                    const char *meta, rawi_strbuf *out, batch_counts *c) {
  rawi_doc *doc = NULL;
  rawi_error err;
  c->text_bytes += len;
  if (rawi_extract(session, text, len, o->lang, &doc, &err) == 0) {
    output_jsonl(out, doc, id->data, id->len, o->explain, meta);
    c->entities += rawi_doc_entity_count(doc);
    c->relations += rawi_doc_relation_count(doc);
    c->warned += rawi_doc_limit_hits(doc, NULL) > 0;
  } else {
    output_jsonl_error(out, id->data, id->len, &err);
    c->failed++;
  }
  rawi_doc_free(doc);
}

/* cJSON's strings end at a NUL, so a text holding the escape \u0000 would
 * lose everything after it without a word. The escape becomes \u0020
 * instead: a space, like NUL one byte and one code point, and like NUL a
 * token separator, so offsets and tokens stay what they would have been.
 * Returns a copy of line in buf when it had such escapes, else NULL. */
static char *nul_escapes_to_spaces(const char *line, size_t len,
                                   rawi_strbuf *buf) {
  char *copy = NULL;
  for (size_t i = 0; i + 5 < len; i++) {
    if (line[i] != '\\')
      continue;
    if (!memcmp(line + i + 1, "u0000", 5)) {
      if (!copy) {
        rawi_strbuf_add(buf, line, len);
        if (buf->failed)
          return NULL;
        copy = buf->data;
      }
      memcpy(copy + i + 1, "u0020", 5);
    }
    i++; /* the escaped character never starts an escape */
  }
  return copy;
}

static void process_jsonl(rawi_session *session, const batch_options *o,
                          const batch_record *rec, rawi_strbuf *out,
                          batch_counts *c) {
  rawi_strbuf id, fixed;
  rawi_strbuf_init(&id, NULL);
  rawi_strbuf_init(&fixed, NULL);
  const char *line = nul_escapes_to_spaces(rec->data.data, rec->data.len, &fixed);
  cJSON *obj = cJSON_ParseWithLength(line ? line : rec->data.data, rec->data.len);
  if (obj)
    json_id(o, obj, rec, &id);
  else
    rawi_strbuf_add(&id, rec->id.data, rec->id.len);
  const cJSON *text = lookup(obj, o->text_field, NULL);
  char msg[240];
  if (!obj) {
    error_record(out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET,
                 "line is not valid JSON", c);
  } else if (!cJSON_IsObject(obj)) {
    error_record(out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET,
                 "line is not a JSON object", c);
  } else if (!cJSON_IsString(text)) {
    snprintf(msg, sizeof msg,
             text ? "text field '%.180s' is not a string"
                  : "no text field '%.180s'",
             o->text_field);
    error_record(out, &id, RAWI_ERR_FORMAT, RAWI_NO_OFFSET, msg, c);
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
            meta, out, c);
    cJSON_free(meta);
  }
  cJSON_Delete(obj);
  rawi_strbuf_free(&fixed);
  rawi_strbuf_free(&id);
}

/* CoNLL: the first column of each line is a token; tokens are joined by
 * spaces, sentences (blank lines) by newlines. */
static void conll_text(const rawi_strbuf *data, rawi_strbuf *text) {
  const char *p = data->data, *end = p + data->len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    size_t n = 0;
    while (p + n < eol && p[n] != ' ' && p[n] != '\t')
      n++;
    char last = text->len ? text->data[text->len - 1] : '\n';
    if (n && last != '\n')
      rawi_strbuf_addc(text, ' ');
    else if (!n && last != '\n')
      rawi_strbuf_addc(text, '\n');
    rawi_strbuf_add(text, p, n);
    p = eol + 1;
  }
}

void batch_process(rawi_session *session, const batch_options *o,
                   const batch_record *rec, rawi_strbuf *out,
                   batch_counts *c) {
  c->docs++;
  if (rec->error[0]) {
    error_record(out, &rec->id, rec->error_code, rec->error_offset,
                 rec->error, c);
  } else if (rec->format == BATCH_JSONL) {
    process_jsonl(session, o, rec, out, c);
  } else if (rec->format == BATCH_CONLL) {
    rawi_strbuf text;
    rawi_strbuf_init(&text, NULL);
    conll_text(&rec->data, &text);
    extract(session, o, &rec->id, text.data ? text.data : "", text.len, NULL,
            out, c);
    rawi_strbuf_free(&text);
  } else {
    extract(session, o, &rec->id, rec->data.data ? rec->data.data : "",
            rec->data.len, NULL, out, c);
  }
}
