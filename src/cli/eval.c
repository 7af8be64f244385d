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
#include "conll/conll.h"
#include "eval/eval.h"
#include "output/conll.h"
#include "output/output.h"
#include "util/mem.h"
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

/* --- reading CoNLL ----------------------------------------------------------
 */

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

/* A CoNLL file read into a corpus (src/conll/); the corpus points into
 * *data, which the caller frees after it. */
static int corpus_read(const char *path, char **data, conll_corpus *c) {
  size_t len;
  memset(c, 0, sizeof *c);
  if (read_all(path, data, &len)) {
    *data = NULL;
    return -1;
  }
  if (conll_corpus_read(c, &rawi_default_allocator, *data, len)) {
    free(*data);
    *data = NULL;
    cli_errorf("out of memory");
    return -1;
  }
  return 0;
}

/* --- the system's labels
 * ------------------------------------------------------ */

/* Labels from a CoNLL file aligned with the gold. */
static int system_file(const eval_opts *o, const conll_corpus *g,
                       conll_corpus *s, char **data) {
  if (corpus_read(o->system, data, s))
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
  rawi_config_set_pack_dir(o->cfg,
                           cli_pack_dir(o->pack, packbuf, sizeof packbuf));
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
                     const conll_corpus *g, size_t a, size_t b,
                     label_pool *pool, char **labels) {
  rawi_strbuf data, text, out;
  rawi_strbuf_init(&data, NULL);
  rawi_strbuf_init(&text, NULL);
  rawi_strbuf_init(&out, NULL);
  conll_lines(g, a, b, &data);
  conll_text(data.data, data.len, &text);
  rawi_doc *doc = NULL;
  rawi_error err;
  int rc = rawi_extract(session, text.data ? text.data : "", text.len, o->lang,
                        &doc, &err);
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

static int system_self(eval_opts *o, const conll_corpus *g, label_pool *pool,
                       char **labels) {
  rawi_session *session = NULL;
  rawi_model *model = load_model(o, &session);
  if (!model)
    return -1;
  int rc = 0;
  for (size_t a = 0, b; a < g->n && !rc; a = b) {
    b = conll_doc_end(g, a, o->doc_sentences);
    rc = label_doc(session, o, g, a, b, pool, labels);
  }
  rawi_session_free(session);
  rawi_model_free(model);
  return rc;
}

static int eval_conll(eval_opts *o) {
  conll_corpus g, s = {0};
  char *gdata, *sdata = NULL;
  if (corpus_read(o->gold, &gdata, &g))
    return 1;
  label_pool pool = {0};
  char **sys = calloc(g.n ? g.n : 1, sizeof *sys);
  int rc = 1;
  eval_conll_options so = {o->gold, o->types, &o->map, o->errors, o->json};
  eval_conll_result r;
  memset(&r, 0, sizeof r);
  if (!sys) {
    cli_errorf("out of memory");
    goto done;
  }
  if (o->system ? system_file(o, &g, &s, &sdata)
                : system_self(o, &g, &pool, sys))
    goto done;
  if (o->system)
    memcpy(sys, s.lab, g.n * sizeof *sys);
  if (eval_conll_score(&r, &so, &g, sys)) {
    cli_errorf("out of memory");
    goto done;
  }
  rawi_strbuf out;
  rawi_strbuf_init(&out, NULL);
  eval_conll_report(&r, &so, &g, &out);
  if (out.len)
    fwrite(out.data, 1, out.len, stdout);
  rc = out.failed ? (cli_errorf("out of memory"), 1) : 0;
  rawi_strbuf_free(&out);
done:
  eval_conll_result_free(&r);
  for (size_t i = 0; i < pool.n; i++)
    free(pool.v[i]);
  free(pool.v);
  free(sys);
  conll_corpus_free(&s);
  conll_corpus_free(&g);
  free(sdata);
  free(gdata);
  return rc;
}

/* --- JSONL
 * ------------------------------------------------------------------------ */

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
    eval_json_counts(&b, &res.ent);
    rawi_strbuf_adds(&b, ",\"entities_loc_merged\":");
    eval_json_counts(&b, &res.ent_merged);
    rawi_strbuf_adds(&b, ",\"relations\":");
    eval_json_counts(&b, &res.rel);
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
    printf("entities strict  P=%.3f R=%.3f F1=%.3f (tp=%zu fp=%zu fn=%zu)\n", p,
           r, f, res.ent.tp, res.ent.fp, res.ent.fn);
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

/* --- command
 * ---------------------------------------------------------------------- */

static int is_jsonl(const char *path) {
  size_t n = strlen(path);
  if ((n > 6 && !strcmp(path + n - 6, ".jsonl")) ||
      (n > 7 && !strcmp(path + n - 7, ".ndjson")))
    return 1;
  FILE *f = fopen(path, "rb");
  int c = EOF;
  while (f && (c = fgetc(f)) != EOF &&
         (c == ' ' || c == '\n' || c == '\t' || c == '\r'))
    ;
  if (f)
    fclose(f);
  return c == '{';
}

static int parse(int argc, char **argv, eval_opts *o) {
  enum {
    O_GOLD = 256,
    O_ERRORS,
    O_JSON,
    O_MAP,
    O_TYPES,
    O_DOCS,
    O_LANG,
    O_GAZ,
    O_RULES,
    O_PACK,
    O_NOJIT
  };
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
      if (rawi_lang_from_name(optarg, &o->lang)) {
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
