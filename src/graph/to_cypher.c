/*
 * The graph as a Cypher script: `cypher` for Neo4j (cypher-shell), `kuzu`
 * for Kùzu, which declares its tables first and has one label per node
 * (docs/output.md, "rawi graph"). One statement a line, each a MERGE on an
 * id and a SET of everything else, so running the script twice gives the
 * same graph:
 *
 *   (:Entity {id, type, name, names, languages, mentions, documents,
 *             merged_from})
 *   (:Entity)-[:MET_WITH {id, modality, count, first_document,
 *                         last_document, confidence}]->(:Entity)
 *   (:Document {id, lang, error_code, error_message})
 *   (:Entity)-[:MENTIONED_IN {mentions}]->(:Document)
 *   (:Evidence {id, fact, predicate, modality, document, rule, confidence,
 *               evidence_start, evidence_end, evidence})
 *       -[:IN_DOCUMENT]->(:Document)
 *
 * Strings go through the escaper of `rawi extract --format cypher|kuzu`
 * (output/escape.h).
 */
#include <stdio.h>
#include <string.h>

#include "graph/internal.h"
#include "output/escape.h"
#include "output/output.h"
#include "util/error.h"
#include "util/mem.h"

typedef struct cypher_ctx {
  graph *g;
  graph_out *o;
  rawi_strbuf *b;
  int kuzu;
  rawi_error *err;
} cypher_ctx;

static void str(cypher_ctx *c, const char *s) {
  output_cypher_string(c->b, s, strlen(s), c->kuzu);
}

static void strn(cypher_ctx *c, const char *s, size_t n) {
  output_cypher_string(c->b, s, n, c->kuzu);
}

static void lit(cypher_ctx *c, const char *s) {
  rawi_strbuf_adds(c->b, s);
}

static void num(cypher_ctx *c, unsigned long long v) {
  rawi_strbuf_addu(c->b, v);
}

static void confidence(cypher_ctx *c, const char *prop, double v) {
  char buf[32];
  if (v < 0)
    return;
  output_confidence(buf, sizeof buf, v);
  lit(c, prop);
  lit(c, buf);
}

static int end(cypher_ctx *c) {
  lit(c, ";\n");
  return graph_out_flush(c->o, 0, c->err);
}

/* ['a', 'b'] from a list of strings (a list of names, or of members). */
static void names_list(cypher_ctx *c, uint32_t e) {
  const graph *g = c->g;
  lit(c, "[");
  for (uint32_t k = g->ents[e].names; k != GRAPH_NONE; k = g->names[k].next) {
    if (k != g->ents[e].names)
      lit(c, ", ");
    str(c, graph_str(g, g->names[k].text));
  }
  lit(c, "]");
}

static int languages_list(cypher_ctx *c, uint32_t e) {
  const uint32_t *langs;
  size_t n;
  if (graph_languages(c->g, e, &langs, &n))
    return rawi_error_set(c->err, RAWI_ERR_NOMEM, "out of memory");
  lit(c, "[");
  for (size_t i = 0; i < n; i++) {
    lit(c, i ? ", " : "");
    str(c, graph_atom_str(c->g, langs[i]));
  }
  lit(c, "]");
  return 0;
}

static void members_list(cypher_ctx *c, uint32_t e) {
  const graph *g = c->g;
  lit(c, "[");
  for (uint32_t m = g->ents[e].members; m != GRAPH_NONE;
       m = g->ents[m].next_member) {
    if (m != g->ents[e].members)
      lit(c, ", ");
    str(c, graph_str(g, g->ents[m].id));
  }
  lit(c, "]");
}

