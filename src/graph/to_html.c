/*
 * The corpus view: one self-contained HTML page of a run's graph
 * (docs/output.md, "rawi graph"). The --top most mentioned entities in a
 * table, their graph (inline SVG, entities on a circle as in the page of
 * `rawi extract --format html`, with its stylesheet), and for each fact
 * drawn between two of them a section with its evidence: every edge of the
 * drawing links to its section.
 *
 * The page stays small whatever the run: at most MAX_FACTS facts are drawn
 * (the most frequent), and each shows its first EVIDENCE_SHOWN pieces of
 * evidence with the count of the rest; the other formats hold all of it.
 * Evidence is gathered in one pass over the spill, for the facts drawn only.
 *
 * Every string from the input goes through the page's one escaper
 * (output_html_text); names outside running text are isolated in <bdi>.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/internal.h"
#include "output/escape.h"
#include "output/output.h"
#include "util/error.h"
#include "util/mem.h"

enum { MAX_FACTS = 300, EVIDENCE_SHOWN = 20 };

typedef struct shown_fact {
  uint32_t fact;
  uint64_t count, first_seq; /* to sort by */
  uint64_t evidence;         /* pieces seen in the pass over the spill */
  rawi_strbuf rows; /* the first EVIDENCE_SHOWN of them, as table rows */
} shown_fact;

typedef struct html_ctx {
  graph *g;
  graph_out *o;
  rawi_strbuf *b;
  uint32_t *top; /* entities shown, most mentioned first */
  size_t n_top;
  uint32_t *slot; /* entity -> place among top, or GRAPH_NONE */
  size_t *place;  /* place among top -> place on the circle */
  shown_fact *facts;
  size_t n_facts;
  uint32_t *fact_slot; /* fact -> index into facts, or GRAPH_NONE */
  rawi_error *err;
} html_ctx;

static void esc(rawi_strbuf *b, const char *s) {
  output_html_text(b, s, strlen(s));
}

static void bdi(rawi_strbuf *b, const char *s) {
  rawi_strbuf_adds(b, "<bdi>");
  esc(b, s);
  rawi_strbuf_adds(b, "</bdi>");
}

static int nomem(html_ctx *c) {
  return rawi_error_set(c->err, RAWI_ERR_NOMEM, "out of memory");
}

/* --- what is shown ---------------------------------------------------------
 */

typedef struct rank {
  uint64_t mentions, documents;
  uint32_t entity;
} rank;

