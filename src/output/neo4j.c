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
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    (":START_ID(Entity),:END_ID(Entity),:TYPE,document,modality,confidence:"
     "double,"
     "rule,evidence_start:long,evidence_end:long,evidence\n"),
    "document,code,message\n"};

/* A quoted cell; with safe (--csv-safe, and always in errors.csv, which is
 * read in spreadsheets, not imported), one that starts like a formula is
 * shown as text. */
static void field(rawi_strbuf *b, const char *s, size_t n, char after,
                  int safe) {
  if (safe)
    output_csv_field_safe(b, s, n);
  else
    output_csv_field(b, s, n);
  rawi_strbuf_addc(b, after);
}

static void node_entry(rawi_strbuf *b, const rawi_entity *e, int safe) {
  rawi_strbuf_addc(b, 'N');
  rawi_strbuf_add(b, e->id, strlen(e->id) + 1);
  rawi_strbuf label;
  rawi_strbuf_init(&label, NULL);
  rawi_strbuf_adds(&label, "Entity;");
  output_type_label(&label, e->type);
  field(b, e->id, strlen(e->id), ',', safe);
  field(b, label.data, label.len, ',', safe);
  field(b, e->type, strlen(e->type), ',', safe);
  field(b, e->name, strlen(e->name), '\n', safe);
  b->failed |= label.failed;
  rawi_strbuf_free(&label);
  rawi_strbuf_addc(b, '\0');
}

static void relation_entry(rawi_strbuf *b, const output_doc *d, size_t i,
                           int safe) {
  rawi_relation r;
  rawi_entity s, o;
  rawi_doc_relation(d->doc, i, &r);
  rawi_doc_entity(d->doc, r.subject, &s);
  rawi_doc_entity(d->doc, r.object, &o);
  rawi_strbuf_addc(b, 'R');
  field(b, s.id, strlen(s.id), ',', safe);
  field(b, o.id, strlen(o.id), ',', safe);
  rawi_strbuf_adds(b, "\"");
  output_rel_type(b, r.predicate);
  rawi_strbuf_adds(b, "\",");
  field(b, d->id, d->id_len, ',', safe);
  field(b, r.modality, strlen(r.modality), ',', safe);
  char buf[512];
  output_confidence(buf, sizeof buf, r.confidence);
  rawi_strbuf_adds(b, buf); /* numbers bare: typed columns */
  rawi_strbuf_addc(b, ',');
  output_rule_name(buf, sizeof buf, &r);
  field(b, buf, strlen(buf), ',', safe);
  rawi_strbuf_addu(b, r.evidence.start);
  rawi_strbuf_addc(b, ',');
  rawi_strbuf_addu(b, r.evidence.end);
  rawi_strbuf_addc(b, ',');
  size_t len;
  const char *text = rawi_doc_text(d->doc, &len);
  field(b, text + r.evidence.byte_start,
        r.evidence.byte_end - r.evidence.byte_start, '\n', safe);
  rawi_strbuf_addc(b, '\0');
}

void output_neo4j(rawi_strbuf *b, const output_doc *d,
                  const output_options *o) {
  for (size_t i = 0; i < rawi_doc_entity_count(d->doc); i++) {
    rawi_entity e;
    rawi_doc_entity(d->doc, i, &e);
    node_entry(b, &e, o->csv_safe);
  }
  for (size_t i = 0; i < rawi_doc_relation_count(d->doc); i++)
    relation_entry(b, d, i, o->csv_safe);
}

void output_neo4j_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err, const output_options *o) {
  (void)o;
  const char *code = output_error_code(err->code);
  rawi_strbuf_addc(b, 'E');
  field(b, id, id_len, ',', 1);
  field(b, code, strlen(code), ',', 1);
  field(b, err->message, strlen(err->message), '\n', 1);
  rawi_strbuf_addc(b, '\0');
}

