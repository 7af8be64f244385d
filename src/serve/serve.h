/*
 * rawi serve: an HTTP service over one model (docs/serving.md). POST
 * /extract takes a text, a JSON document or JSON Lines and answers with
 * the records rawi extract writes for them; libmicrohttpd runs the
 * connections on a pool of threads, each with its own session of the
 * shared model.
 */
#ifndef RAWI_SERVE_SERVE_H
#define RAWI_SERVE_SERVE_H

#include <stddef.h>

#include "rawi/rawi.h"

typedef struct serve_options {
  const char *host;        /* address to listen on (default 127.0.0.1) */
  unsigned port;           /* 0: any free port (printed at start) */
  int threads;             /* connection threads, each with a session */
  size_t max_body;         /* bytes of a request body */
  size_t max_docs;         /* documents of one request */
  unsigned time_budget_ms; /* a request's time, from its headers on */
  unsigned max_requests;   /* requests in progress at once */
  unsigned idle_timeout;   /* seconds a connection may stay silent */
  rawi_lang lang;          /* documents' language unless ?lang= */
  const char *base_iri;    /* RDF formats */
} serve_options;

/* Defaults of the options above. */
void serve_options_default(serve_options *o);

/* Serve model until SIGINT or SIGTERM; 0, or -1 with err set when the
 * service could not start. */
int serve_run(const rawi_model *model, const serve_options *o, rawi_error *err);

/* Whether this rawi was built with libmicrohttpd. */
int serve_available(void);

#endif