static int write_entity(void *ctx, uint32_t e) {
  cypher_ctx *c = ctx;
  const graph *g = c->g;
  const graph_entity *ent = &g->ents[e];
  const char *type = graph_atom_str(g, ent->type);
  lit(c, "MERGE (e:Entity {id: ");
  str(c, graph_str(g, ent->id));
  lit(c, "}) SET e.type = ");
  str(c, type);
  lit(c, ", e.name = ");
  str(c, graph_display_name(g, e));
  lit(c, ", e.names = ");
  names_list(c, e);
  lit(c, ", e.languages = ");
  if (languages_list(c, e))
    return RAWI_ERR_NOMEM;
  lit(c, ", e.mentions = ");
  num(c, ent->mentions);
  lit(c, ", e.documents = ");
  num(c, ent->documents);
  lit(c, ", e.merged_from = ");
  members_list(c, e);
  if (!c->kuzu) { /* Kùzu has one label per node: its table */
    lit(c, " SET e:");
    output_type_label(c->b, type);
  }
  return end(c);
}

static void match_entity(cypher_ctx *c, const char *var, uint32_t e) {
  lit(c, var);
  lit(c, ":Entity {id: ");
  str(c, graph_str(c->g, c->g->ents[e].id));
  lit(c, "})");
}

static int write_fact(void *ctx, const graph_edge *f) {
  cypher_ctx *c = ctx;
  char id[17];
  graph_fact_id(c->g, f, id);
  lit(c, "MATCH ");
  match_entity(c, "(s", f->s);
  lit(c, ", ");
  match_entity(c, "(o", f->o);
  lit(c, " MERGE (s)-[r:");
  output_rel_type(c->b, graph_atom_str(c->g, f->p));
  lit(c, " {id: ");
  str(c, id);
  lit(c, "}]->(o) SET r.modality = ");
  str(c, graph_atom_str(c->g, f->modality));
  lit(c, ", r.count = ");
  num(c, f->count);
  lit(c, ", r.first_document = ");
  str(c, f->first_doc);
  lit(c, ", r.last_document = ");
  str(c, f->last_doc);
  confidence(c, ", r.confidence = ", f->confidence);
  return end(c);
}

static int on_document(void *ctx, const spill_doc *d) {
  cypher_ctx *c = ctx;
  lit(c, "MERGE (d:Document {id: ");
  strn(c, d->id, d->id_len);
  lit(c, "})");
  const char *sep = " SET ";
  if (*d->lang) {
    lit(c, " SET d.lang = ");
    str(c, d->lang);
    sep = ", ";
  }
  if (d->code) {
    lit(c, sep);
    lit(c, "d.error_code = ");
    str(c, d->code);
    lit(c, ", d.error_message = ");
    str(c, d->message);
  }
  return end(c);
}

static void match_document(cypher_ctx *c, const spill_doc *d) {
  lit(c, "(d:Document {id: ");
  strn(c, d->id, d->id_len);
  lit(c, "})");
}

static int on_mentions(void *ctx, const spill_doc *d, const graph_mention *m,
                       size_t n) {
  cypher_ctx *c = ctx;
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    lit(c, "MATCH ");
    match_entity(c, "(e", m[i].entity);
    lit(c, ", ");
    match_document(c, d);
    lit(c, " MERGE (e)-[m:MENTIONED_IN]->(d) SET m.mentions = ");
    num(c, m[i].count);
    rc = end(c);
  }
  return rc;
}

