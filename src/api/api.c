/* Configuration, model and session life cycles. */
#include <string.h>

#include "api/internal.h"
#include "util/error.h"
#include "util/mem.h"

rawi_config *rawi_config_new(void) {
  rawi_config *c = rawi_mem_calloc(&rawi_default_allocator, 1, sizeof *c);
  if (c)
    c->alloc = rawi_default_allocator;
  return c;
}

void rawi_config_free(rawi_config *cfg) {
  if (!cfg)
    return;
  const rawi_allocator *a = &rawi_default_allocator;
  for (size_t i = 0; i < cfg->n_gazetteers; i++)
    rawi_mem_free(a, cfg->gazetteers[i]);
  rawi_mem_free(a, cfg->gazetteers);
  rawi_mem_free(a, cfg->gazetteer_langs);
  for (size_t i = 0; i < cfg->n_rules; i++)
    rawi_mem_free(a, cfg->rules[i]);
  rawi_mem_free(a, cfg->rules);
  rawi_mem_free(a, cfg->rule_langs);
  rawi_mem_free(a, cfg->pack_dir);
  rawi_mem_free(a, cfg);
}

static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *c = rawi_mem_alloc(&rawi_default_allocator, n);
  if (c)
    memcpy(c, s, n);
  return c;
}

int rawi_config_set_pack_dir(rawi_config *cfg, const char *dir) {
  if (!cfg)
    return RAWI_ERR_INVALID;
  char *c = dir ? copy_string(dir) : NULL;
  if (dir && !c)
    return RAWI_ERR_NOMEM;
  rawi_mem_free(&rawi_default_allocator, cfg->pack_dir);
  cfg->pack_dir = c;
  return RAWI_OK;
}

/* Append a copy of path, for documents in lang, to a list of paths. */
static int add_path(char ***list, rawi_lang **langs, size_t *n,
                    const char *path, rawi_lang lang) {
  const rawi_allocator *a = &rawi_default_allocator;
  if (!path || lang < RAWI_LANG_AUTO || lang > RAWI_LANG_EN)
    return RAWI_ERR_INVALID;
  size_t cap = *n, lcap = *n;
  char *c = copy_string(path);
  if (!c || rawi_mem_grow(a, (void **)list, &cap, *n + 1, sizeof(char *)) ||
      rawi_mem_grow(a, (void **)langs, &lcap, *n + 1, sizeof(rawi_lang))) {
    rawi_mem_free(a, c);
    return RAWI_ERR_NOMEM;
  }
  (*list)[*n] = c;
  (*langs)[(*n)++] = lang;
  return RAWI_OK;
}

int rawi_config_add_gazetteer_lang(rawi_config *cfg, const char *path,
                                   rawi_lang lang) {
  return cfg ? add_path(&cfg->gazetteers, &cfg->gazetteer_langs,
                        &cfg->n_gazetteers, path, lang)
             : RAWI_ERR_INVALID;
}

int rawi_config_add_rules_lang(rawi_config *cfg, const char *path,
                               rawi_lang lang) {
  return cfg ? add_path(&cfg->rules, &cfg->rule_langs, &cfg->n_rules, path,
                        lang)
             : RAWI_ERR_INVALID;
}

int rawi_config_add_gazetteer(rawi_config *cfg, const char *path) {
  return rawi_config_add_gazetteer_lang(cfg, path, RAWI_LANG_AUTO);
}

int rawi_config_add_rules(rawi_config *cfg, const char *path) {
  return rawi_config_add_rules_lang(cfg, path, RAWI_LANG_AUTO);
}

int rawi_config_set_jit(rawi_config *cfg, int jit) {
  if (!cfg)
    return RAWI_ERR_INVALID;
  cfg->no_jit = !jit;
  return RAWI_OK;
}

int rawi_config_set_explain(rawi_config *cfg, int explain) {
  if (!cfg)
    return RAWI_ERR_INVALID;
  cfg->explain = explain != 0;
  return RAWI_OK;
}

int rawi_config_set_lenient(rawi_config *cfg, int lenient, rawi_warning_fn fn,
                            void *ctx) {
  if (!cfg)
    return RAWI_ERR_INVALID;
  cfg->lenient = lenient != 0;
  cfg->warn = fn;
  cfg->warn_ctx = ctx;
  return RAWI_OK;
}

int rawi_config_set_allocator(rawi_config *cfg, const rawi_allocator *a) {
  if (!cfg || (a && (!a->realloc_fn || !a->free_fn)))
    return RAWI_ERR_INVALID;
  cfg->alloc = a ? *a : rawi_default_allocator;
  return RAWI_OK;
}

int rawi_config_set_tokenizer(rawi_config *cfg, rawi_tokenizer t) {
  if (!cfg || (t != RAWI_TOKENIZER_FAST && t != RAWI_TOKENIZER_ICU))
    return RAWI_ERR_INVALID;
  cfg->tokenizer = t;
  return RAWI_OK;
}

rawi_model *rawi_model_new(const rawi_config *cfg, rawi_error *err) {
  rawi_error_clear(err);
  /* no config: the shipped packs (a const string, never freed here) */
  rawi_config defaults = {.alloc = rawi_default_allocator,
                          .pack_dir = (char *)rawi_default_pack_dir()};
  if (!cfg)
    cfg = &defaults;
  rawi_model *m = rawi_mem_calloc(&cfg->alloc, 1, sizeof *m);
  if (!m) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  m->alloc = cfg->alloc;
  m->explain = cfg->explain;
  if (text_model_init(&m->text, cfg->tokenizer, err)) {
    rawi_error_set(err, RAWI_ERR_UNICODE, "icu normalizer unavailable");
    goto fail_model;
  }
  if (pack_load(m, cfg, err))
    goto fail_packs;
  return m;

fail_packs:
  pack_free(m);
fail_model:
  rawi_mem_free(&cfg->alloc, m);
  return NULL;
}

uint64_t rawi_model_checksum(const rawi_model *m) {
  return m ? m->checksum : 0;
}

void rawi_model_free(rawi_model *m) {
  if (!m)
    return;
  rawi_allocator a = m->alloc;
  pack_free(m);
  rawi_mem_free(&a, m);
}

rawi_session *rawi_session_new(const rawi_model *m, rawi_error *err) {
  rawi_error_clear(err);
  if (!m) {
    rawi_error_set(err, RAWI_ERR_INVALID, "no model given");
    return NULL;
  }
  rawi_session *s = rawi_mem_calloc(&m->alloc, 1, sizeof *s);
  if (!s) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  s->model = m;
  text_scratch_init(&s->text, &m->alloc);
  rules_scratch_init(&s->rules, &m->alloc);
  gz_name_cache_init(&s->names, &m->alloc);
  gz_word_cache_init(&s->words, &m->alloc);
  s->norm_doc.alloc = &m->alloc;
  return s;
}

void rawi_session_free(rawi_session *s) {
  if (!s)
    return;
  const rawi_allocator *a = &s->model->alloc;
  text_scratch_free(&s->text);
  text_doc_free(&s->norm_doc);
  rules_scratch_free(&s->rules);
  gz_name_cache_free(&s->names);
  gz_word_cache_free(&s->words);
  rawi_mem_free(a, s);
}
