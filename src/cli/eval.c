/*
 * rawi eval: precision, recall and F1 against a gold file (docs/evaluation.md).
 *
 * CoNLL gold (`token ... LABEL` lines, IOB2): entity-level, conlleval's
 * way, per type and micro-averaged over the scored types. JSONL gold (the
 * shared/gold/seed.jsonl format): entities and relations as score.py
 * scores them. The system's output is a file (CoNLL lines aligned with the
 * gold, or rawi's JSONL), or, when none is given, rawi itself run on the
 * gold's text: CoNLL tokens joined as `rawi extract --input-format conll`
 * joins them and labelled as `--format conll` labels them.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "eval/eval.h"
#include "output/conll.h"
#include "output/output.h"
#include "util/strbuf.h"

static const char usage[] =
    "usage: rawi eval --gold GOLD [options] [SYSTEM]\n"
    "\n"
    "Score entities (and relations) against a gold file. GOLD is CoNLL\n"
    "(token ... LABEL lines, IOB2, blank lines between sentences) or JSON\n"
    "Lines (.jsonl, or a first line starting with '{': id, text, entities,\n"
    "relations, optional). SYSTEM is CoNLL lines aligned with the gold or\n"
    "rawi's JSONL output; without it rawi runs on the gold's text.\n"
    "\n"
    "options:\n"
    "  --gold FILE            the gold annotations (required)\n"
    "  --errors               list misses and false alarms with context\n"
    "  --json                 one JSON object instead of tables\n"
    "  --label-map MAP        CoNLL labels of rawi's types (default\n"
    "                         PERSON=PERS,ORGANIZATION=ORG,COUNTRY=LOC,\n"
    "                         LOCATION=LOC)\n"
    "  --types LIST|all       CoNLL types scored (default: the label map's\n"
    "                         labels; all: every type seen)\n"
    "  --doc-sentences K      CoNLL without SYSTEM: K sentences a document\n"
    "                         (default: documents between -DOCSTART- lines)\n"
    "  --lang ar|en|auto      language of the gold's text (default auto)\n"
    "  --gazetteer FILE  --rules FILE  --pack DIR  --no-jit\n"
    "                         as for rawi extract\n"
    "  -h, --help             show this help\n";

typedef struct eval_opts {
  const char *gold, *system, *types, *pack;
  int errors, json;
  size_t doc_sentences;
  rawi_lang lang;
  output_label_map map;
  rawi_config *cfg;
} eval_opts;

/* --- reading CoNLL ---------------------------------------------------------- */

typedef struct corpus {
  char *data;
  size_t n;
  char **tok, **lab;
  unsigned char *start, *doc; /* a sentence, a -DOCSTART- document starts */
  unsigned long *line;
} corpus;

static void corpus_free(corpus *c) {
  free(c->data);
  free(c->tok);
  free(c->lab);
  free(c->start);
  free(c->doc);
  free(c->line);
  memset(c, 0, sizeof *c);
}

static int read_all(const char *path, char **data, size_t *len) {
  if (cli_read_file(path, data, len))
    return -1;
  char *p = realloc(*data, *len + 1);
  if (!p) {
    free(*data);
    cli_errorf("out of memory");
    return -1;
  }
  p[*len] = '\0';
  *data = p;
  return 0;
}

static int is_sep(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Split data in place into tokens (first column) and labels (last). */
static int corpus_read(const char *path, corpus *c) {
  size_t len;
  memset(c, 0, sizeof *c);
  if (read_all(path, &c->data, &len))
    return -1;
  size_t lines = 1;
  for (size_t i = 0; i < len; i++)
    lines += c->data[i] == '\n';
  c->tok = malloc(lines * sizeof *c->tok);
  c->lab = malloc(lines * sizeof *c->lab);
  c->start = calloc(lines, 1);
  c->doc = calloc(lines, 1);
  c->line = malloc(lines * sizeof *c->line);
  if (!c->tok || !c->lab || !c->start || !c->doc || !c->line) {
    cli_errorf("out of memory");
    corpus_free(c);
    return -1;
  }
  int new_sent = 1, new_doc = 0;
  char *p = c->data, *end = c->data + len;
  for (unsigned long ln = 1; p < end; ln++) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *eol = nl ? nl : end;
    *eol = '\0';
    char *a = p;
    while (a < eol && is_sep(*a))
      a++;
    char *b = a;
    while (b < eol && !is_sep(*b))
      b++;
    char *z = eol;
    while (z > b && is_sep(z[-1]))
      z--;
    char *y = z;
    while (y > b && !is_sep(y[-1]))
      y--;
    if (a == b) {
      new_sent = 1;
    } else if (b - a == 10 && !memcmp(a, "-DOCSTART-", 10)) {
      new_sent = new_doc = 1;
    } else {
      *b = '\0';
      *z = '\0';
      c->tok[c->n] = a;
      c->lab[c->n] = y > b ? y : a;
      c->start[c->n] = (unsigned char)new_sent;
      c->doc[c->n] = (unsigned char)new_doc;
      c->line[c->n++] = ln;
      new_sent = new_doc = 0;
    }
    p = eol + 1;
  }
  if (c->n)
    c->start[0] = 1;
  return 0;
}

