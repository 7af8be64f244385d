/*
 * The output formats as API (rawi_write and its siblings): the same table
 * of writers `rawi extract --format` uses (src/output/formats.c), one
 * document at a time, into a buffer of the model's allocator that is
 * handed to the caller's function and freed.
 */
#include <string.h>

#include "api/internal.h"
#include "output/conll.h"
#include "output/output.h"
#include "util/error.h"

/* The format called name, when one document can be written in it, and
 * the output stage's options from the caller's (NULL: defaults). */
static int prepare(const char *name, const rawi_write_options *w,
                   const output_format **f, output_options *o,
                   output_label_map *labels, rawi_error *err) {
  char msg[200];
  *f = name ? output_format_find(name) : NULL;
  if (!*f) {
    output_format_names(msg, sizeof msg);
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "unknown format '%.40s' (expected %s)",
                          name ? name : "(null)", msg);
  }
  if ((*f)->writer)
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "format '%s' writes a directory of files, not a "
                          "record",
                          name);
  memset(o, 0, sizeof *o);
  output_label_map_parse(labels, OUTPUT_LABEL_MAP_DEFAULT, msg, sizeof msg);
  o->labels = labels;
  if (!w)
    return RAWI_OK;
  if (w->version < 1 || w->version > RAWI_WRITE_OPTIONS_VERSION)
    return rawi_error_set(err, RAWI_ERR_INVALID,
                          "rawi_write_options version %u is not known (this "
                          "rawi knows 1 to %d)",
                          w->version, RAWI_WRITE_OPTIONS_VERSION);
  o->explain = w->explain != 0;
  o->base_iri = w->base_iri;
  return RAWI_OK;
}

static void id_of(const rawi_write_options *w, const char **id, size_t *len) {
  *id = w && w->id ? w->id : "";
  *len = w && w->id ? (w->id_len ? w->id_len : strlen(w->id)) : 0;
}

/* Hand what b holds to fn (nothing when empty, unless always), free b. */
static int deliver(rawi_strbuf *b, int always, rawi_write_fn fn, void *ctx,
                   rawi_error *err) {
  int rc = RAWI_OK;
  if (b->failed)
    rc = rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  else if ((b->len || always) && (rc = fn(ctx, b->data ? b->data : "", b->len)))
    rawi_error_set(err, rc, "the output function returned %d", rc);
  rawi_strbuf_free(b);
  return rc;
}

/* A call's writer, options and buffer. */
typedef struct writing {
  const output_format *f;
  output_options o;
  output_label_map labels;
  rawi_strbuf b;
} writing;

/* What every call does first: err cleared, its arguments (subject: the
 * document or model) checked, the format and options read, a buffer of
 * alloc made. */
static int begin(writing *w, const void *subject, rawi_write_fn fn,
                 const rawi_allocator *alloc, const char *format,
                 const rawi_write_options *opts, rawi_error *err) {
  rawi_error_clear(err);
  if (!subject || !fn)
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  int rc = prepare(format, opts, &w->f, &w->o, &w->labels, err);
  if (rc == RAWI_OK)
    rawi_strbuf_init(&w->b, alloc);
  return rc;
}

int rawi_write(const rawi_doc *doc, const char *format,
               const rawi_write_options *opts, rawi_write_fn fn, void *ctx,
               rawi_error *err) {
  writing w;
  int rc =
      begin(&w, doc, fn, doc ? &doc->model->alloc : NULL, format, opts, err);
  if (rc)
    return rc;
  output_doc d = {.doc = doc, .meta = opts ? opts->meta : NULL};
  id_of(opts, &d.id, &d.id_len);
  w.f->record(&w.b, &d, &w.o);
  return deliver(&w.b, 1, fn, ctx, err);
}

int rawi_write_error(const rawi_model *model, const char *format,
                     const rawi_error *doc_err, const rawi_write_options *opts,
                     rawi_write_fn fn, void *ctx, rawi_error *err) {
  writing w;
  int rc = begin(&w, model && doc_err ? model : NULL, fn,
                 model ? &model->alloc : NULL, format, opts, err);
  if (rc)
    return rc;
  const char *id;
  size_t id_len;
  id_of(opts, &id, &id_len);
  w.f->error(&w.b, id, id_len, doc_err, &w.o);
  return deliver(&w.b, 1, fn, ctx, err);
}

static int frame(const rawi_model *model, const char *format, int footer,
                 const rawi_write_options *opts, rawi_write_fn fn, void *ctx,
                 rawi_error *err) {
  writing w;
  int rc =
      begin(&w, model, fn, model ? &model->alloc : NULL, format, opts, err);
  if (rc)
    return rc;
  void (*write)(rawi_strbuf *, const output_options *) =
      footer ? w.f->footer : w.f->header;
  if (write)
    write(&w.b, &w.o);
  return deliver(&w.b, 0, fn, ctx, err);
}

int rawi_write_header(const rawi_model *model, const char *format,
                      const rawi_write_options *opts, rawi_write_fn fn,
                      void *ctx, rawi_error *err) {
  return frame(model, format, 0, opts, fn, ctx, err);
}

int rawi_write_footer(const rawi_model *model, const char *format,
                      const rawi_write_options *opts, rawi_write_fn fn,
                      void *ctx, rawi_error *err) {
  return frame(model, format, 1, opts, fn, ctx, err);
}
