/* rawi extract: entities (and later relations) from documents. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "output/output.h"
#include "util/strbuf.h"

static const char usage[] =
    "usage: rawi extract [options] [FILE|DIR ...]\n"
    "\n"
    "Extract entities from documents and write one record per document.\n"
    "Reads stdin when no file is given; directories are walked recursively.\n"
    "\n"
    "options:\n"
    "  --lang ar|en|auto          document language (default auto, by script)\n"
    "  --input-format text|jsonl  default by extension (.jsonl), else text\n"
    "  --text-field NAME          JSONL field holding the text (default text)\n"
    "  --id-field NAME            JSONL field holding the id (default id)\n"
    "  --format jsonl             output format (default jsonl)\n"
    "  -o PATH                    output file (default stdout)\n"
    "  --gazetteer FILE           add a list (TSV or compiled image); repeatable\n"
    "  --rules FILE               add rules (docs/rules.md); repeatable\n"
    "  --explain                  add the candidates that lost, and why\n"
    "  --lenient                  skip malformed list lines and rules, warning\n"
    "  --pack DIR                 language packs (default: found automatically)\n"
    "  -h, --help                 show this help\n"
    "\n"
    "Exit status: 0 all documents processed, 1 usage or model error,\n"
    "2 some documents failed (each has an error record in the output).\n";

typedef struct run {
  rawi_session *session;
  rawi_lang lang;
  FILE *out;
  rawi_strbuf buf;
  size_t docs, failed, entities, relations;
  int write_failed, explain;
} run;

static int flush(run *r) {
  if (r->buf.failed) {
    cli_errorf("out of memory");
    return -1;
  }
  int rc = cli_write(r->out, r->buf.data, r->buf.len);
  r->buf.len = 0;
  if (rc)
    r->write_failed = 1;
  return rc;
}

static int on_document(void *ctx, const char *id, size_t id_len,
                       const char *text, size_t len, const rawi_error *bad) {
  run *r = ctx;
  rawi_doc *doc = NULL;
  rawi_error err;
  r->docs++;
  if (!bad && rawi_extract(r->session, text, len, r->lang, &doc, &err) == 0) {
    output_jsonl(&r->buf, doc, id, id_len, r->explain);
    r->entities += rawi_doc_entity_count(doc);
    r->relations += rawi_doc_relation_count(doc);
  } else {
    r->failed++;
    output_jsonl_error(&r->buf, id, id_len, bad ? bad : &err);
  }
  rawi_doc_free(doc);
  return r->buf.len >= (1 << 16) ? flush(r) : 0;
}

/* With --lenient every problem is a warning and loading goes on; without,
 * the first one ends the run (reported by the caller). */
static void print_warning(void *ctx, const rawi_error *w) {
  if (!*(const int *)ctx)
    return;
  fprintf(stderr, "rawi: warning: %s:%lu:%lu: %s (skipped)\n", w->file,
          w->line, w->column, w->message);
}

typedef struct extract_opts {
  rawi_lang lang;
  input_options in;
  const char *output, *pack;
  int lenient, explain;
} extract_opts;

static int parse_lang(const char *s, rawi_lang *out) {
  if (!strcmp(s, "ar"))
    *out = RAWI_LANG_AR;
  else if (!strcmp(s, "en"))
    *out = RAWI_LANG_EN;
  else if (!strcmp(s, "auto"))
    *out = RAWI_LANG_AUTO;
  else
    return -1;
  return 0;
}

