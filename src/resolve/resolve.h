/*
 * Mentions and entities of one document.
 *
 * Stages that recognise names (gazetteer now, rules later) append
 * candidate mentions; resolution keeps the winners and groups them into
 * entities. A mention's span starts at its first token's stem (the
 * proclitic reading chosen) and ends with its last token.
 */
#ifndef RAWI_RESOLVE_RESOLVE_H
#define RAWI_RESOLVE_RESOLVE_H

#include <stdint.h>

#include "doc/mentions.h"
#include "rawi/rawi.h"
#include "resolve/names.h"
#include "text/text.h"
#include "util/hash.h"
#include "util/strbuf.h"

/* What resolution reads from the gazetteer stage: the document's list
 * marks (titles, the family names of listed people) and the images they
 * point into. */
struct gz_image;
struct gz_marks;
typedef struct resolve_lists {
  const struct gz_image *const *imgs;
  size_t n_imgs;
  const struct gz_marks *marks;
} resolve_lists;

/* Resolution, in this order:
 *   resolve_conflicts  keep non-overlapping winners: priority, then length
 *                      in tokens, then position, then source order; a
 *                      rule's person over a listed name takes its id
 *                      (resolve.c)
 *   resolve_aliases    person ids from name keys; short forms (family
 *                      name, given name, name without its title, initials
 *                      of an organisation) linked to the entity written in
 *                      full, or to a listed namesake by prominence
 *                      (alias.c)
 *   resolve_entities   group winners into entities by id, text order */
int resolve_conflicts(mention_table *t, const text_doc *d,
                      const resolve_lists *lists);
int resolve_aliases(mention_table *t, const text_doc *d,
                    const resolve_lists *lists);
int resolve_entities(mention_table *t, const text_doc *d);

/* For each token, the end of the longest mark of a class (GZ_TITLE,
 * GZ_ORG_HEAD) starting there, or 0 (resolve.c). Freed with t's
 * allocator; NULL when out of memory. */
uint32_t *resolve_class_ends(const mention_table *t, const text_doc *d,
                             const resolve_lists *lists, int type);
/* The first token of person mention m's name without its titles and
 * punctuation (Mr. [Joe Biden], Crown Prince [Mohammed]); m's first token
 * when nothing but a title would be left. */
uint32_t resolve_core_first(const text_doc *d, const mention *m,
                            const uint32_t *title_end);

/* Derived id of an entity no list knows: type prefix + normalised name
 * with spaces as '-', written into buf. */
void resolve_derived_id(int type, const char *norm, char *buf, size_t cap);

#endif
