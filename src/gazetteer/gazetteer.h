/*
 * Gazetteer stage: lists of names compiled into a trie over token words.
 *
 * Design. A list entry is a sequence of normalised tokens (the text
 * stage's norms, so a list and a document always agree on spelling).
 * Each distinct token string is a "word"; the trie's edges are labelled by
 * words, so matching costs one hash probe per token whatever the list
 * size, and never looks inside a token.
 *
 * The compiled image is one flat, position-independent block that is used
 * in place, whether read from a TSV a moment ago or mmap'ed from a file
 * written by `rawi compile`:
 *
 *   header   magic, format version, sizes, checksum of everything after it,
 *            hash of the sources it was compiled from
 *   words    open-addressing table; slot = {hash32, string offset + 1,
 *            first entry of the one-word path}; a word's id is its slot
 *            index. The one-word path of word w is node w + 1, so the
 *            first step of a match costs nothing beyond finding the word
 *   edges    open-addressing table keyed by (parent node, word id) for the
 *            longer paths; slot = {parent + 1, word, first entry}; the
 *            child node's id is n_word_slots + slot index + 1, so no
 *            separate node table is needed, and a node's path can be
 *            walked back to the root (node 0)
 *   entries  the list lines ending at each node, contiguous per node, the
 *            last of a run flagged; 16 bytes: entity, line, attributes
 *            (for case=exact entries followed by the surface as written),
 *            source file, type and flags
 *   entities id and canonical name (the surface of the id's first line).
 *            A name that is exactly its line's normalised tokens (most
 *            names in a normalised list) is not stored: the trie path
 *            from its node spells it
 *   sources  the file names entries came from
 *   strings  NUL-terminated strings addressed by offset; words and names
 *            packed (packed.c: an Arabic letter in one byte)
 *
 * Tables are sized at 4/3 of their counts and indexed with a
 * multiply-shift reduction, so sizes need not be powers of two.
 */
#ifndef RAWI_GAZETTEER_GAZETTEER_H
#define RAWI_GAZETTEER_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "doc/types.h"
#include "rawi/rawi.h"
#include "text/text.h"
#include "util/strbuf.h"

#define RAWI_GZ_MAGIC "RAWIGAZ"
#define RAWI_GZ_VERSION 4u
#define GZ_NONE 0xFFFFFFFFu

/* --- types ----------------------------------------------------------- */

/* Entity types produce entities; class types (TITLE, GIVEN_NAME, ...) are
 * word lists that rules refer to and never become entities themselves.
 * The entity types are doc/types.h's (DOC_PERSON, ...), in its order;
 * the word classes are numbered after them. */
enum gz_type {
  GZ_TITLE = DOC_N_TYPES, /* the classes follow the entity types */
  GZ_GIVEN_NAME,
  GZ_FAMILY_NAME,
  GZ_ORG_HEAD,
  GZ_LOC_HEAD,
  GZ_REPORT_VERB,
  GZ_TRIGGER,
  GZ_STOPWORD,
  GZ_NAME_TOKEN, /* a word attested in people's names: evidence, never a name */
  GZ_N_TYPES,
  GZ_DEMONYM = GZ_N_TYPES, /* marks only: an entry with kind=demonym */
  GZ_CAP,                  /* rules only: words written with a capital */
  GZ_UPPER                 /* rules only: words in capitals (FAA, NATO) */
};

/* Index of a type name a list line may carry, or -1. */
int gz_type_index(const char *name, size_t len);
/* Index of a name rules may refer to: a type or DEMONYM; or -1. */
int gz_ref_index(const char *name, size_t len);
const char *gz_type_name(int type);
static inline int gz_is_entity_type(int t) {
  return t < DOC_N_TYPES;
}

/* --- image layout ---------------------------------------------------- */

/* Entry flags. CASE_EXACT (attribute case=exact): the text must be written
 * as the surface is, letter case included (US, WHO, AP are not us, who). */
enum { GZ_ENTRY_LAST = 1, GZ_ENTRY_DEMONYM = 2, GZ_ENTRY_CASE_EXACT = 4 };

/* gz_entity.name with this bit: the name is the path to node (the rest).
 * Offsets and node numbers stay below it (images are under 2 GiB). */
#define GZ_NAME_PATH 0x80000000u
/* Longest path read back as a name (a bound for damaged images). */
#define GZ_PATH_MAX 64
/* A list line's surface form and id, at most (docs/gazetteers.md). */
#define GZ_SURFACE_MAX_BYTES 1024
#define GZ_ID_MAX_BYTES 1024

typedef struct gz_header {
  char magic[8];
  uint32_t version, header_size;
  uint64_t size;        /* whole image, header included */
  uint64_t checksum;    /* rawi_checksum of bytes [header_size, size) */
  uint64_t source_hash; /* hash of the source files' names and contents */
  uint32_t n_word_slots, n_edge_slots, n_entries, n_entities, n_sources;
  uint32_t n_words, n_nodes;
  uint32_t off_words, off_edges, off_entries, off_entities, off_sources;
  uint32_t off_strings, strings_size;
  uint32_t reserved[8];
} gz_header;

