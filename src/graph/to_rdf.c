/*
 * The graph as N-Triples or Turtle (docs/output.md, "rawi graph"), through
 * the statement writer that `rawi extract` uses (output/rdf_writer.h), so
 * that IRIs and literals are the same whichever command wrote them:
 *
 *   entity    class, a label per name and language, entityId, mentionCount,
 *             documentCount; owl:sameAs from each entity merged into it
 *   fact      <fact/ID>, an rdf:Statement with modality, count, first and
 *             last document, the highest confidence; an asserted fact also
 *             as the direct triple <subject> rawi:PREDICATE <object>
 *   document  as `rawi extract` writes it; rawi:mentionedIn from entities
 *   evidence  <doc/ID#relation-N> (the node extract gives the relation):
 *             evidenceOf its fact, the document, rule, confidence, offsets
 *             and sentence
 */
#include <stdio.h>
#include <string.h>

#include "graph/internal.h"
#include "output/output.h"
#include "output/rdf_writer.h"

typedef struct rdf_ctx {
  graph *g;
  graph_out *o;
  output_rdf w;
  rawi_strbuf node, other, doc, tmp;
  rawi_error *err;
} rdf_ctx;

static void entity_iri(rdf_ctx *c, rawi_strbuf *t, uint32_t e) {
  const char *id = graph_str(c->g, c->g->ents[e].id);
  output_rdf_iri(&c->w, t, "entity/", id, strlen(id), NULL);
}

static void fact_iri(rdf_ctx *c, rawi_strbuf *t, const graph_edge *f) {
  char id[17];
  graph_fact_id(c->g, f, id);
  output_rdf_iri(&c->w, t, "fact/", id, 16, NULL);
}

static void doc_iri(rdf_ctx *c, rawi_strbuf *t, const char *id, size_t n,
                    const char *suffix) {
  output_rdf_iri(&c->w, t, "doc/", id, n, suffix);
}

static const char *lang_or_null(const graph *g, uint32_t lang) {
  const char *s = graph_atom_str(g, lang);
  return *s ? s : NULL;
}

static int flush(rdf_ctx *c) {
  return graph_out_flush(c->o, 0, c->err);
}

static int write_entity(void *ctx, uint32_t e) {
  rdf_ctx *c = ctx;
  graph *g = c->g;
  const graph_entity *ent = &g->ents[e];
  entity_iri(c, &c->node, e);
  output_rdf_subject(&c->w, &c->node);
  output_rdf_pred(&c->w, OUTPUT_NS_RDF, "type");
  output_rdf_class(&c->w, graph_atom_str(g, ent->type), &c->tmp);
  for (uint32_t k = ent->names; k != GRAPH_NONE; k = g->names[k].next) {
    const char *name = graph_str(g, g->names[k].text);
    output_rdf_pred(&c->w, OUTPUT_NS_RDFS, "label");
    output_rdf_text(&c->w, name, strlen(name),
                    lang_or_null(g, g->names[k].lang));
  }
  const char *id = graph_str(g, ent->id);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "entityId");
  output_rdf_text(&c->w, id, strlen(id), NULL);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "mentionCount");
  output_rdf_count(&c->w, ent->mentions);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "documentCount");
  output_rdf_count(&c->w, ent->documents);
  for (uint32_t m = ent->members; m != GRAPH_NONE; m = g->ents[m].next_member) {
    entity_iri(c, &c->other, m);
    output_rdf_subject(&c->w, &c->other);
    output_rdf_pred(&c->w, OUTPUT_NS_OWL, "sameAs");
    output_rdf_node(&c->w, &c->node);
  }
  return flush(c);
}

