/*
 * rawi serve over libmicrohttpd. MHD parses HTTP (and answers malformed
 * requests itself) and runs a pool of threads, each with its own event
 * loop; a request is handled on the thread that read it, with that
 * thread's rawi_session (made on first use, freed when the thread ends).
 * Documents are turned into records by batch_process, the function rawi
 * extract's workers run, so a record is byte for byte the command's.
 *
 * A request goes through the access handler several times: first with its
 * headers (limits that need no body are checked there: the number of
 * requests in progress, the method and path, Content-Length), then with
 * each piece of the body, then once more with nothing, when the answer is
 * made.
 */
#define _GNU_SOURCE
#include "serve/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "batch/process.h"
#include "output/conll.h"
#include "util/error.h"
#include "util/strbuf.h"

typedef struct server {
  const rawi_model *model;
  const serve_options *opt;
  pthread_key_t session_key;
  atomic_uint active; /* requests in progress */
  output_label_map labels;
} server;

/* The state of one request between the handler's calls. */
typedef struct request {
  rawi_strbuf body;
  struct timespec start;
  int counted;   /* counted in server.active */
  int too_large; /* the body went past max_body: the rest is discarded */
} request;

int serve_available(void) {
  return 1;
}

void serve_options_default(serve_options *o) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  *o = (serve_options){.host = "127.0.0.1",
                       .port = 8080,
                       .threads = cores > 0 ? (int)cores : 1,
                       .max_body = (size_t)16 << 20,
                       .max_docs = 1000,
                       .time_budget_ms = 10000,
                       .max_requests = 64,
                       .idle_timeout = 30,
                       .lang = RAWI_LANG_AUTO};
}

static double ms_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
         (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* --- answers ----------------------------------------------------------- */

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status,
                              const char *type, rawi_strbuf *b,
                              const char *header, const char *value) {
  struct MHD_Response *r = MHD_create_response_from_buffer(
      b->len, b->data ? b->data : (void *)"", MHD_RESPMEM_MUST_COPY);
  rawi_strbuf_free(b);
  if (!r)
    return MHD_NO;
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  if (header)
    MHD_add_response_header(r, header, value);
  enum MHD_Result rc = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return rc;
}

