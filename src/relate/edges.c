#include "relate/edges.h"

#include "relate/relate.h"

void edge_set_init(edge_set *set, const rawi_allocator *alloc) {
  rawi_map_init(&set->map, alloc);
}

void edge_set_free(edge_set *set) {
  rawi_map_free(&set->map);
}

/* The map holds one value per key, so two triples whose keys collide are
 * told apart by probing further keys (k + 1, k + 2, ...) until the triple
 * or a free key is found: exact, whatever the hash. */
int edge_set_add(edge_set *set, const relation_table *t, uint32_t subject,
                 uint32_t object, uint16_t predicate, uint32_t *kept) {
  uint64_t key = rawi_hash_pair(subject, object) | (uint64_t)predicate << 32;
  key ^= (uint64_t)rawi_hash_pair(object ^ predicate, subject) << 48;
  for (;; key++) {
    if (key == UINT64_MAX) /* the map's empty key */
      continue;
    uint32_t *slot;
    int rc = rawi_map_put(&set->map, key, (uint32_t)t->n, &slot);
    if (rc != 0)
      return rc; /* new (1), or out of memory */
    const relation *e = &t->v[*slot];
    if (e->subject == subject && e->object == object &&
        e->predicate == predicate) {
      *kept = *slot;
      return 0;
    }
  }
}
