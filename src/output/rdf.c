/*
 * RDF: N-Triples and Turtle (docs/output.md). A document's record is a
 * self-contained set of triples: the document, its entities (schema.org
 * classes, labels tagged with the document's language), one direct
 * triple per relation, and per relation a statement node that carries its
 * provenance (PROV-O where a term fits, rawi's vocabulary for the rest).
 * Every node is an IRI made from ids, never a blank node, so records from
 * any thread, run or shard concatenate into one graph.
 *
 * Both syntaxes go through one small writer: N-Triples repeats the subject
 * on every line and spells every IRI out; Turtle groups a subject's
 * predicates with ';' and uses the prefixes of its header.
 */
#include <stdio.h>
#include <string.h>

#include "output/escape.h"
#include "output/output.h"

enum ns { NS_RDF, NS_RDFS, NS_XSD, NS_PROV, NS_SCHEMA, NS_RAWI, NS_COUNT };
static const char *const ns_prefix[NS_COUNT] = {"rdf",  "rdfs",   "xsd",
                                                "prov", "schema", "rawi"};
/* rawi's own vocabulary lives under the base IRI (NULL here). */
static const char *const ns_iri[NS_COUNT] = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/ns/prov#",
    "http://schema.org/",
    NULL};

typedef struct rdf_writer {
  rawi_strbuf *b;
  const char *base;
  int turtle;
  int open, first;     /* Turtle: a subject is open; no predicate yet */
  rawi_strbuf subject; /* N-Triples: the subject every line repeats */
} rdf_writer;

static const char *base_iri(const output_options *o) {
  return o->base_iri ? o->base_iri : OUTPUT_DEFAULT_BASE_IRI;
}

/* <BASE AREA ID SUFFIX> into t, the id percent-encoded as RFC 3987 asks. */
static void node_iri(const rdf_writer *w, rawi_strbuf *t, const char *area,
                     const char *id, size_t n, const char *suffix) {
  t->len = 0;
  rawi_strbuf_addc(t, '<');
  rawi_strbuf_adds(t, w->base);
  rawi_strbuf_adds(t, area);
  output_iri_part(t, id, n);
  rawi_strbuf_adds(t, suffix ? suffix : "");
  rawi_strbuf_addc(t, '>');
}

/* A Turtle prefixed name needs a local part of PN_LOCAL; the ASCII subset
 * [A-Za-z_][A-Za-z0-9_-]* covers rawi's vocabulary and predicates. */
