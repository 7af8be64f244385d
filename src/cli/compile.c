/* rawi compile: gazetteer TSV files -> one binary image to map later. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

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
  report rep = {lenient, 0};
  rawi_config *cfg = rawi_config_new();
  if (!cfg || rawi_config_set_lenient(cfg, lenient, on_bad_line, &rep)) {
    rawi_config_free(cfg);
    cli_errorf("out of memory");
    return 1;
  }
  rawi_error err;
  rawi_compiler *comp = rawi_compiler_new(cfg, &err);
  rawi_config_free(cfg);
  int rc = comp ? 0 : err.code;
  if (!comp)
    cli_error(NULL, &err);
  for (int i = optind; i < argc && rc == 0; i++) {
    char *data;
    size_t len;
    if (cli_read_file(argv[i], &data, &len))
      rc = RAWI_ERR_IO;
    else {
      rc = rawi_compiler_add_list(comp, argv[i], data, len, &err);
      free(data);
      if (rc == RAWI_ERR_FORMAT)
        cli_errorf("%zu malformed line%s: nothing written", rep.count,
                   rep.count == 1 ? "" : "s");
      else if (rc)
        cli_error(argv[i], &err);
    }
  }
  rawi_image_stats st;
  if (rc == 0 && (rc = rawi_compiler_write(comp, out, &st, &err)))
    cli_error(out, &err);
  rawi_compiler_free(comp);
  if (rc == 0)
    fprintf(stderr,
            "rawi: %s: %u entries, %u entities, %u words, %u trie nodes, "
            "%zu bytes, %.2f s\n",
            out, st.entries, st.entities, st.words, st.nodes, st.bytes,
            seconds() - t0);
  return rc ? 1 : 0;
}
