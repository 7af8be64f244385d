/*
 * Fuzz target: whole-document extraction with the shipped packs, as
 * `rawi extract` runs it on a text file: text stage, lists, rules,
 * resolution, relations, and the JSON Lines record with --explain, which
 * must be one line holding one JSON object whatever the input.
 */
#define FUZZ_PACK 1
#include "fuzz.h"
#include "output/output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static rawi_session *s;
  if (!s && !(s = rawi_session_new(fuzz_model(), NULL)))
    abort();
  rawi_doc *doc = NULL;
  rawi_error err;
  rawi_strbuf out;
  rawi_strbuf_init(&out, NULL);
  if (rawi_extract(s, (const char *)data, size, RAWI_LANG_AUTO, &doc, &err))
    output_jsonl_error(&out, "fuzz", 4, &err);
  else
    output_jsonl(&out, doc, "fuzz", 4, 1, NULL);
  fuzz_check_records(&out);
  rawi_strbuf_free(&out);
  rawi_doc_free(doc);
  return 0;
}