static int turtle_local(const char *s) {
  if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
    return 0;
  for (; *s; s++)
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
          (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
      return 0;
  return 1;
}

static void vocab(rdf_writer *w, enum ns ns, const char *local) {
  if (w->turtle && turtle_local(local)) {
    rawi_strbuf_adds(w->b, ns_prefix[ns]);
    rawi_strbuf_addc(w->b, ':');
    rawi_strbuf_adds(w->b, local);
    return;
  }
  rawi_strbuf_addc(w->b, '<');
  rawi_strbuf_adds(w->b, ns_iri[ns] ? ns_iri[ns] : w->base);
  if (!ns_iri[ns])
    rawi_strbuf_adds(w->b, "vocab/");
  output_iri_part(w->b, local, strlen(local));
  rawi_strbuf_addc(w->b, '>');
}

static void end_subject(rdf_writer *w) {
  if (w->turtle && w->open)
    rawi_strbuf_adds(w->b, " .\n");
  w->open = 0;
}

static void subject(rdf_writer *w, const rawi_strbuf *node) {
  if (w->turtle) {
    end_subject(w);
    rawi_strbuf_add(w->b, node->data, node->len);
    w->open = w->first = 1;
  } else {
    w->subject.len = 0;
    rawi_strbuf_add(&w->subject, node->data, node->len);
  }
}

/* The predicate; the object follows, then obj_end(). */
static void pred(rdf_writer *w, enum ns ns, const char *local) {
  if (!w->turtle)
    rawi_strbuf_add(w->b, w->subject.data, w->subject.len);
  rawi_strbuf_adds(w->b, !w->turtle || w->first ? " " : " ;\n    ");
  w->first = 0;
  vocab(w, ns, local);
  rawi_strbuf_addc(w->b, ' ');
}

static void obj_end(rdf_writer *w) {
  if (!w->turtle)
    rawi_strbuf_adds(w->b, " .\n");
}

static void obj_node(rdf_writer *w, const rawi_strbuf *node) {
  rawi_strbuf_add(w->b, node->data, node->len);
  obj_end(w);
}

static void obj_vocab(rdf_writer *w, enum ns ns, const char *local) {
  vocab(w, ns, local);
  obj_end(w);
}

/* A string, with a language tag unless lang is NULL. */
static void obj_text(rdf_writer *w, const char *s, size_t n, const char *lang) {
  output_rdf_string(w->b, s, n);
  if (lang) {
    rawi_strbuf_addc(w->b, '@');
    rawi_strbuf_adds(w->b, lang);
  }
  obj_end(w);
}

/* An xsd:integer or xsd:decimal: Turtle writes these bare. */
static void obj_number(rdf_writer *w, const char *lexical, const char *xsd) {
  if (w->turtle) {
    rawi_strbuf_adds(w->b, lexical);
  } else {
    rawi_strbuf_addc(w->b, '"');
    rawi_strbuf_adds(w->b, lexical);
    rawi_strbuf_adds(w->b, "\"^^");
    vocab(w, NS_XSD, xsd);
  }
  obj_end(w);
}

static void obj_count(rdf_writer *w, size_t v) {
  char num[24];
  snprintf(num, sizeof num, "%zu", v);
  obj_number(w, num, "integer");
}

/* schema.org's class for the four contract types; rawi's for the rest. */
static void entity_class(rdf_writer *w, const char *type, rawi_strbuf *t) {
  static const char *const schema[][2] = {{"PERSON", "Person"},
                                          {"ORGANIZATION", "Organization"},
                                          {"COUNTRY", "Country"},
                                          {"LOCATION", "Place"}};
  for (size_t i = 0; i < sizeof schema / sizeof *schema; i++)
    if (!strcmp(type, schema[i][0])) {
      obj_vocab(w, NS_SCHEMA, schema[i][1]);
      return;
    }
  t->len = 0;
  output_type_label(t, type);
  obj_vocab(w, NS_RAWI, t->data ? t->data : "Thing");
}

typedef struct rdf_doc {
  const output_doc *d;
  const char *lang;
  rawi_strbuf doc, node, other, tmp; /* IRIs and scratch */
} rdf_doc;

static void write_document(rdf_writer *w, rdf_doc *r) {
  subject(w, &r->doc);
  pred(w, NS_RDF, "type");
  obj_vocab(w, NS_PROV, "Entity");
  pred(w, NS_RAWI, "documentId");
  obj_text(w, r->d->id, r->d->id_len, NULL);
}

static void write_entity(rdf_writer *w, rdf_doc *r, size_t i) {
  rawi_entity e;
  rawi_doc_entity(r->d->doc, i, &e);
  node_iri(w, &r->node, "entity/", e.id, strlen(e.id), NULL);
  subject(w, &r->node);
  pred(w, NS_RDF, "type");
  entity_class(w, e.type, &r->tmp);
  pred(w, NS_RDFS, "label");
  obj_text(w, e.name, strlen(e.name), r->lang);
  pred(w, NS_RAWI, "entityId");
  obj_text(w, e.id, strlen(e.id), NULL);
  pred(w, NS_RAWI, "mentionedIn");
  obj_node(w, &r->doc);
}

/* The statement node of relation i: what was asserted, where, by which
 * rule, how surely. */
static void write_provenance(rdf_writer *w, rdf_doc *r,
                             const rawi_relation *rel, size_t i) {
  char suffix[40], buf[512];
  snprintf(suffix, sizeof suffix, "#relation-%zu", i + 1);
  node_iri(w, &r->tmp, "doc/", r->d->id, r->d->id_len, suffix);
  subject(w, &r->tmp);
  pred(w, NS_RDF, "type");
  obj_vocab(w, NS_RDF, "Statement");
  pred(w, NS_RDF, "type");
  obj_vocab(w, NS_PROV, "Entity");
  pred(w, NS_RDF, "subject");
  obj_node(w, &r->node);
  pred(w, NS_RDF, "predicate");
  obj_vocab(w, NS_RAWI, rel->predicate);
  pred(w, NS_RDF, "object");
  obj_node(w, &r->other);
  pred(w, NS_PROV, "wasDerivedFrom");
  obj_node(w, &r->doc);
  output_rule_name(buf, sizeof buf, rel);
  pred(w, NS_RAWI, "rule");
  obj_text(w, buf, strlen(buf), NULL);
  output_confidence(buf, sizeof buf, rel->confidence);
  pred(w, NS_RAWI, "confidence");
  obj_number(w, buf, "decimal");
  pred(w, NS_RAWI, "evidenceStart");
  obj_count(w, rel->evidence.start);
  pred(w, NS_RAWI, "evidenceEnd");
  obj_count(w, rel->evidence.end);
  size_t len;
  const char *text = rawi_doc_text(r->d->doc, &len);
  pred(w, NS_RAWI, "evidenceText");
  obj_text(w, text + rel->evidence.byte_start,
           rel->evidence.byte_end - rel->evidence.byte_start, r->lang);
}

static void write_relation(rdf_writer *w, rdf_doc *r, size_t i) {
  rawi_relation rel;
  rawi_entity s, o;
  rawi_doc_relation(r->d->doc, i, &rel);
  rawi_doc_entity(r->d->doc, rel.subject, &s);
  rawi_doc_entity(r->d->doc, rel.object, &o);
  node_iri(w, &r->node, "entity/", s.id, strlen(s.id), NULL);
  node_iri(w, &r->other, "entity/", o.id, strlen(o.id), NULL);
  subject(w, &r->node);
  pred(w, NS_RAWI, rel.predicate);
  obj_node(w, &r->other);
  write_provenance(w, r, &rel, i);
}

static void writer_init(rdf_writer *w, rawi_strbuf *b, const output_options *o,
                        int turtle) {
  *w = (rdf_writer){.b = b, .base = base_iri(o), .turtle = turtle};
  rawi_strbuf_init(&w->subject, NULL);
}

static void rdf_record(rawi_strbuf *b, const output_doc *d,
                       const output_options *o, int turtle) {
  rdf_writer w;
  writer_init(&w, b, o, turtle);
  rdf_doc r = {.d = d, .lang = rawi_lang_name(rawi_doc_lang(d->doc))};
  rawi_strbuf *bufs[] = {&r.doc, &r.node, &r.other, &r.tmp};
  for (size_t k = 0; k < 4; k++)
    rawi_strbuf_init(bufs[k], NULL);
  node_iri(&w, &r.doc, "doc/", d->id, d->id_len, NULL);
  write_document(&w, &r);
  for (size_t i = 0; i < rawi_doc_entity_count(d->doc); i++)
    write_entity(&w, &r, i);
  for (size_t i = 0; i < rawi_doc_relation_count(d->doc); i++)
    write_relation(&w, &r, i);
  end_subject(&w);
  for (size_t k = 0; k < 4; k++) {
    b->failed |= bufs[k]->failed;
    rawi_strbuf_free(bufs[k]);
  }
  b->failed |= w.subject.failed;
  rawi_strbuf_free(&w.subject);
}

/* A document that failed is still in the graph, with its error. */
static void rdf_error(rawi_strbuf *b, const char *id, size_t id_len,
                      const rawi_error *err, const output_options *o,
                      int turtle) {
  rdf_writer w;
  writer_init(&w, b, o, turtle);
  rawi_strbuf doc;
  rawi_strbuf_init(&doc, NULL);
  node_iri(&w, &doc, "doc/", id, id_len, NULL);
  subject(&w, &doc);
  pred(&w, NS_RDF, "type");
  obj_vocab(&w, NS_PROV, "Entity");
  pred(&w, NS_RAWI, "documentId");
  obj_text(&w, id, id_len, NULL);
  const char *code = output_error_code(err->code);
  pred(&w, NS_RAWI, "errorCode");
  obj_text(&w, code, strlen(code), NULL);
  pred(&w, NS_RAWI, "errorMessage");
  obj_text(&w, err->message, strlen(err->message), NULL);
  end_subject(&w);
  b->failed |= doc.failed || w.subject.failed;
  rawi_strbuf_free(&doc);
  rawi_strbuf_free(&w.subject);
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

/* Turtle's prefixes. Shards may be concatenated: a prefix declared again
 * with the same IRI is allowed. */
void output_turtle_header(rawi_strbuf *b, const output_options *o) {
  for (int ns = 0; ns < NS_COUNT; ns++) {
    rawi_strbuf_adds(b, "@prefix ");
    rawi_strbuf_adds(b, ns_prefix[ns]);
    rawi_strbuf_adds(b, ": <");
    rawi_strbuf_adds(b, ns_iri[ns] ? ns_iri[ns] : base_iri(o));
    rawi_strbuf_adds(b, ns_iri[ns] ? "> .\n" : "vocab/> .\n");
  }
  rawi_strbuf_addc(b, '\n');
}
