/* Gazetteer matching over a document's tokens (see match.c). */
#ifndef RAWI_GAZETTEER_MATCH_H
#define RAWI_GAZETTEER_MATCH_H

#include "gazetteer/gazetteer.h"
#include "resolve/resolve.h"

/* Every list match in a document: token span, reading of the first token,
 * and the type (an entity type, a class, or GZ_DEMONYM). Rules look at
 * them; entity-type marks become mention candidates. */
typedef struct gz_mark {
  uint32_t tok_first, tok_end; /* tokens [first, end) */
  uint8_t split;               /* reading of the first token */
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

/* Find all marks of the images (at most 255) in d, in token order; d's
 * readings must be hashed (text_hash_readings). */
int gz_find(const gz_image *const *imgs, size_t n_imgs, const text_doc *d,
            gz_marks *out);

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
