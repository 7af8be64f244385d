/*
 * HTML: one self-contained page for a whole batch (docs/output.md).
 *
 * Each document is a record like any other format's: a <details> element
 * whose summary line holds the id and counts, and whose body holds the text
 * with every mention marked, the relation table and the graph as inline SVG,
 * laid out here (entities on a circle). Records stay independent, so the
 * page is the same for any thread count, and the writer keeps no state.
 *
 * What needs the whole batch, the index with per-document counts, is built
 * at load time by the footer's small script from the records' data
 * attributes, one page of rows at a time. Documents start collapsed (a
 * closed <details> is not laid out), so 10,000 documents still give a page
 * that opens; the script opens them when there are only a few.
 *
 * Every string that comes from the input, the lists or the rules goes
 * through html_escape: markup characters become references, and bidi
 * embedding, override and isolate controls become U+FFFD, so no name or
 * sentence can open a tag, leave an attribute or reorder the page around
 * it. Names outside the text are isolated in <bdi>.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc/types.h"
#include "output/escape.h"
#include "output/output.h"
#include "util/hash.h"
#include "util/mem.h"

/* ---------------------------------------------------------------- */
/* Escaping                                                          */
/* ---------------------------------------------------------------- */

/* The one escaper: text content and attribute values alike. */
static void html_escape(rawi_strbuf *b, const char *s, size_t n) {
  output_html_text(b, s, n);
}

static void html_escapes(rawi_strbuf *b, const char *s) {
  html_escape(b, s, strlen(s));
}

/* <bdi>s</bdi>: a name keeps its own direction whatever surrounds it. */
static void bdi(rawi_strbuf *b, const char *s) {
  rawi_strbuf_adds(b, "<bdi>");
  html_escapes(b, s);
  rawi_strbuf_adds(b, "</bdi>");
}

/* ---------------------------------------------------------------- */
/* Mentions in text order                                            */
/* ---------------------------------------------------------------- */

/* The types of the type table have colours (doc/types.def); a pack's own
 * types share the OTHER one. */
const char *output_html_type_class(const char *type) {
  const doc_type *t = doc_type_named(type);
  return t ? t->name : "OTHER";
}

typedef struct mark {
  rawi_mention m;
  size_t entity;
} mark;

static int by_start(const void *a, const void *b) {
  const mark *x = a, *y = b;
  if (x->m.span.byte_start != y->m.span.byte_start)
    return x->m.span.byte_start < y->m.span.byte_start ? -1 : 1;
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* Every mention of the document, sorted by start; NULL (with the buffer
 * marked failed) when out of memory, or when there are none. */
static mark *collect_marks(rawi_strbuf *b, const rawi_doc *doc, size_t *n) {
  size_t total = 0, k = 0;
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    total += e.mention_count;
  }
  *n = 0;
  mark *v =
      total ? rawi_mem_calloc(&rawi_default_allocator, total, sizeof *v) : NULL;
  if (total && !v) {
    b->failed = 1;
    return NULL;
  }
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    for (size_t j = 0; j < e.mention_count && k < total; j++, k++) {
      rawi_doc_mention(doc, i, j, &v[k].m);
      v[k].entity = i;
    }
  }
  if (k)
    qsort(v, k, sizeof *v, by_start);
  *n = k;
  return v;
}

/* A mark in the text: focusable, with data-tip (id and type, canonical
 * name, source; one a line) that the stylesheet shows on hover and focus.
 * In an evidence sentence only the colour, to keep records small. */
static void open_mark(rawi_strbuf *b, const rawi_doc *doc, const mark *k,
                      int in_text) {
  rawi_entity e;
  rawi_doc_entity(doc, k->entity, &e);
  int demonym = k->m.kind == RAWI_MENTION_DEMONYM;
  rawi_strbuf_addf(b, "<mark class=\"t-%s%s\"", output_html_type_class(e.type),
                   demonym ? " demonym" : "");
  if (!in_text) {
    rawi_strbuf_addc(b, '>');
    return;
  }
  char src[512];
  size_t n = output_source(src, sizeof src, &k->m);
  rawi_strbuf_adds(b, " tabindex=\"0\" data-tip=\"");
  html_escapes(b, e.id);
  rawi_strbuf_adds(b, " (");
  html_escapes(b, e.type);
  rawi_strbuf_adds(b, demonym ? ", demonym)&#10;" : ")&#10;");
  html_escapes(b, e.name);
  rawi_strbuf_adds(b, "&#10;");
  html_escape(b, src, n);
  rawi_strbuf_adds(b, "\">");
}

