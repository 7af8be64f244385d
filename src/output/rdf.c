/*
 * RDF: N-Triples and Turtle (docs/output.md). A document's record is a
 * self-contained set of triples: the document, its entities (schema.org
 * classes, labels tagged with the document's language), one direct
 * triple per asserted relation (a planned one is no fact yet), and per
 * relation a statement node that carries its modality and provenance
 * (PROV-O where a term fits, rawi's vocabulary for the rest).
 * Every node is an IRI made from ids, never a blank node, so records from
 * any thread, run or shard concatenate into one graph.
 *
 * Both syntaxes go through one small writer (rdf_writer.h), which
 * `rawi graph` shares.
 */
#include <stdio.h>
#include <string.h>

#include "output/escape.h"
#include "output/output.h"
#include "output/rdf_writer.h"

typedef struct rdf_doc {
  const output_doc *d;
  const char *lang;
  rawi_strbuf doc, node, other, tmp; /* IRIs and scratch */
} rdf_doc;

static void write_entity(output_rdf *w, rdf_doc *r, size_t i) {
  rawi_entity e;
  rawi_doc_entity(r->d->doc, i, &e);
  output_rdf_iri(w, &r->node, "entity/", e.id, strlen(e.id), NULL);
  output_rdf_subject(w, &r->node);
  output_rdf_pred(w, OUTPUT_NS_RDF, "type");
  output_rdf_class(w, e.type, &r->tmp);
  output_rdf_pred(w, OUTPUT_NS_RDFS, "label");
  output_rdf_text(w, e.name, strlen(e.name), r->lang);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "entityId");
  output_rdf_text(w, e.id, strlen(e.id), NULL);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "mentionedIn");
  output_rdf_node(w, &r->doc);
}

/* The statement node of relation i: what was asserted, where, by which
 * rule, how surely. */
static void write_provenance(output_rdf *w, rdf_doc *r,
                             const rawi_relation *rel, size_t i) {
  char suffix[40], buf[512];
  snprintf(suffix, sizeof suffix, "#relation-%zu", i + 1);
  output_rdf_iri(w, &r->tmp, "doc/", r->d->id, r->d->id_len, suffix);
  output_rdf_subject(w, &r->tmp);
  output_rdf_pred(w, OUTPUT_NS_RDF, "type");
  output_rdf_vocab(w, OUTPUT_NS_RDF, "Statement");
  output_rdf_pred(w, OUTPUT_NS_RDF, "type");
  output_rdf_vocab(w, OUTPUT_NS_PROV, "Entity");
  output_rdf_pred(w, OUTPUT_NS_RDF, "subject");
  output_rdf_node(w, &r->node);
  output_rdf_pred(w, OUTPUT_NS_RDF, "predicate");
  output_rdf_vocab(w, OUTPUT_NS_RAWI, rel->predicate);
  output_rdf_pred(w, OUTPUT_NS_RDF, "object");
  output_rdf_node(w, &r->other);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "modality");
  output_rdf_text(w, rel->modality, strlen(rel->modality), NULL);
  output_rdf_pred(w, OUTPUT_NS_PROV, "wasDerivedFrom");
  output_rdf_node(w, &r->doc);
  output_rule_name(buf, sizeof buf, rel);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "rule");
  output_rdf_text(w, buf, strlen(buf), NULL);
  output_confidence(buf, sizeof buf, rel->confidence);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "confidence");
  output_rdf_number(w, buf, "decimal");
  output_rdf_pred(w, OUTPUT_NS_RAWI, "evidenceStart");
  output_rdf_count(w, rel->evidence.start);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "evidenceEnd");
  output_rdf_count(w, rel->evidence.end);
  size_t len;
  const char *text = rawi_doc_text(r->d->doc, &len);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "evidenceText");
  output_rdf_text(w, text + rel->evidence.byte_start,
                  rel->evidence.byte_end - rel->evidence.byte_start, r->lang);
}

static void write_relation(output_rdf *w, rdf_doc *r, size_t i) {
  rawi_relation rel;
  rawi_entity s, o;
  rawi_doc_relation(r->d->doc, i, &rel);
  rawi_doc_entity(r->d->doc, rel.subject, &s);
  rawi_doc_entity(r->d->doc, rel.object, &o);
  output_rdf_iri(w, &r->node, "entity/", s.id, strlen(s.id), NULL);
  output_rdf_iri(w, &r->other, "entity/", o.id, strlen(o.id), NULL);
  if (!strcmp(rel.modality, "asserted")) { /* a plan is no plain triple */
    output_rdf_subject(w, &r->node);
    output_rdf_pred(w, OUTPUT_NS_RAWI, rel.predicate);
    output_rdf_node(w, &r->other);
  }
  write_provenance(w, r, &rel, i);
}

static void rdf_record(rawi_strbuf *b, const output_doc *d,
                       const output_options *o, int turtle) {
  output_rdf w;
  output_rdf_init(&w, b, o->base_iri, turtle, OUTPUT_NS_EXTRACT);
  rdf_doc r = {.d = d, .lang = rawi_lang_name(rawi_doc_lang(d->doc))};
  rawi_strbuf *bufs[] = {&r.doc, &r.node, &r.other, &r.tmp};
  for (size_t k = 0; k < 4; k++)
    rawi_strbuf_init(bufs[k], NULL);
  output_rdf_iri(&w, &r.doc, "doc/", d->id, d->id_len, NULL);
  output_rdf_document(&w, &r.doc, d->id, d->id_len, NULL, NULL);
  for (size_t i = 0; i < rawi_doc_entity_count(d->doc); i++)
    write_entity(&w, &r, i);
  for (size_t i = 0; i < rawi_doc_relation_count(d->doc); i++)
    write_relation(&w, &r, i);
  output_rdf_finish(&w);
  for (size_t k = 0; k < 4; k++) {
    b->failed |= bufs[k]->failed;
    rawi_strbuf_free(bufs[k]);
  }
}

/* A document that failed is still in the graph, with its error. */
static void rdf_error(rawi_strbuf *b, const char *id, size_t id_len,
                      const rawi_error *err, const output_options *o,
                      int turtle) {
  output_rdf w;
  output_rdf_init(&w, b, o->base_iri, turtle, OUTPUT_NS_EXTRACT);
  rawi_strbuf doc;
  rawi_strbuf_init(&doc, NULL);
  output_rdf_iri(&w, &doc, "doc/", id, id_len, NULL);
  output_rdf_document(&w, &doc, id, id_len, output_error_code(err->code),
                      err->message);
  output_rdf_finish(&w);
  b->failed |= doc.failed;
  rawi_strbuf_free(&doc);
}

void output_ntriples(rawi_strbuf *b, const output_doc *d,
                     const output_options *o) {
  rdf_record(b, d, o, 0);
}

void output_turtle(rawi_strbuf *b, const output_doc *d,
                   const output_options *o) {
  rdf_record(b, d, o, 1);
}

void output_rdf_error(rawi_strbuf *b, const char *id, size_t id_len,
                      const rawi_error *err, const output_options *o) {
  rdf_error(b, id, id_len, err, o, 0);
}

void output_turtle_error(rawi_strbuf *b, const char *id, size_t id_len,
                         const rawi_error *err, const output_options *o) {
  rdf_error(b, id, id_len, err, o, 1);
}

void output_turtle_header(rawi_strbuf *b, const output_options *o) {
  output_rdf_prefixes(b, o->base_iri, OUTPUT_NS_EXTRACT);
}