/* Parse options; returns 0 to go on, 1 after --help, -1 on a usage error. */
static int parse(int argc, char **argv, extract_opts *o, rawi_config *cfg) {
  enum { O_LANG = 256, O_IN, O_TEXT, O_ID, O_FMT, O_GAZ, O_LENIENT, O_PACK,
         O_RULES, O_EXPLAIN };
  static const struct option opts[] = {
      {"lang", required_argument, 0, O_LANG},
      {"input-format", required_argument, 0, O_IN},
      {"text-field", required_argument, 0, O_TEXT},
      {"id-field", required_argument, 0, O_ID},
      {"format", required_argument, 0, O_FMT},
      {"gazetteer", required_argument, 0, O_GAZ},
      {"rules", required_argument, 0, O_RULES},
      {"explain", no_argument, 0, O_EXPLAIN},
      {"lenient", no_argument, 0, O_LENIENT},
      {"pack", required_argument, 0, O_PACK},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(usage, stdout);
      return 1;
    case 'o':
      o->output = optarg;
      break;
    case O_LANG:
      if (parse_lang(optarg, &o->lang)) {
        cli_errorf("--lang: expected ar, en or auto, got '%s'", optarg);
        return -1;
      }
      break;
    case O_IN:
      if (!strcmp(optarg, "text"))
        o->in.format = INPUT_TEXT;
      else if (!strcmp(optarg, "jsonl"))
        o->in.format = INPUT_JSONL;
      else {
        cli_errorf("--input-format: expected text or jsonl, got '%s'", optarg);
        return -1;
      }
      break;
    case O_TEXT:
      o->in.text_field = optarg;
      break;
    case O_ID:
      o->in.id_field = optarg;
      break;
    case O_FMT:
      if (strcmp(optarg, "jsonl")) {
        cli_errorf("--format: expected jsonl, got '%s'", optarg);
        return -1;
      }
      break;
    case O_GAZ:
      if (rawi_config_add_gazetteer(cfg, optarg)) {
        cli_errorf("out of memory");
        return -1;
      }
      break;
    case O_RULES:
      if (rawi_config_add_rules(cfg, optarg)) {
        cli_errorf("out of memory");
        return -1;
      }
      break;
    case O_EXPLAIN:
      o->explain = 1;
      break;
    case O_LENIENT:
      o->lenient = 1;
      break;
    case O_PACK:
      o->pack = optarg;
      break;
    default:
      fputs(usage, stderr);
      return -1;
    }
  }
  return 0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Open the output: stdout, or a temporary file renamed into place at the
 * end so that a reader never sees a half-written file. */
static FILE *open_output(const char *path, char *tmp, size_t cap) {
  if (!path || !strcmp(path, "-"))
    return stdout;
  snprintf(tmp, cap, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f)
    cli_errorf("%s: cannot write: %s", path, strerror(errno));
  return f;
}

static int close_output(FILE *f, const char *path, const char *tmp, int ok) {
  if (f == stdout) {
    if (fflush(stdout) && ok) {
      cli_errorf("write error: %s", strerror(errno));
      return -1;
    }
    return ok ? 0 : -1;
  }
  if (fclose(f) && ok) {
    cli_errorf("%s: write error: %s", path, strerror(errno));
    ok = 0;
  }
  if (ok && rename(tmp, path)) {
    cli_errorf("%s: cannot write: %s", path, strerror(errno));
    ok = 0;
  }
  if (!ok)
    remove(tmp);
  return ok ? 0 : -1;
}

static int run_inputs(run *r, int argc, char **argv, const extract_opts *o) {
  if (optind >= argc)
    return input_each(NULL, &o->in, on_document, r);
  for (int i = optind; i < argc; i++) {
    int rc = input_each(argv[i], &o->in, on_document, r);
    if (rc)
      return rc;
  }
  return 0;
}

int cmd_extract(int argc, char **argv) {
  extract_opts o = {.lang = RAWI_LANG_AUTO,
                    .in = {INPUT_AUTO, "text", "id"}};
  rawi_config *cfg = rawi_config_new();
  if (!cfg) {
    cli_errorf("out of memory");
    return 1;
  }
  int p = parse(argc, argv, &o, cfg);
  if (p) {
    rawi_config_free(cfg);
    return p > 0 ? 0 : 1;
  }
  char packbuf[PATH_MAX + 32], tmp[PATH_MAX + 64];
  rawi_config_set_pack_dir(cfg, cli_pack_dir(o.pack, packbuf, sizeof packbuf));
  rawi_config_set_lenient(cfg, o.lenient, print_warning, &o.lenient);
  double t0 = now();
  rawi_error err;
  rawi_model *model = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  run r = {.lang = o.lang, .explain = o.explain};
  rawi_strbuf_init(&r.buf, NULL);
  int status = 1;
  if (!model) {
    cli_error(NULL, &err);
    goto done;
  }
  if (!(r.session = rawi_session_new(model, &err))) {
    cli_error(NULL, &err);
    goto done;
  }
  if (!(r.out = open_output(o.output, tmp, sizeof tmp)))
    goto done;
  int rc = run_inputs(&r, argc, argv, &o);
  if (rc == 0)
    rc = flush(&r);
  if (close_output(r.out, o.output, tmp, rc == 0) || rc)
    goto done;
  fprintf(stderr,
          "rawi: %zu documents, %zu entities, %zu relations, %zu errors, %.2f s\n",
          r.docs, r.entities, r.relations, r.failed, now() - t0);
  status = r.failed ? 2 : 0;
done:
  rawi_strbuf_free(&r.buf);
  rawi_session_free(r.session);
  rawi_model_free(model);
  return status;
}