static int write_fact(void *ctx, const graph_edge *f) {
  rdf_ctx *c = ctx;
  graph *g = c->g;
  const char *pred = graph_atom_str(g, f->p);
  const char *mod = graph_atom_str(g, f->modality);
  entity_iri(c, &c->node, f->s);
  entity_iri(c, &c->other, f->o);
  if (!strcmp(mod, "asserted")) { /* only what happened, as a plain triple */
    output_rdf_subject(&c->w, &c->node);
    output_rdf_pred(&c->w, OUTPUT_NS_RAWI, pred);
    output_rdf_node(&c->w, &c->other);
  }
  fact_iri(c, &c->tmp, f);
  output_rdf_subject(&c->w, &c->tmp);
  output_rdf_pred(&c->w, OUTPUT_NS_RDF, "type");
  output_rdf_vocab(&c->w, OUTPUT_NS_RDF, "Statement");
  output_rdf_pred(&c->w, OUTPUT_NS_RDF, "subject");
  output_rdf_node(&c->w, &c->node);
  output_rdf_pred(&c->w, OUTPUT_NS_RDF, "predicate");
  output_rdf_vocab(&c->w, OUTPUT_NS_RAWI, pred);
  output_rdf_pred(&c->w, OUTPUT_NS_RDF, "object");
  output_rdf_node(&c->w, &c->other);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "modality");
  output_rdf_text(&c->w, mod, strlen(mod), NULL);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "count");
  output_rdf_count(&c->w, f->count);
  doc_iri(c, &c->node, f->first_doc, strlen(f->first_doc), NULL);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "firstDocument");
  output_rdf_node(&c->w, &c->node);
  doc_iri(c, &c->node, f->last_doc, strlen(f->last_doc), NULL);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "lastDocument");
  output_rdf_node(&c->w, &c->node);
  if (f->confidence >= 0) {
    char num[32];
    output_confidence(num, sizeof num, f->confidence);
    output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "confidence");
    output_rdf_number(&c->w, num, "decimal");
  }
  return flush(c);
}

static int on_document(void *ctx, const spill_doc *d) {
  rdf_ctx *c = ctx;
  doc_iri(c, &c->doc, d->id, d->id_len, NULL);
  output_rdf_document(&c->w, &c->doc, d->id, d->id_len, d->code, d->message);
  return flush(c);
}

static int on_mentions(void *ctx, const spill_doc *d, const graph_mention *m,
                       size_t n) {
  rdf_ctx *c = ctx;
  (void)d;
  for (size_t i = 0; i < n; i++) {
    entity_iri(c, &c->node, m[i].entity);
    output_rdf_subject(&c->w, &c->node);
    output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "mentionedIn");
    output_rdf_node(&c->w, &c->doc);
  }
  return flush(c);
}

static int on_evidence(void *ctx, const spill_doc *d, const spill_evidence *ev,
                       const graph_edge *f) {
  rdf_ctx *c = ctx;
  char suffix[40];
  snprintf(suffix, sizeof suffix, "#relation-%u", ev->number);
  doc_iri(c, &c->node, d->id, d->id_len, suffix);
  output_rdf_subject(&c->w, &c->node);
  output_rdf_pred(&c->w, OUTPUT_NS_RDF, "type");
  output_rdf_vocab(&c->w, OUTPUT_NS_PROV, "Entity");
  fact_iri(c, &c->tmp, f);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "evidenceOf");
  output_rdf_node(&c->w, &c->tmp);
  output_rdf_pred(&c->w, OUTPUT_NS_PROV, "wasDerivedFrom");
  output_rdf_node(&c->w, &c->doc);
  const char *rule = graph_atom_str(c->g, ev->rule);
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "rule");
  output_rdf_text(&c->w, rule, strlen(rule), NULL);
  if (ev->confidence >= 0) {
    char num[32];
    output_confidence(num, sizeof num, ev->confidence);
    output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "confidence");
    output_rdf_number(&c->w, num, "decimal");
  }
  if (ev->start != SPILL_NO_OFFSET) {
    output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "evidenceStart");
    output_rdf_count(&c->w, ev->start);
  }
  if (ev->end != SPILL_NO_OFFSET) {
    output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "evidenceEnd");
    output_rdf_count(&c->w, ev->end);
  }
  output_rdf_pred(&c->w, OUTPUT_NS_RAWI, "evidenceText");
  output_rdf_text(&c->w, ev->text, ev->text_len, *d->lang ? d->lang : NULL);
  return flush(c);
}

int graph_write_rdf(graph *g, graph_out *o, int turtle, rawi_error *err) {
  rdf_ctx c = {.g = g, .o = o, .err = err};
  rawi_strbuf *bufs[] = {&c.node, &c.other, &c.doc, &c.tmp};
  for (size_t i = 0; i < 4; i++)
    rawi_strbuf_init(bufs[i], g->alloc);
  output_rdf_init(&c.w, &o->b, g->opt.base_iri, turtle, OUTPUT_NS_ALL);
  if (turtle)
    output_rdf_prefixes(&o->b, g->opt.base_iri, OUTPUT_NS_ALL);
  graph_writer w = {&c,
                    write_entity,
                    write_fact,
                    {&c, on_document, on_mentions, on_evidence}};
  int rc = graph_write_with(g, &w, err);
  output_rdf_finish(&c.w);
  for (size_t i = 0; i < 4; i++) {
    o->b.failed |= bufs[i]->failed;
    rawi_strbuf_free(bufs[i]);
  }
  return rc ? rc : graph_out_flush(o, 1, err);
}