/* Which marks a stretch of text shows: all of them (the document), or
 * only those of a relation's two entities (its evidence). */
typedef struct mark_filter {
  int all;
  size_t a, b;
} mark_filter;

/* The first of the n marks (sorted by start) that starts at or after
 * byte b. */
static size_t first_mark_from(const mark *v, size_t n, size_t b) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].m.span.byte_start < b)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* text[from, to) with its marks. A mark that overlaps the one before it
 * is left out (resolution leaves none; this keeps the markup nested).
 * Only the marks inside the stretch are visited, so the evidence of every
 * relation costs its own length, not the document's mentions. */
static void marked_text(rawi_strbuf *b, const rawi_doc *doc, const char *text,
                        size_t from, size_t to, const mark *v, size_t n,
                        const mark_filter *f) {
  size_t at = from;
  for (size_t i = first_mark_from(v, n, from);
       i < n && v[i].m.span.byte_start < to; i++) {
    const rawi_span *s = &v[i].m.span;
    if (s->byte_start < at || s->byte_end > to)
      continue;
    if (!f->all && v[i].entity != f->a && v[i].entity != f->b)
      continue;
    html_escape(b, text + at, s->byte_start - at);
    open_mark(b, doc, &v[i], f->all);
    html_escape(b, text + s->byte_start, s->byte_end - s->byte_start);
    rawi_strbuf_adds(b, "</mark>");
    at = s->byte_end;
  }
  html_escape(b, text + at, to - at);
}

/* ---------------------------------------------------------------- */
/* Relations                                                         */
/* ---------------------------------------------------------------- */

static const char *text_dir(const rawi_doc *doc) {
  return rawi_doc_lang(doc) == RAWI_LANG_AR ? "rtl" : "ltr";
}

static void entity_cell(rawi_strbuf *b, const rawi_doc *doc, size_t i) {
  rawi_entity e;
  rawi_doc_entity(doc, i, &e);
  rawi_strbuf_addf(b, "<td class=\"t-%s\">", output_html_type_class(e.type));
  bdi(b, e.name);
  rawi_strbuf_adds(b, "<small>");
  bdi(b, e.id);
  rawi_strbuf_adds(b, "</small></td>");
}

static void relation_row(rawi_strbuf *b, const rawi_doc *doc, size_t i,
                         const mark *v, size_t n) {
  rawi_relation r;
  size_t len;
  const char *text = rawi_doc_text(doc, &len);
  rawi_doc_relation(doc, i, &r);
  rawi_strbuf_adds(b, "<tr class=\"rel\">");
  entity_cell(b, doc, r.subject);
  rawi_strbuf_adds(b, "<td class=\"pred\">");
  html_escapes(b, r.predicate);
  if (strcmp(r.modality, "asserted"))
    rawi_strbuf_adds(b, " <small>(planned)</small>");
  rawi_strbuf_adds(b, "</td>");
  entity_cell(b, doc, r.object);
  rawi_strbuf_addf(b,
                   "<td class=\"conf\">%.2f</td><td><div class=\"ev\" "
                   "dir=\"%s\" lang=\"%s\">",
                   r.confidence, text_dir(doc),
                   rawi_lang_name(rawi_doc_lang(doc)));
  mark_filter f = {0, r.subject, r.object};
  marked_text(b, doc, text, r.evidence.byte_start, r.evidence.byte_end, v, n,
              &f);
  rawi_strbuf_adds(b, "</div><small>");
  html_escapes(b, r.rule_file);
  rawi_strbuf_addc(b, ':');
  html_escapes(b, r.rule);
  rawi_strbuf_adds(b, r.implicit ? " (subject: topic person)</small></td></tr>"
                                 : "</small></td></tr>");
}

