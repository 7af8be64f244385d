/*
 * The document model, part 2: mentions and entities.
 *
 * Stages that recognise names (lists, rules, aliases) append candidate
 * mentions; resolution keeps the winners and groups them into entities.
 * A mention's span starts at its first token's stem (the proclitic
 * reading chosen) and ends with its last token. Ids, names, rule and file
 * names live in the table's string pool, addressed by offsets (offset 0
 * is ""). A mention's type is a type id of doc/types.h.
 */
#ifndef RAWI_DOC_MENTIONS_H
#define RAWI_DOC_MENTIONS_H

#include <stdint.h>

#include "doc/tokens.h"
#include "rawi/rawi.h"
#include "util/hash.h"
#include "util/strbuf.h"

enum mention_kind { MENTION_NAME, MENTION_DEMONYM };
enum mention_source { SOURCE_GAZETTEER, SOURCE_RULE, SOURCE_ALIAS };

/* id_off and name_off of a list candidate until resolution has picked
 * the winners: only theirs are copied from the list (gz_names). A loser
 * keeps this id_off (its id is read from the list when asked for: see
 * rawi_doc_candidate) and gets the name "". */
#define MENTION_LATER 0xFFFFFFFFu

typedef struct mention {
  uint32_t tok_first, tok_end; /* tokens [first, end) */
  uint32_t reading;            /* reading of the first token (index) */
  uint32_t byte_start, byte_end, cp_start, cp_end;
  uint32_t norm_off, norm_len; /* in mention_table.strings */
  uint32_t id_off, name_off;   /* entity id and canonical name, same pool */
  uint32_t src_file_off;       /* "ar/persons.tsv", same pool */
  uint32_t src_line;
  uint32_t entity;   /* set by resolution */
  uint32_t order;    /* source order: list or rule number */
  uint32_t rule_off; /* rule name for rule mentions, same pool */
  uint32_t lost_to;  /* the winner that beat it, when lost */
  /* List mentions: the list entity they were read from, where their id
   * and name come from once resolution is done (gz_names; a loser's id
   * when asked, rawi_doc_candidate): its number in image gz_img of the
   * document's lists. Provenance, like src_file_off and src_line. */
  uint32_t gz_entity;
  uint8_t gz_img;
  int16_t priority;
  uint16_t type; /* a type id (doc/types.h) */
  uint8_t kind, source;
  uint8_t lost;    /* 1 when resolution discarded it */
  uint8_t adopted; /* a rule's: took a list id (ADOPT_*) */
  uint8_t derived; /* a rule's id made from its name (no id:) */
} mention;

enum { ADOPT_NONE, ADOPT_INSIDE, ADOPT_EXACT };

typedef struct entity {
  uint32_t id_off, name_off;
  uint32_t first, count; /* into mention_table.by_entity */
  uint16_t type;
} entity;

typedef struct mention_table {
  const rawi_allocator *alloc;
  mention *mentions;
  size_t n_mentions, cap_mentions;
  entity *entities;
  size_t n_entities, cap_entities;
  uint32_t *by_entity; /* mention indices grouped by entity */
  rawi_strbuf strings;
  rawi_map copied; /* stable string -> its copy in strings */
} mention_table;

void mention_table_init(mention_table *t, const rawi_allocator *alloc);
void mention_table_free(mention_table *t);

/* Append a mention; strings are copied. stable: id, name and src_file
 * live as long as the model (list strings), so each is copied once per
 * document however many mentions share it. Returns RAWI_OK or NOMEM. */
int mention_add(mention_table *t, const text_doc *d, const mention *m,
                const char *id, const char *name, const char *src_file,
                int stable);

/* Append a mention whose id_off, name_off and src_file_off already point
 * into t->strings (from mention_stable or mention_cached). */
int mention_add_pooled(mention_table *t, const text_doc *d, const mention *m);

/* Offset in t->strings of a copy of s, a string that lives as long as the
 * model: copied once per document, keyed by its address. On failure
 * t->strings.failed is set. */
uint32_t mention_stable(mention_table *t, const char *s);

/* Offset in t->strings of what fn(ctx, &t->strings) appends, written once
 * per document for each key. Keys have the top bit set, so they never
 * meet mention_stable's addresses. On failure t->strings.failed is set. */
typedef void (*mention_writer)(const void *ctx, rawi_strbuf *out);
uint32_t mention_cached(mention_table *t, uint64_t key, mention_writer fn,
                        const void *ctx);

/* Offset in t->strings of a copy of s[0..n); on failure t->strings.failed
 * is set. */
uint32_t mention_copy(mention_table *t, const char *s, size_t n);

/* Record the name of the rule that produced mention i. */
int mention_set_rule(mention_table *t, size_t i, const char *rule);

/* Give mention i the tokens [tok_first, tok_end) (its offsets and norm
 * follow; a new first token is read unsplit). */
int mention_respan(mention_table *t, const text_doc *d, size_t i,
                   uint32_t tok_first, uint32_t tok_end);

#endif
