/*
 * Fuzz target: gazetteer TSV (docs/gazetteers.md). The input is compiled
 * from memory strictly, then (when strict loading rejects it) leniently;
 * an image that results is matched on the sample sentences as a user list
 * next to the shipped ones, so its classes also reach the shipped rules.
 */
#define FUZZ_PACK 1
#include "fuzz.h"

static int compile(rawi_model *m, const uint8_t *data, size_t size, int lenient,
                   gz_image *out) {
  gz_builder *b = gz_builder_new(&m->alloc, &m->text, lenient);
  if (!b)
    return RAWI_ERR_NOMEM;
  int rc = gz_builder_add_tsv(b, "fuzz.tsv", (const char *)data, size, NULL);
  if (rc == RAWI_OK)
    rc = gz_builder_finish(b, out, NULL);
  gz_builder_free(b);
  return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rawi_model m = *fuzz_model();
  gz_image img;
  if (compile(&m, data, size, 0, &img) && compile(&m, data, size, 1, &img))
    return 0;
  static rawi_lang every = RAWI_LANG_AUTO; /* a list for all languages */
  m.user = &img;
  m.user_langs = &every;
  m.n_user = 1;
  fuzz_run_samples(&m);
  gz_image_free(&img);
  return 0;
}