/* {"error":{"code":CODE,"message":MESSAGE}} with an HTTP status. */
static enum MHD_Result fail(struct MHD_Connection *c, unsigned status,
                            const char *code, const char *header,
                            const char *value, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static enum MHD_Result fail(struct MHD_Connection *c, unsigned status,
                            const char *code, const char *header,
                            const char *value, const char *fmt, ...) {
  char msg[300];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  rawi_strbuf_adds(&b, "{\"error\":{\"code\":");
  rawi_strbuf_json(&b, code, strlen(code));
  rawi_strbuf_adds(&b, ",\"message\":");
  rawi_strbuf_json(&b, msg, strlen(msg));
  rawi_strbuf_adds(&b, "}}\n");
  return answer(c, status, "application/json", &b, header, value);
}

static enum MHD_Result health(struct MHD_Connection *c) {
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  rawi_strbuf_adds(&b, "{\"status\":\"ok\"}\n");
  return answer(c, MHD_HTTP_OK, "application/json", &b, NULL, NULL);
}

static enum MHD_Result version(struct MHD_Connection *c) {
  char names[200];
  output_format_names(names, sizeof names);
  rawi_strbuf b;
  rawi_strbuf_init(&b, NULL);
  rawi_strbuf_addf(&b, "{\"rawi\":\"%s\",\"formats\":[", rawi_version());
  int first = 1;
  for (char *save, *f = strtok_r(names, "|", &save); f;
       f = strtok_r(NULL, "|", &save)) {
    if (!strcmp(f, "neo4j")) /* a directory of files: not over HTTP */
      continue;
    rawi_strbuf_addf(&b, "%s\"%s\"", first ? "" : ",", f);
    first = 0;
  }
  rawi_strbuf_adds(&b, "]}\n");
  return answer(c, MHD_HTTP_OK, "application/json", &b, NULL, NULL);
}

/* --- extraction ----------------------------------------------------------- */

static rawi_session *thread_session(server *s) {
  rawi_session *ses = pthread_getspecific(s->session_key);
  if (!ses && (ses = rawi_session_new(s->model, NULL)))
    pthread_setspecific(s->session_key, ses);
  return ses;
}

static const char *media_type(const char *format) {
  static const char *const types[][2] = {
      {"jsonl", "application/x-ndjson; charset=utf-8"},
      {"ntriples", "application/n-triples; charset=utf-8"},
      {"turtle", "text/turtle; charset=utf-8"},
      {"html", "text/html; charset=utf-8"}};
  for (size_t i = 0; i < sizeof types / sizeof *types; i++)
    if (!strcmp(types[i][0], format))
      return types[i][1];
  return "text/plain; charset=utf-8"; /* conll, cypher, kuzu */
}

typedef enum body_kind {
  BODY_TEXT,
  BODY_JSON,
  BODY_JSONL,
  BODY_OTHER
} body_kind;

/* What the Content-Type says the body is; no type is text. */
static body_kind kind_of(const char *type) {
  if (!type)
    return BODY_TEXT;
  size_t n = strcspn(type, "; \t");
  static const struct {
    const char *name;
    body_kind kind;
  } kinds[] = {{"text/plain", BODY_TEXT},
               {"application/json", BODY_JSON},
               {"application/x-ndjson", BODY_JSONL},
               {"application/jsonl", BODY_JSONL},
               {"application/json-lines", BODY_JSONL},
               {"application/x-jsonlines", BODY_JSONL}};
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (strlen(kinds[i].name) == n && !strncasecmp(type, kinds[i].name, n))
      return kinds[i].kind;
  return BODY_OTHER;
}

static void one_record(server *s, const batch_options *bo, batch_format f,
                       const char *data, size_t len, const char *id,
                       size_t id_len, rawi_strbuf *out, batch_counts *counts) {
  batch_record rec;
  batch_record_init(&rec);
  rec.format = f;
  rawi_strbuf_add(&rec.data, data, len);
  rawi_strbuf_add(&rec.id, id, id_len);
  rawi_session *ses = thread_session(s);
  if (!ses) {
    snprintf(rec.error, sizeof rec.error, "out of memory");
    rec.error_code = RAWI_ERR_NOMEM;
    rec.error_offset = RAWI_NO_OFFSET;
  }
  batch_process(ses, bo, &rec, out, counts);
  batch_record_free(&rec);
}

/* The lines of a JSON Lines body that are not blank, as rawi extract reads
 * them: ends trimmed of \r, spaces and tabs; *line is the 1-based number
 * of each in turn. Returns the next line (its length in *len) or NULL. */
static const char *next_line(const char **p, const char *end, size_t *len,
                             unsigned long *line) {
  while (*p < end) {
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    const char *start = *p, *stop = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    ++*line;
    while (stop > start &&
           (stop[-1] == '\r' || stop[-1] == ' ' || stop[-1] == '\t'))
      stop--;
    if (stop > start) {
      *len = (size_t)(stop - start);
      return start;
    }
  }
  return NULL;
}

static size_t count_lines(const char *p, const char *end) {
  size_t n = 0, len;
  unsigned long line = 0;
  while (next_line(&p, end, &len, &line))
    n++;
  return n;
}

/* The query's format and lang into bo; 0, or -1 with an answer queued in
 * *rc. */
static int query_options(server *s, struct MHD_Connection *c, batch_options *bo,
                         enum MHD_Result *rc) {
  const char *fmt =
      MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
  const char *lang =
      MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
  *bo = (batch_options){
      .lang = s->opt->lang,
      .text_field = "text",
      .id_field = "id",
      .format = output_format_find(fmt ? fmt : "jsonl"),
      .out = {.base_iri = s->opt->base_iri, .labels = &s->labels}};
  if (!bo->format || bo->format->writer) {
    *rc = fail(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", NULL, NULL,
               "format: expected jsonl, conll, ntriples, turtle, cypher, "
               "kuzu or html, got '%.40s'",
               fmt);
    return -1;
  }
  if (!lang)
    return 0;
  if (rawi_lang_from_name(lang, &bo->lang) == RAWI_OK)
    return 0;
  *rc = fail(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", NULL, NULL,
             "lang: expected ar, en or auto, got '%.40s'", lang);
  return -1;
}

/* The records of a JSON Lines body, while the request's time lasts; 0, or
 * -1 when it ran out after *done documents. */
static int run_lines(server *s, const batch_options *bo, const request *r,
                     rawi_strbuf *out, batch_counts *counts, size_t *done) {
  const char *p = r->body.data ? r->body.data : "";
  const char *end = p + r->body.len, *l;
  size_t len;
  unsigned long line = 0;
  char fallback[32]; /* the id of a line without one */
  while ((l = next_line(&p, end, &len, &line))) {
    if (ms_since(&r->start) > s->opt->time_budget_ms)
      return -1;
    int n = snprintf(fallback, sizeof fallback, "body:%lu", line);
    one_record(s, bo, BATCH_JSONL, l, len, fallback, (size_t)n, out, counts);
    ++*done;
  }
  return 0;
}

static enum MHD_Result extract(server *s, struct MHD_Connection *c,
                               request *r) {
  batch_options bo;
  enum MHD_Result rc;
  if (query_options(s, c, &bo, &rc))
    return rc;
  const char *type =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
  body_kind kind = kind_of(type);
  if (kind == BODY_OTHER)
    return fail(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                NULL, NULL,
                "expected text/plain (one text), application/json (one "
                "document) or application/x-ndjson (JSON Lines), got "
                "'%.80s'",
                type);
  const char *body = r->body.data ? r->body.data : "";
  size_t docs = kind == BODY_JSONL ? count_lines(body, body + r->body.len) : 1;
  if (docs > s->opt->max_docs)
    return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_many_documents", NULL, NULL,
                "a request may hold %zu documents, this one has %zu",
                s->opt->max_docs, docs);

  rawi_strbuf out;
  rawi_strbuf_init(&out, NULL);
  batch_counts counts = {0};
  size_t done = 0;
  if (bo.format->header)
    bo.format->header(&out, &bo.out);
  if (kind == BODY_TEXT) {
    const char *id =
        MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
    id = id ? id : "body";
    one_record(s, &bo, BATCH_TEXT, body, r->body.len, id, strlen(id), &out,
               &counts);
  } else if (kind == BODY_JSON) {
    one_record(s, &bo, BATCH_JSONL, body, r->body.len, "body:1", 6, &out,
               &counts);
  } else if (run_lines(s, &bo, r, &out, &counts, &done)) {
    rawi_strbuf_free(&out);
    return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "time_budget", "Retry-After",
                "1",
                "the request went past its time budget of %u ms after %zu of "
                "%zu documents",
                s->opt->time_budget_ms, done, docs);
  }
  if (bo.format->footer)
    bo.format->footer(&out, &bo.out);
  if (out.failed) {
    rawi_strbuf_free(&out);
    return fail(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out_of_memory", NULL, NULL,
                "out of memory");
  }
  char failed[32];
  snprintf(failed, sizeof failed, "%zu", counts.failed);
  /* one document that failed: its error record, and 422 */
  unsigned status = kind != BODY_JSONL && counts.failed
                        ? MHD_HTTP_UNPROCESSABLE_CONTENT
                        : MHD_HTTP_OK;
  return answer(c, status, media_type(bo.format->name), &out, "X-Rawi-Failed",
                failed);
}