static int by_rank(const void *a, const void *b) {
  const rank *x = a, *y = b;
  if (x->mentions != y->mentions)
    return x->mentions > y->mentions ? -1 : 1;
  if (x->documents != y->documents)
    return x->documents > y->documents ? -1 : 1;
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* The --top nodes by name mentions, then documents, then input order. */
static int pick_entities(html_ctx *c) {
  graph *g = c->g;
  rank *r = rawi_mem_calloc(g->alloc, g->n_ents + 1, sizeof *r);
  c->slot = rawi_mem_alloc(g->alloc, (g->n_ents + 1) * sizeof *c->slot);
  if (!r || !c->slot) {
    rawi_mem_free(g->alloc, r);
    return nomem(c);
  }
  size_t n = 0;
  for (uint32_t e = 0; e < g->n_ents; e++) {
    c->slot[e] = GRAPH_NONE;
    if (graph_is_node(g, e))
      r[n++] = (rank){g->ents[e].mentions, g->ents[e].documents, e};
  }
  if (n)
    qsort(r, n, sizeof *r, by_rank);
  c->n_top = n < g->opt.top ? n : g->opt.top;
  c->top = rawi_mem_alloc(g->alloc, (c->n_top + 1) * sizeof *c->top);
  if (!c->top) {
    rawi_mem_free(g->alloc, r);
    return nomem(c);
  }
  for (size_t i = 0; i < c->n_top; i++) {
    c->top[i] = r[i].entity;
    c->slot[r[i].entity] = (uint32_t)i;
  }
  rawi_mem_free(g->alloc, r);
  return 0;
}

static int by_count(const void *a, const void *b) {
  const shown_fact *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first_seq < y->first_seq ? -1 : x->first_seq > y->first_seq;
}

/* The facts kept between two shown entities, the most frequent first. */
static int pick_facts(html_ctx *c) {
  graph *g = c->g;
  c->facts = rawi_mem_calloc(g->alloc, g->n_facts + 1, sizeof *c->facts);
  c->fact_slot = rawi_mem_alloc(g->alloc, (g->n_facts + 1) * sizeof(uint32_t));
  if (!c->facts || !c->fact_slot)
    return nomem(c);
  for (uint32_t i = 0; i < g->n_facts; i++) {
    const graph_edge *f = &g->facts[i];
    c->fact_slot[i] = GRAPH_NONE;
    if (graph_fact_kept(g, f) && c->slot[f->s] != GRAPH_NONE &&
        c->slot[f->o] != GRAPH_NONE)
      c->facts[c->n_facts++] =
          (shown_fact){.fact = i, .count = f->count, .first_seq = f->first_seq};
  }
  if (c->n_facts)
    qsort(c->facts, c->n_facts, sizeof *c->facts, by_count);
  if (c->n_facts > MAX_FACTS)
    c->n_facts = MAX_FACTS;
  for (size_t k = 0; k < c->n_facts; k++) {
    c->fact_slot[c->facts[k].fact] = (uint32_t)k;
    rawi_strbuf_init(&c->facts[k].rows, g->alloc);
  }
  return 0;
}

/* --- evidence, from the spill ----------------------------------------------
 */

static int on_evidence(void *ctx, const spill_doc *d, const spill_evidence *ev,
                       const graph_edge *f) {
  html_ctx *c = ctx;
  uint32_t k = c->fact_slot[f - c->g->facts];
  if (k == GRAPH_NONE || c->facts[k].evidence++ >= EVIDENCE_SHOWN)
    return 0;
  rawi_strbuf *b = &c->facts[k].rows;
  int rtl = !strcmp(d->lang, "ar");
  rawi_strbuf_adds(b, "<tr><td><bdi>");
  output_html_text(b, d->id, d->id_len);
  rawi_strbuf_adds(b, "</bdi>");
  if (ev->start != SPILL_NO_OFFSET && ev->end != SPILL_NO_OFFSET)
    rawi_strbuf_addf(b, "<small>%llu–%llu</small>",
                     (unsigned long long)ev->start,
                     (unsigned long long)ev->end);
  rawi_strbuf_addf(b, "</td><td><div class=\"ev\" dir=\"%s\"",
                   rtl ? "rtl" : "auto");
  if (*d->lang) {
    rawi_strbuf_adds(b, " lang=\"");
    esc(b, d->lang);
    rawi_strbuf_addc(b, '"');
  }
  rawi_strbuf_addc(b, '>');
  output_html_text(b, ev->text, ev->text_len);
  rawi_strbuf_adds(b, "</div><small>");
  esc(b, graph_atom_str(c->g, ev->rule));
  rawi_strbuf_adds(b, "</small></td><td class=\"conf\">");
  if (ev->confidence >= 0)
    rawi_strbuf_addf(b, "%.2f", ev->confidence);
  rawi_strbuf_adds(b, "</td></tr>");
  return b->failed ? nomem(c) : 0;
}

/* --- the page --------------------------------------------------------------
 */

static const char extra_style[] =
    "h2{margin-top:28px}.totals{color:#57606a}\n"
    ".edge.planned path{stroke-dasharray:5 4}a .edge:hover path{"
    "stroke:#1f6feb;stroke-width:2.5}\n"
    "section.fact{border-top:1px solid #d0d7de;margin-top:14px}"
    ".fact h3{font-size:16px;margin:8px 0}.fact h3 small{color:#57606a;"
    "font-weight:normal;margin-inline-start:8px}.ev{white-space:pre-wrap}\n"
    "section.fact:target{background:#fff8c5}td.num{text-align:end}\n";

static void page_head(html_ctx *c) {
  rawi_strbuf *b = c->b;
  graph_stats s;
  graph_get_stats(c->g, &s);
  rawi_strbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                      "<meta charset=\"utf-8\"><meta name=\"viewport\" "
                      "content=\"width=device-width,initial-scale=1\">"
                      "<title>rawi graph</title><style>\n");
  output_html_style(b);
  rawi_strbuf_adds(b, extra_style);
  rawi_strbuf_adds(b, "</style></head><body>\n");
  rawi_strbuf_adds(b, output_html_defs);
  rawi_strbuf_adds(b, "<header><h1>rawi graph</h1><p class=\"legend\">");
  output_html_legend(b);
  rawi_strbuf_adds(b, "dashed edge: planned</p>");
  rawi_strbuf_addf(b,
                   "<p class=\"totals\">%llu documents (%llu failed), %llu "
                   "entities (%llu merged from short forms), %llu facts "
                   "from %llu relations",
                   (unsigned long long)s.documents,
                   (unsigned long long)s.failed, (unsigned long long)s.entities,
                   (unsigned long long)s.merged, (unsigned long long)s.facts,
                   (unsigned long long)s.evidence);
  if (s.dropped)
    rawi_strbuf_addf(b, " (%llu more seen fewer than %llu times)",
                     (unsigned long long)s.dropped,
                     (unsigned long long)c->g->opt.min_count);
  rawi_strbuf_adds(b, "</p></header>\n<main>\n");
}

