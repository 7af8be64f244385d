/* rawi extract: entities (and later relations) from documents. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch/ids.h"
#include "batch/pool.h"
#include "batch/progress.h"
#include "batch/settings.h"
#include "batch/sink.h"
#include "batch/source.h"
#include "cli/cli.h"
#include "output/conll.h"
#include "output/escape.h"
#include "util/error.h"

static const char usage[] =
    "usage: rawi extract [options] [FILE|DIR ...]\n"
    "\n"
    "Extract entities and relations from documents, one record per document.\n"
    "Reads stdin when no file is given; directories are walked recursively in\n"
    "sorted order; .gz files are read directly.\n"
    "\n"
    "input:\n"
    "  --input-format text|jsonl|conll  default by extension (.jsonl, "
    ".conll),\n"
    "                             else text (one document per file)\n"
    "  --text-field PATH          JSONL field holding the text (default text;\n"
    "                             dotted paths reach into objects: doc.body)\n"
    "  --id-field PATH            JSONL field holding the id (default id)\n"
    "  --keep-fields              copy the other JSONL fields to \"meta\"\n"
    "  --glob PATTERN             in directories, read only matching files\n"
    "  --max-doc-bytes N          longer documents get an error record\n"
    "                             (default 64 MiB: a document takes 12 to\n"
    "                             20 times its size while extracted)\n"
    "  --lang ar|en|auto          document language (default auto, by script)\n"
    "\n"
    "output:\n"
    "  --format NAME              jsonl (default), conll (token<TAB>label "
    "lines,\n"
    "                             IOB2, aligned with a CoNLL input), "
    "ntriples,\n"
    "                             turtle, neo4j (a directory of CSV files),\n"
    "                             cypher, kuzu, html (a page to read)\n"
    "  --label-map MAP            conll labels for rawi types (default\n"
    "                             PERSON=PERS,ORGANIZATION=ORG,COUNTRY=LOC,\n"
    "                             LOCATION=LOC)\n"
    "  --csv-safe                 neo4j: a ' before cells that start with\n"
    "                             = + - @ (spreadsheets run them as formulas)\n"
    "  --base-iri IRI             namespace of the IRIs of RDF formats\n"
    "                             (default " OUTPUT_DEFAULT_BASE_IRI ")\n"
    "  -o PATH                    output file, or directory for neo4j\n"
    "                             (default stdout)\n"
    "  --resume                   with -o: skip the documents already in PATH\n"
    "                             (the settings must be those it was made "
    "with)\n"
    "  --force                    with -o: write over a file that is not "
    "empty\n"
    "  --explain                  add the candidates that lost, and why, and\n"
    "                             every sentence as relation rules see it\n"
    "\n"
    "run:\n"
    "  -j N                       worker threads (default 1; 0: one per core)\n"
    "  --progress, --no-progress  status line on stderr (default: if a tty)\n"
    "  --gazetteer FILE           add a list (TSV or compiled image); "
    "repeatable\n"
    "  --rules FILE               add rules (docs/rules.md); repeatable\n"
    "  --lenient                  skip malformed list lines and rules, "
    "warning\n"
    "  --pack DIR                 language packs (default: found "
    "automatically)\n"
    "  --no-jit                   interpret patterns (for valgrind and "
    "debugging)\n"
    "  -h, --help                 show this help\n"
    "\n"
    "Exit status: 0 all documents processed, 1 usage, model or output error,\n"
    "2 some documents failed (each has an error record in the output),\n"
    "130/143 interrupted by SIGINT/SIGTERM (the output holds whole records).\n";

typedef struct extract_opts {
  batch_options batch;
  batch_source_options in;
  const char *output, *pack;
  int lenient, threads, progress, resume, force, no_jit;
  const char *lang_name;      /* as given, for OUT.run.json */
  output_label_map label_map; /* for --format conll */
} extract_opts;

/* With --lenient every problem is a warning and loading goes on; without,
 * the first one ends the run (reported by the caller). */
static void print_warning(void *ctx, const rawi_error *w) {
  if (!*(const int *)ctx)
    return;
  fprintf(stderr, "rawi: warning: %s:%lu:%lu: %s (skipped)\n", w->file, w->line,
          w->column, w->message);
}

static int parse_lang(const char *s, rawi_lang *out) {
  return rawi_lang_from_name(s, out) ? -1 : 0;
}

static int parse_size(const char *opt, const char *s, size_t *out) {
  unsigned long long v;
  if (cli_parse_count(opt, s, 0, &v))
    return -1;
  *out = (size_t)v;
  return 0;
}

