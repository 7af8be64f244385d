/*
 * CoNLL scoring for `rawi eval` (see eval.h): the gold's and the system's
 * chunks compared sentence by sentence, per type and micro-averaged, with
 * the misses and false alarms classed (missed, spurious, boundary, type,
 * boundary and type) and shown in their context.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"

static int cmp_row(const void *a, const void *b) {
  return strcmp(((const eval_type_row *)a)->name,
                ((const eval_type_row *)b)->name);
}

static eval_type_row *row(eval_type_table *t, const char *type) {
  for (size_t i = 0; i < t->n; i++)
    if (!strcmp(t->rows[i].name, type))
      return &t->rows[i];
  if (!t->all || t->n == sizeof t->rows / sizeof t->rows[0] ||
      strlen(type) >= sizeof t->rows[0].name)
    return NULL;
  snprintf(t->rows[t->n].name, sizeof t->rows[0].name, "%s", type);
  return &t->rows[t->n++];
}

static void table_init(eval_type_table *t, const eval_conll_options *o) {
  memset(t, 0, sizeof *t);
  if (o->types && !strcmp(o->types, "all")) {
    t->all = 1;
    return;
  }
  const char *p = o->types;
  if (!p) { /* the label map's labels */
    for (size_t i = 0; i < o->map->n; i++)
      if (strcmp(o->map->to[i], "O")) {
        t->all = 1;
        row(t, o->map->to[i]);
        t->all = 0;
      }
    return;
  }
  while (*p) {
    size_t n = strcspn(p, ",");
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)n, p);
    t->all = 1;
    if (n)
      row(t, name);
    t->all = 0;
    p += n + (p[n] == ',');
  }
}

static int same_chunk(const eval_chunk *x, const eval_chunk *y) {
  return x->start == y->start && x->end == y->end && !strcmp(x->type, y->type);
}

static void context(rawi_strbuf *b, const conll_corpus *g,
                    const eval_chunk *x) {
  size_t s = x->start, e = x->end;
  while (s > 0 && !g->start[s] && x->start - s < 6)
    s--;
  while (e < g->n && !g->start[e] && e - x->end < 6)
    e++;
  for (size_t i = s; i < e; i++) {
    if (i > s)
      rawi_strbuf_addc(b, ' ');
    if (i == x->start)
      rawi_strbuf_addc(b, '[');
    rawi_strbuf_adds(b, g->tok[i]);
    if (i + 1 == x->end)
      rawi_strbuf_addc(b, ']');
  }
}

/* Why x (of one side) is wrong, seen from the other side's chunks. */
static const char *error_class(const eval_chunk *x, const eval_chunk *other,
                               size_t n_other, int miss) {
  int overlap = 0, same_type = 0;
  for (size_t k = 0; k < n_other; k++)
    if (other[k].start < x->end && x->start < other[k].end) {
      overlap = 1;
      same_type |= !strcmp(other[k].type, x->type);
      if (other[k].start == x->start && other[k].end == x->end)
        return "type";
    }
  return !overlap    ? (miss ? "missed" : "spurious")
         : same_type ? "boundary"
                     : "bnd+type";
}

static void add_error(eval_conll_result *r, const eval_conll_options *o,
                      const conll_corpus *g, const char *what, const char *cls,
                      const eval_chunk *x) {
  rawi_strbuf ctx;
  rawi_strbuf_init(&ctx, NULL);
  context(&ctx, g, x);
  char head[160];
  if (o->json) {
    if (r->errors.len)
      rawi_strbuf_addc(&r->errors, ',');
    snprintf(head, sizeof head,
             "{\"error\":\"%s\",\"class\":\"%s\",\"type\":", what, cls);
    rawi_strbuf_adds(&r->errors, head);
    rawi_strbuf_json(&r->errors, x->type, strlen(x->type));
    snprintf(head, sizeof head,
             ",\"line\":%lu,\"context\":", g->line[x->start]);
    rawi_strbuf_adds(&r->errors, head);
    rawi_strbuf_json(&r->errors, ctx.data ? ctx.data : "", ctx.len);
    rawi_strbuf_addc(&r->errors, '}');
  } else {
    snprintf(head, sizeof head, "%-5s %-6s %-8s %s:%lu  ", what, x->type, cls,
             o->gold, g->line[x->start]);
    rawi_strbuf_adds(&r->errors, head);
    rawi_strbuf_add(&r->errors, ctx.data ? ctx.data : "", ctx.len);
    rawi_strbuf_addc(&r->errors, '\n');
  }
  rawi_strbuf_free(&ctx);
}

