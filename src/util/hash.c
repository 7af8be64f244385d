#include "util/hash.h"

#include <string.h>

#include "util/mem.h"

static uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

uint64_t rawi_hash_bytes(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = 0x243F6A8885A308D3ull ^ (len * 0x9E3779B97F4A7C15ull);
  while (len >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    h = (h ^ mix(w)) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31;
    p += 8;
    len -= 8;
  }
  uint64_t w = 0;
  memcpy(&w, p, len);
  return mix(h ^ mix(w ^ (uint64_t)len << 56));
}

uint64_t rawi_checksum(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t a = 1, b = 2, c = 3, e = 4;
  const uint64_t k = 0x9E3779B97F4A7C15ull;
  size_t i = 0;
  for (; i + 32 <= len; i += 32) {
    uint64_t w[4];
    memcpy(w, p + i, 32);
    a = (a ^ w[0]) * k;
    b = (b ^ w[1]) * k;
    c = (c ^ w[2]) * k;
    e = (e ^ w[3]) * k;
  }
  uint64_t tail = rawi_hash_bytes(p + i, len - i);
  return mix(a ^ mix(b ^ mix(c ^ mix(e ^ tail ^ len))));
}

void rawi_map_init(rawi_map *m, const rawi_allocator *alloc) {
  *m = (rawi_map){.alloc = alloc};
}

void rawi_map_free(rawi_map *m) {
  rawi_mem_free(m->alloc, m->keys);
  rawi_mem_free(m->alloc, m->vals);
  m->keys = NULL;
  m->vals = NULL;
  m->cap = m->count = 0;
}

static size_t slot_of(const rawi_map *m, uint64_t key) {
  size_t i = (size_t)mix(key) & (m->cap - 1);
  while (m->keys[i] != UINT64_MAX && m->keys[i] != key)
    i = (i + 1) & (m->cap - 1);
  return i;
}

uint32_t *rawi_map_get(const rawi_map *m, uint64_t key) {
  if (!m->cap)
    return NULL;
  size_t i = slot_of(m, key);
  return m->keys[i] == key ? &m->vals[i] : NULL;
}

static int grow(rawi_map *m) {
  size_t ncap = m->cap ? m->cap * 2 : 64;
  uint64_t *keys = rawi_mem_alloc(m->alloc, ncap * sizeof *keys);
  uint32_t *vals = rawi_mem_alloc(m->alloc, ncap * sizeof *vals);
  if (!keys || !vals) {
    rawi_mem_free(m->alloc, keys);
    rawi_mem_free(m->alloc, vals);
    return RAWI_ERR_NOMEM;
  }
  memset(keys, 0xFF, ncap * sizeof *keys);
  rawi_map old = *m;
  m->keys = keys;
  m->vals = vals;
  m->cap = ncap;
  for (size_t i = 0; i < old.cap; i++) {
    if (old.keys[i] == UINT64_MAX)
      continue;
    size_t j = slot_of(m, old.keys[i]);
    m->keys[j] = old.keys[i];
    m->vals[j] = old.vals[i];
  }
  rawi_mem_free(m->alloc, old.keys);
  rawi_mem_free(m->alloc, old.vals);
  return RAWI_OK;
}

int rawi_map_put(rawi_map *m, uint64_t key, uint32_t val, uint32_t **slot) {
  if ((m->count + 1) * 4 > m->cap * 3 && grow(m))
    return RAWI_ERR_NOMEM;
  size_t i = slot_of(m, key);
  if (m->keys[i] == key) {
    *slot = &m->vals[i];
    return 0;
  }
  m->keys[i] = key;
  m->vals[i] = val;
  m->count++;
  *slot = &m->vals[i];
  return 1;
}
