/*
 * Hashing and a growable open-addressing map from 64-bit keys to 32-bit
 * values. The hash functions are part of the compiled gazetteer format:
 * changing them changes every image (bump RAWI_GZ_VERSION).
 */
#ifndef RAWI_UTIL_HASH_H
#define RAWI_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "rawi/rawi.h"

/* 64-bit hash of bytes, eight at a time (a multiply-xorshift mix). */
uint64_t rawi_hash_bytes(const void *data, size_t len);

/* Checksum of a large block: four independent 64-bit lanes, so it runs
 * at memory speed; detects damage, not tampering. Part of the image format. */
uint64_t rawi_checksum(const void *data, size_t len);

/* 32-bit mix of two 32-bit values (trie edges: node, word). */
static inline uint32_t rawi_hash_pair(uint32_t a, uint32_t b) {
  uint64_t h = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return (uint32_t)h;
}

/* Map a 32-bit hash onto [0, n) without division (Lemire's reduction). */
static inline uint32_t rawi_hash_range(uint32_t h, uint32_t n) {
  return (uint32_t)(((uint64_t)h * n) >> 32);
}

/* u64 -> u32 map with linear probing; key UINT64_MAX is reserved. */
typedef struct rawi_map {
  const rawi_allocator *alloc;
  uint64_t *keys;
  uint32_t *vals;
  size_t cap, count; /* cap is a power of two */
} rawi_map;

void rawi_map_init(rawi_map *m, const rawi_allocator *alloc);
void rawi_map_free(rawi_map *m);
/* Pointer to the value for key, or NULL. */
uint32_t *rawi_map_get(const rawi_map *m, uint64_t key);
/* Insert key with val unless present; *slot gets the value's place.
 * Returns 1 when inserted, 0 when present, RAWI_ERR_NOMEM on failure. */
int rawi_map_put(rawi_map *m, uint64_t key, uint32_t val, uint32_t **slot);

#endif
