/*
 * One JSONL record of `rawi extract` into the graph. A record is checked
 * whole before anything of it is added, so a malformed line leaves no
 * trace but its message; the one exception is a relation whose subject or
 * object is not among the record's entities, which is skipped alone (the
 * entities are good) and reported.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "graph/internal.h"
#include "util/error.h"

/* What a record's fields are, once checked. */
typedef struct record {
  const char *id;
  char *id_owned; /* a number's text */
  const char *lang;
  const cJSON *entities, *relations, *error;
} record;

static const cJSON *field(const cJSON *obj, const char *name) {
  return cJSON_GetObjectItemCaseSensitive(obj, name);
}

/* A string field: 1 when it is a string, 0 when absent (and optional), or
 * -1 with err set. */
static int string_field(const cJSON *obj, const char *name, int optional,
                        const char *where, size_t i, rawi_error *err) {
  const cJSON *v = field(obj, name);
  if (cJSON_IsString(v))
    return 1;
  if (!v && optional)
    return 0;
  rawi_error_set(err, RAWI_ERR_INVALID, "%s[%zu].%s is %s", where, i, name,
                 v ? "not a string" : "missing");
  return -1;
}

static int check_array(const cJSON *v, const char *name, rawi_error *err) {
  if (!v || cJSON_IsArray(v))
    return 0;
  return rawi_error_set(err, RAWI_ERR_INVALID, "%s is not an array", name);
}

static int check_entity(const cJSON *e, size_t i, rawi_error *err) {
  if (!cJSON_IsObject(e))
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "entities[%zu] is not an object", i);
  if (string_field(e, "id", 0, "entities", i, err) < 0 ||
      string_field(e, "type", 0, "entities", i, err) < 0 ||
      string_field(e, "name", 1, "entities", i, err) < 0)
    return RAWI_ERR_INVALID;
  const cJSON *m = field(e, "mentions");
  if (m && !cJSON_IsArray(m))
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "entities[%zu].mentions is not an array", i);
  return 0;
}

static int check_relation(const cJSON *r, size_t i, rawi_error *err) {
  if (!cJSON_IsObject(r))
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "relations[%zu] is not an object", i);
  static const char *const need[] = {"subject", "predicate", "object"};
  for (size_t k = 0; k < 3; k++)
    if (string_field(r, need[k], 0, "relations", i, err) < 0)
      return RAWI_ERR_INVALID;
  if (string_field(r, "modality", 1, "relations", i, err) < 0 ||
      string_field(r, "rule", 1, "relations", i, err) < 0)
    return RAWI_ERR_INVALID;
  const cJSON *ev = field(r, "evidence");
  if (ev && !cJSON_IsObject(ev))
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "relations[%zu].evidence is not an object", i);
  return 0;
}

/* The record's id: a string, or a number as JSON writes it. */
static int record_id(const cJSON *obj, record *r, rawi_error *err) {
  const cJSON *id = field(obj, "id");
  if (cJSON_IsString(id)) {
    r->id = id->valuestring;
    return 0;
  }
  if (cJSON_IsNumber(id) && (r->id_owned = cJSON_PrintUnformatted(id))) {
    r->id = r->id_owned;
    return 0;
  }
  return rawi_error_set(err, RAWI_ERR_INVALID, "no id (a string)");
}

/* A language tag as BCP 47 spells one: 1 to 8 letters, then subtags of 1
 * to 8 letters or digits after '-'. Anything else is no language. */
static const char *lang_tag(const cJSON *v) {
  if (!cJSON_IsString(v))
    return "";
  const char *s = v->valuestring;
  size_t run = 0, subtag = 0;
  for (const char *p = s; *p; p++) {
    char c = *p;
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    int digit = c >= '0' && c <= '9';
    if (c == '-' && run) {
      run = 0;
      subtag++;
    } else if ((letter || (digit && subtag)) && run < 8) {
      run++;
    } else {
      return "";
    }
  }
  return run ? s : "";
}

