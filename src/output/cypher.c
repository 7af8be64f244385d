/*
 * Cypher scripts (docs/output.md): idempotent MERGE statements, one per
 * entity (keyed by id) and one per relation (keyed by subject, predicate,
 * object and document), so running a script twice, or the scripts of two
 * shards, gives the same graph as one run. Two dialects: `cypher` for
 * Neo4j (cypher-shell) and `kuzu` for Kùzu, which needs its tables
 * declared before MERGE and reads fewer string escapes (escape.h).
 *
 * An entity's name and type are set when it is created only: the first
 * document to name an entity gives its name, as in the neo4j CSV files.
 */
#include <stdio.h>
#include <string.h>

#include "output/escape.h"
#include "output/output.h"

static void str(rawi_strbuf *b, const char *s, int kuzu) {
  output_cypher_string(b, s, strlen(s), kuzu);
}

static void merge_entity(rawi_strbuf *b, const rawi_entity *e, int kuzu) {
  rawi_strbuf_adds(b, "MERGE (e:Entity {id: ");
  str(b, e->id, kuzu);
  rawi_strbuf_adds(b, "}) ON CREATE SET e.type = ");
  str(b, e->type, kuzu);
  rawi_strbuf_adds(b, ", e.name = ");
  str(b, e->name, kuzu);
  if (!kuzu) { /* Kùzu has one label per node: its table */
    rawi_strbuf_adds(b, " SET e:");
    output_type_label(b, e->type);
  }
  rawi_strbuf_adds(b, ";\n");
}

/* Kùzu: one relationship table per predicate, declared before use. */
static void declare_rel(rawi_strbuf *b, const char *predicate) {
  rawi_strbuf_adds(b, "CREATE REL TABLE IF NOT EXISTS ");
  output_rel_type(b, predicate);
  rawi_strbuf_adds(
      b,
      "(FROM Entity TO Entity, document STRING, "
      "modality STRING, confidence DOUBLE, rule STRING, evidence_start INT64, "
      "evidence_end INT64, evidence STRING);\n");
}

/* The predicates a document's Kùzu record has declared: a pack has a
 * dozen, so a short list (not a scan of the relations before each one,
 * quadratic in a document's relations). Past its size every relation
 * declares its table again, which IF NOT EXISTS makes harmless. */
typedef struct declared {
  const char *names[64];
  size_t n;
} declared;

/* 1 the first time p is asked about. */
static int first_with_predicate(declared *seen, const char *p) {
  for (size_t k = 0; k < seen->n; k++)
    if (!strcmp(seen->names[k], p))
      return 0;
  if (seen->n < sizeof seen->names / sizeof *seen->names)
    seen->names[seen->n++] = p;
  return 1;
}

static void merge_relation(rawi_strbuf *b, const output_doc *d, size_t i,
                           int kuzu, declared *seen) {
  rawi_relation r;
  rawi_entity s, o;
  rawi_doc_relation(d->doc, i, &r);
  rawi_doc_entity(d->doc, r.subject, &s);
  rawi_doc_entity(d->doc, r.object, &o);
  if (kuzu && first_with_predicate(seen, r.predicate))
    declare_rel(b, r.predicate);
  rawi_strbuf_adds(b, "MATCH (s:Entity {id: ");
  str(b, s.id, kuzu);
  rawi_strbuf_adds(b, "}), (o:Entity {id: ");
  str(b, o.id, kuzu);
  rawi_strbuf_adds(b, "}) MERGE (s)-[r:");
  output_rel_type(b, r.predicate);
  rawi_strbuf_adds(b, " {document: ");
  output_cypher_string(b, d->id, d->id_len, kuzu);
  char buf[512];
  output_confidence(buf, sizeof buf, r.confidence);
  rawi_strbuf_adds(b, "}]->(o) SET r.modality = ");
  str(b, r.modality, kuzu);
  rawi_strbuf_adds(b, ", r.confidence = ");
  rawi_strbuf_adds(b, buf);
  output_rule_name(buf, sizeof buf, &r);
  rawi_strbuf_adds(b, ", r.rule = ");
  str(b, buf, kuzu);
  rawi_strbuf_adds(b, ", r.evidence_start = ");
  rawi_strbuf_addu(b, r.evidence.start);
  rawi_strbuf_adds(b, ", r.evidence_end = ");
  rawi_strbuf_addu(b, r.evidence.end);
  size_t len;
  const char *text = rawi_doc_text(d->doc, &len);
  rawi_strbuf_adds(b, ", r.evidence = ");
  output_cypher_string(b, text + r.evidence.byte_start,
                       r.evidence.byte_end - r.evidence.byte_start, kuzu);
  rawi_strbuf_adds(b, ";\n");
}

static void record(rawi_strbuf *b, const output_doc *d, int kuzu) {
  for (size_t i = 0; i < rawi_doc_entity_count(d->doc); i++) {
    rawi_entity e;
    rawi_doc_entity(d->doc, i, &e);
    merge_entity(b, &e, kuzu);
  }
  declared seen = {.n = 0};
  for (size_t i = 0; i < rawi_doc_relation_count(d->doc); i++)
    merge_relation(b, d, i, kuzu, &seen);
}

void output_cypher(rawi_strbuf *b, const output_doc *d,
                   const output_options *o) {
  (void)o;
  record(b, d, 0);
}

void output_kuzu(rawi_strbuf *b, const output_doc *d, const output_options *o) {
  (void)o;
  record(b, d, 1);
}

/* A failed document as `before` ID `middle` "CODE: MESSAGE" `after`, both
 * strings escaped for Neo4j or Kùzu. */
static void error_line(rawi_strbuf *b, const char *id, size_t id_len,
                       const rawi_error *err, int kuzu, const char *before,
                       const char *middle, const char *after) {
  char msg[300];
  snprintf(msg, sizeof msg, "%s: %s", output_error_code(err->code),
           err->message);
  rawi_strbuf_adds(b, before);
  output_cypher_string(b, id, id_len, kuzu);
  rawi_strbuf_adds(b, middle);
  output_cypher_string(b, msg, strlen(msg), kuzu);
  rawi_strbuf_adds(b, after);
}

/* Neo4j: a comment, so the script still runs; escaped as a Neo4j string,
 * which keeps it on one line. */
void output_cypher_error(rawi_strbuf *b, const char *id, size_t id_len,
                         const rawi_error *err, const output_options *o) {
  (void)o;
  error_line(b, id, id_len, err, 0, "// rawi: document ", " failed: ", "\n");
}

/* Kùzu fails on a script that ends in a comment: the error is a statement
 * that returns it instead. */
void output_kuzu_error(rawi_strbuf *b, const char *id, size_t id_len,
                       const rawi_error *err, const output_options *o) {
  (void)o;
  error_line(b, id, id_len, err, 1, "RETURN ", " AS rawi_failed_document, ",
             " AS rawi_error;\n");
}

/* MERGE on an unindexed property scans every node: the constraint gives
 * it an index (Neo4j 5; IF NOT EXISTS makes shards' headers harmless). */
void output_cypher_header(rawi_strbuf *b, const output_options *o) {
  (void)o;
  rawi_strbuf_adds(b, "CREATE CONSTRAINT rawi_entity_id IF NOT EXISTS "
                      "FOR (e:Entity) REQUIRE e.id IS UNIQUE;\n");
}

void output_kuzu_header(rawi_strbuf *b, const output_options *o) {
  (void)o;
  rawi_strbuf_adds(b, "CREATE NODE TABLE IF NOT EXISTS Entity(id STRING "
                      "PRIMARY KEY, type STRING, name STRING);\n");
}
