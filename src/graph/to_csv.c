/*
 * The graph as neo4j-admin import files (docs/output.md, "rawi graph"): a
 * directory with a CSV file per kind of node and relationship, headers in
 * the neo4j-admin header format, every string field quoted by the escaper
 * of `rawi extract --format neo4j` (output/escape.h).
 *
 *   nodes.csv          entities
 *   relationships.csv  facts between entities
 *   documents.csv      documents
 *   mentioned_in.csv   entity -> document, with the name mentions there
 *   evidence.csv       a node per relation read, with its fact's id
 *   evidence_in.csv    evidence -> document
 *
 * Lists (names, languages, merged_from) are string[] columns whose items
 * are separated by a tab: import with --array-delimiter=TAB. A tab inside
 * an item is written as a space.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "graph/internal.h"
#include "output/escape.h"
#include "output/output.h"
#include "util/error.h"

enum { F_NODES, F_RELS, F_DOCS, F_MENTIONS, F_EVIDENCE, F_EVIDENCE_IN, F_N };

static const char *const file_names[F_N] = {
    "nodes.csv",        "relationships.csv", "documents.csv",
    "mentioned_in.csv", "evidence.csv",      "evidence_in.csv"};

static const char *const headers[F_N] = {
    "id:ID(Entity),:LABEL,type,name,names:string[],languages:string[],"
    "mentions:long,documents:long,merged_from:string[]\n",
    ":START_ID(Entity),:END_ID(Entity),:TYPE,id,modality,count:long,"
    "first_document,last_document,confidence:double\n",
    "id:ID(Document),:LABEL,lang,error_code,error_message\n",
    ":START_ID(Entity),:END_ID(Document),:TYPE,mentions:long\n",
    "id:ID(Evidence),:LABEL,fact,predicate,modality,document,rule,"
    "confidence:double,evidence_start:long,evidence_end:long,evidence\n",
    ":START_ID(Evidence),:END_ID(Document),:TYPE\n"};

typedef struct csv_ctx {
  graph *g;
  graph_out out[F_N];
  rawi_strbuf list; /* a list column being joined */
  rawi_error *err;
} csv_ctx;

static void field(rawi_strbuf *b, const char *s, size_t n, char after) {
  output_csv_field(b, s, n);
  rawi_strbuf_addc(b, after);
}

static void fields(rawi_strbuf *b, const char *s, char after) {
  field(b, s, strlen(s), after);
}

static void number(rawi_strbuf *b, unsigned long long v, char after) {
  rawi_strbuf_addu(b, v);
  rawi_strbuf_addc(b, after);
}

/* A typed number column: empty when the value is not known. */
static void offset(rawi_strbuf *b, uint64_t v, char after) {
  if (v != SPILL_NO_OFFSET)
    rawi_strbuf_addu(b, v);
  rawi_strbuf_addc(b, after);
}

static void confidence(rawi_strbuf *b, double v, char after) {
  char buf[32];
  if (v >= 0) {
    output_confidence(buf, sizeof buf, v);
    rawi_strbuf_adds(b, buf);
  }
  rawi_strbuf_addc(b, after);
}

/* One item of a list column: tab-separated, a tab inside becomes a space. */
static void list_item(csv_ctx *c, const char *s) {
  if (c->list.len)
    rawi_strbuf_addc(&c->list, '\t');
  for (; *s; s++)
    rawi_strbuf_addc(&c->list, *s == '\t' ? ' ' : *s);
}

static void list_end(csv_ctx *c, rawi_strbuf *b, char after) {
  field(b, c->list.data ? c->list.data : "", c->list.len, after);
  c->list.len = 0;
}

static int row_end(csv_ctx *c, int f) {
  return graph_out_flush(&c->out[f], 0, c->err);
}

static int write_entity(void *ctx, uint32_t e) {
  csv_ctx *c = ctx;
  const graph *g = c->g;
  const graph_entity *ent = &g->ents[e];
  rawi_strbuf *b = &c->out[F_NODES].b;
  const char *type = graph_atom_str(g, ent->type);
  fields(b, graph_str(g, ent->id), ',');
  rawi_strbuf_adds(b, "\"Entity;");
  output_type_label(b, type);
  rawi_strbuf_adds(b, "\",");
  fields(b, type, ',');
  fields(b, graph_display_name(g, e), ',');
  for (uint32_t k = ent->names; k != GRAPH_NONE; k = g->names[k].next)
    list_item(c, graph_str(g, g->names[k].text));
  list_end(c, b, ',');
  const uint32_t *langs;
  size_t n;
  if (graph_languages(c->g, e, &langs, &n))
    return rawi_error_set(c->err, RAWI_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < n; i++)
    list_item(c, graph_atom_str(g, langs[i]));
  list_end(c, b, ',');
  number(b, ent->mentions, ',');
  number(b, ent->documents, ',');
  for (uint32_t m = ent->members; m != GRAPH_NONE; m = g->ents[m].next_member)
    list_item(c, graph_str(g, g->ents[m].id));
  list_end(c, b, '\n');
  return row_end(c, F_NODES);
}

