/*
 * A small writer of RDF statements, shared by `rawi extract --format
 * ntriples|turtle` (rdf.c) and `rawi graph` (src/graph): the same IRIs,
 * literals and vocabulary whoever writes them. N-Triples repeats the
 * subject on every line and spells every IRI out; Turtle groups a
 * subject's predicates with ';' and uses the prefixes of its header.
 *
 * Usage: output_rdf_subject(), then per statement output_rdf_pred() and
 * one output_rdf_* object; output_rdf_end() closes the last subject.
 */
#ifndef RAWI_OUTPUT_RDF_WRITER_H
#define RAWI_OUTPUT_RDF_WRITER_H

#include <stddef.h>

#include "util/strbuf.h"

/* The namespaces rawi writes; rawi's own vocabulary is the base IRI +
 * "vocab/". */
typedef enum output_rdf_ns {
  OUTPUT_NS_RDF,
  OUTPUT_NS_RDFS,
  OUTPUT_NS_XSD,
  OUTPUT_NS_PROV,
  OUTPUT_NS_SCHEMA,
  OUTPUT_NS_RAWI,
  OUTPUT_NS_OWL,
  OUTPUT_NS_COUNT
} output_rdf_ns;

/* The namespaces `rawi extract --format turtle` declares (owl is written
 * in full there: it has no owl statements). */
#define OUTPUT_NS_EXTRACT ((1u << OUTPUT_NS_OWL) - 1)
#define OUTPUT_NS_ALL ((1u << OUTPUT_NS_COUNT) - 1)

typedef struct output_rdf {
  rawi_strbuf *b;
  const char *base;
  int turtle;
  unsigned declared;   /* Turtle: the prefixes of the header (bits of ns) */
  int open, first;     /* Turtle: a subject is open; no predicate yet */
  rawi_strbuf subject; /* N-Triples: the subject every line repeats */
} output_rdf;

/* Write onto b with base IRI base (NULL: the default); turtle 0 for
 * N-Triples. declared: the namespaces whose prefixes Turtle may use. */
void output_rdf_init(output_rdf *w, rawi_strbuf *b, const char *base,
                     int turtle, unsigned declared);
/* Close the open subject, release the writer; a failed allocation marks
 * the output buffer failed. */
void output_rdf_finish(output_rdf *w);

/* <BASE AREA ID SUFFIX> into t (emptied first), the id percent-encoded as
 * RFC 3987 asks. suffix may be NULL. */
void output_rdf_iri(const output_rdf *w, rawi_strbuf *t, const char *area,
                    const char *id, size_t n, const char *suffix);

/* Start the statements of a subject (an IRI made by output_rdf_iri). */
void output_rdf_subject(output_rdf *w, const rawi_strbuf *node);
/* The predicate ns:local; exactly one object follows. */
void output_rdf_pred(output_rdf *w, output_rdf_ns ns, const char *local);

void output_rdf_node(output_rdf *w, const rawi_strbuf *node);
void output_rdf_vocab(output_rdf *w, output_rdf_ns ns, const char *local);
/* A string, language-tagged unless lang is NULL. */
void output_rdf_text(output_rdf *w, const char *s, size_t n, const char *lang);
/* An xsd:integer or xsd:decimal given as its lexical form. */
void output_rdf_number(output_rdf *w, const char *lexical, const char *xsd);
void output_rdf_count(output_rdf *w, unsigned long long v);
/* The class of an entity type: schema.org's for the four contract types,
 * rawi's for a pack's own; tmp is scratch. */
void output_rdf_class(output_rdf *w, const char *type, rawi_strbuf *tmp);

/* A document node: prov:Entity, rawi:documentId, and for a document that
 * failed (code not NULL) rawi:errorCode and rawi:errorMessage. */
void output_rdf_document(output_rdf *w, const rawi_strbuf *node, const char *id,
                         size_t n, const char *code, const char *message);

/* Close the open Turtle subject (N-Triples: nothing). */
void output_rdf_end(output_rdf *w);

/* Turtle's @prefix lines for the namespaces in `declared`. Shards may be
 * concatenated: a prefix declared again with the same IRI is allowed. */
void output_rdf_prefixes(rawi_strbuf *b, const char *base, unsigned declared);

#endif