static void entity_cell(html_ctx *c, uint32_t e) {
  const graph *g = c->g;
  rawi_strbuf_addf(c->b, "<td class=\"t-%s\">",
                   output_html_type_class(graph_atom_str(g, g->ents[e].type)));
  bdi(c->b, graph_display_name(g, e));
  rawi_strbuf_adds(c->b, "<small>");
  bdi(c->b, graph_str(g, g->ents[e].id));
  rawi_strbuf_adds(c->b, "</small></td>");
}

/* The other names of e and the entities merged into it. */
static void aliases_cell(html_ctx *c, uint32_t e) {
  const graph *g = c->g;
  const char *shown = graph_display_name(g, e);
  int first = 1;
  rawi_strbuf_adds(c->b, "<td>");
  for (uint32_t k = g->ents[e].names; k != GRAPH_NONE; k = g->names[k].next) {
    const char *name = graph_str(g, g->names[k].text);
    if (name == shown)
      continue;
    rawi_strbuf_adds(c->b, first ? "" : " · ");
    first = 0;
    bdi(c->b, name);
  }
  for (uint32_t m = g->ents[e].members; m != GRAPH_NONE;
       m = g->ents[m].next_member) {
    rawi_strbuf_adds(c->b, first ? "<small>merged: " : "<small> merged: ");
    first = 0;
    bdi(c->b, graph_str(g, g->ents[m].id));
    rawi_strbuf_adds(c->b, "</small>");
  }
  rawi_strbuf_adds(c->b, "</td>");
}

static int entity_table(html_ctx *c) {
  rawi_strbuf *b = c->b;
  rawi_strbuf_addf(b,
                   "<section id=\"entities\"><h2>The %zu most mentioned "
                   "entities</h2><table class=\"rels\"><thead><tr><th>#</th>"
                   "<th>entity</th><th>mentions</th><th>documents</th>"
                   "<th>other names</th></tr></thead><tbody>\n",
                   c->n_top);
  int rc = 0;
  for (size_t i = 0; i < c->n_top && !rc; i++) {
    uint32_t e = c->top[i];
    rawi_strbuf_addf(b, "<tr id=\"entity-%zu\"><td class=\"num\">%zu</td>",
                     i + 1, i + 1);
    entity_cell(c, e);
    rawi_strbuf_addf(b,
                     "<td class=\"num\">%llu</td><td class=\"num\">%llu</td>",
                     (unsigned long long)c->g->ents[e].mentions,
                     (unsigned long long)c->g->ents[e].documents);
    aliases_cell(c, e);
    rawi_strbuf_adds(b, "</tr>\n");
    rc = graph_out_flush(c->o, 0, c->err);
  }
  rawi_strbuf_adds(b, "</tbody></table></section>\n");
  return rc;
}

/* --- the drawing -------------------------------------------------------------
 */

/* Entities of the facts drawn first, in the order the facts name them,
 * spread round the circle as the page of `rawi extract` does. */
static int circle(html_ctx *c) {
  size_t n = c->n_top, linked = 0, none = (size_t)-1;
  c->place = rawi_mem_calloc(c->g->alloc, 2 * n, sizeof *c->place);
  if (!c->place)
    return nomem(c);
  for (size_t i = 0; i < n; i++)
    c->place[i] = none;
  for (size_t k = 0; k < c->n_facts; k++) {
    const graph_edge *f = &c->g->facts[c->facts[k].fact];
    uint32_t ends[2] = {c->slot[f->s], c->slot[f->o]};
    for (int j = 0; j < 2; j++)
      if (c->place[ends[j]] == none)
        c->place[ends[j]] = linked++;
  }
  output_html_circle_spread(c->place, c->place + n, n, linked);
  return 0;
}

