/* Gazetteer matching over a document's tokens (see match.c). */
#ifndef RAWI_GAZETTEER_MATCH_H
#define RAWI_GAZETTEER_MATCH_H

#include "doc/mentions.h"
#include "gazetteer/gazetteer.h"

/* Every list match in a document: token span, reading of the first token,
 * and the type (an entity type, a class, or GZ_DEMONYM). Rules look at
 * them; entity-type marks become mention candidates. */
typedef struct gz_mark {
  uint32_t tok_first, tok_end; /* tokens [first, end) */
  uint8_t reading;             /* reading of the first token */
  uint8_t img;                 /* which image */
  uint16_t type;
  uint32_t entry;
} gz_mark;

typedef struct gz_marks {
  const rawi_allocator *alloc;
  gz_mark *v;
  size_t n, cap;
} gz_marks;

/* Priority of list candidates in resolution (rules state their own): a
 * name of two or more words is strong evidence (جورجيا ميلوني over a title
 * rule's ميلوني), a single word less so (جورجيا may be a given name). */
#define GZ_PRIORITY 50
#define GZ_PRIORITY_MULTI 60

/* The lists one document is matched against: its language's pack, then
 * the user's lists for that language or for every one, in order. A mark
 * keeps its image in a byte and a list candidate's source order is
 * 255 - image, so the limit stays below 256; rawi_model_new refuses a list
 * beyond it (RAWI_ERR_LIMIT, naming the file). */
#define GZ_MAX_IMAGES 64
/* Source order of rule candidates starts here, after every list's. */
#define GZ_RULE_ORDER_BASE 1000

/* Word look-ups already made for earlier documents of a session, found
 * or not: news repeats its words, and a look-up in a large image costs a
 * cache miss or two (slot, then string). Direct-mapped, words of up to
 * GZ_WORD_CACHE_TEXT bytes; per thread. 2^16 slots of 64 bytes (4 MiB):
 * ANERcorp's 29,000 distinct words make about 90,000 (reading, image)
 * pairs with the shipped pack and one user list; 2^14 slots missed on a
 * third of the look-ups, 2^16 on a fifth (docs/benchmarks.md). */
#define GZ_WORD_CACHE_BITS 16
#define GZ_WORD_CACHE_SLOTS (1u << GZ_WORD_CACHE_BITS)
#define GZ_WORD_CACHE_TEXT 36
typedef struct gz_word_cache_slot {
  uint64_t hash; /* of the reading (text_hash_readings); 0: empty */
  const gz_image *img;
  uint32_t word;  /* its word id in img, or GZ_NONE */
  uint32_t first; /* the entry of its one-word path (gz_step from the root) */
  uint32_t len;
  char text[GZ_WORD_CACHE_TEXT];
} gz_word_cache_slot;

_Static_assert(sizeof(gz_word_cache_slot) == 64, "a slot is one cache line");

typedef struct gz_word_cache {
  const rawi_allocator *alloc;
  gz_word_cache_slot *slots; /* made by the first gz_find, each slot on
                              * one 64-byte cache line */
  void *block;               /* the allocation slots lie in */
} gz_word_cache;

void gz_word_cache_init(gz_word_cache *c, const rawi_allocator *alloc);
void gz_word_cache_free(gz_word_cache *c);

/* Find all marks of the images (at most 255) in d, in token order; d's
 * readings must be hashed (text_hash_readings). cache may be NULL. */
int gz_find(const gz_image *const *imgs, size_t n_imgs, const text_doc *d,
            gz_word_cache *cache, gz_marks *out);

/* Index of the first mark starting at token tok or later (marks are in
 * token order). */
size_t gz_first_mark_at(const gz_marks *marks, uint32_t tok);

/* A listed person whose family name a span of the document is. */
typedef struct gz_namesake {
  uint32_t entity, line;
  uint16_t source;
  uint8_t img;
  uint8_t rank; /* prominence=N of the list (lower: better known); 255 */
} gz_namesake;
#define GZ_RANK_NONE 255

/* The listed people whose FAMILY_NAME entries (derived from their names
 * when the list was compiled, gazetteer/build.c) are tokens [first, end)
 * of d, the first read with reading k: each once, with its best rank, at
 * most cap of them (the rest are counted in the result, not written).
 * Returns how many there are. */
size_t gz_namesakes(const gz_image *const *imgs, const gz_marks *marks,
                    const text_doc *d, uint32_t first, uint32_t end, uint32_t k,
                    gz_namesake *out, size_t cap);

/* Append a mention candidate for each entity or demonym mark. Their
 * names are left for gz_names. */
int gz_candidates(const gz_image *const *imgs, const gz_marks *marks,
                  const text_doc *d, mention_table *out);

/* Ids and names of list entities already read for earlier documents of
 * a session: news names the same entities again and again, and reading
 * one from a large image is several cache misses (entity, id, name's
 * words). Per thread; emptied when it grows past a bound or the images
 * change. */
typedef struct gz_name_cache {
  const gz_image *first; /* the image list it was filled from: */
  size_t n_imgs;         /* its first image and length */
  rawi_map map;          /* (image, entity) -> offset of "id\0name" */
  rawi_strbuf strings;
} gz_name_cache;

void gz_name_cache_init(gz_name_cache *c, const rawi_allocator *alloc);
void gz_name_cache_free(gz_name_cache *c);

/* After resolve_conflicts: the ids and canonical names of the winning
 * list mentions (spelled from the trie or unpacked: work not worth doing
 * for the many candidates that lose). */
int gz_names(const gz_image *const *imgs, size_t n_imgs, gz_name_cache *cache,
             mention_table *t);

#endif