static void relation_table(rawi_strbuf *b, const rawi_doc *doc, const mark *v,
                           size_t n) {
  size_t count = rawi_doc_relation_count(doc);
  if (!count) {
    rawi_strbuf_adds(b, "<p class=\"none\">no relations</p>");
    return;
  }
  rawi_strbuf_adds(b, "<table class=\"rels\"><thead><tr><th>subject</th>"
                      "<th>predicate</th><th>object</th><th>confidence</th>"
                      "<th>evidence</th></tr></thead><tbody>");
  for (size_t i = 0; i < count; i++)
    relation_row(b, doc, i, v, n);
  rawi_strbuf_adds(b, "</tbody></table>");
}

/* ---------------------------------------------------------------- */
/* The graph: entities on a circle, one curved edge per relation      */
/* ---------------------------------------------------------------- */

#define NODE_R OUTPUT_HTML_NODE_R
#define LABEL_ROOM 140.0 /* around the circle, for the names */

typedef struct layout {
  double cx, cy, r;
  size_t n;
  size_t *slot; /* entity -> place on the circle */
} layout;

/* Entities in relations first, in the order the relations name them,
 * spread evenly round the circle so that edges are long enough for their
 * labels; the others fill the places between. Returns 0, or -1 (buffer
 * marked failed) when out of memory. */
static int circle_order(rawi_strbuf *b, const rawi_doc *doc, layout *l) {
  size_t n = l->n, linked = 0, none = (size_t)-1;
  size_t *slot = rawi_mem_calloc(&rawi_default_allocator, 2 * n, sizeof *slot);
  if (!slot) {
    b->failed = 1;
    return -1;
  }
  size_t *taken = slot + n;
  for (size_t i = 0; i < n; i++)
    slot[i] = none;
  for (size_t i = 0; i < rawi_doc_relation_count(doc); i++) {
    rawi_relation r;
    rawi_doc_relation(doc, i, &r);
    if (slot[r.subject] == none)
      slot[r.subject] = linked++;
    if (slot[r.object] == none)
      slot[r.object] = linked++;
  }
  output_html_circle_spread(slot, taken, n, linked);
  l->slot = slot;
  return 0;
}

void output_html_circle_spread(size_t *slot, size_t *taken, size_t n,
                               size_t linked) {
  const size_t none = (size_t)-1;
  for (size_t i = 0; i < n; i++)
    if (slot[i] != none)
      taken[slot[i] = slot[i] * n / linked] = 1;
  for (size_t i = 0, free_at = 0; i < n; i++) {
    if (slot[i] != none)
      continue;
    while (taken[free_at])
      free_at++;
    slot[i] = free_at++;
  }
}

static void node_xy(const layout *l, size_t i, double *x, double *y) {
  double a = -M_PI / 2 + 2 * M_PI * (double)l->slot[i] / (double)l->n;
  *x = l->cx + l->r * cos(a);
  *y = l->cy + l->r * sin(a);
}

static void node_svg(rawi_strbuf *b, const rawi_doc *doc, const layout *l,
                     size_t i) {
  rawi_entity e;
  double x, y;
  rawi_doc_entity(doc, i, &e);
  node_xy(l, i, &x, &y);
  /* the name outside the circle, anchored away from it */
  double dx = x - l->cx, dy = y - l->cy, d = hypot(dx, dy);
  double ux = d > 0 ? dx / d : 0, uy = d > 0 ? dy / d : -1;
  const char *anchor = ux > 0.3 ? "start" : ux < -0.3 ? "end" : "middle";
  rawi_strbuf_addf(b, "<g class=\"node t-%s\"><title>",
                   output_html_type_class(e.type));
  html_escapes(b, e.id);
  rawi_strbuf_addf(b,
                   "</title><circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>"
                   "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"%s\">",
                   x, y, NODE_R, x + ux * (NODE_R + 5),
                   y + uy * (NODE_R + 5) + 4, anchor);
  html_escapes(b, e.name);
  rawi_strbuf_adds(b, "</text></g>");
}

/* k edges between the same two entities came before this one: each bends
 * further, alternating sides, so parallel edges stay apart. */
