/* rawi check: validate lists and rule files, and run the rules' examples. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: rawi check [--pack DIR] [--rules FILE]... [--gazetteer FILE]...\n"
    "\n"
    "Load the shipped packs and the given files, report every problem with\n"
    "file:line:column, then run the examples written in the rule files.\n"
    "Exit status 0 when everything is sound and every example passes.\n";

typedef struct check_ctx {
  const char *pack;
  size_t errors;
} check_ctx;

/* Where a cited file is: as given, or inside the pack. */
static void locate(const check_ctx *c, const char *name, char *buf,
                   size_t cap) {
  struct stat st;
  const char *dirs[] = {"rules", "gazetteers"};
  snprintf(buf, cap, "%s", name);
  if (stat(buf, &st) == 0 || !c->pack)
    return;
  for (int i = 0; i < 2; i++) {
    snprintf(buf, cap, "%s/%s/%s", c->pack, dirs[i], name);
    if (stat(buf, &st) == 0)
      return;
  }
  snprintf(buf, cap, "%s", name);
}

static void on_problem(void *ctx, const rawi_error *e) {
  check_ctx *c = ctx;
  c->errors++;
  fprintf(stderr, "rawi: error: %s:%lu:%lu: %s\n", e->file, e->line, e->column,
          e->message);
  char path[PATH_MAX + 64];
  locate(c, e->file, path, sizeof path);
  cli_show_line(path, e->line, e->column);
}

/* A failed example: what the rule produced, and for a relation rule the
 * sentences as relation rules saw them. */
static int on_example(void *ctx, const rawi_example *ex) {
  (void)ctx;
  if (ex->passed)
    return 0;
  if (ex->error) {
    fprintf(stderr, "rawi: error: %s:%lu: %s\n", ex->rule_file, ex->line,
            ex->error->message);
    return 0;
  }
  fprintf(stderr, "rawi: error: %s:%lu: rule %s: %s %s%s%s: produced %s\n",
          ex->rule_file, ex->line, ex->rule,
          ex->negative ? "counter-example" : "example",
          ex->negative ? "must not produce" : "expected", ex->expect ? " " : "",
          ex->expect ? ex->expect : " anything",
          ex->produced[0] ? ex->produced : "nothing");
  if (ex->relation)
    for (size_t i = 0; i < rawi_doc_sentence_count(ex->doc); i++) {
      const char *view = rawi_doc_sentence_view(ex->doc, i);
      if (view)
        fprintf(stderr, "    view: %s\n", view);
    }
  return 0;
}

int cmd_check(int argc, char **argv) {
  static const struct option opts[] = {{"pack", required_argument, 0, 'p'},
                                       {"rules", required_argument, 0, 'r'},
                                       {"gazetteer", required_argument, 0, 'g'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  rawi_config *cfg = rawi_config_new();
  const char *pack = NULL;
  int c;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    if (c == 'h') {
      fputs(usage, stdout);
      rawi_config_free(cfg);
      return 0;
    } else if (c == 'p') {
      pack = optarg;
    } else if (c == 'r') {
      rawi_config_add_rules(cfg, optarg);
    } else if (c == 'g') {
      rawi_config_add_gazetteer(cfg, optarg);
    } else {
      fputs(usage, stderr);
      rawi_config_free(cfg);
      return 1;
    }
  }
  char buf[PATH_MAX + 32];
  check_ctx ctx = {cli_pack_dir(pack, buf, sizeof buf), 0};
  rawi_config_set_pack_dir(cfg, ctx.pack);
  rawi_config_set_lenient(cfg, 0, on_problem, &ctx);
  rawi_config_set_explain(cfg, 1);
  rawi_error err;
  rawi_model *m = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!m) {
    if (!ctx.errors)
      cli_error(NULL, &err);
    fprintf(stderr, "rawi: %zu error%s\n", ctx.errors ? ctx.errors : 1,
            ctx.errors > 1 ? "s" : "");
    return 1;
  }
  rawi_session *s = rawi_session_new(m, &err);
  rawi_example_counts n = {.failed = 1};
  if (s)
    rawi_run_examples(s, on_example, NULL, &n, NULL);
  size_t failed = n.failed;
  fprintf(stderr, "rawi: %zu rules, %zu examples, %zu failed\n", n.rules,
          n.examples, failed);
  rawi_session_free(s);
  rawi_model_free(m);
  return failed ? 1 : 0;
}
