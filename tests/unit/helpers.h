/* Shared helpers for the cmocka unit tests. */
#ifndef RAWI_TEST_HELPERS_H
#define RAWI_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
/* cmocka.h needs the headers above */
#include <cmocka.h>

#include <stdlib.h>

#include "rawi/rawi.h"

/* Under valgrind (RAWI_TEST_NO_JIT set) patterns are interpreted: valgrind
 * cannot follow JIT-generated code. */
static inline rawi_config *test_config(void) {
  rawi_config *cfg = rawi_config_new();
  if (cfg && getenv("RAWI_TEST_NO_JIT"))
    rawi_config_set_jit(cfg, 0);
  return cfg;
}

/* One model and session for a whole test file, made in a group setup. */
typedef struct fixture {
  rawi_model *model;
  rawi_session *session;
} fixture;

/* Build the model and a session from cfg (freed here); on failure print
 * where the model's files went wrong and return -1. */
static inline int fixture_from(fixture *f, rawi_config *cfg) {
  rawi_error err;
  f->model = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!f->model) {
    print_error("model: %s:%lu:%lu: %s\n", err.file, err.line, err.column,
                err.message);
    return -1;
  }
  f->session = rawi_session_new(f->model, NULL);
  return f->session ? 0 : -1;
}

static inline int fixture_open(fixture *f, rawi_tokenizer tk) {
  rawi_config *cfg = test_config();
  rawi_config_set_tokenizer(cfg, tk);
  f->model = rawi_model_new(cfg, NULL);
  rawi_config_free(cfg);
  f->session = f->model ? rawi_session_new(f->model, NULL) : NULL;
  return f->session ? 0 : -1;
}

static inline void fixture_close(fixture *f) {
  rawi_session_free(f->session);
  rawi_model_free(f->model);
}

static inline int fixture_setup(void **state) {
  static fixture f;
  *state = &f;
  return fixture_open(&f, RAWI_TOKENIZER_FAST);
}

static inline int fixture_teardown(void **state) {
  fixture_close(*state);
  return 0;
}

/* Analyse a NUL-terminated string; fails the test on error. */
static inline rawi_doc *analyze(void **state, const char *text) {
  fixture *f = *state;
  rawi_doc *doc = NULL;
  rawi_error err;
  int rc = rawi_analyze(f->session, text, strlen(text), &doc, &err);
  if (rc)
    fail_msg("rawi_analyze: %s", err.message);
  return doc;
}

/* Normalise a NUL-terminated string with the fixture's session. */
static inline const char *norm(void **state, const char *text) {
  fixture *f = *state;
  const char *out = NULL;
  rawi_error err;
  if (rawi_normalize(f->session, text, strlen(text), &out, NULL, &err))
    fail_msg("rawi_normalize: %s", err.message);
  return out;
}

/* The token texts of doc joined by '|', into buf. */
static inline const char *token_texts(const rawi_doc *doc, char *buf,
                                      size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < rawi_doc_token_count(doc); i++) {
    rawi_token t;
    rawi_doc_token(doc, i, &t);
    if (n + t.text_len + 2 >= cap)
      break;
    if (i)
      buf[n++] = '|';
    memcpy(buf + n, t.text, t.text_len);
    n += t.text_len;
    buf[n] = '\0';
  }
  return buf;
}

/* Describe every mention of doc, entity by entity, into buf: fmt writes
 * one mention (it gets the room left) and returns what snprintf does. */
typedef int (*mention_fmt)(char *out, size_t cap, const rawi_entity *e,
                           const rawi_mention *m);

static inline const char *
describe_mentions(const rawi_doc *doc, mention_fmt fmt, char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    for (size_t k = 0; k < e.mention_count && n + 1 < cap; k++) {
      rawi_mention m;
      rawi_doc_mention(doc, i, k, &m);
      if (n)
        buf[n++] = ' ';
      int w = fmt(buf + n, cap - n, &e, &m);
      n += w > 0 ? (size_t)w : 0;
      if (n >= cap)
        n = cap - 1;
    }
  }
  buf[n] = '\0';
  return buf;
}

/* An allocator that fails the k-th call and counts the blocks live. */
typedef struct failing {
  long calls, fail_at, live;
} failing;

static inline void *failing_realloc(void *ctx, void *p, size_t n) {
  failing *f = ctx;
  if (++f->calls == f->fail_at)
    return NULL;
  if (!p)
    f->live++;
  return realloc(p, n ? n : 1);
}

static inline void failing_free(void *ctx, void *p) {
  failing *f = ctx;
  f->live--;
  free(p);
}

/* A model of pack whose every allocation goes through f's allocator
 * (a, which must outlive the model), built with nothing failing, for a
 * test that then fails what comes after it in turn; NULL if it fails. */
static inline rawi_model *failing_model(failing *f, rawi_allocator *a,
                                        const char *pack) {
  *f = (failing){0, 0, 0}; /* fail_at 0: never */
  *a = (rawi_allocator){failing_realloc, failing_free, f};
  rawi_config *cfg = test_config();
  rawi_config_set_allocator(cfg, a);
  rawi_config_set_pack_dir(cfg, pack);
  rawi_model *m = rawi_model_new(cfg, NULL);
  rawi_config_free(cfg);
  return m;
}

#endif
