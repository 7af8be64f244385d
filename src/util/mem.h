/*
 * Allocation through the caller's rawi_allocator. Every library allocation
 * goes through rawi_mem_* so that an out-of-memory condition (real or
 * injected by a test) surfaces as RAWI_ERR_NOMEM instead of an abort.
 */
#ifndef RAWI_UTIL_MEM_H
#define RAWI_UTIL_MEM_H

#include "rawi/rawi.h"

/* The C library allocator as a rawi_allocator. */
extern const rawi_allocator rawi_default_allocator;

void *rawi_mem_alloc(const rawi_allocator *a, size_t size);
void *rawi_mem_calloc(const rawi_allocator *a, size_t n, size_t size);
void *rawi_mem_realloc(const rawi_allocator *a, void *ptr, size_t size);
void rawi_mem_free(const rawi_allocator *a, void *ptr);

/*
 * Grow *arr so it holds at least `need` elements of `elem` bytes, doubling.
 * Returns 0, or RAWI_ERR_NOMEM leaving *arr and *cap untouched. The check
 * is inline: hot loops call this once per token.
 */
int rawi_mem_grow_slow(const rawi_allocator *a, void **arr, size_t *cap,
                       size_t need, size_t elem);
static inline int rawi_mem_grow(const rawi_allocator *a, void **arr,
                                size_t *cap, size_t need, size_t elem) {
  return need <= *cap ? RAWI_OK : rawi_mem_grow_slow(a, arr, cap, need, elem);
}

#endif
