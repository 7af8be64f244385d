/*
 * The document model, part 3: relations.
 *
 * Typed edges between the entities of a document (doc/mentions.h), each
 * with the sentence that asserts it; the relation stage (relate/) finds
 * them, predicates are doc/predicates.h's rows.
 */
#ifndef RAWI_DOC_RELATIONS_H
#define RAWI_DOC_RELATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "rawi/rawi.h"
#include "util/strbuf.h"

struct rule_common;
struct edge_set;

typedef struct relation {
  uint32_t subject, object; /* entity indices */
  uint16_t predicate;
  uint8_t implicit; /* the subject is the topic person */
  uint8_t planned;  /* modality: scheduled or intended, not yet done */
  uint32_t sentence;
  uint32_t view_off; /* the sentence view it matched, in views */
  double confidence;
  const struct rule_common *rule; /* the relation rule's; owned by the model */
} relation;

typedef struct relation_table {
  const rawi_allocator *alloc;
  relation *v;
  size_t n, cap;
  struct edge_set *seen; /* while relate_run runs: the edges in v */
  rawi_strbuf views;     /* views of sentences that gave edges (--explain) */
  size_t n_views;
  uint32_t view_sentence, view_last; /* the latest view kept, and its offset */
  int keep_views;          /* keep every sentence's view (--explain) */
  uint32_t *sentence_view; /* then: per sentence, its view or NONE */
} relation_table;

void relation_table_free(relation_table *t);

#endif