/* --- the system's labels ------------------------------------------------------ */

/* Labels from a CoNLL file aligned with the gold. */
static int system_file(const eval_opts *o, const corpus *g, corpus *s) {
  if (corpus_read(o->system, s))
    return -1;
  for (size_t i = 0; i < g->n || i < s->n; i++) {
    if (i >= g->n || i >= s->n || strcmp(g->tok[i], s->tok[i])) {
      if (i < s->n && i < g->n)
        cli_errorf("%s:%lu: token '%s' where %s:%lu has '%s'", o->system,
                   s->line[i], s->tok[i], o->gold, g->line[i], g->tok[i]);
      else
        cli_errorf("%s has %zu tokens, %s has %zu", o->system, s->n, o->gold,
                   g->n);
      return -1;
    }
  }
  return 0;
}

/* Distinct labels, so that each system label is stored once. */
typedef struct label_pool {
  char **v;
  size_t n, cap;
} label_pool;

static char *intern(label_pool *p, const char *s, size_t n) {
  for (size_t i = 0; i < p->n; i++)
    if (strlen(p->v[i]) == n && !memcmp(p->v[i], s, n))
      return p->v[i];
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 16;
    char **v = realloc(p->v, cap * sizeof *v);
    if (!v)
      return NULL;
    p->v = v;
    p->cap = cap;
  }
  char *x = strndup(s, n);
  if (x)
    p->v[p->n++] = x;
  return x;
}

static rawi_model *load_model(eval_opts *o, rawi_session **session) {
  char packbuf[PATH_MAX + 32];
  rawi_error err;
  rawi_config_set_pack_dir(o->cfg, cli_pack_dir(o->pack, packbuf,
                                                sizeof packbuf));
  rawi_model *m = rawi_model_new(o->cfg, &err);
  if (!m) {
    cli_error(NULL, &err);
    return NULL;
  }
  if (!(*session = rawi_session_new(m, &err))) {
    cli_error(NULL, &err);
    rawi_model_free(m);
    return NULL;
  }
  return m;
}

/* Labels of tokens [a, b) of the gold: rawi run on them as one document,
 * through the CoNLL reader and writer of rawi extract. */
static int label_doc(rawi_session *session, const eval_opts *o,
                     const corpus *g, size_t a, size_t b, label_pool *pool,
                     char **labels) {
  rawi_strbuf data, text, out;
  rawi_strbuf_init(&data, NULL);
  rawi_strbuf_init(&text, NULL);
  rawi_strbuf_init(&out, NULL);
  for (size_t i = a; i < b; i++) {
    if (i > a && g->start[i])
      rawi_strbuf_addc(&data, '\n');
    rawi_strbuf_adds(&data, g->tok[i]);
    rawi_strbuf_addc(&data, '\n');
  }
  output_conll_text(data.data, data.len, &text);
  rawi_doc *doc = NULL;
  rawi_error err;
  int rc = rawi_extract(session, text.data ? text.data : "", text.len,
                        o->lang, &doc, &err);
  if (rc) {
    fprintf(stderr, "rawi: error: %s:%lu: %s\n", o->gold, g->line[a],
            err.message);
  } else {
    output_conll(&out, doc, data.data, data.len, &o->map, NULL, 0);
    rc = out.failed || data.failed || text.failed ? -1 : 0;
    const char *p = out.data, *end = out.data + out.len;
    size_t i = a;
    while (!rc && p < end) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      const char *tab = memchr(p, '\t', (size_t)(nl - p));
      if (tab && i < b) {
        const char *lab = tab;
        while ((tab = memchr(lab + 1, '\t', (size_t)(nl - lab - 1))))
          lab = tab;
        if (!(labels[i++] = intern(pool, lab + 1, (size_t)(nl - lab - 1))))
          rc = -1;
      }
      p = nl + 1;
    }
    if (!rc && i != b)
      rc = -1;
    if (rc)
      cli_errorf("out of memory");
  }
  rawi_doc_free(doc);
  rawi_strbuf_free(&data);
  rawi_strbuf_free(&text);
  rawi_strbuf_free(&out);
  return rc;
}

