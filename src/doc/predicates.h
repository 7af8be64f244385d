/*
 * The predicates: one table (doc/predicates.c) holding everything any
 * stage or writer says of a predicate, so that adding one is one row
 * there plus the rules that assert it (HACKING.md, "Add a predicate").
 * A relation's predicate is its row number. Writers spell predicates by
 * name (JSONL "predicate", RDF property, MET_WITH as a relationship type);
 * relation rules name them in `relation:`, and their placeholders must
 * be of the argument types below.
 */
#ifndef RAWI_DOC_PREDICATES_H
#define RAWI_DOC_PREDICATES_H

#include <stddef.h>
#include <stdint.h>

typedef struct doc_predicate {
  const char *name;
  uint32_t subject_types, object_types; /* bit per type id (doc/types.h) */
  int symmetric; /* stored in one canonical order; gold may be either way */
  int event;     /* something that happens (a meeting, a visit):
                  * a phone call or a denial in the sentence says
                  * it did not */
  const char *implied_by; /* a stronger predicate: an edge of it between the
                           * same ends makes this one redundant (the leader
                           * of a body is not also listed as its official) */
} doc_predicate;

/* The row of predicate i, or NULL. */
const doc_predicate *doc_predicate_at(int i);
/* The number of the predicate named name[0..len), or -1. */
int doc_predicate_index(const char *name, size_t len);
/* The row of the predicate named `name`, or NULL. */
const doc_predicate *doc_predicate_named(const char *name);
/* The predicate names for messages, ", " between them and `last` before
 * the last one: (" or ") gives "met_with, advised, ... or killed". Into
 * buf[cap] (cut to fit, NUL-terminated); returns its length. */
size_t doc_predicate_list(char *buf, size_t cap, const char *last);

#endif
