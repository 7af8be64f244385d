/* The RDF statement writer of rdf_writer.h. */
#include "output/rdf_writer.h"

#include <stdio.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "output/escape.h"
#include "output/output.h"

static const char *const ns_prefix[OUTPUT_NS_COUNT] = {
    "rdf", "rdfs", "xsd", "prov", "schema", "rawi", "owl"};
/* rawi's own vocabulary lives under the base IRI (NULL here). */
static const char *const ns_iri[OUTPUT_NS_COUNT] = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/ns/prov#",
    "http://schema.org/",
    NULL,
    "http://www.w3.org/2002/07/owl#"};

void output_rdf_init(output_rdf *w, rawi_strbuf *b, const char *base,
                     int turtle, unsigned declared) {
  *w = (output_rdf){.b = b,
                    .base = base ? base : OUTPUT_DEFAULT_BASE_IRI,
                    .turtle = turtle,
                    .declared = declared};
  rawi_strbuf_init(&w->subject, NULL);
}

void output_rdf_finish(output_rdf *w) {
  output_rdf_end(w);
  w->b->failed |= w->subject.failed;
  rawi_strbuf_free(&w->subject);
}

void output_rdf_iri(const output_rdf *w, rawi_strbuf *t, const char *area,
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

static void vocab(output_rdf *w, output_rdf_ns ns, const char *local) {
  if (w->turtle && (w->declared >> ns & 1) && turtle_local(local)) {
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

/* Append an IRI made by output_rdf_iri; one that could not be made (out
 * of memory) fails the output too. */
static void add_node(rawi_strbuf *b, const rawi_strbuf *node) {
  if (node->failed || !node->data)
    b->failed = 1;
  else
    rawi_strbuf_add(b, node->data, node->len);
}

void output_rdf_end(output_rdf *w) {
  if (w->turtle && w->open)
    rawi_strbuf_adds(w->b, " .\n");
  w->open = 0;
}

void output_rdf_subject(output_rdf *w, const rawi_strbuf *node) {
  if (w->turtle) {
    output_rdf_end(w);
    add_node(w->b, node);
    w->open = w->first = 1;
  } else {
    w->subject.len = 0;
    add_node(&w->subject, node);
  }
}

void output_rdf_pred(output_rdf *w, output_rdf_ns ns, const char *local) {
  if (!w->turtle)
    add_node(w->b, &w->subject);
  rawi_strbuf_adds(w->b, !w->turtle || w->first ? " " : " ;\n    ");
  w->first = 0;
  vocab(w, ns, local);
  rawi_strbuf_addc(w->b, ' ');
}

static void obj_end(output_rdf *w) {
  if (!w->turtle)
    rawi_strbuf_adds(w->b, " .\n");
}

void output_rdf_node(output_rdf *w, const rawi_strbuf *node) {
  add_node(w->b, node);
  obj_end(w);
}

void output_rdf_vocab(output_rdf *w, output_rdf_ns ns, const char *local) {
  vocab(w, ns, local);
  obj_end(w);
}

void output_rdf_text(output_rdf *w, const char *s, size_t n, const char *lang) {
  output_rdf_string(w->b, s, n);
  if (lang) {
    rawi_strbuf_addc(w->b, '@');
    rawi_strbuf_adds(w->b, lang);
  }
  obj_end(w);
}

/* Turtle writes integers and decimals bare. */
void output_rdf_number(output_rdf *w, const char *lexical, const char *xsd) {
  if (w->turtle) {
    rawi_strbuf_adds(w->b, lexical);
  } else {
    rawi_strbuf_addc(w->b, '"');
    rawi_strbuf_adds(w->b, lexical);
    rawi_strbuf_adds(w->b, "\"^^");
    vocab(w, OUTPUT_NS_XSD, xsd);
  }
  obj_end(w);
}

void output_rdf_count(output_rdf *w, unsigned long long v) {
  char num[24];
  snprintf(num, sizeof num, "%llu", v);
  output_rdf_number(w, num, "integer");
}

void output_rdf_class(output_rdf *w, const char *type, rawi_strbuf *tmp) {
  const doc_type *t = doc_type_named(type);
  if (t) {
    output_rdf_vocab(w, OUTPUT_NS_SCHEMA, t->rdf_class);
    return;
  }
  tmp->len = 0;
  output_type_label(tmp, type);
  output_rdf_vocab(w, OUTPUT_NS_RAWI, tmp->data ? tmp->data : "Thing");
}

void output_rdf_document(output_rdf *w, const rawi_strbuf *node, const char *id,
                         size_t n, const char *code, const char *message) {
  output_rdf_subject(w, node);
  output_rdf_pred(w, OUTPUT_NS_RDF, "type");
  output_rdf_vocab(w, OUTPUT_NS_PROV, "Entity");
  output_rdf_pred(w, OUTPUT_NS_RAWI, "documentId");
  output_rdf_text(w, id, n, NULL);
  if (!code)
    return;
  output_rdf_pred(w, OUTPUT_NS_RAWI, "errorCode");
  output_rdf_text(w, code, strlen(code), NULL);
  output_rdf_pred(w, OUTPUT_NS_RAWI, "errorMessage");
  output_rdf_text(w, message, strlen(message), NULL);
}

void output_rdf_prefixes(rawi_strbuf *b, const char *base, unsigned declared) {
  if (!base)
    base = OUTPUT_DEFAULT_BASE_IRI;
  for (int ns = 0; ns < OUTPUT_NS_COUNT; ns++) {
    if (!(declared >> ns & 1))
      continue;
    rawi_strbuf_adds(b, "@prefix ");
    rawi_strbuf_adds(b, ns_prefix[ns]);
    rawi_strbuf_adds(b, ": <");
    rawi_strbuf_adds(b, ns_iri[ns] ? ns_iri[ns] : base);
    rawi_strbuf_adds(b, ns_iri[ns] ? "> .\n" : "vocab/> .\n");
  }
  rawi_strbuf_addc(b, '\n');
}