static int on_evidence(void *ctx, const spill_doc *d, const spill_evidence *ev,
                       const graph_edge *f) {
  cypher_ctx *c = ctx;
  char id[17], suffix[40];
  graph_fact_id(c->g, f, id);
  snprintf(suffix, sizeof suffix, "#relation-%u", ev->number);
  lit(c, "MATCH ");
  match_document(c, d);
  lit(c, " MERGE (v:Evidence {id: ");
  rawi_strbuf full;
  rawi_strbuf_init(&full, c->g->alloc);
  rawi_strbuf_add(&full, d->id, d->id_len);
  rawi_strbuf_adds(&full, suffix);
  strn(c, full.data ? full.data : "", full.len);
  c->b->failed |= full.failed;
  rawi_strbuf_free(&full);
  lit(c, "}) SET v.fact = ");
  str(c, id);
  lit(c, ", v.predicate = ");
  str(c, graph_atom_str(c->g, f->p));
  lit(c, ", v.modality = ");
  str(c, graph_atom_str(c->g, f->modality));
  lit(c, ", v.document = ");
  strn(c, d->id, d->id_len);
  lit(c, ", v.rule = ");
  str(c, graph_atom_str(c->g, ev->rule));
  confidence(c, ", v.confidence = ", ev->confidence);
  if (ev->start != SPILL_NO_OFFSET) {
    lit(c, ", v.evidence_start = ");
    num(c, ev->start);
  }
  if (ev->end != SPILL_NO_OFFSET) {
    lit(c, ", v.evidence_end = ");
    num(c, ev->end);
  }
  lit(c, ", v.evidence = ");
  strn(c, ev->text, ev->text_len);
  lit(c, " MERGE (v)-[:IN_DOCUMENT]->(d)");
  return end(c);
}

/* MERGE on an unindexed property scans every node: constraints give the
 * ids an index (Neo4j 5). */
static void neo4j_header(cypher_ctx *c) {
  static const char *const labels[][2] = {
      {"entity", "Entity"}, {"document", "Document"}, {"evidence", "Evidence"}};
  for (size_t i = 0; i < 3; i++) {
    lit(c, "CREATE CONSTRAINT rawi_");
    lit(c, labels[i][0]);
    lit(c, "_id IF NOT EXISTS FOR (n:");
    lit(c, labels[i][1]);
    lit(c, ") REQUIRE n.id IS UNIQUE;\n");
  }
}

/* Kùzu: every table before its first use, one per predicate of a fact
 * that is written. */
static int kuzu_header(cypher_ctx *c) {
  const graph *g = c->g;
  lit(c, "CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, "
         "type STRING, name STRING, names STRING[], languages STRING[], "
         "mentions INT64, documents INT64, merged_from STRING[]);\n"
         "CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, "
         "lang STRING, error_code STRING, error_message STRING);\n"
         "CREATE NODE TABLE IF NOT EXISTS Evidence(id STRING PRIMARY KEY, "
         "fact STRING, predicate STRING, modality STRING, document STRING, "
         "rule STRING, confidence DOUBLE, evidence_start INT64, "
         "evidence_end INT64, evidence STRING);\n"
         "CREATE REL TABLE IF NOT EXISTS MENTIONED_IN(FROM Entity TO "
         "Document, mentions INT64);\n"
         "CREATE REL TABLE IF NOT EXISTS IN_DOCUMENT(FROM Evidence TO "
         "Document);\n");
  unsigned char *used = rawi_mem_calloc(g->alloc, g->atoms.n + 1, 1);
  if (!used)
    return rawi_error_set(c->err, RAWI_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < g->n_facts; i++)
    if (graph_fact_kept(g, &g->facts[i]))
      used[g->facts[i].p] = 1;
  for (uint32_t a = 0; a < g->atoms.n; a++) {
    if (!used[a])
      continue;
    lit(c, "CREATE REL TABLE IF NOT EXISTS ");
    output_rel_type(c->b, graph_atom_str(g, a));
    lit(c, "(FROM Entity TO Entity, id STRING, modality STRING, count INT64, "
           "first_document STRING, last_document STRING, "
           "confidence DOUBLE);\n");
  }
  rawi_mem_free(g->alloc, used);
  return 0;
}

int graph_write_cypher(graph *g, graph_out *o, int kuzu, rawi_error *err) {
  cypher_ctx c = {.g = g, .o = o, .b = &o->b, .kuzu = kuzu, .err = err};
  int rc = 0;
  if (kuzu)
    rc = kuzu_header(&c);
  else
    neo4j_header(&c);
  graph_writer w = {&c,
                    write_entity,
                    write_fact,
                    {&c, on_document, on_mentions, on_evidence}};
  if (!rc)
    rc = graph_write_with(g, &w, err);
  return rc ? rc : graph_out_flush(o, 1, err);
}