static int check_record(const cJSON *obj, record *r, rawi_error *err) {
  if (!cJSON_IsObject(obj))
    return rawi_error_set(err, RAWI_ERR_INVALID, "line is not a JSON object");
  if (record_id(obj, r, err))
    return RAWI_ERR_INVALID;
  r->lang = lang_tag(field(obj, "lang"));
  r->error = field(obj, "error");
  r->entities = field(obj, "entities");
  r->relations = field(obj, "relations");
  if (r->error) {
    if (!cJSON_IsObject(r->error))
      return rawi_error_set(err, RAWI_ERR_INVALID, "error is not an object");
    return 0;
  }
  if (!r->entities)
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "not a record of rawi extract: no entities or error");
  if (check_array(r->entities, "entities", err) ||
      check_array(r->relations, "relations", err))
    return RAWI_ERR_INVALID;
  size_t i = 0;
  const cJSON *v;
  cJSON_ArrayForEach(v, r->entities) {
    if (check_entity(v, i++, err))
      return RAWI_ERR_INVALID;
  }
  i = 0;
  cJSON_ArrayForEach(v, r->relations) {
    if (check_relation(v, i++, err))
      return RAWI_ERR_INVALID;
  }
  return 0;
}

/* --- adding ----------------------------------------------------------------
 */

static const char *string_or(const cJSON *obj, const char *name,
                             const char *dflt) {
  const cJSON *v = field(obj, name);
  return cJSON_IsString(v) ? v->valuestring : dflt;
}

/* Name mentions of an entity (a mention without a kind is a name). */
static uint64_t name_mentions(const cJSON *e) {
  uint64_t n = 0;
  const cJSON *m;
  cJSON_ArrayForEach(m, field(e, "mentions")) {
    const char *kind = string_or(m, "kind", "name");
    n += !strcmp(kind, "name");
  }
  return n;
}

static int add_entity(graph *g, const cJSON *e, uint32_t lang, uint64_t seq,
                      rawi_error *err) {
  uint32_t type, ent;
  const char *type_s = string_or(e, "type", "");
  int rc = graph_atom(g, type_s, strlen(type_s), &type);
  if (!rc)
    rc = graph_entity_get(g, string_or(e, "id", ""), type, &ent);
  if (rc)
    return rc;
  const char *name = string_or(e, "name", "");
  int fresh = 0;
  if (*name && (rc = graph_name_add(g, ent, lang, name, 1, &fresh)))
    return rc;
  if (fresh && (g->ents[ent].flags & ENT_PERSON) &&
      (rc = graph_name_words(g, ent, name, err)))
    return rc;
  graph_entity *row = &g->ents[ent];
  uint64_t mentions = name_mentions(e);
  row->mentions += mentions;
  if (row->last_doc != seq + 1) {
    row->documents++;
    row->last_doc = seq + 1;
  }
  return spill_mention_add(g->spill, ent, mentions, err);
}

/* A non-negative whole number, or SPILL_NO_OFFSET. */
static uint64_t offset(const cJSON *obj, const char *name) {
  const cJSON *v = field(obj, name);
  if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 9e15 ||
      v->valuedouble != floor(v->valuedouble))
    return SPILL_NO_OFFSET;
  return (uint64_t)v->valuedouble;
}

/* An endpoint of a relation: an entity of this record. */
static uint32_t endpoint(const graph *g, const char *id, uint64_t seq) {
  uint32_t e = graph_entity_find(g, id);
  return e != GRAPH_NONE && g->ents[e].last_doc == seq + 1 ? e : GRAPH_NONE;
}

/* Relation number i (from 0). Returns 0, 2 when it names an entity the
 * record does not have (skipped, err set), or a negative status. */