static void node_xy(const html_ctx *c, double cx, double r, uint32_t e,
                    double *x, double *y) {
  double a =
      -M_PI / 2 + 2 * M_PI * (double)c->place[c->slot[e]] / (double)c->n_top;
  *x = cx + r * cos(a);
  *y = cx + r * sin(a);
}

/* Facts between the same two entities before fact k bend further,
 * alternating sides, so that they stay apart (quadratic in the facts
 * drawn, which are at most MAX_FACTS). */
static int bend(const html_ctx *c, size_t k) {
  const graph_edge *f = &c->g->facts[c->facts[k].fact];
  int n = 0;
  for (size_t j = 0; j < k; j++) {
    const graph_edge *q = &c->g->facts[c->facts[j].fact];
    n += (q->s == f->s && q->o == f->o) || (q->s == f->o && q->o == f->s);
  }
  return n == 0 ? 0 : (n % 2 ? 1 : -1) * ((n + 1) / 2) * 28;
}

static void fact_anchor(const html_ctx *c, const graph_edge *f) {
  char id[17];
  graph_fact_id(c->g, f, id);
  rawi_strbuf_addf(c->b, "#fact-%s", id);
}

static void edge_svg(html_ctx *c, double cx, double r, size_t k) {
  const graph *g = c->g;
  const graph_edge *f = &g->facts[c->facts[k].fact];
  const char *pred = graph_atom_str(g, f->p);
  const char *mod = graph_atom_str(g, f->modality);
  double x1, y1, x2, y2, lx, ly;
  node_xy(c, cx, r, f->s, &x1, &y1);
  node_xy(c, cx, r, f->o, &x2, &y2);
  rawi_strbuf_adds(c->b, "<a href=\"");
  fact_anchor(c, f);
  rawi_strbuf_addf(c->b, "\"><g class=\"edge%s\"><title>",
                   strcmp(mod, "asserted") ? " planned" : "");
  esc(c->b, graph_display_name(g, f->s));
  rawi_strbuf_addc(c->b, ' ');
  esc(c->b, pred);
  rawi_strbuf_addc(c->b, ' ');
  esc(c->b, graph_display_name(g, f->o));
  rawi_strbuf_adds(c->b, " (");
  esc(c->b, mod);
  rawi_strbuf_addf(c->b, ", %llu×)</title><path d=\"",
                   (unsigned long long)f->count);
  output_html_edge_path(c->b, x1, y1, x2, y2, bend(c, k), &lx, &ly);
  rawi_strbuf_addf(c->b,
                   "\" marker-end=\"url(#rawi-arrow)\"/><text x=\"%.0f\" "
                   "y=\"%.0f\" text-anchor=\"middle\">",
                   lx, ly);
  esc(c->b, pred);
  rawi_strbuf_addf(c->b, " ×%llu</text></g></a>", (unsigned long long)f->count);
}

static void node_svg(html_ctx *c, double cx, double r, size_t i) {
  const graph *g = c->g;
  uint32_t e = c->top[i];
  double x, y;
  node_xy(c, cx, r, e, &x, &y);
  double dx = x - cx, dy = y - cx, d = hypot(dx, dy);
  double ux = d > 0 ? dx / d : 0, uy = d > 0 ? dy / d : -1;
  const char *anchor = ux > 0.3 ? "start" : ux < -0.3 ? "end" : "middle";
  rawi_strbuf_addf(
      c->b, "<a href=\"#entity-%zu\"><g class=\"node t-%s\"><title>", i + 1,
      output_html_type_class(graph_atom_str(g, g->ents[e].type)));
  esc(c->b, graph_str(g, g->ents[e].id));
  rawi_strbuf_addf(c->b,
                   " (%llu mentions)</title><circle cx=\"%.0f\" cy=\"%.0f\" "
                   "r=\"%.0f\"/><text x=\"%.0f\" y=\"%.0f\" "
                   "text-anchor=\"%s\">",
                   (unsigned long long)g->ents[e].mentions, x, y,
                   OUTPUT_HTML_NODE_R, x + ux * (OUTPUT_HTML_NODE_R + 5),
                   y + uy * (OUTPUT_HTML_NODE_R + 5) + 4, anchor);
  esc(c->b, graph_display_name(g, e));
  rawi_strbuf_adds(c->b, "</text></g></a>");
}