static int bend(size_t k) {
  int w = (int)k; /* at most twice the number of predicates */
  return w == 0 ? 0 : (w % 2 ? 1 : -1) * ((w + 1) / 2) * 28;
}

/* The number of edges already drawn between relation r's two entities,
 * either way round (and counting r in): a map from the pair to its count,
 * so the graph costs time linear in its relations. */
static int pair_seen(rawi_map *pairs, const rawi_relation *r, size_t *k) {
  uint64_t lo = r->subject < r->object ? r->subject : r->object;
  uint64_t hi = r->subject < r->object ? r->object : r->subject;
  uint32_t *count;
  if (rawi_map_put(pairs, lo << 32 | (hi & 0xFFFFFFFFu), 0, &count) < 0)
    return -1;
  *k = (*count)++;
  return 0;
}

/* Path d and label position of an edge from (x1,y1) to (x2,y2). */
void output_html_edge_path(rawi_strbuf *b, double x1, double y1, double x2,
                           double y2, int off, double *lx, double *ly) {
  double dx = x2 - x1, dy = y2 - y1, d = hypot(dx, dy);
  if (d < 1) { /* a relation of an entity to itself: a loop above it */
    rawi_strbuf_addf(b, "M%.0f %.0fc-30 -45 30 -45 8 0", x1 - 4, y1 - NODE_R);
    *lx = x1, *ly = y1 - 42;
    return;
  }
  double nx = -dy / d, ny = dx / d;
  double qx = (x1 + x2) / 2 + nx * off, qy = (y1 + y2) / 2 + ny * off;
  /* stop at the target's rim, so the arrow head shows */
  double tx = x2 - qx, ty = y2 - qy, t = hypot(tx, ty);
  double ex = x2 - tx / t * (NODE_R + 2), ey = y2 - ty / t * (NODE_R + 2);
  rawi_strbuf_addf(b, "M%.0f %.0fQ%.0f %.0f %.0f %.0f", x1, y1, qx, qy, ex, ey);
  *lx = 0.25 * x1 + 0.5 * qx + 0.25 * x2;
  *ly = 0.25 * y1 + 0.5 * qy + 0.25 * y2;
}

static void edge_svg(rawi_strbuf *b, const rawi_doc *doc, const layout *l,
                     size_t i, size_t before) {
  rawi_relation r;
  rawi_entity s, o;
  double x1, y1, x2, y2, lx, ly;
  rawi_doc_relation(doc, i, &r);
  rawi_doc_entity(doc, r.subject, &s);
  rawi_doc_entity(doc, r.object, &o);
  node_xy(l, r.subject, &x1, &y1);
  node_xy(l, r.object, &x2, &y2);
  int planned = strcmp(r.modality, "asserted") != 0;
  rawi_strbuf_adds(b, planned ? "<g class=\"edge planned\"><title>"
                              : "<g class=\"edge\"><title>");
  html_escapes(b, s.name);
  rawi_strbuf_addc(b, ' ');
  html_escapes(b, r.predicate);
  rawi_strbuf_adds(b, planned ? " (planned) " : " ");
  html_escapes(b, o.name);
  rawi_strbuf_addf(b, " (%.2f)</title><path d=\"", r.confidence);
  output_html_edge_path(b, x1, y1, x2, y2, bend(before), &lx, &ly);
  rawi_strbuf_addf(b,
                   "\" marker-end=\"url(#rawi-arrow)\"/><text x=\"%.0f\" "
                   "y=\"%.0f\" text-anchor=\"middle\">",
                   lx, ly);
  html_escapes(b, r.predicate);
  rawi_strbuf_adds(b, "</text></g>");
}

