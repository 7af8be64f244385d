/* rawi serve: options, the model, then the HTTP service (src/serve). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "output/escape.h"
#include "serve/serve.h"

static const char usage[] =
    "usage: rawi serve [options]\n"
    "\n"
    "Serve extraction over HTTP (docs/serving.md): POST /extract with a text\n"
    "(text/plain), a JSON document (application/json) or JSON Lines\n"
    "(application/x-ndjson) answers with rawi extract's records; ?format=,\n"
    "?lang=, ?id= (text); GET /health, GET /version.\n"
    "\n"
    "  --host ADDR          IPv4 address to listen on (default 127.0.0.1)\n"
    "  --port N             port (default 8080; 0: any free port)\n"
    "  -j N                 threads, each with a session (default: cores)\n"
    "  --max-body BYTES     largest request body (default 16777216)\n"
    "  --max-docs N         documents in one request (default 1000)\n"
    "  --time-budget MS     a request's time, from its headers (default "
    "10000)\n"
    "  --max-requests N     requests in progress at once (default 64)\n"
    "  --idle-timeout S     seconds a connection may stay silent (default 30)\n"
    "  --lang ar|en|auto    documents' language unless ?lang= (default auto)\n"
    "  --gazetteer FILE     add a list; repeatable\n"
    "  --rules FILE         add rules; repeatable\n"
    "  --pack DIR           language packs (default: found automatically)\n"
    "  --base-iri IRI       namespace of the IRIs of RDF formats\n"
    "  --no-jit             interpret patterns (valgrind)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Stops on SIGINT or SIGTERM. Exit status 1 when it cannot start.\n";

/* A positive number up to max into *out; -1 after a message. */
static int number(const char *opt, const char *s, unsigned long long max,
                  int zero_ok, unsigned long long *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end || *s == '-' || v > max || (!v && !zero_ok)) {
    cli_errorf("%s: expected a number from %d to %llu, got '%s'", opt, !zero_ok,
               max, s);
    return -1;
  }
  *out = v;
  return 0;
}

static int parse(int argc, char **argv, serve_options *o, rawi_config *cfg,
                 const char **pack) {
  enum {
    O_HOST = 256,
    O_PORT,
    O_BODY,
    O_DOCS,
    O_TIME,
    O_REQS,
    O_IDLE,
    O_LANG,
    O_GAZ,
    O_RULES,
    O_PACK,
    O_BASE,
    O_NOJIT
  };
  static const struct option opts[] = {
      {"host", required_argument, 0, O_HOST},
      {"port", required_argument, 0, O_PORT},
      {"max-body", required_argument, 0, O_BODY},
      {"max-docs", required_argument, 0, O_DOCS},
      {"time-budget", required_argument, 0, O_TIME},
      {"max-requests", required_argument, 0, O_REQS},
      {"idle-timeout", required_argument, 0, O_IDLE},
      {"lang", required_argument, 0, O_LANG},
      {"gazetteer", required_argument, 0, O_GAZ},
      {"rules", required_argument, 0, O_RULES},
      {"pack", required_argument, 0, O_PACK},
      {"base-iri", required_argument, 0, O_BASE},
      {"no-jit", no_argument, 0, O_NOJIT},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c, bad = 0;
  unsigned long long v = 0;
  while (!bad && (c = getopt_long(argc, argv, "hj:", opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(usage, stdout);
      return 1;
    case O_HOST:
      o->host = optarg;
      break;
    case O_PORT:
      if (!(bad = number("--port", optarg, 65535, 1, &v)))
        o->port = (unsigned)v;
      break;
    case 'j':
      if (!(bad = number("-j", optarg, 256, 0, &v)))
        o->threads = (int)v;
      break;
    case O_BODY:
      if (!(bad = number("--max-body", optarg, (size_t)1 << 30, 0, &v)))
        o->max_body = (size_t)v;
      break;
    case O_DOCS:
      if (!(bad = number("--max-docs", optarg, 1000000, 0, &v)))
        o->max_docs = (size_t)v;
      break;
    case O_TIME:
      if (!(bad = number("--time-budget", optarg, 3600000, 0, &v)))
        o->time_budget_ms = (unsigned)v;
      break;
    case O_REQS:
      if (!(bad = number("--max-requests", optarg, 100000, 0, &v)))
        o->max_requests = (unsigned)v;
      break;
    case O_IDLE:
      if (!(bad = number("--idle-timeout", optarg, 3600, 0, &v)))
        o->idle_timeout = (unsigned)v;
      break;
    case O_LANG:
      if (rawi_lang_from_name(optarg, &o->lang))
        bad = (cli_errorf("--lang: expected ar, en or auto, got '%s'", optarg),
               1);
      break;
    case O_GAZ:
    case O_RULES:
      if ((bad = (c == O_GAZ ? rawi_config_add_gazetteer
                             : rawi_config_add_rules)(cfg, optarg) != 0))
        cli_errorf("out of memory");
      break;
    case O_PACK:
      *pack = optarg;
      break;
    case O_BASE:
      if ((bad = !output_iri_usable(optarg)))
        cli_errorf("--base-iri: expected an absolute IRI such as "
                   "https://example.org/news/, got '%s'",
                   optarg);
      o->base_iri = optarg;
      break;
    case O_NOJIT:
      rawi_config_set_jit(cfg, 0);
      break;
    default:
      fputs(usage, stderr);
      return -1;
    }
  }
  if (!bad && optind < argc) {
    cli_errorf("serve takes no files, got '%s'", argv[optind]);
    bad = 1;
  }
  return bad ? -1 : 0;
}

int cmd_serve(int argc, char **argv) {
  serve_options o;
  serve_options_default(&o);
  rawi_config *cfg = rawi_config_new();
  const char *pack = NULL;
  if (!cfg) {
    cli_errorf("out of memory");
    return 1;
  }
  int p = parse(argc, argv, &o, cfg, &pack);
  if (p) {
    rawi_config_free(cfg);
    return p > 0 ? 0 : 1;
  }
  rawi_error err;
  if (!serve_available()) {
    rawi_config_free(cfg);
    serve_run(NULL, &o, &err);
    cli_error(NULL, &err);
    return 1;
  }
  char packbuf[PATH_MAX + 32];
  rawi_config_set_pack_dir(cfg, cli_pack_dir(pack, packbuf, sizeof packbuf));
  rawi_model *model = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  int rc = model ? serve_run(model, &o, &err) : -1;
  if (rc)
    cli_error(NULL, &err);
  rawi_model_free(model);
  return rc ? 1 : 0;
}
