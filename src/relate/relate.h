/*
 * Relation stage: typed edges between the entities of a sentence.
 *
 * Design. After resolution each sentence is rendered once more, now with
 * every winning mention replaced by a placeholder of its type written
 * after its proclitics (وبايدن -> و@PERSON, الأميركي -> @DEMONYM), so a
 * relation rule reads like `@PERSON (?:سيلتقي|التقي) (?<object>@PERSON)`.
 * The groups named subject and object must each cover one placeholder;
 * the predicate table (doc/predicates.c) checks their types, symmetric
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

#include "doc/mentions.h"
#include "doc/predicates.h"
#include "doc/relations.h"
#include "gazetteer/match.h"
#include "rules/rules.h"

/* Run the relation rules of rs over d's winning mentions; imgs are the
 * lists marks came from (titles and cue words, discourse.h). */
int relate_run(const ruleset *rs, rules_scratch *s, const gz_image *const *imgs,
               const gz_marks *marks, const text_doc *d, const mention_table *m,
               relation_table *out);

#endif