static int add_relation(graph *g, const cJSON *r, size_t i,
                        const spill_doc *doc, rawi_error *err) {
  const char *subject = string_or(r, "subject", "");
  const char *object = string_or(r, "object", "");
  uint32_t s = endpoint(g, subject, doc->seq),
           o = endpoint(g, object, doc->seq);
  if (s == GRAPH_NONE || o == GRAPH_NONE) {
    rawi_error_set(err, RAWI_ERR_INVALID,
                   "relations[%zu]: %s '%s' is not an entity of the record", i,
                   s == GRAPH_NONE ? "subject" : "object",
                   s == GRAPH_NONE ? subject : object);
    return 2;
  }
  const char *pred = string_or(r, "predicate", "");
  const char *mod = string_or(r, "modality", "asserted");
  const char *rule = string_or(r, "rule", "");
  const cJSON *conf = field(r, "confidence"), *ev = field(r, "evidence");
  spill_evidence e = {.number = (uint32_t)i + 1,
                      .start = offset(ev, "start"),
                      .end = offset(ev, "end"),
                      .confidence =
                          cJSON_IsNumber(conf) ? conf->valuedouble : -1,
                      .text = string_or(ev, "text", "")};
  e.text_len = strlen(e.text);
  uint32_t p, m;
  int rc = graph_atom(g, pred, strlen(pred), &p);
  if (!rc)
    rc = graph_atom(g, mod, strlen(mod), &m);
  if (!rc)
    rc = graph_atom(g, rule, strlen(rule), &e.rule);
  if (!rc)
    rc = graph_edge_get(g, s, p, o, m, &e.edge);
  if (!rc)
    rc = graph_edge_count(g, e.edge, doc->seq, doc->id, e.confidence);
  if (rc)
    return rc;
  g->stats.evidence++;
  return spill_evidence_add(g->spill, &e, err);
}

static int add_record(graph *g, const record *r, rawi_error *err) {
  spill_doc doc = {
      .seq = g->docs, .id = r->id, .id_len = strlen(r->id), .lang = r->lang};
  if (r->error) {
    doc.code = string_or(r->error, "code", "unknown");
    doc.message = string_or(r->error, "message", "");
  }
  uint32_t lang;
  int rc = spill_doc_add(g->spill, &doc, err);
  if (!rc)
    rc = graph_atom(g, r->lang, strlen(r->lang), &lang);
  if (rc)
    return rc;
  g->docs++;
  g->stats.documents++;
  if (r->error) {
    g->stats.failed++;
    return 0;
  }
  const cJSON *v;
  cJSON_ArrayForEach(v, r->entities) {
    if ((rc = add_entity(g, v, lang, doc.seq, err)))
      return rc;
  }
  int partial = 0;
  size_t i = 0;
  cJSON_ArrayForEach(v, r->relations) {
    rawi_error one;
    rawi_error_clear(&one);
    rc = add_relation(g, v, i++, &doc, &one);
    if (err && (rc < 0 || (rc == 2 && !partial))) /* the first skip is told */
      *err = one;
    if (rc < 0)
      return rc;
    partial |= rc == 2;
  }
  return partial ? 2 : 0;
}

/* Status codes of the tables as messages. */
static int table_error(int rc, rawi_error *err) {
  if (err && err->code == rc)
    return rc; /* already said */
  return rawi_error_set(err, rc,
                        rc == RAWI_ERR_NOMEM ? "out of memory"
                        : rc == RAWI_ERR_TOO_BIG
                            ? "more than 4 billion rows"
                            : "two ids share a 64-bit hash");
}

int graph_add(graph *g, const char *line, size_t len, rawi_error *err) {
  rawi_error_clear(err);
  if (g->finished)
    return rawi_error_set(err, RAWI_ERR_INVALID, "graph already finished");
  cJSON *obj = cJSON_ParseWithLength(line, len);
  if (!obj) {
    rawi_error_set(err, RAWI_ERR_INVALID, "line is not valid JSON");
    return 1;
  }
  record r = {0};
  int rc = check_record(obj, &r, err);
  if (rc == 0) {
    rc = add_record(g, &r, err);
    if (rc < 0)
      rc = table_error(rc, err);
  } else {
    rc = 1;
  }
  cJSON_free(r.id_owned);
  cJSON_Delete(obj);
  return rc;
}
