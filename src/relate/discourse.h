/*
 * What a document's words refer to beyond its names, for the relation
 * stage.
 *
 * Role nouns. News names a person once with a title (وزير الخارجية
 * الأميركي أنتوني بلينكن) and then calls them by the role alone (ويتوجه
 * الوزير الأربعاء إلى سانتياغو). A title from the TITLE list that is
 * followed by a person's name (or follows one: "X، وزير خارجية Y") makes
 * that person a holder of the title's role; a later definite role noun
 * with no name after it stands for the most recent holder of a matching
 * role (same head word, and the same role or a more specific one:
 * الوزير -> وزير الخارجية, never رئيس الوزراء). The relation view writes
 * such a role noun as @PERSON, so rules see it like the name. A role noun
 * followed by a nationality or a country (الرئيس الكولومبي) describes
 * someone anew and stands for nobody; so does an indefinite one (مسؤول).
 *
 * Country and organisation nouns. البلاد with no name after it stands for
 * the country named last; a definite head noun (الحزب، للحركة) for the
 * organisation of the document named with that head (docs/rules.md).
 *
 * Cue words. TRIGGER list entries with a `cue=` attribute mark the words
 * that change what a sentence asserts: cue=planned (من المقرر، سيلتقي,
 * scheduled to) makes an edge a plan; cue=negation, hope, condition and
 * invitation (لم، يأمل، إذا، دعا) keep an edge from being made at all;
 * cue=call and cue=denial (اتصالا هاتفيا، نفى) anywhere in a sentence
 * say that its meetings and visits were calls or are denied
 * (docs/rules.md, "Modality").
 */
#ifndef RAWI_RELATE_DISCOURSE_H
#define RAWI_RELATE_DISCOURSE_H

#include <stdint.h>

#include "gazetteer/match.h"
#include "resolve/resolve.h"
#include "text/text.h"

#define DISCOURSE_NONE 0xFFFFFFFFu

enum { CUE_PLANNED = 1, CUE_BLOCK = 2, CUE_REPORT = 4, CUE_NO_EVENT = 8 };

typedef struct discourse {
  const rawi_allocator *alloc;
  uint32_t *covered;     /* per token: the winning mention covering it */
  uint32_t *stand_for;   /* per token: the person mention a role noun that
                          * starts here stands for, or DISCOURSE_NONE */
  uint32_t *stand_end;   /* the role noun's end token, where stand_for is set */
  const gz_marks *marks; /* the document's list marks */
  uint8_t *cue;          /* per token: CUE_* of the cue words covering it,
                          * and CUE_REPORT where a REPORT_VERB starts */
} discourse;

/* Fill dc for document d: imgs are the lists its marks came from. */
int discourse_build(discourse *dc, const gz_image *const *imgs,
                    const gz_marks *marks, const text_doc *d,
                    const mention_table *m);
void discourse_free(discourse *dc);

/* Is mention mn's head word (its first word, or the head written just
 * before it: حركة [النهضة]), without the article, one of words[0..n)
 * (normalised, with or without the article)? */
int discourse_head_in(const discourse *dc, const text_doc *d, const mention *mn,
                      char *const *words, size_t n);

/* Is token t "that" (ان، أن، إن), which opens a reported clause? */
int discourse_is_that(const text_doc *d, uint32_t t);

/* The value of attribute key in a list entry's "k=v;k=v" attributes, or
 * NULL; *len gets its length. */
const char *discourse_attr(const char *attrs, const char *key, size_t *len);

#endif
