/* rawi graph: one consolidated graph from the JSONL results of a run. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch/source.h"
#include "cli/cli.h"
#include "graph/graph.h"
#include "output/escape.h"
#include "output/output.h"

static const char usage[] =
    "usage: rawi graph [options] [RESULTS.jsonl ...]\n"
    "\n"
    "One consolidated graph from the JSON Lines results of rawi extract: a\n"
    "node per entity (all its names and languages, its mention and document\n"
    "counts), a node per document, and an edge per fact (subject, predicate,\n"
    "object, modality) with its count, first and last document and every\n"
    "piece of evidence. Reads stdin when no file is given; .gz files are read\n"
    "directly. Memory holds the graph, not the documents (docs/scaling.md).\n"
    "\n"
    "  --format NAME         ntriples (default), turtle, neo4j (a directory "
    "of\n"
    "                        CSV files), cypher, kuzu, html (a corpus view)\n"
    "  -o PATH               output file, or directory for neo4j (default\n"
    "                        stdout); never an input, and not a file or\n"
    "                        directory that holds something\n"
    "  --force               with -o: write over a file that is not empty\n"
    "  --no-merge            keep short forms apart (by default a person "
    "known\n"
    "                        in the whole run only by one word joins the one\n"
    "                        full-name person of the run whose name ends in "
    "it)\n"
    "  --min-count N         leave out facts seen fewer than N times, with\n"
    "                        their evidence; entities and documents all stay\n"
    "  --top N               html: show the N most mentioned entities\n"
    "                        (default 50)\n"
    "  --base-iri IRI        namespace of the IRIs of RDF formats\n"
    "                        (default " OUTPUT_DEFAULT_BASE_IRI ")\n"
    "  --tmpdir DIR          where evidence waits while the input is read\n"
    "                        (default $TMPDIR, else /tmp)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 every line was a record; 1 usage, input or output error;\n"
    "2 some lines (or relations) were not usable: each is reported on\n"
    "stderr and the graph holds the rest.\n";

/* The longest line read: a document's record can be large (a million
 * mentions make 165 MB of JSON). */
#define MAX_LINE_BYTES ((size_t)1 << 30)

typedef struct graph_cli {
  graph_options g;
  const char *format, *output;
  int force;
} graph_cli;

