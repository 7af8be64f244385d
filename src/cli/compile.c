/* rawi compile: gazetteer TSV files -> one binary image to map later. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "gazetteer/gazetteer.h"
#include "util/mem.h"

static const char usage[] =
    "usage: rawi compile -o IMAGE [--lenient] TSV...\n"
    "\n"
    "Compile gazetteer lists (docs/gazetteers.md) into one image that\n"
    "`rawi extract --gazetteer IMAGE` maps without recompiling. The image\n"
    "records its sources: when they change, loading it reports it stale.\n"
    "\n"
    "options:\n"
    "  -o IMAGE     output file (written to a temporary file, then renamed)\n"
    "  --lenient    skip malformed lines with a warning instead of failing\n"
    "  -h, --help   show this help\n";

typedef struct report {
  int lenient;
  size_t count;
} report;

/* Every malformed line: an error, or with --lenient a warning. */
static void on_bad_line(void *ctx, const rawi_error *w) {
  report *r = ctx;
  r->count++;
  fprintf(stderr, "rawi: %s: %s:%lu:%lu: %s%s\n",
          r->lenient ? "warning" : "error", w->file, w->line, w->column,
          w->message, r->lenient ? " (line skipped)" : "");
  cli_show_line(w->file, w->line, w->column);
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_compile(int argc, char **argv) {
  static const struct option opts[] = {{"lenient", no_argument, 0, 'l'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *out = NULL;
  int lenient = 0, c;
  while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
    if (c == 'h') {
      fputs(usage, stdout);
      return 0;
    } else if (c == 'o') {
      out = optarg;
    } else if (c == 'l') {
      lenient = 1;
    } else {
      fputs(usage, stderr);
      return 1;
    }
  }
  if (!out || optind >= argc) {
    cli_errorf("compile needs -o IMAGE and at least one TSV file");
    fputs(usage, stderr);
    return 1;
  }
  double t0 = seconds();
  const rawi_allocator *a = &rawi_default_allocator;
  rawi_error err;
  text_model tm;
  gz_image img = {0};
  text_model_init(&tm, RAWI_TOKENIZER_FAST, &err);
  gz_builder *b = gz_builder_new(a, &tm, lenient);
  int rc = b ? 0 : RAWI_ERR_NOMEM;
  report rep = {lenient, 0};
  if (b)
    gz_builder_on_warning(b, on_bad_line, &rep);
  for (int i = optind; i < argc && rc == 0; i++) {
    char *data;
    size_t len;
    if (cli_read_file(argv[i], &data, &len))
      rc = RAWI_ERR_IO;
    else {
      rc = gz_builder_add_tsv(b, argv[i], data, len, &err);
      free(data);
      if (rc == RAWI_ERR_FORMAT)
        cli_errorf("%zu malformed line%s: nothing written", rep.count,
                   rep.count == 1 ? "" : "s");
      else if (rc)
        cli_error(argv[i], &err);
    }
  }
  if (rc == 0 && (rc = gz_builder_finish(b, &img, &err)))
    cli_error(out, &err);
  gz_builder_free(b);
  if (rc == 0 && (rc = gz_image_write(&img, out, &err)))
    cli_error(out, &err);
  if (rc == 0)
    fprintf(stderr,
            "rawi: %s: %u entries, %u entities, %u words, %u trie nodes, "
            "%zu bytes, %.2f s\n",
            out, img.h->n_entries, img.h->n_entities, img.h->n_words,
            img.h->n_nodes, img.size, seconds() - t0);
  gz_image_free(&img);
  return rc ? 1 : 0;
}
