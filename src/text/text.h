/*
 * Text stage: bytes -> sentences and tokens, each token with its
 * normalised form and its Arabic proclitic readings.
 *
 * Design. A document is validated once (util/utf8.c), then one left-to-
 * right pass of a word scanner emits tokens (scan.c, or icu_words.c when
 * the ICU word break iterator is selected). Each token is normalised as it
 * is emitted (normalize.c) and, when Arabic, its proclitic readings are
 * listed (clitics.c). Sentences are decided afterwards over the token
 * array (sentences.c), because a full stop needs to see the token after
 * it. Everything is stored in flat arrays; strings live in one byte pool
 * addressed by offsets, so growing the pool never invalidates a token.
 * Offsets are 32-bit: a document is limited to 1 GiB.
 */
#ifndef RAWI_TEXT_TEXT_H
#define RAWI_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "doc/tokens.h"
#include "rawi/rawi.h"

/* Per-character tables cover U+0000..U+07FF (ASCII, Latin-1, Arabic, and
 * everything else UTF-8 writes in two bytes); beyond, ICU is asked. */
#define TEXT_TABLE_CPS 0x800
#define CLS_MARK 0x10       /* combining mark: continues a cluster */
#define FOLD_REMOVE 0xFFFFu /* normalisation drops the character */
#define FOLD_SLOW 0xFFFEu   /* only ICU can normalise it */

/* Read-only, shared by threads (part of rawi_model). */
typedef struct text_model {
  const void *nfkc_cf; /* UNormalizer2*, owned by ICU */
  rawi_tokenizer tokenizer;
  uint8_t cls[TEXT_TABLE_CPS];   /* enum text_class | CLS_MARK */
  uint16_t fold[TEXT_TABLE_CPS]; /* fast-path normal form, or FOLD_* */
} text_model;

/* Per-thread scratch (part of rawi_session). */
typedef struct text_scratch {
  const rawi_allocator *alloc;
  uint16_t *u16; /* UTF-16 buffers for ICU normalisation */
  size_t cap_u16;
  uint16_t *u16_out;
  size_t cap_u16_out;
  void *word_iter; /* UBreakIterator*, ICU tokenizer only */
} text_scratch;

/* Fill the tables (normalize.c). */
int text_model_init(text_model *m, rawi_tokenizer t, rawi_error *err);

void text_scratch_init(text_scratch *s, const rawi_allocator *alloc);
void text_scratch_free(text_scratch *s);

/* Fill d->hashes: each reading hashed once per document, however many
 * lists and rules look it up. RAWI_OK or RAWI_ERR_NOMEM. */
int text_hash_readings(text_doc *d);

/* Run the whole stage on d->text. Returns RAWI_OK or an error code. */
int text_analyze(const text_model *m, text_scratch *s, text_doc *d,
                 rawi_error *err);

/* --- normalize.c -------------------------------------------------- */

/* Source position of the first TEXT_MAP_MAX normalised code points. */
#define TEXT_MAP_MAX 8

/* Offsets are 32-bit and the string pool may outgrow the text: cap it. */
#define RAWI_MAX_DOC_BYTES ((size_t)1 << 30)
typedef struct text_norm_map {
  uint32_t n_cp;                   /* code points in the normalised form */
  uint32_t src_byte[TEXT_MAP_MAX]; /* relative to the token start */
  uint32_t src_cp[TEXT_MAP_MAX];
} text_norm_map;

/*
 * Append the normalised form of s[0..len) (one token, valid UTF-8) to
 * d->pool, NUL-terminated. *off and *nlen receive where it went; map (may be
 * NULL) receives the source position of the first normalised code points.
 */
int text_normalize_token(const text_model *m, text_scratch *s, text_doc *d,
                         const char *tok, size_t len, uint32_t *off,
                         uint32_t *nlen, text_norm_map *map);

/* The Arabic part of normalisation for one code point (diacritics and
 * tatweel removed, alef/yaa/taa marbuta unified, digits): the folded code
 * point, or TEXT_FOLD_REMOVE. Rule patterns are folded with it. */
#define TEXT_FOLD_REMOVE 0xFFFFFFFFu
uint32_t text_arabic_fold(uint32_t cp);

/* Normalise one code point alone (tests compare fast and ICU paths). */
int text_normalize_cp_icu(const text_model *m, text_scratch *s, uint32_t cp,
                          char *out, size_t cap);

/* --- clitics.c ---------------------------------------------------- */

/* Names of the proclitic combinations, "" for none ("و+ب+ال"). */
extern const char *const text_prefix_names[];

/* List the readings of token t (already normalised) into d->readings. */
int text_clitics(text_doc *d, text_token *t, const text_norm_map *map);

/* --- scan.c, icu_words.c ------------------------------------------ */

/* Character classes for word segmentation (a subset of UAX #29). */
enum text_class {
  CL_SPACE,
  CL_NEWLINE,
  CL_LETTER,
  CL_DIGIT,
  CL_EXTEND,
  CL_MIDLETTER,
  CL_MIDNUM,
  CL_MIDNUMLET,
  CL_EXTENDNUMLET,
  CL_OTHER
};
int text_class_icu(uint32_t cp); /* from ICU's Word_Break property */
static inline int text_class_of(const text_model *m, uint32_t cp) {
  return cp < TEXT_TABLE_CPS ? (m->cls[cp] & 0x0F) : text_class_icu(cp);
}

/* Add one token covering text[b0..b1) (code points c0..c1) of the given
 * rawi_token_kind, or -1 to have it worked out from the characters. */
int text_emit(const text_model *m, text_scratch *s, text_doc *d, size_t b0,
              size_t b1, size_t c0, size_t c1, int kind);

int text_scan_fast(const text_model *m, text_scratch *s, text_doc *d,
                   size_t from, size_t cp_from);
int text_scan_icu(const text_model *m, text_scratch *s, text_doc *d,
                  size_t from, size_t cp_from, rawi_error *err);

/* --- sentences.c -------------------------------------------------- */

int text_sentences(text_doc *d);

/* Index of the sentence holding token t (binary search). */
size_t text_sentence_of(const text_doc *d, size_t t);

#endif