/* --- the handler ---------------------------------------------------------- */

static enum MHD_Result route(server *s, struct MHD_Connection *c,
                             const char *url, const char *method, request *r) {
  int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  if (!strcmp(url, "/health") || !strcmp(url, "/version")) {
    if (!get)
      return fail(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", "Allow",
                  "GET, HEAD", "%s takes GET, not %.20s", url, method);
    return url[1] == 'h' ? health(c) : version(c);
  }
  if (strcmp(url, "/extract"))
    return fail(c, MHD_HTTP_NOT_FOUND, "not_found", NULL, NULL,
                "no such resource: %.100s (try POST /extract, GET /health, "
                "GET /version)",
                url);
  if (strcmp(method, "POST"))
    return fail(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", "Allow",
                "POST", "/extract takes POST, not %.20s", method);
  if (r->too_large)
    return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL, NULL,
                "the body is longer than %zu bytes", s->opt->max_body);
  return extract(s, c, r);
}

/* First call of a request: limits that need no body. Returns 1 when an
 * answer was queued (in *rc). */
static int check_start(server *s, struct MHD_Connection *c, request *r,
                       const char *method, enum MHD_Result *rc) {
  if (atomic_fetch_add(&s->active, 1) >= s->opt->max_requests) {
    *rc = fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", "Retry-After", "1",
               "more than %u requests at once; try again shortly",
               s->opt->max_requests);
    return 1;
  }
  const char *len =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
  if (len && !strcmp(method, "POST")) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(len, &end, 10);
    if (errno || *end || n > s->opt->max_body) {
      r->too_large = 1;
      *rc = fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL, NULL,
                 "the body is longer than %zu bytes", s->opt->max_body);
      return 1;
    }
  }
  return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version_, const char *data,
                                  size_t *size, void **con_cls) {
  (void)version_;
  server *s = cls;
  request *r = *con_cls;
  if (!r) {
    if (!(r = calloc(1, sizeof *r)))
      return MHD_NO;
    rawi_strbuf_init(&r->body, NULL);
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    r->counted = 1;
    *con_cls = r;
    enum MHD_Result rc;
    if (check_start(s, c, r, method, &rc))
      return rc;
    return MHD_YES;
  }
  if (*size) { /* a piece of the body */
    if (!r->too_large && r->body.len + *size > s->opt->max_body)
      r->too_large = 1;
    if (!r->too_large)
      rawi_strbuf_add(&r->body, data, *size);
    *size = 0;
    return MHD_YES;
  }
  if (r->body.failed)
    return fail(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out_of_memory", NULL, NULL,
                "out of memory");
  return route(s, c, url, method, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  (void)c;
  (void)toe;
  server *s = cls;
  request *r = *con_cls;
  if (!r)
    return;
  if (r->counted)
    atomic_fetch_sub(&s->active, 1);
  rawi_strbuf_free(&r->body);
  free(r);
  *con_cls = NULL;
}

static void free_session(void *ses) {
  rawi_session_free(ses);
}

int serve_run(const rawi_model *model, const serve_options *o,
              rawi_error *err) {
  server s = {.model = model, .opt = o};
  char msg[200];
  output_label_map_parse(&s.labels, OUTPUT_LABEL_MAP_DEFAULT, msg, sizeof msg);
  struct sockaddr_in addr = {.sin_family = AF_INET,
                             .sin_port = htons((uint16_t)o->port)};
  if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1)
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "--host: expected an IPv4 address such as "
                          "127.0.0.1, got '%s'",
                          o->host);
  if (pthread_key_create(&s.session_key, free_session))
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  /* SIGINT and SIGTERM are taken by sigwait below: blocked in every thread
   * (MHD's inherit the mask); a closed client never raises SIGPIPE */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  struct MHD_Daemon *d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)o->port, NULL,
      NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
      MHD_OPTION_CONNECTION_TIMEOUT, o->idle_timeout,
      MHD_OPTION_CONNECTION_LIMIT, o->max_requests * 4 + 16,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s, MHD_OPTION_END);
  if (!d) {
    pthread_key_delete(s.session_key);
    return rawi_error_set(err, RAWI_ERR_IO, "cannot listen on %s:%u: %s",
                          o->host, o->port, strerror(errno));
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  fprintf(stderr, "rawi: serving http://%s:%u/ with %d threads\n", o->host,
          info ? info->port : o->port, o->threads);
  fflush(stderr);
  int sig;
  sigwait(&stop, &sig);
  fprintf(stderr, "rawi: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  MHD_stop_daemon(d); /* joins the threads: their sessions are freed */
  pthread_key_delete(s.session_key);
  return 0;
}
