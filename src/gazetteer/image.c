/* Loading, checking and querying a compiled gazetteer image. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gazetteer/gazetteer.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/mem.h"

static int corrupt(rawi_error *err, const char *name, const char *what) {
  return rawi_error_at(err, RAWI_ERR_FORMAT, name, 0, 0,
                       "corrupt gazetteer image: %s", what);
}

/* Does a table of n items of size sz at off fit in the image? */
static int fits(const gz_header *h, uint64_t off, uint64_t n, uint64_t sz) {
  return off % 4 == 0 && off <= h->size && n * sz <= h->size - off;
}

static int check_header(const gz_header *h, size_t size, const char *name,
                        rawi_error *err) {
  if (size < sizeof *h || memcmp(h->magic, RAWI_GZ_MAGIC, 8))
    return corrupt(err, name, "not a rawi gazetteer image");
  if (h->version != RAWI_GZ_VERSION)
    return rawi_error_at(err, RAWI_ERR_FORMAT, name, 0, 0,
                         "gazetteer image has format version %u, this rawi "
                         "reads version %u: compile it again",
                         h->version, RAWI_GZ_VERSION);
  if (h->header_size != sizeof *h || h->size != size)
    return corrupt(err, name, "truncated or padded file");
  if (!fits(h, h->off_words, h->n_word_slots, sizeof(gz_word_slot)) ||
      !fits(h, h->off_edges, h->n_edge_slots, sizeof(gz_edge_slot)) ||
      !fits(h, h->off_entries, h->n_entries, sizeof(gz_entry)) ||
      !fits(h, h->off_entities, h->n_entities, sizeof(gz_entity)) ||
      !fits(h, h->off_sources, h->n_sources, sizeof(uint32_t)) ||
      !fits(h, h->off_strings, h->strings_size, 1) || h->strings_size == 0 ||
      h->strings_size >= GZ_WORD_STARTS ||
      (uint64_t)h->n_word_slots + h->n_edge_slots >= GZ_NAME_PATH)
    return corrupt(err, name, "table out of bounds");
  if (rawi_checksum((const unsigned char *)h + h->header_size,
                    size - h->header_size) != h->checksum)
    return corrupt(err, name, "checksum mismatch");
  return RAWI_OK;
}

static int entry_ok(const gz_header *h, uint32_t entry) {
  return entry == GZ_NONE || entry < h->n_entries;
}

/* Probing stops at an empty slot: each table needs one. */
static int check_words(const gz_image *g) {
  const gz_header *h = g->h;
  uint32_t empty = 0;
  for (uint32_t i = 0; i < h->n_word_slots; i++) {
    const gz_word_slot *w = &g->words[i];
    if ((w->str & ~GZ_WORD_STARTS) > h->strings_size || !entry_ok(h, w->entry))
      return 0;
    empty += !w->str;
  }
  return !h->n_word_slots || empty;
}

/* A parent is a node other than the root: a word's or an edge's. */
static int check_edges(const gz_image *g) {
  const gz_header *h = g->h;
  uint32_t empty = 0, nodes = h->n_word_slots + h->n_edge_slots;
  for (uint32_t i = 0; i < h->n_edge_slots; i++) {
    const gz_edge_slot *e = &g->edges[i];
    empty += !e->parent;
    if (e->parent && (e->parent < 2 || e->parent > nodes + 1 ||
                      e->word >= h->n_word_slots || !entry_ok(h, e->entry)))
      return 0;
  }
  return !h->n_edge_slots || empty;
}

static int check_entries(const gz_image *g) {
  const gz_header *h = g->h;
  for (uint32_t i = 0; i < h->n_entries; i++) {
    const gz_entry *e = &g->entries[i];
    if (e->entity >= h->n_entities || e->source >= h->n_sources ||
        e->attrs >= h->strings_size || e->type >= GZ_N_TYPES)
      return 0;
    /* the surface after the attributes must be inside the pool too */
    if ((e->flags & GZ_ENTRY_CASE_EXACT) &&
        e->attrs + strlen(gz_str(g, e->attrs)) + 1 >= h->strings_size)
      return 0;
  }
  return !h->n_entries || (g->entries[h->n_entries - 1].flags & GZ_ENTRY_LAST);
}

/* A path name's node is in range (not the root); an empty slot there only
 * spells an empty name (gz_entity_name), so it is not looked at here:
 * that would be a random read per entity at load. */
static int is_node(const gz_header *h, uint32_t node) {
  return node && node <= h->n_word_slots + h->n_edge_slots;
}

static int check_entities(const gz_image *g) {
  const gz_header *h = g->h;
  for (uint32_t i = 0; i < h->n_entities; i++) {
    const gz_entity *e = &g->entities[i];
    if (e->id >= h->strings_size)
      return 0;
    if (!(e->name & GZ_NAME_PATH) ? e->name >= h->strings_size
                                  : !is_node(h, e->name & ~GZ_NAME_PATH))
      return 0;
  }
  return 1;
}

/* Every offset inside the image points where it may, so that a crafted
 * image with a valid checksum still cannot send a lookup out of bounds. */
static int check_tables(const gz_image *g, const char *name, rawi_error *err) {
  const gz_header *h = g->h;
  if (g->strings[h->strings_size - 1] != '\0')
    return corrupt(err, name, "unterminated strings");
  if (!check_words(g))
    return corrupt(err, name, "bad word table");
  if (!check_edges(g))
    return corrupt(err, name, "bad edge table");
  if (!check_entries(g))
    return corrupt(err, name, "entry out of bounds");
  if (!check_entities(g))
    return corrupt(err, name, "entity out of bounds");
  for (uint32_t i = 0; i < h->n_sources; i++)
    if (g->sources[i] >= h->strings_size)
      return corrupt(err, name, "source out of bounds");
  return RAWI_OK;
}

