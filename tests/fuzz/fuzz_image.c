/*
 * Fuzz target: compiled gazetteer images (`rawi compile`). The input is
 * loaded as an image twice: as it is, and with its checksum recomputed, so
 * that the fuzzer gets past the checksum to the bounds checks of every
 * table (a crafted file can carry a valid checksum). An image that loads
 * is matched on the sample sentences as a user list.
 */
#define FUZZ_PACK 0
#include "fuzz.h"
#include "util/hash.h"
#include "util/mem.h"

static void load(rawi_model *m, const uint8_t *data, size_t size, int fix) {
  /* the loader takes ownership of a block from the model's allocator */
  unsigned char *block = rawi_mem_alloc(&m->alloc, size ? size : 1);
  if (!block)
    return;
  memcpy(block, data, size);
  gz_header *h = (gz_header *)block;
  if (fix && size >= sizeof *h && h->header_size == sizeof *h)
    h->checksum = rawi_checksum(block + sizeof *h, size - sizeof *h);
  gz_image img;
  if (gz_image_adopt(&img, &m->alloc, block, size, "fuzz.gaz", NULL))
    return;
  static rawi_lang every = RAWI_LANG_AUTO; /* a list for all languages */
  m->user = &img;
  m->user_langs = &every;
  m->n_user = 1;
  fuzz_run_samples(m);
  gz_image_free(&img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rawi_model m = *fuzz_model();
  load(&m, data, size, 0);
  load(&m, data, size, 1);
  return 0;
}
