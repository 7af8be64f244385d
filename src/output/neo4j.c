/*
 * neo4j-admin import files (docs/output.md): a directory with nodes.csv
 * (one row per entity, however many documents name it), relationships.csv
 * (one row per relation and document) and errors.csv (documents that
 * failed). Headers follow the neo4j-admin header format; every field is
 * quoted as RFC 4180 says.
 *
 * The rows are made on the worker threads like any record; the writer, on
 * the writing thread, sends each row to its file and drops the node rows
 * of entities already written. A record is a run of entries, each a tag
 * byte and NUL-terminated parts (the CSV rows hold no NUL: escape.h):
 *   'N' id NUL row NUL      'R' row NUL      'E' row NUL
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "output/escape.h"
#include "output/output.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/mem.h"

enum { F_NODES, F_RELS, F_ERRORS, F_COUNT };
static const char *const file_names[F_COUNT] = {
    "nodes.csv", "relationships.csv", "errors.csv"};
static const char *const headers[F_COUNT] = {
    "id:ID(Entity),:LABEL,type,name\n",
    (":START_ID(Entity),:END_ID(Entity),:TYPE,document,confidence:double,"
     "rule,evidence_start:long,evidence_end:long,evidence\n"),
    "document,code,message\n"};

static void field(rawi_strbuf *b, const char *s, size_t n, char after) {
  output_csv_field(b, s, n);
  rawi_strbuf_addc(b, after);
}

static void node_entry(rawi_strbuf *b, const rawi_entity *e) {
  rawi_strbuf_addc(b, 'N');
  rawi_strbuf_add(b, e->id, strlen(e->id) + 1);
  rawi_strbuf label;
  rawi_strbuf_init(&label, NULL);
  rawi_strbuf_adds(&label, "Entity;");
  output_type_label(&label, e->type);
  field(b, e->id, strlen(e->id), ',');
  field(b, label.data, label.len, ',');
  field(b, e->type, strlen(e->type), ',');
  field(b, e->name, strlen(e->name), '\n');
  b->failed |= label.failed;
  rawi_strbuf_free(&label);
  rawi_strbuf_addc(b, '\0');
}

static void relation_entry(rawi_strbuf *b, const output_doc *d, size_t i) {
  rawi_relation r;
  rawi_entity s, o;
  rawi_doc_relation(d->doc, i, &r);
  rawi_doc_entity(d->doc, r.subject, &s);
  rawi_doc_entity(d->doc, r.object, &o);
  rawi_strbuf_addc(b, 'R');
  field(b, s.id, strlen(s.id), ',');
  field(b, o.id, strlen(o.id), ',');
  rawi_strbuf_adds(b, "\"");
  output_rel_type(b, r.predicate);
  rawi_strbuf_adds(b, "\",");
  field(b, d->id, d->id_len, ',');
  char buf[512];
  output_confidence(buf, sizeof buf, r.confidence);
  rawi_strbuf_adds(b, buf); /* numbers bare: typed columns */
  rawi_strbuf_addc(b, ',');
  output_rule_name(buf, sizeof buf, &r);
  field(b, buf, strlen(buf), ',');
  rawi_strbuf_addu(b, r.evidence.start);
  rawi_strbuf_addc(b, ',');
  rawi_strbuf_addu(b, r.evidence.end);
  rawi_strbuf_addc(b, ',');
  size_t len;
  const char *text = rawi_doc_text(d->doc, &len);
  field(b, text + r.evidence.byte_start,
        r.evidence.byte_end - r.evidence.byte_start, '\n');
  rawi_strbuf_addc(b, '\0');
}

void output_neo4j(rawi_strbuf *b, const output_doc *d,
                  const output_options *o) {
  (void)o;
  for (size_t i = 0; i < rawi_doc_entity_count(d->doc); i++) {
    rawi_entity e;
    rawi_doc_entity(d->doc, i, &e);
    node_entry(b, &e);
  }
  for (size_t i = 0; i < rawi_doc_relation_count(d->doc); i++)
    relation_entry(b, d, i);
}

void output_neo4j_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err, const output_options *o) {
  (void)o;
  const char *code = output_error_code(err->code);
  rawi_strbuf_addc(b, 'E');
  field(b, id, id_len, ',');
  field(b, code, strlen(code), ',');
  field(b, err->message, strlen(err->message), '\n');
  rawi_strbuf_addc(b, '\0');
}

/* --- the writer ------------------------------------------------------------
 */

struct output_writer {
  FILE *files[F_COUNT];
  rawi_map seen; /* 64-bit hashes of the ids written to nodes.csv */
};

static int writer_free(output_writer *w) {
  int rc = 0;
  for (int f = 0; f < F_COUNT; f++)
    if (w->files[f] && fclose(w->files[f]))
      rc = -1;
  rawi_map_free(&w->seen);
  free(w);
  return rc;
}

static int open_file(output_writer *w, const char *dir, int f,
                     rawi_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, file_names[f]);
  if (!(w->files[f] = fopen(path, "w")) || fputs(headers[f], w->files[f]) < 0)
    return rawi_error_set(err, RAWI_ERR_IO, "cannot write %s: %s", path,
                          strerror(errno));
  return 0;
}

static output_writer *writer_open(const char *path, const output_options *o,
                                  rawi_error *err) {
  (void)o;
  if (!path || !strcmp(path, "-")) {
    rawi_error_set(err, RAWI_ERR_INVALID,
                   "--format neo4j writes a directory: give -o DIR");
    return NULL;
  }
  if (mkdir(path, 0777) && errno != EEXIST) {
    rawi_error_set(err, RAWI_ERR_IO, "cannot create %s: %s", path,
                   strerror(errno));
    return NULL;
  }
  output_writer *w = calloc(1, sizeof *w);
  if (!w) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  rawi_map_init(&w->seen, &rawi_default_allocator);
  for (int f = 0; f < F_COUNT; f++)
    if (open_file(w, path, f, err)) {
      writer_free(w);
      return NULL;
    }
  return w;
}

/* 1 when the entity is new to nodes.csv (UINT64_MAX is the map's empty
 * key; a 64-bit hash collision between two ids is not expected below
 * billions of entities). */
static int first_time(output_writer *w, const char *id, rawi_error *err) {
  uint64_t h = rawi_hash_bytes(id, strlen(id));
  uint32_t *slot;
  int rc = rawi_map_put(&w->seen, h == UINT64_MAX ? 0 : h, 0, &slot);
  if (rc < 0)
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  return rc;
}

static int writer_write(output_writer *w, const char *data, size_t len,
                        rawi_error *err) {
  const char *p = data, *end = data + len;
  while (p < end) {
    char tag = *p++;
    int f = tag == 'N' ? F_NODES : tag == 'R' ? F_RELS : F_ERRORS;
    if (f == F_NODES) {
      int fresh = first_time(w, p, err);
      if (fresh < 0)
        return -1;
      p += strlen(p) + 1;
      if (!fresh) {
        p += strlen(p) + 1;
        continue;
      }
    }
    size_t n = strlen(p);
    if (fwrite(p, 1, n, w->files[f]) != n)
      return rawi_error_set(err, RAWI_ERR_IO, "cannot write %s: %s",
                            file_names[f], strerror(errno));
    p += n + 1;
  }
  return 0;
}

static int writer_close(output_writer *w, rawi_error *err) {
  if (writer_free(w))
    return rawi_error_set(err, RAWI_ERR_IO, "cannot write the csv files: %s",
                          strerror(errno));
  return 0;
}

const output_writer_ops output_neo4j_writer = {writer_open, writer_write,
                                               writer_close};