static int system_self(eval_opts *o, const corpus *g, label_pool *pool,
                       char **labels) {
  rawi_session *session = NULL;
  rawi_model *model = load_model(o, &session);
  if (!model)
    return -1;
  int rc = 0;
  size_t a = 0, sents = 0;
  for (size_t i = 0; i <= g->n && !rc; i++) {
    int cut = i == g->n || (i > a && g->doc[i]);
    if (i < g->n && g->start[i]) {
      if (o->doc_sentences && sents == o->doc_sentences && i > a)
        cut = 1;
    }
    if (cut) {
      if (i > a)
        rc = label_doc(session, o, g, a, i, pool, labels);
      a = i;
      sents = 0;
    }
    if (i < g->n && g->start[i])
      sents++;
  }
  rawi_session_free(session);
  rawi_model_free(model);
  return rc;
}

/* --- scoring CoNLL -------------------------------------------------------------- */

typedef struct type_row {
  char name[32];
  eval_counts c;
} type_row;

static int cmp_row(const void *a, const void *b) {
  return strcmp(((const type_row *)a)->name, ((const type_row *)b)->name);
}

typedef struct table {
  type_row rows[64];
  size_t n;
  int all; /* score every type seen */
} table;

static type_row *row(table *t, const char *type) {
  for (size_t i = 0; i < t->n; i++)
    if (!strcmp(t->rows[i].name, type))
      return &t->rows[i];
  if (!t->all || t->n == sizeof t->rows / sizeof t->rows[0] ||
      strlen(type) >= sizeof t->rows[0].name)
    return NULL;
  snprintf(t->rows[t->n].name, sizeof t->rows[0].name, "%s", type);
  return &t->rows[t->n++];
}

