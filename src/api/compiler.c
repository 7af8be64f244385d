/*
 * Compiling gazetteer lists into an image file (`rawi compile`, and any
 * program that ships its own lists): the gazetteer stage's builder behind
 * the public rawi_compiler. The compiler keeps its own text model, so
 * lists are normalised as the documents of a model with the same
 * tokenizer will be.
 */
#include <string.h>

#include "api/internal.h"
#include "util/error.h"
#include "util/mem.h"

struct rawi_compiler {
  rawi_allocator alloc;
  text_model text;
  gz_builder *builder; /* NULL once the image is written */
  rawi_warning_fn warn;
  void *warn_ctx;
};

static void on_bad_line(void *ctx, const rawi_error *e) {
  rawi_compiler *c = ctx;
  if (c->warn)
    c->warn(c->warn_ctx, e);
}

rawi_compiler *rawi_compiler_new(const rawi_config *cfg, rawi_error *err) {
  rawi_error_clear(err);
  rawi_config defaults = {.alloc = rawi_default_allocator};
  if (!cfg)
    cfg = &defaults;
  rawi_compiler *c = rawi_mem_calloc(&cfg->alloc, 1, sizeof *c);
  if (!c) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  c->alloc = cfg->alloc;
  c->warn = cfg->warn;
  c->warn_ctx = cfg->warn_ctx;
  if (text_model_init(&c->text, cfg->tokenizer, err)) {
    rawi_error_set(err, RAWI_ERR_UNICODE, "icu normalizer unavailable");
    goto fail;
  }
  c->builder = gz_builder_new(&c->alloc, &c->text, cfg->lenient);
  if (!c->builder) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    goto fail;
  }
  gz_builder_on_warning(c->builder, on_bad_line, c);
  return c;
fail:
  rawi_mem_free(&cfg->alloc, c);
  return NULL;
}

void rawi_compiler_free(rawi_compiler *c) {
  if (!c)
    return;
  rawi_allocator a = c->alloc;
  gz_builder_free(c->builder);
  rawi_mem_free(&a, c);
}

int rawi_compiler_add_list(rawi_compiler *c, const char *name, const char *data,
                           size_t len, rawi_error *err) {
  rawi_error_clear(err);
  if (!c || !c->builder || !name || (!data && len))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  return gz_builder_add_tsv(c->builder, name, data ? data : "", len, err);
}

int rawi_compiler_write_sized(rawi_compiler *c, const char *path,
                              rawi_image_stats *stats, size_t size,
                              rawi_error *err) {
  rawi_error_clear(err);
  if (!c || !c->builder || !path || (stats && !size))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  gz_image img = {0};
  int rc = gz_builder_finish(c->builder, &img, err);
  gz_builder_free(c->builder);
  c->builder = NULL;
  if (rc == RAWI_OK)
    rc = gz_image_write(&img, path, err);
  if (rc == RAWI_OK && stats) {
    rawi_image_stats s = {img.h->n_entries, img.h->n_entities, img.h->n_words,
                          img.h->n_nodes, img.size};
    api_fill(stats, size, &s, sizeof s);
  }
  gz_image_free(&img);
  return rc;
}