/* gz_word_slot.str with this bit: the word starts a list entry. */
#define GZ_WORD_STARTS 0x80000000u

typedef struct gz_word_slot {
  uint32_t hash, str, entry;
} gz_word_slot;
typedef struct gz_edge_slot {
  uint32_t parent, word, entry;
} gz_edge_slot;
typedef struct gz_entry {
  uint32_t entity, line;
  uint32_t attrs; /* "k=v;..."; for CASE_EXACT then the surface */
  uint16_t source;
  uint8_t type, flags;
} gz_entry;
typedef struct gz_entity {
  uint32_t id, name;
} gz_entity;

/* A loaded image: pointers into one block, owned or mapped. */
typedef struct gz_image {
  const rawi_allocator *alloc;
  const unsigned char *base;
  size_t size;
  int mapped;
  const gz_header *h;
  const gz_word_slot *words;
  const gz_edge_slot *edges;
  const gz_entry *entries;
  const gz_entity *entities;
  const uint32_t *sources;
  const char *strings;
} gz_image;

/* Take ownership of an image block (allocated with alloc) after checking
 * its header, bounds and checksum. On error the block is freed. */
int gz_image_adopt(gz_image *img, const rawi_allocator *alloc, void *block,
                   size_t size, const char *name, rawi_error *err);
/* Map a compiled image file read-only and check it. */
int gz_image_map(gz_image *img, const rawi_allocator *alloc, const char *path,
                 rawi_error *err);
void gz_image_free(gz_image *img);
/* Is this file a compiled image (by its magic)? */
int gz_file_is_image(const char *path);

static inline const char *gz_str(const gz_image *g, uint32_t off) {
  return g->strings + off;
}

/* The surface of a CASE_EXACT entry, stored after its attributes. */
static inline const char *gz_entry_surface(const gz_image *g,
                                           const gz_entry *e) {
  const char *a = gz_str(g, e->attrs);
  return a + strlen(a) + 1;
}

/* Packed strings (packed.c). gz_pack appends the packed form of s[0..n)
 * (never a NUL), gz_unpack the UTF-8 of a NUL-terminated packed string;
 * gz_packed_eq compares one with UTF-8 bytes without unpacking. */
void gz_pack(rawi_strbuf *out, const char *s, size_t n);
void gz_unpack(rawi_strbuf *out, const char *packed);
int gz_packed_eq(const char *packed, const char *s, size_t n);

/* Word id of a normalised token, or GZ_NONE. */
uint32_t gz_word(const gz_image *g, const char *s, size_t len);
/* The same with the token's rawi_hash_bytes already known (a document's
 * tokens are hashed once for all its lists). */
uint32_t gz_word_hashed(const gz_image *g, uint64_t hash, const char *s,
                        size_t len);

/* Child of node through word, or 0 (the root is never a child). *entry
 * receives the child's first entry or GZ_NONE. */
uint32_t gz_step(const gz_image *g, uint32_t node, uint32_t word,
                 uint32_t *entry);
/* The node gz_step reaches from the root through a word whose slot says it
 * starts a path (the one-word path lives in the word's slot). */
static inline uint32_t gz_step_root(uint32_t word) {
  return word + 1;
}

/* Append entity e's canonical name to out (no NUL). */
void gz_entity_name(const gz_image *g, uint32_t e, rawi_strbuf *out);

/* --- compiling -------------------------------------------------------- */

typedef struct gz_builder gz_builder;

/* A builder normalises with the given text model. Every malformed line is
 * reported to the warning callback; strict builders then fail the file
 * (with the first error), lenient ones skip those lines. */
gz_builder *gz_builder_new(const rawi_allocator *alloc, const text_model *tm,
                           int lenient);
void gz_builder_free(gz_builder *b);

/* Called for each malformed line. */
typedef void (*gz_warn_fn)(void *ctx, const rawi_error *err);
void gz_builder_on_warning(gz_builder *b, gz_warn_fn fn, void *ctx);

/* Add the TSV text of one file; name is how sources are cited
 * ("ar/persons.tsv"). Errors carry file:line:column. */
int gz_builder_add_tsv(gz_builder *b, const char *name, const char *text,
                       size_t len, rawi_error *err);
/* Produce the image; the builder may be freed afterwards. */
int gz_builder_finish(gz_builder *b, gz_image *out, rawi_error *err);
/* Write an image to a file (temporary file + rename). */
int gz_image_write(const gz_image *img, const char *path, rawi_error *err);

/* Where the hash of an image's sources starts ("RAWIGAZ1"): the builder
 * and the staleness check of a mapped image must agree on it. */
#define GZ_SOURCE_HASH_SEED 0x5241574947415A31ull
/* Hash used for stale-image detection: fold one source into h. */
uint64_t gz_source_hash(uint64_t h, const char *name, const char *text,
                        size_t len);

#endif