static void table_init(table *t, const eval_opts *o) {
  memset(t, 0, sizeof *t);
  if (o->types && !strcmp(o->types, "all")) {
    t->all = 1;
    return;
  }
  const char *p = o->types;
  if (!p) { /* the label map's labels */
    for (size_t i = 0; i < o->map.n; i++)
      if (strcmp(o->map.to[i], "O")) {
        t->all = 1;
        row(t, o->map.to[i]);
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

static void context(rawi_strbuf *b, const corpus *g, const eval_chunk *x) {
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
  return !overlap ? (miss ? "missed" : "spurious")
         : same_type ? "boundary"
                     : "bnd+type";
}

typedef struct conll_result {
  table t;
  eval_counts micro;
  rawi_strbuf errors; /* one error a line, or JSON array items */
  size_t sentences;
} conll_result;

static void add_error(conll_result *r, const eval_opts *o, const corpus *g,
                      const char *what, const char *cls, const eval_chunk *x) {
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
    snprintf(head, sizeof head, ",\"line\":%lu,\"context\":",
             g->line[x->start]);
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
static void score_sentence(conll_result *r, const eval_opts *o,
                           const corpus *g, const eval_chunk *gc, size_t ng,
                           const eval_chunk *sc, size_t ns) {
  for (size_t i = 0; i < ng; i++) {
    type_row *t = row(&r->t, gc[i].type);
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
    type_row *t = row(&r->t, sc[k].type);
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

static int score_conll(conll_result *r, const eval_opts *o, const corpus *g,
                       char *const *sys) {
  eval_chunk *gc = NULL, *sc = NULL;
  size_t ng = eval_chunks((const char *const *)g->lab, g->start, g->n, &gc);
  size_t ns = eval_chunks((const char *const *)sys, g->start, g->n, &sc);
  if (ng == (size_t)-1 || ns == (size_t)-1) {
    free(gc);
    free(sc);
    cli_errorf("out of memory");
    return -1;
  }
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

static void json_counts(rawi_strbuf *b, const eval_counts *c) {
  double p, r, f;
  char buf[200];
  eval_prf(c, &p, &r, &f);
  snprintf(buf, sizeof buf,
           "{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f,\"tp\":%zu,\"fp\":%zu,"
           "\"fn\":%zu}",
           p, r, f, c->tp, c->fp, c->fn);
  rawi_strbuf_adds(b, buf);
}

static void print_conll(const conll_result *r, const eval_opts *o,
                        const corpus *g) {
  double p, rc, f;
  if (o->json) {
    rawi_strbuf b;
    rawi_strbuf_init(&b, NULL);
    rawi_strbuf_adds(&b, "{\"gold\":");
    rawi_strbuf_json(&b, o->gold, strlen(o->gold));
    char buf[120];
    snprintf(buf, sizeof buf,
             ",\"format\":\"conll\",\"sentences\":%zu,\"tokens\":%zu,"
             "\"types\":{",
             r->sentences, g->n);
    rawi_strbuf_adds(&b, buf);
    for (size_t i = 0; i < r->t.n; i++) {
      if (i)
        rawi_strbuf_addc(&b, ',');
      rawi_strbuf_json(&b, r->t.rows[i].name, strlen(r->t.rows[i].name));
      rawi_strbuf_addc(&b, ':');
      json_counts(&b, &r->t.rows[i].c);
    }
    rawi_strbuf_adds(&b, "},\"micro\":");
    json_counts(&b, &r->micro);
    if (o->errors) {
      rawi_strbuf_adds(&b, ",\"errors\":[");
      rawi_strbuf_add(&b, r->errors.data ? r->errors.data : "", r->errors.len);
      rawi_strbuf_addc(&b, ']');
    }
    rawi_strbuf_adds(&b, "}\n");
    fwrite(b.data, 1, b.len, stdout);
    rawi_strbuf_free(&b);
    return;
  }
  printf("%zu sentences, %zu tokens; scored:", r->sentences, g->n);
  for (size_t i = 0; i < r->t.n; i++)
    printf(" %s", r->t.rows[i].name);
  printf("\n%-6s %6s %6s %6s %6s %6s %6s\n", "type", "P", "R", "F1", "tp",
         "fp", "fn");
  for (size_t i = 0; i < r->t.n; i++) {
    const eval_counts *c = &r->t.rows[i].c;
    eval_prf(c, &p, &rc, &f);
    printf("%-6s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n", r->t.rows[i].name, p,
           rc, f, c->tp, c->fp, c->fn);
  }
  eval_prf(&r->micro, &p, &rc, &f);
  printf("%-6s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n", "micro", p, rc, f,
         r->micro.tp, r->micro.fp, r->micro.fn);
  if (o->errors && r->errors.len)
    fwrite(r->errors.data, 1, r->errors.len, stdout);
}

static int eval_conll(eval_opts *o) {
  corpus g, s = {0};
  if (corpus_read(o->gold, &g))
    return 1;
  label_pool pool = {0};
  char **sys = calloc(g.n ? g.n : 1, sizeof *sys);
  int rc = 1;
  conll_result r;
  memset(&r, 0, sizeof r);
  if (!sys) {
    cli_errorf("out of memory");
    goto done;
  }
  if (o->system ? system_file(o, &g, &s) : system_self(o, &g, &pool, sys))
    goto done;
  if (o->system)
    memcpy(sys, s.lab, g.n * sizeof *sys);
  if (score_conll(&r, o, &g, sys))
    goto done;
  print_conll(&r, o, &g);
  rc = 0;
done:
  rawi_strbuf_free(&r.errors);
  for (size_t i = 0; i < pool.n; i++)
    free(pool.v[i]);
  free(pool.v);
  free(sys);
  corpus_free(&s);
  corpus_free(&g);
  return rc;
}

/* --- JSONL ------------------------------------------------------------------------ */

typedef struct notes {
  rawi_strbuf b;
  int json;
} notes;

static void on_note(void *ctx, const char *line) {
  notes *n = ctx;
  if (n->json) {
    if (n->b.len)
      rawi_strbuf_addc(&n->b, ',');
    rawi_strbuf_json(&n->b, line, strlen(line));
  } else {
    rawi_strbuf_adds(&n->b, line);
    rawi_strbuf_addc(&n->b, '\n');
  }
}

static int jsonl_self(eval_opts *o, eval_jsonl *e) {
  rawi_session *session = NULL;
  rawi_model *model = load_model(o, &session);
  if (!model)
    return -1;
  rawi_strbuf out;
  rawi_strbuf_init(&out, NULL);
  for (size_t i = 0; i < eval_jsonl_doc_count(e); i++) {
    const char *id, *text;
    eval_jsonl_doc(e, i, &id, &text);
    if (!text)
      continue;
    rawi_doc *doc = NULL;
    rawi_error err;
    out.len = 0;
    if (rawi_extract(session, text, strlen(text), o->lang, &doc, &err) == 0)
      output_jsonl(&out, doc, id, strlen(id), 0, NULL);
    else
      fprintf(stderr, "rawi: warning: %s: document %s: %s\n", o->gold, id,
              err.message);
    rawi_doc_free(doc);
    if (out.len)
      eval_jsonl_add_system(e, out.data, out.len);
  }
  rawi_strbuf_free(&out);
  rawi_session_free(session);
  rawi_model_free(model);
  return 0;
}

static int jsonl_file(const eval_opts *o, eval_jsonl *e) {
  char *data;
  size_t len;
  if (read_all(o->system, &data, &len))
    return -1;
  for (char *p = data, *end = data + len; p < end;) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *eol = nl ? nl : end;
    eval_jsonl_add_system(e, p, (size_t)(eol - p));
    p = eol + 1;
  }
  free(data);
  return 0;
}

static int eval_jsonl_gold(eval_opts *o) {
  char *data, msg[200];
  size_t len;
  if (read_all(o->gold, &data, &len))
    return 1;
  eval_jsonl *e = eval_jsonl_new(data, len, msg, sizeof msg);
  free(data);
  if (!e) {
    cli_errorf("%s: %s", o->gold, msg);
    return 1;
  }
  if (o->system ? jsonl_file(o, e) : jsonl_self(o, e)) {
    eval_jsonl_free(e);
    return 1;
  }
  notes n = {.json = o->json};
  rawi_strbuf_init(&n.b, NULL);
  eval_jsonl_result res;
  eval_jsonl_score(e, &res, o->errors ? on_note : NULL, &n);
  double p, r, f, p2, r2, f2, p3, r3, f3;
  eval_prf(&res.ent, &p, &r, &f);
  eval_prf(&res.ent_merged, &p2, &r2, &f2);
  eval_prf(&res.rel, &p3, &r3, &f3);
  if (o->json) {
    rawi_strbuf b;
    rawi_strbuf_init(&b, NULL);
    rawi_strbuf_adds(&b, "{\"gold\":");
    rawi_strbuf_json(&b, o->gold, strlen(o->gold));
    rawi_strbuf_adds(&b, ",\"format\":\"jsonl\",\"entities\":");
    json_counts(&b, &res.ent);
    rawi_strbuf_adds(&b, ",\"entities_loc_merged\":");
    json_counts(&b, &res.ent_merged);
    rawi_strbuf_adds(&b, ",\"relations\":");
    json_counts(&b, &res.rel);
    char buf[120];
    snprintf(buf, sizeof buf, ",\"bad_lines\":%zu,\"missing_docs\":%zu",
             res.bad_lines, res.missing_docs);
    rawi_strbuf_adds(&b, buf);
    if (o->errors) {
      rawi_strbuf_adds(&b, ",\"errors\":[");
      rawi_strbuf_add(&b, n.b.data ? n.b.data : "", n.b.len);
      rawi_strbuf_addc(&b, ']');
    }
    rawi_strbuf_adds(&b, "}\n");
    fwrite(b.data, 1, b.len, stdout);
    rawi_strbuf_free(&b);
  } else {
    if (n.b.len)
      fwrite(n.b.data, 1, n.b.len, stdout);
    printf("entities strict  P=%.3f R=%.3f F1=%.3f (tp=%zu fp=%zu fn=%zu)\n",
           p, r, f, res.ent.tp, res.ent.fp, res.ent.fn);
    printf("entities LOC-merged P=%.3f R=%.3f F1=%.3f\n", p2, r2, f2);
    printf("relations P=%.3f R=%.3f F1=%.3f (tp=%zu fp=%zu fn=%zu)\n", p3, r3,
           f3, res.rel.tp, res.rel.fp, res.rel.fn);
    if (res.bad_lines)
      printf("%zu system lines were not JSON\n", res.bad_lines);
    if (res.missing_docs)
      printf("%zu gold documents absent from system output\n",
             res.missing_docs);
    printf("ent_f1=%.3f ent_loc_f1=%.3f rel_f1=%.3f\n", f, f2, f3);
  }
  rawi_strbuf_free(&n.b);
  eval_jsonl_free(e);
  return 0;
}

/* --- command ---------------------------------------------------------------------- */

static int is_jsonl(const char *path) {
  size_t n = strlen(path);
  if ((n > 6 && !strcmp(path + n - 6, ".jsonl")) ||
      (n > 7 && !strcmp(path + n - 7, ".ndjson")))
    return 1;
  FILE *f = fopen(path, "rb");
  int c = EOF;
  while (f && (c = fgetc(f)) != EOF && (c == ' ' || c == '\n' || c == '\t' ||
                                        c == '\r'))
    ;
  if (f)
    fclose(f);
  return c == '{';
}

static int parse(int argc, char **argv, eval_opts *o) {
  enum { O_GOLD = 256, O_ERRORS, O_JSON, O_MAP, O_TYPES, O_DOCS, O_LANG,
         O_GAZ, O_RULES, O_PACK, O_NOJIT };
  static const struct option opts[] = {
      {"gold", required_argument, 0, O_GOLD},
      {"errors", no_argument, 0, O_ERRORS},
      {"json", no_argument, 0, O_JSON},
      {"label-map", required_argument, 0, O_MAP},
      {"types", required_argument, 0, O_TYPES},
      {"doc-sentences", required_argument, 0, O_DOCS},
      {"lang", required_argument, 0, O_LANG},
      {"gazetteer", required_argument, 0, O_GAZ},
      {"rules", required_argument, 0, O_RULES},
      {"pack", required_argument, 0, O_PACK},
      {"no-jit", no_argument, 0, O_NOJIT},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c;
  char msg[200], *end;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(usage, stdout);
      return 1;
    case O_GOLD:
      o->gold = optarg;
      break;
    case O_ERRORS:
      o->errors = 1;
      break;
    case O_JSON:
      o->json = 1;
      break;
    case O_MAP:
      if (output_label_map_parse(&o->map, optarg, msg, sizeof msg)) {
        cli_errorf("--label-map: %s", msg);
        return -1;
      }
      break;
    case O_TYPES:
      o->types = optarg;
      break;
    case O_DOCS:
      o->doc_sentences = strtoul(optarg, &end, 10);
      if (*end || !*optarg || *optarg == '-' || !o->doc_sentences) {
        cli_errorf("--doc-sentences: expected a positive number, got '%s'",
                   optarg);
        return -1;
      }
      break;
    case O_LANG:
      o->lang = !strcmp(optarg, "ar")   ? RAWI_LANG_AR
                : !strcmp(optarg, "en") ? RAWI_LANG_EN
                                        : RAWI_LANG_AUTO;
      if (o->lang == RAWI_LANG_AUTO && strcmp(optarg, "auto")) {
        cli_errorf("--lang: expected ar, en or auto, got '%s'", optarg);
        return -1;
      }
      break;
    case O_GAZ:
    case O_RULES:
      if ((c == O_GAZ ? rawi_config_add_gazetteer
                      : rawi_config_add_rules)(o->cfg, optarg)) {
        cli_errorf("out of memory");
        return -1;
      }
      break;
    case O_PACK:
      o->pack = optarg;
      break;
    case O_NOJIT:
      rawi_config_set_jit(o->cfg, 0);
      break;
    default:
      fputs(usage, stderr);
      return -1;
    }
  }
  if (!o->gold) {
    cli_errorf("eval: --gold FILE is required");
    fputs(usage, stderr);
    return -1;
  }
  if (optind + 1 < argc) {
    cli_errorf("eval: expected at most one SYSTEM file");
    return -1;
  }
  o->system = optind < argc ? argv[optind] : NULL;
  return 0;
}

int cmd_eval(int argc, char **argv) {
  eval_opts o = {.lang = RAWI_LANG_AUTO};
  char msg[200];
  output_label_map_parse(&o.map, OUTPUT_LABEL_MAP_DEFAULT, msg, sizeof msg);
  if (!(o.cfg = rawi_config_new())) {
    cli_errorf("out of memory");
    return 1;
  }
  int p = parse(argc, argv, &o), rc;
  if (p)
    rc = p > 0 ? 0 : 1;
  else
    rc = is_jsonl(o.gold) ? eval_jsonl_gold(&o) : eval_conll(&o);
  rawi_config_free(o.cfg);
  return rc;
}
