/*
 * The JSONL and CoNLL fuzz targets: the input is a file read by the batch
 * source (gzip or plain, split into records) and every record goes through
 * batch_process on the worker's path, whose output must be one JSON object
 * per line. A model without packs keeps the fuzzer on the parsing.
 */
#ifndef RAWI_FUZZ_BATCH_H
#define RAWI_FUZZ_BATCH_H

#include "batch/process.h"
#include "batch/source.h"
#define FUZZ_PACK 0
#include "fuzz.h"

static inline void fuzz_batch(const uint8_t *data, size_t size,
                              batch_format format, const char *suffix) {
  static rawi_session *s;
  if (!s && !(s = rawi_session_new(fuzz_model(), NULL)))
    abort();
  char *paths[] = {(char *)fuzz_file(data, size, suffix)};
  batch_source_options so = {.format = format, .max_doc_bytes = 1u << 20};
  batch_source *src = batch_source_new(paths, 1, &so);
  if (!src)
    abort();
  batch_options o = {.lang = RAWI_LANG_AUTO,
                     .text_field = "text",
                     .id_field = "meta.id",
                     .keep_fields = 1,
                     .format = output_format_find("jsonl"),
                     .out = {.explain = 1}};
  batch_record rec;
  batch_record_init(&rec);
  rawi_strbuf out, id;
  rawi_strbuf_init(&out, NULL);
  rawi_strbuf_init(&id, NULL);
  while (batch_source_next(src, &rec)) {
    batch_counts c = {0};
    out.len = id.len = 0;
    batch_process(s, &o, &rec, &out, &c);
    batch_record_id(&o, &rec, &id);
    fuzz_check_records(&out);
    if (c.docs != 1)
      abort();
  }
  rawi_strbuf_free(&id);
  rawi_strbuf_free(&out);
  batch_record_free(&rec);
  batch_source_free(src);
}

#endif
