/*
 * The document model, part 1: the tokens of a document.
 *
 * What the text stage writes and every later stage reads: tokens with
 * their normalised forms and proclitic readings, sentences, and the
 * document's byte pool of normalised strings. Everything is a flat array;
 * strings are addressed by pool offsets, so growing the pool never
 * invalidates a token. Offsets are 32-bit: a document is limited to 1 GiB.
 * The text stage (text/text.h) fills these tables; mentions.h and
 * relations.h hold what is found in them.
 */
#ifndef RAWI_DOC_TOKENS_H
#define RAWI_DOC_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "rawi/rawi.h"

/* Token flags. */
enum {
  TOK_LINE_END = 1,    /* a line break follows before the next token */
  TOK_SPACE_AFTER = 2, /* white space (or a separator) follows */
  TOK_ARTICLE = 4      /* the token itself begins with the article ال */
};

typedef struct text_token {
  uint32_t byte_start, byte_end;
  uint32_t cp_start, cp_end;
  uint32_t norm_off, norm_len; /* into text_doc.pool */
  uint32_t reading_first;      /* readings 1.. are readings[reading_first..] */
  uint8_t kind;                /* rawi_token_kind */
  uint8_t reading_count;       /* readings, the unsplit one included */
  uint8_t flags;
} text_token;

/* A proclitic reading. Reading 0 of a token is the token itself and is not
 * stored (most tokens have no other); text_reading_at() returns any. */
typedef struct text_reading {
  uint32_t stem_byte, stem_cp; /* stem start; it ends where the token does */
  uint32_t norm_off, norm_len; /* stem's normalised form, in the pool */
  uint8_t prefix;              /* index into text_prefix_names */
  uint8_t article;             /* stem begins with the article ال */
} text_reading;

typedef struct text_sentence {
  uint32_t first, count;
} text_sentence;

/* The text-stage tables of one document; grown with the doc's allocator. */
typedef struct text_doc {
  const rawi_allocator *alloc;
  const char *text;
  size_t len;
  text_token *tokens;
  size_t n_tokens, cap_tokens;
  text_reading *readings;
  size_t n_readings, cap_readings;
  text_sentence *sentences;
  size_t n_sentences, cap_sentences;
  char *pool;
  size_t n_pool, cap_pool;
  /* rawi_hash_bytes of each reading's norm, for the stages that look
   * words up (lists, rule triggers): [t] for token t, [n_tokens + i] for
   * stored split i. Filled by text_hash_readings(). */
  uint64_t *hashes;
  size_t cap_hashes;
} text_doc;

/* Reading k of token t (0 = unsplit). */
static inline text_reading text_reading_at(const text_doc *d,
                                           const text_token *t, uint32_t k) {
  if (k == 0)
    return (text_reading){
        t->byte_start, t->cp_start, t->norm_off,
        t->norm_len,   0,           (uint8_t)((t->flags & TOK_ARTICLE) != 0)};
  return d->readings[t->reading_first + k - 1];
}

void text_doc_free(text_doc *d);

/* The hash of reading k of token t (text/text.h: text_hash_readings()
 * first). */
static inline uint64_t text_reading_hash(const text_doc *d, uint32_t t,
                                         uint32_t k) {
  return d
      ->hashes[k == 0 ? t : d->n_tokens + d->tokens[t].reading_first + k - 1];
}

#endif
