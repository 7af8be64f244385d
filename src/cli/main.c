/* rawi: command-line entry point, dispatching to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: rawi COMMAND [options] [FILE ...]\n"
    "\n"
    "Named-entity and relation extraction for Arabic and English news.\n"
    "\n"
    "commands:\n"
    "  extract [FILE|DIR ...]  entities from documents, as JSON Lines\n"
    "  graph [RESULTS ...]     one graph of a run's JSON Lines results: a "
    "node\n"
    "                          per entity, an edge per fact with its evidence\n"
    "  check [--rules F]...    validate lists and rules, run rule examples\n"
    "  compile -o OUT TSV...   compile gazetteer lists into an image\n"
    "  tokenize [FILE]         show sentences, tokens, normalised forms, "
    "clitics\n"
    "  eval --gold GOLD [SYS]  precision, recall and F1 against CoNLL or JSONL "
    "gold\n"
    "  gazetteer induce CONLL  a list of names from annotated CoNLL data\n"
    "  serve [--port N]        extraction over HTTP (POST /extract)\n"
    "\n"
    "options:\n"
    "  -h, --help              show this help (rawi COMMAND --help for a "
    "command)\n"
    "  --version               print the version\n";

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return 1;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
    fputs(usage, stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("rawi %s\n", rawi_version());
    return 0;
  }
  if (!strcmp(cmd, "tokenize"))
    return cmd_tokenize(argc - 1, argv + 1);
  if (!strcmp(cmd, "extract"))
    return cmd_extract(argc - 1, argv + 1);
  if (!strcmp(cmd, "graph"))
    return cmd_graph(argc - 1, argv + 1);
  if (!strcmp(cmd, "check"))
    return cmd_check(argc - 1, argv + 1);
  if (!strcmp(cmd, "eval"))
    return cmd_eval(argc - 1, argv + 1);
  if (!strcmp(cmd, "gazetteer"))
    return cmd_gazetteer(argc - 1, argv + 1);
  if (!strcmp(cmd, "serve"))
    return cmd_serve(argc - 1, argv + 1);
  if (!strcmp(cmd, "compile"))
    return cmd_compile(argc - 1, argv + 1);
  fprintf(stderr, "rawi: error: unknown command '%s'\n", cmd);
  fputs(usage, stderr);
  return 1;
}