static void graph_svg(rawi_strbuf *b, const rawi_doc *doc) {
  size_t n = rawi_doc_entity_count(doc);
  if (!n)
    return;
  /* about 56 px of circumference per entity, never a tiny circle */
  double r = n == 1 ? 0 : fmax(80, 56.0 * (double)n / (2 * M_PI));
  double size = 2 * (r + LABEL_ROOM);
  layout l = {size / 2, size / 2, r, n, NULL};
  if (circle_order(b, doc, &l))
    return;
  rawi_strbuf_addf(b,
                   "<svg class=\"graph\" width=\"%.0f\" height=\"%.0f\" "
                   "viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                   "aria-label=\"%zu entities, %zu relations\">",
                   size, size, size, size, n, rawi_doc_relation_count(doc));
  rawi_map pairs;
  rawi_map_init(&pairs, &rawi_default_allocator);
  for (size_t i = 0; i < rawi_doc_relation_count(doc); i++) {
    rawi_relation rel;
    size_t before;
    rawi_doc_relation(doc, i, &rel);
    if (pair_seen(&pairs, &rel, &before)) {
      b->failed = 1;
      break;
    }
    edge_svg(b, doc, &l, i, before);
  }
  rawi_map_free(&pairs);
  for (size_t i = 0; i < n; i++)
    node_svg(b, doc, &l, i);
  rawi_strbuf_adds(b, "</svg>");
  rawi_mem_free(&rawi_default_allocator, l.slot);
}

/* ---------------------------------------------------------------- */
/* Records                                                           */
/* ---------------------------------------------------------------- */

static void summary(rawi_strbuf *b, const output_doc *d, size_t mentions) {
  const rawi_doc *doc = d->doc;
  const char *lang = rawi_lang_name(rawi_doc_lang(doc));
  size_t ents = rawi_doc_entity_count(doc), rels = rawi_doc_relation_count(doc);
  rawi_strbuf_adds(b, "<details class=\"doc\" data-id=\"");
  html_escape(b, d->id, d->id_len);
  rawi_strbuf_addf(b,
                   "\" data-lang=\"%s\" data-entities=\"%zu\" "
                   "data-mentions=\"%zu\" data-relations=\"%zu\">"
                   "<summary><bdi class=\"docid\">",
                   lang, ents, mentions, rels);
  html_escape(b, d->id, d->id_len);
  rawi_strbuf_addf(b,
                   "</bdi> <span class=\"counts\">%s · %zu entities · "
                   "%zu mentions · %zu relations%s</span></summary>\n",
                   lang, ents, mentions, rels,
                   rawi_doc_limit_hits(doc, NULL) ? " · a rule hit a limit"
                                                  : "");
}

void output_html(rawi_strbuf *b, const output_doc *d, const output_options *o) {
  (void)o;
  size_t len, n;
  const char *text = rawi_doc_text(d->doc, &len);
  mark *v = collect_marks(b, d->doc, &n);
  if (b->failed)
    return;
  summary(b, d, n);
  rawi_strbuf_addf(b,
                   "<div class=\"body\"><div class=\"text\" dir=\"%s\" "
                   "lang=\"%s\">",
                   text_dir(d->doc), rawi_lang_name(rawi_doc_lang(d->doc)));
  mark_filter all = {1, 0, 0};
  marked_text(b, d->doc, text, 0, len, v, n, &all);
  rawi_strbuf_adds(b, "</div>\n");
  graph_svg(b, d->doc);
  relation_table(b, d->doc, v, n);
  rawi_strbuf_adds(b, "</div></details>\n");
  rawi_mem_free(&rawi_default_allocator, v);
}

void output_html_error(rawi_strbuf *b, const char *id, size_t id_len,
                       const rawi_error *err, const output_options *o) {
  (void)o;
  const char *code = output_error_code(err->code);
  rawi_strbuf_adds(b, "<details class=\"doc failed\" data-id=\"");
  html_escape(b, id, id_len);
  rawi_strbuf_addf(b, "\" data-error=\"%s\"><summary><bdi class=\"docid\">",
                   code);
  html_escape(b, id, id_len);
  rawi_strbuf_addf(b,
                   "</bdi> <span class=\"counts\">error: %s</span>"
                   "</summary><p class=\"error\">",
                   code);
  html_escapes(b, err->message);
  rawi_strbuf_adds(b, "</p></details>\n");
}

/* ---------------------------------------------------------------- */
/* Header and footer                                                 */
/* ---------------------------------------------------------------- */

/* The colour of the types no row names: a pack's own. */
#define OTHER_COLOUR "#9aa3ad"
#define OTHER_SHADE "#e4e7eb"