/* --- the writer ------------------------------------------------------------
 * Whole records only, as the other formats: a document's rows go to three
 * files, so they are held in memory and written together (1 MiB at a
 * time), and when a write fails (a full disk) every file is cut back to
 * the end of the last document written whole. stdio wrote each file on
 * its own: a full disk left nodes.csv and errors.csv without their
 * headers and relationships.csv cut inside a row.
 */

enum { FLUSH_BYTES = 1 << 20 };

typedef struct csv_file {
  int fd;
  rawi_strbuf buf; /* rows not yet written */
  off_t good;      /* the file's length after its last whole record */
} csv_file;

struct output_writer {
  csv_file files[F_COUNT];
  size_t held;   /* bytes in the buffers */
  rawi_map seen; /* 64-bit hashes of the ids written to nodes.csv */
  char dir[4096];
};

static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0) {
      if (k == 0)
        errno = ENOSPC;
      return -1;
    }
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* Write every file's held rows; on a failure cut every file back to its
 * last whole record. */
static int flush_all(output_writer *w, rawi_error *err) {
  int f = 0, e = 0;
  for (; f < F_COUNT; f++) {
    csv_file *c = &w->files[f];
    if (write_all(c->fd, c->buf.data, c->buf.len)) {
      e = errno;
      break;
    }
  }
  if (f < F_COUNT) {
    for (int k = 0; k < F_COUNT; k++)
      if (ftruncate(w->files[k].fd, w->files[k].good) == 0)
        lseek(w->files[k].fd, w->files[k].good, SEEK_SET);
  } else {
    for (int k = 0; k < F_COUNT; k++)
      w->files[k].good += (off_t)w->files[k].buf.len;
  }
  for (int k = 0; k < F_COUNT; k++)
    w->files[k].buf.len = 0;
  w->held = 0;
  if (f < F_COUNT)
    return rawi_error_set(err, RAWI_ERR_IO, "cannot write %s/%s: %s", w->dir,
                          file_names[f], strerror(e));
  return 0;
}

static int writer_free(output_writer *w) {
  int rc = 0;
  for (int f = 0; f < F_COUNT; f++) {
    if (w->files[f].fd >= 0 && close(w->files[f].fd))
      rc = -1;
    rawi_strbuf_free(&w->files[f].buf);
  }
  rawi_map_free(&w->seen);
  free(w);
  return rc;
}

/* Open a file and write its header at once: a disk that is full already
 * stops the run before any document. */
static int open_file(output_writer *w, int f, rawi_error *err) {
  char path[4096 + 32];
  snprintf(path, sizeof path, "%s/%s", w->dir, file_names[f]);
  csv_file *c = &w->files[f];
  c->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (c->fd < 0 || write_all(c->fd, headers[f], strlen(headers[f]))) {
    int e = errno;
    if (c->fd >= 0 && ftruncate(c->fd, 0) == 0)
      lseek(c->fd, 0, SEEK_SET);
    return rawi_error_set(err, RAWI_ERR_IO, "cannot write %s: %s", path,
                          strerror(e));
  }
  c->good = (off_t)strlen(headers[f]);
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
  snprintf(w->dir, sizeof w->dir, "%s", path);
  rawi_map_init(&w->seen, &rawi_default_allocator);
  for (int f = 0; f < F_COUNT; f++) {
    w->files[f].fd = -1;
    rawi_strbuf_init(&w->files[f].buf, NULL);
  }
  for (int f = 0; f < F_COUNT; f++)
    if (open_file(w, f, err)) {
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
    rawi_strbuf_add(&w->files[f].buf, p, n);
    if (w->files[f].buf.failed)
      return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    w->held += n;
    p += n + 1;
  }
  return w->held >= FLUSH_BYTES ? flush_all(w, err) : 0; /* whole records */
}

static int writer_close(output_writer *w, rawi_error *err) {
  int rc = w->held && err ? flush_all(w, err) : 0; /* err NULL: free only */
  if (writer_free(w) && !rc)
    rc = rawi_error_set(err, RAWI_ERR_IO, "cannot write the csv files: %s",
                        strerror(errno));
  return rc;
}

const output_writer_ops output_neo4j_writer = {writer_open, writer_write,
                                               writer_close};
