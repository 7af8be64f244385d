#include "util/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_realloc(void *ctx, void *ptr, size_t size) {
  (void)ctx;
  return realloc(ptr, size ? size : 1);
}

static void libc_free(void *ctx, void *ptr) {
  (void)ctx;
  free(ptr);
}

const rawi_allocator rawi_default_allocator = {libc_realloc, libc_free, NULL};

void *rawi_mem_alloc(const rawi_allocator *a, size_t size) {
  return a->realloc_fn(a->ctx, NULL, size);
}

void *rawi_mem_calloc(const rawi_allocator *a, size_t n, size_t size) {
  if (size && n > SIZE_MAX / size)
    return NULL;
  void *p = a->realloc_fn(a->ctx, NULL, n * size);
  if (p)
    memset(p, 0, n * size);
  return p;
}

void *rawi_mem_realloc(const rawi_allocator *a, void *ptr, size_t size) {
  return a->realloc_fn(a->ctx, ptr, size);
}

void rawi_mem_free(const rawi_allocator *a, void *ptr) {
  if (ptr)
    a->free_fn(a->ctx, ptr);
}

int rawi_mem_grow_slow(const rawi_allocator *a, void **arr, size_t *cap,
                       size_t need, size_t elem) {
  if (need <= *cap)
    return RAWI_OK;
  size_t ncap = *cap ? *cap : 16;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2 / elem)
      return RAWI_ERR_NOMEM;
    ncap *= 2;
  }
  void *p = a->realloc_fn(a->ctx, *arr, ncap * elem);
  if (!p)
    return RAWI_ERR_NOMEM;
  *arr = p;
  *cap = ncap;
  return RAWI_OK;
}