static const char style_head[] =
    "body{font:15px/1.5 'Noto Sans','Noto Sans Arabic',sans-serif;margin:0 "
    "auto;max-width:1200px;padding:0 16px;color:#1f2328}\n";

/* The rest of the stylesheet: the relation cells' border follows it. */
static const char style_body[] =
    ".legend span{display:inline-block;margin-inline-end:12px;padding:0 "
    "6px;border-radius:3px;background:var(--s);border-bottom:2px solid "
    "var(--c)}\n"
    "details.doc{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;"
    "padding:4px 10px}details.doc>summary{cursor:pointer}\n"
    ".counts{color:#57606a;font-size:13px;margin-inline-start:8px}"
    ".failed .counts,.error{color:#b42318}\n"
    ".body{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);"
    "gap:16px;align-items:start}.rels,.none{grid-column:1/-1}\n"
    ".text{white-space:pre-wrap;font-size:17px;line-height:2}\n"
    "mark{position:relative;unicode-bidi:isolate;background:var(--s);"
    "border-bottom:2px solid var(--c);border-radius:3px;padding:0 1px;"
    "color:inherit}mark.demonym{border-bottom-style:dashed}\n"
    "mark[tabindex]{cursor:help}mark:focus{outline:2px solid #1f6feb}\n"
    "mark[data-tip]:hover::after,mark[data-tip]:focus::after{content:attr("
    "data-tip);position:absolute;top:100%;inset-inline-start:0;z-index:3;"
    "white-space:pre;unicode-bidi:plaintext;direction:ltr;text-align:start;"
    "background:#24292f;color:#fff;font:13px/1.5 sans-serif;padding:4px "
    "8px;border-radius:4px}\n"
    "svg.graph{max-width:100%;height:auto}svg.graph text{font-size:12px;"
    "unicode-bidi:plaintext}.node circle{fill:var(--c);stroke:#fff}\n"
    ".edge path{fill:none;stroke:#8c959f;stroke-width:1.5}"
    ".edge.planned path{stroke-dasharray:5 4}.edge text{"
    "fill:#57606a;font-size:11px;paint-order:stroke;stroke:#fff;"
    "stroke-width:3px}\n"
    ".rels{border-collapse:collapse;font-size:14px}.rels td,.rels th{"
    "border-top:1px solid #d0d7de;padding:4px 6px;text-align:start;"
    "vertical-align:top}.rels td small{display:block;color:#57606a}\n";

static const char style_tail[] =
    "{border-inline-start:4px solid var(--c)}.pred{font-family:monospace}\n"
    "#index table{border-collapse:collapse;font-size:13px}#index td,#index "
    "th{padding:1px 8px;text-align:end}#index td:nth-child(2),#index "
    "th:nth-child(2){text-align:start}\n";

/* The stylesheet, with a colour pair per row of the type table. */
void output_html_style(rawi_strbuf *b) {
  rawi_strbuf_adds(b, style_head);
  for (int i = 0; i < DOC_N_TYPES; i++) {
    const doc_type *t = doc_type_at(i);
    rawi_strbuf_addf(b, ".t-%s{--c:%s;--s:%s}", t->name, t->colour, t->shade);
  }
  rawi_strbuf_adds(b, ".t-OTHER{--c:" OTHER_COLOUR ";--s:" OTHER_SHADE "}\n");
  rawi_strbuf_adds(b, style_body);
  for (int i = 0; i < DOC_N_TYPES; i++)
    rawi_strbuf_addf(b, ".rels td.t-%s,", doc_type_at(i)->name);
  rawi_strbuf_adds(b, ".rels td.t-OTHER");
  rawi_strbuf_adds(b, style_tail);
}

const char output_html_defs[] =
    "<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
    "aria-hidden=\"true\"><defs><marker id=\"rawi-arrow\" viewBox=\"0 0 "
    "10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
    "orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#8c959f\"/>"
    "</marker></defs></svg>\n";

/* The legend: a span in its colours per row of the type table. */
void output_html_legend(rawi_strbuf *b) {
  for (int i = 0; i < DOC_N_TYPES; i++) {
    const doc_type *t = doc_type_at(i);
    rawi_strbuf_addf(b, "<span class=\"t-%s\">", t->name);
    html_escapes(b, t->legend);
    rawi_strbuf_adds(b, "</span>");
  }
  rawi_strbuf_adds(b, "<span class=\"t-OTHER\">other types</span> ");
}

