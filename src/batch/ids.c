#include "batch/ids.h"

#include <stdint.h>

#include "util/mem.h"

void batch_ids_init(batch_ids *ids) {
  rawi_map_init(&ids->seen, &rawi_default_allocator);
  ids->full = 0;
}

void batch_ids_free(batch_ids *ids) {
  rawi_map_free(&ids->seen);
}

unsigned long long batch_ids_check(batch_ids *ids, const char *id, size_t len,
                                   unsigned long long doc) {
  uint64_t h = rawi_hash_bytes(id, len);
  if (h == UINT64_MAX) /* the map's empty key */
    h = 0;
  uint32_t *first = rawi_map_get(&ids->seen, h);
  if (first)
    return *first;
  if (ids->seen.count >= BATCH_IDS_MAX || doc > UINT32_MAX) {
    ids->full = 1;
    return 0;
  }
  rawi_map_put(&ids->seen, h, (uint32_t)doc, &first); /* no memory: unchecked */
  return 0;
}