/* 0 to go on, 1 after --help, -1 on a usage error. */
static int parse(int argc, char **argv, graph_cli *o) {
  enum { O_FMT = 256, O_NOMERGE, O_MIN, O_TOP, O_BASE, O_TMP, O_FORCE };
  static const struct option opts[] = {
      {"format", required_argument, 0, O_FMT},
      {"no-merge", no_argument, 0, O_NOMERGE},
      {"min-count", required_argument, 0, O_MIN},
      {"top", required_argument, 0, O_TOP},
      {"base-iri", required_argument, 0, O_BASE},
      {"tmpdir", required_argument, 0, O_TMP},
      {"force", no_argument, 0, O_FORCE},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c, bad = 0;
  unsigned long long n;
  while (!bad && (c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(usage, stdout);
      return 1;
    case 'o':
      o->output = optarg;
      break;
    case O_FMT:
      if ((bad = !graph_format_known(optarg)))
        cli_errorf("--format: expected %s, got '%s'", graph_format_names(),
                   optarg);
      o->format = optarg;
      break;
    case O_NOMERGE:
      o->g.merge = 0;
      break;
    case O_MIN:
      if (!(bad = cli_parse_count("--min-count", optarg, 1, &n)))
        o->g.min_count = n;
      break;
    case O_TOP:
      if (!(bad = cli_parse_count("--top", optarg, 1, &n)))
        o->g.top = (size_t)n;
      break;
    case O_BASE:
      if ((bad = !output_iri_usable(optarg)))
        cli_errorf("--base-iri: expected an absolute IRI such as "
                   "https://example.org/news/, got '%s'",
                   optarg);
      o->g.base_iri = optarg;
      break;
    case O_TMP:
      o->g.tmpdir = optarg;
      break;
    case O_FORCE:
      o->force = 1;
      break;
    default:
      fputs(usage, stderr);
      return -1;
    }
  }
  if (!bad && graph_format_is_dir(o->format) &&
      (!o->output || !strcmp(o->output, "-"))) {
    cli_errorf("--format %s writes a directory: give -o DIR", o->format);
    bad = 1;
  }
  return bad ? -1 : 0;
}

/* Lines that could not be used: the first few are told, then a count. */
enum { TELL_MAX = 10 };

typedef struct reading {
  unsigned long long bad, told;
} reading;

static void skipped(reading *r, const char *where, size_t where_len,
                    const char *message, const char *what) {
  r->bad++;
  if (r->told++ < TELL_MAX)
    fprintf(stderr, "rawi: warning: %.*s: %s (%s skipped)\n", (int)where_len,
            where, message, what);
}

/* Feed every record to the graph; 0, or -1 after a run error. */
static int read_all(graph *g, batch_source *src, reading *r) {
  batch_record rec;
  batch_record_init(&rec);
  int rc = 0;
  while (batch_source_next(src, &rec)) {
    if (rec.error[0]) { /* a file that cannot be read, a line too long */
      skipped(r, rec.id.data, rec.id.len,
              rec.error_code == RAWI_ERR_TOO_BIG ? "line is longer than 1 GiB"
                                                 : rec.error,
              rec.error_code == RAWI_ERR_TOO_BIG ? "line" : "input");
      continue;
    }
    rawi_error err;
    int added =
        graph_add(g, rec.data.data ? rec.data.data : "", rec.data.len, &err);
    if (added < 0) {
      cli_error(NULL, &err);
      rc = -1;
      break;
    }
    if (added)
      skipped(r, rec.id.data, rec.id.len, err.message,
              added == 1 ? "line" : "relation");
  }
  batch_record_free(&rec);
  if (r->told > TELL_MAX)
    fprintf(stderr, "rawi: warning: %llu more lines or relations skipped\n",
            r->told - TELL_MAX);
  return rc;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void summary(const graph *g, const reading *r, double start) {
  graph_stats s;
  graph_get_stats(g, &s);
  fprintf(stderr,
          "rawi graph: %llu documents (%llu failed), %llu entities (%llu "
          "merged), %llu facts from %llu relations",
          (unsigned long long)s.documents, (unsigned long long)s.failed,
          (unsigned long long)s.entities, (unsigned long long)s.merged,
          (unsigned long long)s.facts, (unsigned long long)s.evidence);
  if (s.dropped)
    fprintf(stderr, " (%llu facts under --min-count)",
            (unsigned long long)s.dropped);
  if (r->bad)
    fprintf(stderr, ", %llu skipped", r->bad);
  fprintf(stderr, ", %.2f s\n", now() - start);
}

int cmd_graph(int argc, char **argv) {
  graph_cli o = {.g = {.merge = 1, .top = 50}, .format = "ntriples"};
  int p = parse(argc, argv, &o);
  if (p)
    return p > 0 ? 0 : 1;
  if (cli_check_output(o.output, o.force, "--force writes over it",
                       argv + optind, (size_t)(argc - optind)))
    return 1;
  double start = now();
  rawi_error err;
  graph *g = graph_new(&o.g, &err);
  if (!g) {
    cli_error(NULL, &err);
    return 1;
  }
  batch_source_options in = {.format = BATCH_JSONL,
                             .max_doc_bytes = MAX_LINE_BYTES};
  batch_source *src =
      batch_source_new(argv + optind, (size_t)(argc - optind), &in);
  reading r = {0};
  int status = 1;
  if (!src)
    cli_errorf("out of memory");
  else if (read_all(g, src, &r) == 0) {
    if (graph_finish(g, &err) || graph_write(g, o.format, o.output, &err))
      cli_error(NULL, &err);
    else
      status = r.bad ? 2 : 0;
    summary(g, &r, start);
  }
  batch_source_free(src);
  graph_free(g);
  return status;
}
