/*
 * Fuzz target: CoNLL input (`--input-format conll`): documents between
 * -DOCSTART- lines, tokens in the first column, read by the batch source
 * and processed document by document.
 */
#include "fuzz_batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_batch(data, size, BATCH_CONLL, ".conll");
  return 0;
}
