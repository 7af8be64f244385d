/*
 * Relation stage: typed edges between the entities of a sentence.
 *
 * Design. After resolution each sentence is rendered once more, now with
 * every winning mention replaced by a placeholder of its type written
 * after its proclitics (وبايدن -> و@PERSON, الأميركي -> @DEMONYM), so a
 * relation rule reads like `@PERSON (?:سيلتقي|التقي) (?<object>@PERSON)`.
 * The groups named subject and object must each cover one placeholder;
 * the predicate's schema (schema.c) checks their types, symmetric
 * predicates are stored in one canonical order, and an edge is kept once
 * per document with the first sentence that asserts it as evidence. An
 * object coordinated with more entities of its type (و@PERSON، ووزير
 * الخارجية @PERSON) yields an edge for each.
 *
 * Questions (ending in ؟ or ?, or opening with هل) assert nothing and are
 * skipped.
 *
 * Implicit subjects. Arabic drops subjects (ويتوجه الأربعاء إلى سانتياغو).
 * A rule without a subject group takes the document's topic person: the
 * subject of the latest edge, or else the person that opens the latest
 * sentence starting with one; carried across sentences until another
 * takes over. Such edges get the rule's confidence times 0.7.
 */
#ifndef RAWI_RELATE_RELATE_H
#define RAWI_RELATE_RELATE_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer/match.h"
#include "resolve/resolve.h"
#include "rules/rules.h"

typedef struct relation {
  uint32_t subject, object; /* entity indices */
  uint16_t predicate;
  uint8_t implicit; /* the subject is the topic person */
  uint8_t planned;  /* modality: scheduled or intended, not yet done */
  uint32_t sentence;
  uint32_t view_off; /* the sentence view it matched, in views */
  double confidence;
  const rule_common *rule; /* the relation rule's; owned by the model */
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

typedef struct relate_predicate {
  const char *name;
  uint32_t subject_types, object_types; /* bit per gz entity type */
  int symmetric;
  int event;              /* something that happens (a meeting, a visit):
                           * a phone call or a denial in the sentence says
                           * it did not */
  const char *implied_by; /* a stronger predicate: an edge of it between the
                           * same ends makes this one redundant (the leader
                           * of a body is not also listed as its official) */
} relate_predicate;

const relate_predicate *relate_predicate_at(int i);
/* The index of the predicate named name[0, len), or -1. */
int relate_predicate_index(const char *name, size_t len);

/* Run the relation rules of rs over d's winning mentions; imgs are the
 * lists marks came from (titles and cue words, discourse.h). */
int relate_run(const ruleset *rs, rules_scratch *s, const gz_image *const *imgs,
               const gz_marks *marks, const text_doc *d, const mention_table *m,
               relation_table *out);

#endif