/* The index: per-document counts from the records' data attributes, 100
 * rows a page; links open the document they point to. Text goes in with
 * textContent only, never as markup. */
static const char script[] =
    "(function(){\n"
    "var docs=document.querySelectorAll('details.doc'),nav=document."
    "getElementById('index'),per=100,t=[0,0,0,0];\n"
    "if(!nav)return;\n"
    "function el(tag,text,parent){var e=document.createElement(tag);"
    "if(text!=null)e.textContent=text;if(parent)parent.appendChild(e);"
    "return e}\n"
    "function num(d,k){return +d.getAttribute('data-'+k)||0}\n"
    "docs.forEach(function(d,i){d.id='doc-'+(i+1);t[0]+=num(d,'entities');"
    "t[1]+=num(d,'mentions');t[2]+=num(d,'relations');"
    "if(d.classList.contains('failed'))t[3]++;if(docs.length<=10)d.open="
    "true});\n"
    "el('p',docs.length+' documents, '+t[0]+' entities, '+t[1]+' mentions, '"
    "+t[2]+' relations, '+t[3]+' failed',nav).className='totals';\n"
    "if(docs.length<2)return;\n"
    "var table=el('table',null,nav),head=el('tr',null,el('thead',null,table)"
    "),body=el('tbody',null,table),pager=el('p',null,nav),pages=Math.ceil("
    "docs.length/per);\n"
    "['#','document','lang','entities','mentions','relations'].forEach("
    "function(h){el('th',h,head)});\n"
    "function row(i){var d=docs[i],tr=el('tr',null,body);el('td',i+1,tr);"
    "var a=el('a',d.getAttribute('data-id'),el('bdi',null,el('td',null,tr)"
    "));a.href='#'+d.id;\n"
    "if(d.classList.contains('failed')){el('td','error: '+d.getAttribute("
    "'data-error'),tr).colSpan=4;return}\n"
    "['lang','entities','mentions','relations'].forEach(function(k){el('td',"
    "d.getAttribute('data-'+k),tr)})}\n"
    "function button(label,p){var b=el('button',label,pager);b.type="
    "'button';b.disabled=p<0||p>=pages;b.onclick=function(){show(p)}}\n"
    "function show(p){body.textContent='';pager.textContent='';\n"
    "for(var i=p*per;i<Math.min(docs.length,(p+1)*per);i++)row(i);\n"
    "if(pages>1){button('previous',p-1);el('span',' page '+(p+1)+' of '+"
    "pages+' ',pager);button('next',p+1)}}\n"
    "function openHash(){var d=document.getElementById(location.hash.slice("
    "1));if(d&&d.tagName=='DETAILS'){d.open=true;d.scrollIntoView()}}\n"
    "window.addEventListener('hashchange',openHash);show(0);openHash()\n"
    "})();\n";

void output_html_header(rawi_strbuf *b, const output_options *o) {
  (void)o;
  rawi_strbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                      "<meta charset=\"utf-8\"><meta name=\"viewport\" "
                      "content=\"width=device-width,initial-scale=1\">"
                      "<title>rawi report</title><style>\n");
  output_html_style(b);
  rawi_strbuf_adds(b, "</style></head><body>\n");
  rawi_strbuf_adds(b, output_html_defs);
  rawi_strbuf_adds(b, "<header><h1>rawi report</h1><p class=\"legend\">");
  output_html_legend(b);
  rawi_strbuf_adds(
      b, "dashed: a demonym pointing to a country, or a planned edge; hover "
         "or focus a mention "
         "for its entity and source</p>"
         "<nav id=\"index\" aria-label=\"documents\"></nav></header>\n"
         "<main>\n");
}

void output_html_footer(rawi_strbuf *b, const output_options *o) {
  (void)o;
  rawi_strbuf_adds(b, "</main>\n<script>\n");
  rawi_strbuf_adds(b, script);
  rawi_strbuf_adds(b, "</script>\n</body></html>\n");
}