static int write_fact(void *ctx, const graph_edge *f) {
  csv_ctx *c = ctx;
  const graph *g = c->g;
  rawi_strbuf *b = &c->out[F_RELS].b;
  char id[17];
  graph_fact_id(g, f, id);
  fields(b, graph_str(g, g->ents[f->s].id), ',');
  fields(b, graph_str(g, g->ents[f->o].id), ',');
  rawi_strbuf_addc(b, '"');
  output_rel_type(b, graph_atom_str(g, f->p));
  rawi_strbuf_adds(b, "\",");
  fields(b, id, ',');
  fields(b, graph_atom_str(g, f->modality), ',');
  number(b, f->count, ',');
  fields(b, f->first_doc, ',');
  fields(b, f->last_doc, ',');
  confidence(b, f->confidence, '\n');
  return row_end(c, F_RELS);
}

static int on_document(void *ctx, const spill_doc *d) {
  csv_ctx *c = ctx;
  rawi_strbuf *b = &c->out[F_DOCS].b;
  field(b, d->id, d->id_len, ',');
  fields(b, "Document", ',');
  fields(b, d->lang, ',');
  fields(b, d->code ? d->code : "", ',');
  fields(b, d->code ? d->message : "", '\n');
  return row_end(c, F_DOCS);
}

static int on_mentions(void *ctx, const spill_doc *d, const graph_mention *m,
                       size_t n) {
  csv_ctx *c = ctx;
  rawi_strbuf *b = &c->out[F_MENTIONS].b;
  for (size_t i = 0; i < n; i++) {
    fields(b, graph_str(c->g, c->g->ents[m[i].entity].id), ',');
    field(b, d->id, d->id_len, ',');
    fields(b, "MENTIONED_IN", ',');
    number(b, m[i].count, '\n');
  }
  return row_end(c, F_MENTIONS);
}

/* An evidence node's id: the document's id and the relation's number, as
 * the IRI fragment of the RDF formats. */
static void evidence_id(rawi_strbuf *b, const spill_doc *d,
                        const spill_evidence *ev, char after) {
  char suffix[40];
  int n = snprintf(suffix, sizeof suffix, "#relation-%u", ev->number);
  rawi_strbuf id;
  rawi_strbuf_init(&id, b->alloc);
  rawi_strbuf_add(&id, d->id, d->id_len);
  rawi_strbuf_add(&id, suffix, (size_t)n);
  field(b, id.data ? id.data : "", id.len, after);
  b->failed |= id.failed;
  rawi_strbuf_free(&id);
}

static int on_evidence(void *ctx, const spill_doc *d, const spill_evidence *ev,
                       const graph_edge *f) {
  csv_ctx *c = ctx;
  const graph *g = c->g;
  rawi_strbuf *b = &c->out[F_EVIDENCE].b;
  char id[17];
  graph_fact_id(g, f, id);
  evidence_id(b, d, ev, ',');
  fields(b, "Evidence", ',');
  fields(b, id, ',');
  fields(b, graph_atom_str(g, f->p), ',');
  fields(b, graph_atom_str(g, f->modality), ',');
  field(b, d->id, d->id_len, ',');
  fields(b, graph_atom_str(g, ev->rule), ',');
  confidence(b, ev->confidence, ',');
  offset(b, ev->start, ',');
  offset(b, ev->end, ',');
  field(b, ev->text, ev->text_len, '\n');
  rawi_strbuf *in = &c->out[F_EVIDENCE_IN].b;
  evidence_id(in, d, ev, ',');
  field(in, d->id, d->id_len, ',');
  fields(in, "IN_DOCUMENT", '\n');
  int rc = row_end(c, F_EVIDENCE);
  return rc ? rc : row_end(c, F_EVIDENCE_IN);
}

static int open_files(csv_ctx *c, const char *dir, rawi_error *err) {
  if (mkdir(dir, 0777) && errno != EEXIST)
    return rawi_error_set(err, RAWI_ERR_IO, "cannot create %s: %s", dir,
                          strerror(errno));
  char path[4096];
  for (int f = 0; f < F_N; f++) {
    snprintf(path, sizeof path, "%s/%s", dir, file_names[f]);
    int rc = graph_out_open(&c->out[f], c->g, path, err);
    if (rc)
      return rc;
    c->out[f].name = file_names[f]; /* path is on the stack */
    rawi_strbuf_adds(&c->out[f].b, headers[f]);
  }
  return 0;
}

int graph_write_csv(graph *g, const char *dir, rawi_error *err) {
  csv_ctx c = {.g = g, .err = err};
  rawi_strbuf_init(&c.list, g->alloc);
  int rc = open_files(&c, dir, err);
  graph_writer w = {&c,
                    write_entity,
                    write_fact,
                    {&c, on_document, on_mentions, on_evidence}};
  if (!rc)
    rc = graph_write_with(g, &w, err);
  if (!rc && c.list.failed)
    rc = rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  for (int f = 0; f < F_N; f++)
    if (c.out[f].f) {
      int closed = graph_out_close(&c.out[f], rc ? NULL : err);
      rc = rc ? rc : closed;
    }
  rawi_strbuf_free(&c.list);
  return rc;
}