static int drawing(html_ctx *c) {
  if (!c->n_top)
    return 0;
  int rc = circle(c);
  if (rc)
    return rc;
  /* about 56 px of circumference per entity, never a tiny circle */
  double r = c->n_top == 1 ? 0 : fmax(80, 56.0 * (double)c->n_top / (2 * M_PI));
  double size = 2 * (r + 140), cx = size / 2;
  rawi_strbuf_addf(c->b,
                   "<section id=\"graph\"><h2>Their graph</h2><svg "
                   "class=\"graph\" width=\"%.0f\" height=\"%.0f\" "
                   "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%zu "
                   "entities, %zu facts\">",
                   size, size, size, size, c->n_top, c->n_facts);
  for (size_t k = 0; k < c->n_facts; k++)
    edge_svg(c, cx, r, k);
  for (size_t i = 0; i < c->n_top; i++)
    node_svg(c, cx, r, i);
  rawi_strbuf_adds(c->b, "</svg></section>\n");
  return graph_out_flush(c->o, 0, c->err);
}

/* --- the facts and their evidence ------------------------------------------
 */

static int fact_section(html_ctx *c, size_t k) {
  const graph *g = c->g;
  shown_fact *s = &c->facts[k];
  const graph_edge *f = &g->facts[s->fact];
  rawi_strbuf *b = c->b;
  char id[17];
  graph_fact_id(g, f, id);
  rawi_strbuf_addf(b, "<section class=\"fact\" id=\"fact-%s\"><h3>", id);
  bdi(b, graph_display_name(g, f->s));
  rawi_strbuf_adds(b, " <span class=\"pred\">");
  esc(b, graph_atom_str(g, f->p));
  rawi_strbuf_adds(b, "</span> ");
  bdi(b, graph_display_name(g, f->o));
  rawi_strbuf_adds(b, "<small>");
  esc(b, graph_atom_str(g, f->modality));
  rawi_strbuf_addf(b, " · %llu× · first ", (unsigned long long)f->count);
  bdi(b, f->first_doc);
  rawi_strbuf_adds(b, " · last ");
  bdi(b, f->last_doc);
  rawi_strbuf_adds(b, "</small></h3><table class=\"rels\"><thead><tr>"
                      "<th>document</th><th>evidence</th><th>confidence</th>"
                      "</tr></thead><tbody>");
  rawi_strbuf_add(b, s->rows.data ? s->rows.data : "", s->rows.len);
  rawi_strbuf_adds(b, "</tbody></table>");
  if (s->evidence > EVIDENCE_SHOWN)
    rawi_strbuf_addf(b,
                     "<p class=\"none\">and %llu more (every piece is in the "
                     "other formats)</p>",
                     (unsigned long long)(s->evidence - EVIDENCE_SHOWN));
  rawi_strbuf_adds(b, "</section>\n");
  return graph_out_flush(c->o, 0, c->err);
}

static int fact_sections(html_ctx *c) {
  rawi_strbuf_addf(c->b, "<section id=\"facts\"><h2>%zu facts between them",
                   c->n_facts);
  if (c->n_facts == MAX_FACTS)
    rawi_strbuf_adds(c->b, " (the most frequent)");
  rawi_strbuf_adds(c->b, "</h2>\n");
  int rc = 0;
  for (size_t k = 0; k < c->n_facts && !rc; k++)
    rc = fact_section(c, k);
  rawi_strbuf_adds(c->b, "</section>\n");
  return rc;
}

static void ctx_free(html_ctx *c) {
  const rawi_allocator *a = c->g->alloc;
  for (size_t k = 0; c->facts && k < c->n_facts; k++)
    rawi_strbuf_free(&c->facts[k].rows);
  rawi_mem_free(a, c->facts);
  rawi_mem_free(a, c->fact_slot);
  rawi_mem_free(a, c->top);
  rawi_mem_free(a, c->slot);
  rawi_mem_free(a, c->place);
}

int graph_write_html(graph *g, graph_out *o, rawi_error *err) {
  html_ctx c = {.g = g, .o = o, .b = &o->b, .err = err};
  int rc = pick_entities(&c);
  if (!rc)
    rc = pick_facts(&c);
  graph_doc_visitor v = {.ctx = &c, .evidence = on_evidence};
  if (!rc && c.n_facts)
    rc = graph_visit_docs(g, &v, err);
  if (!rc) {
    page_head(&c);
    rc = entity_table(&c);
  }
  if (!rc)
    rc = drawing(&c);
  if (!rc)
    rc = fact_sections(&c);
  if (!rc) {
    rawi_strbuf_adds(c.b, "</main>\n</body></html>\n");
    rc = graph_out_flush(o, 1, err);
  }
  ctx_free(&c);
  return rc;
}
