/*
 * Time loading a compiled gazetteer image the way `rawi extract` does:
 * gz_image_map (mmap with MAP_POPULATE, header and bounds checks, checksum
 * of the whole image, a pass over every table slot), then gz_image_free.
 *
 * usage: bench_gz_load IMAGE [RUNS]
 *
 * Maps the image RUNS times (default 11), fresh each time, after one
 * untimed warm-up (so the file is in the page cache, as after
 * `rawi compile`), and prints:
 *
 *   load_ms MEDIAN MIN MAX          full gz_image_map + gz_image_free
 *   map_ms MEDIAN                   mmap(MAP_POPULATE) + munmap alone
 *   checksum_ms MEDIAN              rawi_hash_bytes over the image alone
 *                                   (already mapped and touched)
 *   section NAME BYTES PERCENT      image layout from the gz_header fields
 *
 * The strings section is split by what points into it (each string is
 * counted once, for the first of: words, entity ids,
 * entity names (those not spelled by their trie path), entry attributes,
 * case=exact surfaces (stored after the attributes), sources).
 *
 * Built by tools/bench_gazetteer.sh:
 *   cc -O2 -Iinclude -Isrc tools/bench_gz_load.c build/release/librawi_core.a \
 *      $(pkg-config --libs icu-uc icu-i18n libpcre2-8 libcjson)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gazetteer/gazetteer.h"
#include "util/hash.h"
#include "util/mem.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Count string bytes (NUL included) at off once, the first time it is seen. */
static uint64_t claim(const gz_image *g, unsigned char *seen, uint32_t off) {
  if (off >= g->h->strings_size || seen[off])
    return 0;
  seen[off] = 1;
  return strlen(g->strings + off) + 1;
}

static void sections(const gz_image *g) {
  const gz_header *h = g->h;
  unsigned char *seen = calloc(h->strings_size ? h->strings_size : 1, 1);
  if (!seen) {
    perror("calloc");
    exit(1);
  }
  seen[0] = 1; /* offset 0 is the shared empty string */
  uint64_t s_words = 0, s_ids = 0, s_names = 0, s_attrs = 0, s_surf = 0,
           s_src = 0;
  for (uint32_t i = 0; i < h->n_word_slots; i++)
    if (g->words[i].str)
      s_words += claim(g, seen, (g->words[i].str & ~GZ_WORD_STARTS) - 1);
  for (uint32_t i = 0; i < h->n_entities; i++)
    s_ids += claim(g, seen, g->entities[i].id);
  for (uint32_t i = 0; i < h->n_entities; i++)
    if (!(g->entities[i].name & GZ_NAME_PATH))
      s_names += claim(g, seen, g->entities[i].name);
  for (uint32_t i = 0; i < h->n_entries; i++)
    s_attrs += claim(g, seen, g->entries[i].attrs);
  for (uint32_t i = 0; i < h->n_entries; i++)
    if (g->entries[i].flags & GZ_ENTRY_CASE_EXACT)
      s_surf +=
          claim(g, seen,
                (uint32_t)(gz_entry_surface(g, &g->entries[i]) - g->strings));
  free(seen);

  struct {
    const char *name;
    uint64_t bytes;
  } sec[] = {
      {"header", h->header_size},
      {"words", (uint64_t)h->n_word_slots * sizeof(gz_word_slot)},
      {"edges", (uint64_t)h->n_edge_slots * sizeof(gz_edge_slot)},
      {"entries", (uint64_t)h->n_entries * sizeof(gz_entry)},
      {"entities", (uint64_t)h->n_entities * sizeof(gz_entity)},
      {"sources", (uint64_t)h->n_sources * sizeof(uint32_t)},
      {"strings", h->strings_size},
      {"strings.words", s_words},
      {"strings.entity_ids", s_ids},
      {"strings.entity_names", s_names},
      {"strings.attrs", s_attrs},
      {"strings.surfaces", s_surf},
      {"strings.sources", s_src},
  };
  printf("image_bytes %llu\n", (unsigned long long)h->size);
  printf("counts entries %u entities %u words %u word_slots %u nodes %u "
         "edge_slots %u sources %u\n",
         h->n_entries, h->n_entities, h->n_words, h->n_word_slots, h->n_nodes,
         h->n_edge_slots, h->n_sources);
  for (size_t i = 0; i < sizeof sec / sizeof *sec; i++)
    printf("section %s %llu %.1f\n", sec[i].name,
           (unsigned long long)sec[i].bytes, 100.0 * sec[i].bytes / h->size);
  uint64_t sum = 0;
  for (size_t i = 0; i < 7; i++) /* header .. strings */
    sum += sec[i].bytes;
  printf("section padding %llu %.1f\n", (unsigned long long)(h->size - sum),
         100.0 * (h->size - sum) / h->size);
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s IMAGE [RUNS]\n", argv[0]);
    return 2;
  }
  const char *path = argv[1];
  int runs = argc == 3 ? atoi(argv[2]) : 11;
  if (runs < 1)
    runs = 1;
  double *t = calloc((size_t)runs, sizeof *t);
  if (!t)
    return 1;
  rawi_error err;
  gz_image img;

  /* warm-up: page cache, and the section report */
  if (gz_image_map(&img, &rawi_default_allocator, path, &err)) {
    fprintf(stderr, "%s: %s\n", path, err.message);
    free(t);
    return 1;
  }
  sections(&img);
  gz_image_free(&img);

  for (int i = 0; i < runs; i++) {
    double t0 = now_ms();
    int rc = gz_image_map(&img, &rawi_default_allocator, path, &err);
    if (rc) {
      fprintf(stderr, "%s: %s\n", path, err.message);
      return 1;
    }
    gz_image_free(&img);
    t[i] = now_ms() - t0;
  }
  double lo = t[0], hi = t[0];
  for (int i = 0; i < runs; i++) {
    lo = t[i] < lo ? t[i] : lo;
    hi = t[i] > hi ? t[i] : hi;
  }
  printf("load_ms %.2f %.2f %.2f\n", median(t, runs), lo, hi);

  /* the parts: mapping and first touch alone, then the checksum alone */
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st)) {
    perror(path);
    return 1;
  }
  size_t size = (size_t)st.st_size;
  uint64_t sink = 0;
  void *p = NULL;
  for (int i = 0; i < runs; i++) {
    double t0 = now_ms();
    p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
      perror("mmap");
      return 1;
    }
    munmap(p, size);
    t[i] = now_ms() - t0;
  }
  printf("map_ms %.2f\n", median(t, runs));
  p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  if (p == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  for (int i = 0; i < runs; i++) {
    double t0 = now_ms();
    sink += rawi_hash_bytes(p, size);
    t[i] = now_ms() - t0;
  }
  printf("checksum_ms %.2f\n", median(t, runs));
  munmap(p, size);
  close(fd);
  free(t);
  return sink == 42 ? 3 : 0; /* keep the hash from being optimised away */
}
