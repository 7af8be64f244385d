/*
 * rawi gazetteer induce: a list (TSV, docs/gazetteers.md) from annotated
 * CoNLL data, so users bootstrap lists from their own annotations.
 *
 * Every entity string (chunks read as rawi eval reads them) becomes a line
 * with its majority type when it was annotated at least --min-count times,
 * its majority type has at least --min-share of those annotations, and,
 * for a one-word string, the word lies inside an entity in at least
 * --min-ratio of its occurrences (so that an ordinary word annotated now
 * and then stays out). Strings in the --stop list (compared normalised)
 * and strings without a letter are left out. Ids are rawi's derived ids
 * (type prefix and normalised name; a person's from the key of the name,
 * resolve/names.c), so an induced name and the same name found by a rule
 * agree.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "cli/cli.h"
#include "conll/conll.h"
#include "doc/types.h"
#include "eval/eval.h"
#include "output/conll.h"
#include "util/mem.h"

static const char usage[] =
    "usage: rawi gazetteer induce [options] CONLL > list.tsv\n"
    "\n"
    "Build a gazetteer from IOB2-annotated CoNLL data (token ... LABEL "
    "lines):\n"
    "each entity string with its majority type.\n"
    "\n"
    "options:\n"
    "  --min-count N      annotated at least N times (default 1)\n"
    "  --min-share F      the majority type has at least this share of the\n"
    "                     string's annotations (default 0.7)\n"
    "  --min-ratio R      a one-word string lies inside an entity in at least\n"
    "                     this share of its occurrences (default 0.5)\n"
    "  --stop FILE        strings to leave out, one a line (the first column\n"
    "                     of a TSV list works too); compared normalised\n"
    "  --types MAP        corpus labels to rawi types (default\n"
    "                     PERS=PERSON,LOC=LOCATION,ORG=ORGANIZATION; labels\n"
    "                     not named, such as MISC, are left out)\n"
    "  --skip-last-sixth  leave out the last sixth of the sentences (a\n"
    "                     development split nothing may be induced from)\n"
    "  --source TEXT      the data's name and licence, for the header\n"
    "  -h, --help         show this help\n";

typedef struct induce_opts {
  size_t min_count;
  double min_share, min_ratio;
  const char *stop, *source, *path;
  int skip_sixth;
  output_label_map types;
} induce_opts;

typedef struct occ {
  char *s;    /* surface or word (malloc'd) */
  int type;   /* index into the type map; -1 for words */
  int inside; /* words: inside an entity */
  size_t order;
} occ;

static int cmp_occ(const void *a, const void *b) {
  const occ *x = a, *y = b;
  int c = strcmp(x->s, y->s);
  if (c)
    return c;
  return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct occs {
  occ *v;
  size_t n, cap;
} occs;

static int push(occs *o, char *s, int type, int inside) {
  if (!s)
    return -1;
  if (o->n == o->cap) {
    size_t cap = o->cap ? 2 * o->cap : 1024;
    occ *v = realloc(o->v, cap * sizeof *v);
    if (!v) {
      free(s);
      return -1;
    }
    o->v = v;
    o->cap = cap;
  }
  o->v[o->n] = (occ){s, type, inside, o->n};
  o->n++;
  return 0;
}

static void occs_free(occs *o) {
  for (size_t i = 0; i < o->n; i++)
    free(o->v[i].s);
  free(o->v);
}

static int type_index(const induce_opts *o, const char *label) {
  for (size_t i = 0; i < o->types.n; i++)
    if (!strcmp(o->types.from[i], label))
      return strcmp(o->types.to[i], "O") ? (int)i : -1;
  return -1;
}

/* Tokens and labels of a CoNLL file, sentences marked (src/conll/); the
 * corpus points into *data. */
static int read_tokens(const char *path, char **data, conll_corpus *t) {
  size_t len;
  *data = NULL;
  if (cli_read_file(path, data, &len))
    return -1;
  char *d = realloc(*data, len + 1);
  if (!d)
    return -1;
  *data = d;
  return conll_corpus_read(t, &rawi_default_allocator, d, len) ? -1 : 0;
}

static char *join(char *const *tok, size_t a, size_t b) {
  size_t n = 0;
  for (size_t i = a; i < b; i++)
    n += strlen(tok[i]) + 1;
  char *s = malloc(n + 1), *p = s;
  for (size_t i = a; s && i < b; i++) {
    if (i > a)
      *p++ = ' ';
    size_t k = strlen(tok[i]);
    memcpy(p, tok[i], k);
    p += k;
  }
  if (s)
    *p = '\0';
  return s;
}

static int has_letter(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80 || isalpha((unsigned char)*s))
      return 1;
  return 0;
}