static int attach(gz_image *g, const char *name, rawi_error *err) {
  const gz_header *h = (const gz_header *)g->base;
  int rc = check_header(h, g->size, name, err);
  if (rc)
    return rc;
  g->h = h;
  g->words = (const gz_word_slot *)(g->base + h->off_words);
  g->edges = (const gz_edge_slot *)(g->base + h->off_edges);
  g->entries = (const gz_entry *)(g->base + h->off_entries);
  g->entities = (const gz_entity *)(g->base + h->off_entities);
  g->sources = (const uint32_t *)(g->base + h->off_sources);
  g->strings = (const char *)(g->base + h->off_strings);
  return check_tables(g, name, err);
}

int gz_image_adopt(gz_image *g, const rawi_allocator *alloc, void *block,
                   size_t size, const char *name, rawi_error *err) {
  *g = (gz_image){.alloc = alloc, .base = block, .size = size};
  int rc = attach(g, name, err);
  if (rc)
    gz_image_free(g);
  return rc;
}

int gz_image_map(gz_image *g, const rawi_allocator *alloc, const char *path,
                 rawi_error *err) {
  *g = (gz_image){.alloc = alloc, .mapped = 1};
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "cannot open: %s",
                         strerror(errno));
  struct stat st;
  if (fstat(fd, &st) || st.st_size < (off_t)sizeof(gz_header)) {
    close(fd);
    return corrupt(err, path, "truncated or padded file");
  }
  void *p = mmap(NULL, (size_t)st.st_size, PROT_READ,
                 MAP_PRIVATE | MAP_POPULATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED)
    return rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "cannot map: %s",
                         strerror(errno));
  g->base = p;
  g->size = (size_t)st.st_size;
  int rc = attach(g, path, err);
  if (rc)
    gz_image_free(g);
  return rc;
}

void gz_image_free(gz_image *g) {
  if (!g->base)
    return;
  if (g->mapped)
    munmap((void *)g->base, g->size);
  else
    rawi_mem_free(g->alloc, (void *)g->base);
  g->base = NULL;
}

int gz_file_is_image(const char *path) {
  char magic[8] = {0};
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  size_t n = fread(magic, 1, sizeof magic, f);
  fclose(f);
  return n == sizeof magic && !memcmp(magic, RAWI_GZ_MAGIC, 8);
}

uint32_t gz_word(const gz_image *g, const char *s, size_t len) {
  return gz_word_hashed(g, rawi_hash_bytes(s, len), s, len);
}

uint32_t gz_word_hashed(const gz_image *g, uint64_t h, const char *s,
                        size_t len) {
  uint32_t n = g->h->n_word_slots;
  if (!n)
    return GZ_NONE;
  uint32_t want = (uint32_t)h;
  for (uint32_t i = rawi_hash_range((uint32_t)(h >> 32), n);;) {
    const gz_word_slot *w = &g->words[i];
    if (!w->str)
      return GZ_NONE;
    /* the pool ends with NUL, so the comparison cannot run past it */
    if (w->hash == want &&
        gz_packed_eq(g->strings + (w->str & ~GZ_WORD_STARTS) - 1, s, len))
      return i;
    if (++i == n)
      i = 0;
  }
}

uint32_t gz_step(const gz_image *g, uint32_t node, uint32_t word,
                 uint32_t *entry) {
  if (node == 0) { /* the one-word path lives in the word's slot */
    const gz_word_slot *w = &g->words[word];
    *entry = w->entry;
    return w->str & GZ_WORD_STARTS ? word + 1 : 0;
  }
  uint32_t n = g->h->n_edge_slots;
  if (!n)
    return 0;
  for (uint32_t i = rawi_hash_range(rawi_hash_pair(node, word), n);;) {
    const gz_edge_slot *e = &g->edges[i];
    if (!e->parent)
      return 0;
    if (e->parent == node + 1 && e->word == word) {
      *entry = e->entry;
      return g->h->n_word_slots + i + 1;
    }
    if (++i == n)
      i = 0;
  }
}

/* A path name is the node's words from the root, one space apart. */
void gz_entity_name(const gz_image *g, uint32_t e, rawi_strbuf *out) {
  uint32_t name = g->entities[e].name;
  if (!(name & GZ_NAME_PATH)) {
    gz_unpack(out, gz_str(g, name));
    return;
  }
  uint32_t words[GZ_PATH_MAX], n = 0, nw = g->h->n_word_slots;
  /* nodes were checked to be in range; GZ_PATH_MAX ends a cycle */
  for (uint32_t node = name & ~GZ_NAME_PATH; node && n < GZ_PATH_MAX;) {
    if (node <= nw) { /* a one-word path */
      words[n++] = node - 1;
      break;
    }
    const gz_edge_slot *s = &g->edges[node - nw - 1];
    if (!s->parent)
      break;
    words[n++] = s->word;
    node = s->parent - 1;
  }
  while (n--) {
    uint32_t str = g->words[words[n]].str & ~GZ_WORD_STARTS;
    if (str)
      gz_unpack(out, gz_str(g, str - 1));
    if (n)
      rawi_strbuf_addc(out, ' ');
  }
}
