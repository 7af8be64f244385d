/*
 * Fuzz target: JSON Lines input (`--input-format jsonl`, dotted
 * --id-field, --keep-fields), read by the batch source and processed
 * record by record.
 */
#include "fuzz_batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_batch(data, size, BATCH_JSONL, ".jsonl");
  return 0;
}