/* Normalised strings of the stop list, sorted. */
typedef struct stoplist {
  char **v;
  size_t n;
} stoplist;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_stop(const char *path, rawi_session *session, stoplist *st) {
  char *data;
  size_t len;
  if (cli_read_file(path, &data, &len))
    return -1;
  size_t cap = 1;
  for (size_t i = 0; i < len; i++)
    cap += data[i] == '\n';
  st->v = malloc(cap * sizeof *st->v);
  for (char *p = data, *end = data + len; st->v && p < end;) {
    char *eol = memchr(p, '\n', (size_t)(end - p));
    eol = eol ? eol : end;
    size_t n = strcspn(p, "\t\r\n");
    if (n > (size_t)(eol - p))
      n = (size_t)(eol - p);
    const char *norm;
    size_t nlen;
    rawi_error err;
    if (n && *p != '#' && !rawi_normalize(session, p, n, &norm, &nlen, &err))
      st->v[st->n++] = strndup(norm, nlen);
    p = eol + 1;
  }
  free(data);
  if (!st->v)
    return -1;
  if (st->n)
    qsort(st->v, st->n, sizeof *st->v, cmp_str);
  return 0;
}

static int stopped(const stoplist *st, const char *norm) {
  return st->n && bsearch(&norm, st->v, st->n, sizeof *st->v, cmp_str);
}

/* A person's id as resolution derives it (resolve/names.c), so that the
 * spelling variants of an induced name share one; 0 when s has no key. */
static int print_person_id(rawi_session *session, const char *s) {
  rawi_doc *doc = NULL;
  char key[512], id[600];
  if (rawi_analyze(session, s, strlen(s), &doc, NULL))
    return 0;
  size_t n =
      name_key(&doc->t, 0, (uint32_t)doc->t.n_tokens, 0, key, sizeof key);
  rawi_doc_free(doc);
  if (!n)
    return 0;
  name_person_id(key, id, sizeof id);
  fputs(id, stdout);
  return 1;
}

static const char *id_prefix(const char *type) {
  const doc_type *t = doc_type_named(type);
  return t ? t->id_prefix : "entity";
}

/* How many of word's occurrences are inside an entity, of how many. */
static void word_counts(const occs *words, const char *w, size_t *inside,
                        size_t *seen) {
  size_t lo = 0, hi = words->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(words->v[mid].s, w) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  *inside = *seen = 0;
  for (; lo < words->n && !strcmp(words->v[lo].s, w); lo++) {
    ++*seen;
    *inside += (size_t)words->v[lo].inside;
  }
}