/* Compare the chunks of one sentence [a, b). */
static void score_sentence(eval_conll_result *r, const eval_conll_options *o,
                           const conll_corpus *g, const eval_chunk *gc,
                           size_t ng, const eval_chunk *sc, size_t ns) {
  for (size_t i = 0; i < ng; i++) {
    eval_type_row *t = row(&r->t, gc[i].type);
    if (!t)
      continue;
    int hit = 0;
    for (size_t k = 0; k < ns && !hit; k++)
      hit = same_chunk(&gc[i], &sc[k]);
    t->c.tp += (size_t)hit;
    t->c.fn += (size_t)!hit;
    if (!hit && o->errors)
      add_error(r, o, g, "MISS", error_class(&gc[i], sc, ns, 1), &gc[i]);
  }
  for (size_t k = 0; k < ns; k++) {
    eval_type_row *t = row(&r->t, sc[k].type);
    if (!t)
      continue;
    int hit = 0;
    for (size_t i = 0; i < ng && !hit; i++)
      hit = same_chunk(&gc[i], &sc[k]);
    if (!hit) {
      t->c.fp++;
      if (o->errors)
        add_error(r, o, g, "FALSE", error_class(&sc[k], gc, ng, 0), &sc[k]);
    }
  }
}

int eval_conll_score(eval_conll_result *r, const eval_conll_options *o,
                     const conll_corpus *g, char *const *sys) {
  eval_chunk *gc = NULL, *sc = NULL;
  size_t ng = eval_chunks((const char *const *)g->lab, g->start, g->n, &gc);
  size_t ns = eval_chunks((const char *const *)sys, g->start, g->n, &sc);
  if (ng == (size_t)-1 || ns == (size_t)-1) {
    free(gc);
    free(sc);
    return RAWI_ERR_NOMEM;
  }
  memset(r, 0, sizeof *r);
  table_init(&r->t, o);
  rawi_strbuf_init(&r->errors, NULL);
  /* walk the sentences, each with its chunks (chunks never cross one) */
  size_t gi = 0, si = 0;
  for (size_t a = 0; a < g->n;) {
    size_t b = a + 1;
    while (b < g->n && !g->start[b])
      b++;
    size_t g0 = gi, s0 = si;
    while (gi < ng && gc[gi].start < b)
      gi++;
    while (si < ns && sc[si].start < b)
      si++;
    score_sentence(r, o, g, gc + g0, gi - g0, sc + s0, si - s0);
    r->sentences++;
    a = b;
  }
  if (r->t.n)
    qsort(r->t.rows, r->t.n, sizeof r->t.rows[0], cmp_row);
  for (size_t i = 0; i < r->t.n; i++) {
    r->micro.tp += r->t.rows[i].c.tp;
    r->micro.fp += r->t.rows[i].c.fp;
    r->micro.fn += r->t.rows[i].c.fn;
  }
  free(gc);
  free(sc);
  return 0;
}

void eval_json_counts(rawi_strbuf *b, const eval_counts *c) {
  double p, r, f;
  char buf[200];
  eval_prf(c, &p, &r, &f);
  snprintf(buf, sizeof buf,
           "{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f,\"tp\":%zu,\"fp\":%zu,"
           "\"fn\":%zu}",
           p, r, f, c->tp, c->fp, c->fn);
  rawi_strbuf_adds(b, buf);
}

void eval_conll_report(const eval_conll_result *r, const eval_conll_options *o,
                       const conll_corpus *g, rawi_strbuf *b) {
  double p, rc, f;
  if (o->json) {
    rawi_strbuf_adds(b, "{\"gold\":");
    rawi_strbuf_json(b, o->gold, strlen(o->gold));
    rawi_strbuf_addf(b,
                     ",\"format\":\"conll\",\"sentences\":%zu,\"tokens\":%zu,"
                     "\"types\":{",
                     r->sentences, g->n);
    for (size_t i = 0; i < r->t.n; i++) {
      if (i)
        rawi_strbuf_addc(b, ',');
      rawi_strbuf_json(b, r->t.rows[i].name, strlen(r->t.rows[i].name));
      rawi_strbuf_addc(b, ':');
      eval_json_counts(b, &r->t.rows[i].c);
    }
    rawi_strbuf_adds(b, "},\"micro\":");
    eval_json_counts(b, &r->micro);
    if (o->errors) {
      rawi_strbuf_adds(b, ",\"errors\":[");
      rawi_strbuf_add(b, r->errors.data ? r->errors.data : "", r->errors.len);
      rawi_strbuf_addc(b, ']');
    }
    rawi_strbuf_adds(b, "}\n");
    return;
  }
  rawi_strbuf_addf(b, "%zu sentences, %zu tokens; scored:", r->sentences, g->n);
  for (size_t i = 0; i < r->t.n; i++)
    rawi_strbuf_addf(b, " %s", r->t.rows[i].name);
  rawi_strbuf_addf(b, "\n%-6s %6s %6s %6s %6s %6s %6s\n", "type", "P", "R",
                   "F1", "tp", "fp", "fn");
  for (size_t i = 0; i < r->t.n; i++) {
    const eval_counts *c = &r->t.rows[i].c;
    eval_prf(c, &p, &rc, &f);
    rawi_strbuf_addf(b, "%-6s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n",
                     r->t.rows[i].name, p, rc, f, c->tp, c->fp, c->fn);
  }
  eval_prf(&r->micro, &p, &rc, &f);
  rawi_strbuf_addf(b, "%-6s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n", "micro", p, rc,
                   f, r->micro.tp, r->micro.fp, r->micro.fn);
  if (o->errors && r->errors.len)
    rawi_strbuf_add(b, r->errors.data, r->errors.len);
}

void eval_conll_result_free(eval_conll_result *r) {
  rawi_strbuf_free(&r->errors);
}