static int parse_input_format(const char *s, batch_format *out) {
  static const char *const names[] = {"text", "jsonl", "conll"};
  static const batch_format formats[] = {BATCH_TEXT, BATCH_JSONL, BATCH_CONLL};
  for (size_t i = 0; i < 3; i++)
    if (!strcmp(s, names[i])) {
      *out = formats[i];
      return 0;
    }
  cli_errorf("--input-format: expected text, jsonl or conll, got '%s'", s);
  return -1;
}

static int parse_threads(const char *s, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < 0 || v > 256) {
    cli_errorf("-j: expected 0 to 256 threads, got '%s'", s);
    return -1;
  }
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  *out = v ? (int)v : (int)(cores > 0 ? cores : 1);
  return 0;
}

/* Parse options; returns 0 to go on, 1 after --help, -1 on a usage error. */
static int parse(int argc, char **argv, extract_opts *o, rawi_config *cfg) {
  enum {
    O_LANG = 256,
    O_IN,
    O_TEXT,
    O_ID,
    O_FMT,
    O_GAZ,
    O_LENIENT,
    O_PACK,
    O_RULES,
    O_EXPLAIN,
    O_KEEP,
    O_GLOB,
    O_MAX,
    O_PROGRESS,
    O_NOPROGRESS,
    O_RESUME,
    O_NOJIT,
    O_BASE,
    O_LABELS,
    O_FORCE,
    O_CSVSAFE
  };
  static const struct option opts[] = {
      {"lang", required_argument, 0, O_LANG},
      {"input-format", required_argument, 0, O_IN},
      {"text-field", required_argument, 0, O_TEXT},
      {"id-field", required_argument, 0, O_ID},
      {"keep-fields", no_argument, 0, O_KEEP},
      {"glob", required_argument, 0, O_GLOB},
      {"max-doc-bytes", required_argument, 0, O_MAX},
      {"format", required_argument, 0, O_FMT},
      {"base-iri", required_argument, 0, O_BASE},
      {"resume", no_argument, 0, O_RESUME},
      {"force", no_argument, 0, O_FORCE},
      {"csv-safe", no_argument, 0, O_CSVSAFE},
      {"progress", no_argument, 0, O_PROGRESS},
      {"no-progress", no_argument, 0, O_NOPROGRESS},
      {"gazetteer", required_argument, 0, O_GAZ},
      {"rules", required_argument, 0, O_RULES},
      {"explain", no_argument, 0, O_EXPLAIN},
      {"lenient", no_argument, 0, O_LENIENT},
      {"pack", required_argument, 0, O_PACK},
      {"no-jit", no_argument, 0, O_NOJIT},
      {"label-map", required_argument, 0, O_LABELS},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c, bad = 0;
  while (!bad && (c = getopt_long(argc, argv, "ho:j:", opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(usage, stdout);
      return 1;
    case 'o':
      o->output = optarg;
      break;
    case 'j':
      bad = parse_threads(optarg, &o->threads);
      break;
    case O_LANG:
      if ((bad = parse_lang(optarg, &o->batch.lang)))
        cli_errorf("--lang: expected ar, en or auto, got '%s'", optarg);
      o->lang_name = optarg;
      break;
    case O_IN:
      bad = parse_input_format(optarg, &o->in.format);
      break;
    case O_TEXT:
      o->batch.text_field = optarg;
      break;
    case O_ID:
      o->batch.id_field = optarg;
      break;
    case O_KEEP:
      o->batch.keep_fields = 1;
      break;
    case O_GLOB:
      o->in.glob = optarg;
      break;
    case O_MAX:
      bad = parse_size("--max-doc-bytes", optarg, &o->in.max_doc_bytes);
      break;
    case O_FMT:
      if ((bad = !(o->batch.format = output_format_find(optarg)))) {
        char names[200];
        output_format_names(names, sizeof names);
        cli_errorf("--format: expected %s, got '%s'", names, optarg);
      }
      break;
    case O_BASE:
      if ((bad = !output_iri_usable(optarg)))
        cli_errorf("--base-iri: expected an absolute IRI such as "
                   "https://example.org/news/, got '%s'",
                   optarg);
      o->batch.out.base_iri = optarg;
      break;
    case O_LABELS: {
      char msg[200];
      if ((bad =
               output_label_map_parse(&o->label_map, optarg, msg, sizeof msg)))
        cli_errorf("--label-map: %s", msg);
      break;
    }
    case O_RESUME:
      o->resume = 1;
      break;
    case O_FORCE:
      o->force = 1;
      break;
    case O_CSVSAFE:
      o->batch.out.csv_safe = 1;
      break;
    case O_PROGRESS:
    case O_NOPROGRESS:
      o->progress = c == O_PROGRESS;
      break;
    case O_GAZ:
    case O_RULES:
      if ((bad = (c == O_GAZ ? rawi_config_add_gazetteer
                             : rawi_config_add_rules)(cfg, optarg) != 0))
        cli_errorf("out of memory");
      break;
    case O_EXPLAIN:
      o->batch.out.explain = 1;
      rawi_config_set_explain(cfg, 1);
      break;
    case O_LENIENT:
      o->lenient = 1;
      break;
    case O_PACK:
      o->pack = optarg;
      break;
    case O_NOJIT:
      rawi_config_set_jit(cfg, 0);
      o->no_jit = 1;
      break;
    default:
      fputs(usage, stderr);
      return -1;
    }
  }
  if (!bad && o->resume && (!o->output || !strcmp(o->output, "-"))) {
    cli_errorf("--resume needs an output file (-o FILE)");
    bad = 1;
  }
  if (!bad && o->resume && o->force) {
    cli_errorf("--resume and --force: choose one (go on with the output, or "
               "write over it)");
    bad = 1;
  }
  /* --resume compares ids with the records already written: JSON Lines */
  if (!bad && o->resume && strcmp(o->batch.format->name, "jsonl")) {
    cli_errorf("--resume: not available with --format %s",
               o->batch.format->name);
    bad = 1;
  }
  o->batch.out.labels = &o->label_map;
  return bad ? -1 : 0;
}

/* What shapes the records (docs/scaling.md, "Nothing lost"): recorded in
 * OUT.run.json, compared by --resume. How the input is read (stdin or
 * files, --input-format) is not: a change there changes the ids, which
 * --resume compares record by record. */
static void run_settings(const extract_opts *o, const rawi_model *m,
                         batch_settings *s) {
  char num[32];
  batch_settings_add(s, "rawi", rawi_version());
  snprintf(num, sizeof num, "%016llx",
           (unsigned long long)rawi_model_checksum(m));
  batch_settings_add(s, "lists and rules (checksum)", num);
  batch_settings_add(s, "--format", o->batch.format->name);
  batch_settings_add(s, "--lang", o->lang_name ? o->lang_name : "auto");
  batch_settings_add(s, "--text-field", o->batch.text_field);
  batch_settings_add(s, "--id-field", o->batch.id_field);
  batch_settings_add(s, "--keep-fields", o->batch.keep_fields ? "yes" : NULL);
  batch_settings_add(s, "--explain", o->batch.out.explain ? "yes" : NULL);
  batch_settings_add(s, "--glob", o->in.glob);
  snprintf(num, sizeof num, "%zu", o->in.max_doc_bytes);
  batch_settings_add(s, "--max-doc-bytes", num);
  batch_settings_add(s, "--lenient", o->lenient ? "yes" : NULL);
  batch_settings_add(s, "--no-jit", o->no_jit ? "yes" : NULL);
}

/* Is path a regular file with something in it? */
static int nonempty_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

/* Before the output is opened: --resume goes on only with the settings its
 * records were made with. After: a fresh JSON Lines file gets the
 * settings it is made with. -1 with r->err set. */
static int settings_before(const extract_opts *o, const batch_settings *s,
                           rawi_error *err) {
  char path[4096];
  if (!o->resume || !nonempty_file(o->output))
    return 0;
  batch_settings_path(o->output, path, sizeof path);
  return batch_settings_check(s, path, o->output, err);
}

static int settings_after(const extract_opts *o, const batch_settings *s,
                          rawi_error *err) {
  char path[4096];
  struct stat st;
  if (!o->output || !strcmp(o->output, "-") || stat(o->output, &st) ||
      !S_ISREG(st.st_mode) || strcmp(o->batch.format->name, "jsonl") ||
      (o->resume && st.st_size > 0))
    return 0; /* no file, not resumable, or resumed with its settings */
  batch_settings_path(o->output, path, sizeof path);
  return batch_settings_write(s, path, err);
}

/* The identity of the output and its settings file, so that a directory
 * walk does not read them. */
static void output_identity(const extract_opts *o, batch_source_options *in) {
  char settings[4096];
  struct stat st;
  if (!o->output || !strcmp(o->output, "-"))
    return;
  batch_settings_path(o->output, settings, sizeof settings);
  const char *paths[2] = {o->output, settings};
  for (int i = 0; i < 2; i++)
    if (stat(paths[i], &st) == 0 &&
        (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
      in->output_dev[in->n_outputs] = st.st_dev;
      in->output_ino[in->n_outputs++] = st.st_ino;
    }
}

/* SIGINT and SIGTERM stop the reading; the documents in flight are
 * finished and written. A second signal ends rawi at once. */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) {
  stop_signal = sig;
}

static void catch_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESETHAND; /* no SA_RESTART: a blocked read returns */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

/* Records go to a sink (a file or stdout), or to the format's writer. */
typedef struct run {
  batch_sink *sink;
  const output_writer_ops *wops;
  output_writer *writer;
  batch_pool *pool;
  batch_ids ids;           /* the run's ids so far, for duplicates */
  unsigned long long read; /* input documents read */
  batch_counts counts;
  batch_progress progress;
  rawi_error err;
  unsigned long long skipped;
  int write_failed;
} run;

static int emit(run *r, const rawi_strbuf *out) {
  if (out->failed)
    return rawi_error_set(&r->err, RAWI_ERR_NOMEM, "out of memory");
  if (r->writer)
    return r->wops->write(r->writer, out->data, out->len, &r->err);
  return batch_sink_write(r->sink, out->data, out->len, &r->err);
}

static int write_record(void *ctx, const rawi_strbuf *out,
                        const batch_counts *c) {
  run *r = ctx;
  batch_counts_add(&r->counts, c);
  return emit(r, out);
}

/* While the input (a pipe, a terminal) has nothing to read: write the
 * records done so far and flush them, so that a stream's results come out
 * as its documents go in, not a buffer's worth later. */
static void on_idle(void *ctx) {
  run *r = ctx;
  if (r->write_failed || !r->pool)
    return;
  if (batch_pool_write_ready(r->pool) ||
      (r->sink && batch_sink_flush(r->sink, &r->err)))
    r->write_failed = 1;
}

static int open_output(run *r, const extract_opts *o) {
  r->wops = o->batch.format->writer;
  if (r->wops)
    r->writer = r->wops->open(o->output, &o->batch.out, &r->err);
  else
    r->sink = batch_sink_open(o->output, o->resume, &r->err);
  return r->writer || r->sink ? 0 : -1;
}

/* Close the output; with err NULL (after another error) only release it. */
static int close_output(run *r, rawi_error *err) {
  int rc = 0;
  if (r->writer)
    rc = r->wops->close(r->writer, err);
  else if (r->sink)
    rc = batch_sink_close(r->sink, err);
  r->writer = NULL;
  r->sink = NULL;
  return rc;
}

/* With --resume, a record already in the output is skipped when it is the
 * same document (same id, same place in the input); 1 to skip it, 0 to
 * extract it, -1 when the input no longer matches the output. The ids are
 * compared as JSON writes them, so two that differ only in a NUL or in a
 * byte that is not UTF-8 are told apart, and the message shows how. */
static int already_done(run *r, const rawi_strbuf *id) {
  rawi_strbuf kept, written;
  rawi_strbuf_init(&kept, NULL);
  rawi_strbuf_init(&written, NULL);
  int rc = batch_sink_next_kept(r->sink, &kept);
  if (rc) {
    rawi_strbuf_json(&written, id->data ? id->data : "", id->len);
    size_t k = 0;
    while (k < kept.len && k < written.len && kept.data[k] == written.data[k])
      k++;
    if (kept.len != written.len || k < kept.len) {
      cli_errorf("--resume: record %llu of the output has the id %.*s and "
                 "input document %llu the id %.*s (as JSON writes them; they "
                 "differ from byte %zu on); was the input changed?",
                 r->skipped + 1, kept.len ? (int)kept.len : 10,
                 kept.len ? kept.data : "(no id: not a record)", r->skipped + 1,
                 (int)written.len, written.data, k ? k - 1 : 0);
      rc = -1;
    }
  }
  rawi_strbuf_free(&kept);
  rawi_strbuf_free(&written);
  return rc;
}

/* Write a format's header or footer, when it has one. */
static int write_frame(run *r,
                       void (*frame)(rawi_strbuf *, const output_options *),
                       const output_options *o) {
  if (!frame)
    return 0;
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  frame(&b, o);
  int rc = emit(r, &b);
  rawi_strbuf_free(&b);
  return rc;
}

/* Read, extract and write every document; 0, or -1 on a run error. */
static int run_batch(run *r, batch_source *src, batch_pool *pool,
                     const extract_opts *o) {
  int resuming = o->resume, rc = 0;
  const output_format *f = o->batch.format;
  if ((!r->sink || batch_sink_kept(r->sink) == 0) &&
      write_frame(r, f->header, &o->batch.out))
    return -1;
  rawi_strbuf id;
  rawi_strbuf_init(&id, NULL);
  batch_record *rec;
  while (!stop_signal && !r->write_failed && (rec = batch_pool_slot(pool))) {
    if (!batch_source_next(src, rec) || stop_signal || r->write_failed)
      break;
    id.len = 0;
    batch_record_id(&o->batch, rec, &id);
    r->read++;
    rec->duplicate_of =
        batch_ids_check(&r->ids, id.data ? id.data : "", id.len, r->read);
    if (resuming && (resuming = already_done(r, &id)) != 0) {
      if (resuming < 0) {
        rc = -1;
        break;
      }
      r->skipped++;
      continue;
    }
    batch_pool_submit(pool);
    batch_progress_update(&r->progress, &r->counts, batch_source_consumed(src),
                          batch_source_total(src));
  }
  if (batch_pool_finish(pool) || r->write_failed)
    rc = -1;
  if (rc == 0 && write_frame(r, f->footer, &o->batch.out))
    rc = -1;
  rawi_strbuf_free(&id);
  return rc;
}

int cmd_extract(int argc, char **argv) {
  extract_opts o = {
      .batch = {.lang = RAWI_LANG_AUTO,
                .text_field = "text",
                .id_field = "id",
                .format = output_format_find("jsonl")},
      .in = {.format = BATCH_AUTO, .max_doc_bytes = (size_t)64 << 20},
      .threads = 1,
      .progress = -1};
  char msg[200];
  output_label_map_parse(&o.label_map, OUTPUT_LABEL_MAP_DEFAULT, msg,
                         sizeof msg);
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
  if (cli_check_output(o.output, o.resume || o.force,
                       "--resume goes on with it, --force writes over it",
                       argv + optind, (size_t)(argc - optind))) {
    rawi_config_free(cfg);
    return 1;
  }
  catch_signals(); /* from here on, even while the model loads */
  char packbuf[PATH_MAX + 32];
  rawi_config_set_pack_dir(cfg, cli_pack_dir(o.pack, packbuf, sizeof packbuf));
  rawi_config_set_lenient(cfg, o.lenient, print_warning, &o.lenient);
  run r = {0};
  batch_ids_init(&r.ids);
  batch_progress_start(&r.progress,
                       o.progress < 0 ? isatty(STDERR_FILENO) : o.progress);
  rawi_model *model = rawi_model_new(cfg, &r.err);
  rawi_config_free(cfg);
  batch_source *src = NULL;
  batch_pool *pool = NULL;
  int status = 1;
  if (!model)
    goto fail;
  batch_settings settings = {0};
  run_settings(&o, model, &settings);
  if (settings_before(&o, &settings, &r.err) || open_output(&r, &o) ||
      settings_after(&o, &settings, &r.err))
    goto fail;
  output_identity(&o, &o.in);
  if (!(pool = batch_pool_new(model, &o.batch, o.threads, write_record, &r,
                              &r.err)))
    goto fail;
  r.pool = pool;
  o.in.stop = &stop_signal;
  o.in.idle = on_idle;
  o.in.idle_ctx = &r;
  if (!(src =
            batch_source_new(argv + optind, (size_t)(argc - optind), &o.in))) {
    rawi_error_set(&r.err, RAWI_ERR_NOMEM, "out of memory");
    goto fail;
  }
  int rc = run_batch(&r, src, pool, &o);
  if (close_output(&r, r.err.code ? NULL : &r.err))
    rc = -1;
  if (r.err.code)
    cli_error(NULL, &r.err);
  status = rc ? 1 : stop_signal ? 128 + stop_signal : r.counts.failed ? 2 : 0;
  batch_progress_summary(&r.progress, &r.counts, r.skipped,
                         stop_signal == SIGINT    ? "interrupted (SIGINT)"
                         : stop_signal == SIGTERM ? "stopped (SIGTERM)"
                                                  : NULL);
  if (r.ids.full)
    fprintf(stderr,
            "rawi: note: ids were checked for duplicates in the "
            "first %llu documents only\n",
            BATCH_IDS_MAX);
  goto done;
fail:
  cli_error(NULL, &r.err);
done:
  batch_source_free(src);
  batch_pool_free(pool);
  close_output(&r, NULL);
  rawi_model_free(model);
  batch_ids_free(&r.ids);
  return status;
}