static int induce(const induce_opts *o, const conll_corpus *t,
                  rawi_session *session, const stoplist *st) {
  size_t n = t->n;
  if (o->skip_sixth) { /* keep the first len - len // 6 sentences */
    size_t keep = t->sentences - t->sentences / 6, s = 0;
    for (n = 0; n < t->n; n++)
      if (t->start[n] && ++s > keep)
        break;
  }
  eval_chunk *ch = NULL;
  size_t nch = eval_chunks((const char *const *)t->lab, t->start, n, &ch);
  occs names = {0}, words = {0};
  int rc = nch == (size_t)-1 ? -1 : 0;
  for (size_t i = 0; !rc && i < nch; i++) {
    int ti = type_index(o, ch[i].type);
    if (ti >= 0)
      rc = push(&names, join(t->tok, ch[i].start, ch[i].end), ti, 0);
  }
  for (size_t i = 0; !rc && i < n; i++) {
    const char *type;
    const char *lab = t->lab[i];
    type = (lab[0] == 'B' || lab[0] == 'I') && lab[1] == '-' ? lab + 2 : "";
    rc = push(&words, strdup(t->tok[i]), -1, type_index(o, type) >= 0);
  }
  free(ch);
  if (rc) {
    cli_errorf("out of memory");
    occs_free(&names);
    occs_free(&words);
    return -1;
  }
  /* a corpus without names (or without tokens) leaves an array NULL,
   * which qsort must not be given even with a count of 0 */
  if (names.n)
    qsort(names.v, names.n, sizeof *names.v, cmp_occ);
  if (words.n)
    qsort(words.v, words.n, sizeof *words.v, cmp_occ);
  printf("# rawi gazetteer: names induced from annotated CoNLL data\n");
  printf("# Induced by `rawi gazetteer induce` from %s\n",
         o->source ? o->source : o->path);
  printf("# (%zu of %zu sentences%s); min-count %zu, min-share %.2f, "
         "min-ratio %.2f%s%s\n",
         t->sentences - (o->skip_sixth ? t->sentences / 6 : 0), t->sentences,
         o->skip_sixth ? ", the last sixth left out" : "", o->min_count,
         o->min_share, o->min_ratio, o->stop ? ", stop list " : "",
         o->stop ? o->stop : "");
  printf("# Columns: surface<TAB>type<TAB>id\n");
  size_t kept = 0, strings = 0;
  for (size_t i = 0; i < names.n;) {
    size_t j = i, count[OUTPUT_LABEL_MAX] = {0}, first[OUTPUT_LABEL_MAX] = {0};
    for (; j < names.n && !strcmp(names.v[j].s, names.v[i].s); j++)
      if (!count[names.v[j].type]++)
        first[names.v[j].type] = names.v[j].order;
    size_t total = j - i;
    int best = -1;
    for (int k = 0; k < OUTPUT_LABEL_MAX; k++)
      if (count[k] && (best < 0 || count[k] > count[best] ||
                       (count[k] == count[best] && first[k] < first[best])))
        best = k;
    const char *s = names.v[i].s;
    strings++;
    i = j;
    if (total < o->min_count ||
        (double)count[best] / (double)total < o->min_share || !has_letter(s))
      continue;
    if (!strchr(s, ' ')) {
      size_t inside, seen;
      word_counts(&words, s, &inside, &seen);
      if (seen && (double)inside / (double)seen < o->min_ratio)
        continue;
    }
    const char *norm;
    size_t nlen;
    rawi_error err;
    if (rawi_normalize(session, s, strlen(s), &norm, &nlen, &err) || !nlen ||
        stopped(st, norm))
      continue;
    const char *type = o->types.to[best];
    printf("%s\t%s\t", s, type);
    if (doc_type_index(type, strlen(type)) == DOC_PERSON &&
        print_person_id(session, s))
      ;
    else {
      printf("%s/", id_prefix(type));
      for (size_t k = 0; k < nlen; k++)
        putchar(norm[k] == ' ' ? '-' : norm[k]);
    }
    putchar('\n');
    kept++;
  }
  fprintf(stderr, "rawi: kept %zu of %zu strings\n", kept, strings);
  occs_free(&names);
  occs_free(&words);
  return 0;
}

static int parse_number(const char *opt, const char *s, double lo, double hi,
                        double *out) {
  char *end;
  *out = strtod(s, &end);
  if (end == s || *end || *out < lo || *out > hi) {
    cli_errorf("%s: expected a number from %g to %g, got '%s'", opt, lo, hi, s);
    return -1;
  }
  return 0;
}

static int parse(int argc, char **argv, induce_opts *o) {
  enum { O_COUNT = 256, O_SHARE, O_RATIO, O_STOP, O_TYPES, O_SKIP, O_SOURCE };
  static const struct option opts[] = {
      {"min-count", required_argument, 0, O_COUNT},
      {"min-share", required_argument, 0, O_SHARE},
      {"min-ratio", required_argument, 0, O_RATIO},
      {"stop", required_argument, 0, O_STOP},
      {"types", required_argument, 0, O_TYPES},
      {"skip-last-sixth", no_argument, 0, O_SKIP},
      {"source", required_argument, 0, O_SOURCE},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c;
  double v;
  char msg[200];
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(usage, stdout);
      return 1;
    case O_COUNT:
      if (parse_number("--min-count", optarg, 1, 1e9, &v))
        return -1;
      o->min_count = (size_t)v;
      break;
    case O_SHARE:
    case O_RATIO:
      if (parse_number(c == O_SHARE ? "--min-share" : "--min-ratio", optarg, 0,
                       1, c == O_SHARE ? &o->min_share : &o->min_ratio))
        return -1;
      break;
    case O_STOP:
      o->stop = optarg;
      break;
    case O_TYPES:
      if (output_label_map_parse(&o->types, optarg, msg, sizeof msg)) {
        cli_errorf("--types: %s", msg);
        return -1;
      }
      break;
    case O_SKIP:
      o->skip_sixth = 1;
      break;
    case O_SOURCE:
      o->source = optarg;
      break;
    default:
      fputs(usage, stderr);
      return -1;
    }
  }
  if (optind + 1 != argc) {
    cli_errorf("gazetteer induce: expected one CoNLL file");
    fputs(usage, stderr);
    return -1;
  }
  o->path = argv[optind];
  return 0;
}

static int cmd_induce(int argc, char **argv) {
  induce_opts o = {.min_count = 1, .min_share = 0.7, .min_ratio = 0.5};
  char msg[200];
  output_label_map_parse(&o.types, "PERS=PERSON,LOC=LOCATION,ORG=ORGANIZATION",
                         msg, sizeof msg);
  int p = parse(argc, argv, &o);
  if (p)
    return p > 0 ? 0 : 1;
  /* a model without packs: only its text stage is used, to normalise */
  rawi_config *cfg = rawi_config_new();
  rawi_error err;
  rawi_model *model = cfg ? rawi_model_new(cfg, &err) : NULL;
  rawi_session *session = model ? rawi_session_new(model, &err) : NULL;
  rawi_config_free(cfg);
  conll_corpus t = {0};
  char *data = NULL;
  stoplist st = {0};
  int rc = 1;
  if (!session) {
    cli_error(NULL, &err);
  } else if (read_tokens(o.path, &data, &t)) {
    cli_errorf("%s: cannot read", o.path);
  } else if (o.stop && read_stop(o.stop, session, &st)) {
    cli_errorf("%s: cannot read", o.stop);
  } else {
    rc = induce(&o, &t, session, &st) ? 1 : 0;
  }
  for (size_t i = 0; i < st.n; i++)
    free(st.v[i]);
  free(st.v);
  conll_corpus_free(&t);
  free(data);
  rawi_session_free(session);
  rawi_model_free(model);
  return rc;
}

int cmd_gazetteer(int argc, char **argv) {
  if (argc < 2 || (strcmp(argv[1], "induce") && strcmp(argv[1], "-h") &&
                   strcmp(argv[1], "--help"))) {
    cli_errorf("gazetteer: expected a subcommand: induce");
    fputs(usage, stderr);
    return 1;
  }
  if (strcmp(argv[1], "induce")) {
    fputs(usage, stdout);
    return 0;
  }
  return cmd_induce(argc - 1, argv + 1);
}
