/* The predicates rawi knows, and the entity types they link
 * (doc/predicates.h). A new predicate is one row here. */
#include <stdio.h>
#include <string.h>

#include "doc/predicates.h"
#include "doc/types.h"

/* A mask of argument types: T(PERSON) | T(COUNTRY). */
#define T(ID) (1u << DOC_##ID)
_Static_assert(DOC_N_TYPES <= 32, "argument type masks have 32 bits");

static const doc_predicate predicates[] = {
    /* name, subject types, object types, symmetric, event, implied by */
    {"met_with", T(PERSON), T(PERSON), 1, 1, NULL},
    {"advised", T(PERSON), T(PERSON) | T(ORGANIZATION) | T(COUNTRY), 0, 0,
     NULL},
    {"visited", T(PERSON), T(COUNTRY) | T(LOCATION), 0, 1, NULL},
    {"leader_of", T(PERSON), T(COUNTRY) | T(ORGANIZATION) | T(LOCATION), 0, 0,
     NULL},
    {"official_of", T(PERSON), T(ORGANIZATION) | T(COUNTRY), 0, 0, "leader_of"},
    {"member_of", T(COUNTRY) | T(ORGANIZATION), T(ORGANIZATION), 0, 0, NULL},
    {"part_of", T(ORGANIZATION), T(COUNTRY) | T(ORGANIZATION), 0, 0, NULL},
    {"lives_in", T(PERSON), T(COUNTRY) | T(LOCATION), 0, 0, NULL},
    {"based_in", T(ORGANIZATION), T(COUNTRY) | T(LOCATION), 0, 0, NULL},
    {"located_in", T(LOCATION), T(COUNTRY) | T(LOCATION), 0, 0, NULL},
    {"killed", T(PERSON), T(PERSON), 0, 1, NULL},
#ifdef RAWI_EXTRA_PREDICATES /* the test build of tests/extend/ */
// cppcheck-suppress preprocessorErrorDirective
#include RAWI_EXTRA_PREDICATES
#endif
};

#define N_PREDICATES (sizeof predicates / sizeof *predicates)

int doc_predicate_index(const char *name, size_t len) {
  for (size_t i = 0; i < N_PREDICATES; i++)
    if (strlen(predicates[i].name) == len &&
        !memcmp(predicates[i].name, name, len))
      return (int)i;
  return -1;
}

const doc_predicate *doc_predicate_at(int i) {
  return i >= 0 && (size_t)i < N_PREDICATES ? &predicates[i] : NULL;
}

const doc_predicate *doc_predicate_named(const char *name) {
  return doc_predicate_at(doc_predicate_index(name, strlen(name)));
}

size_t doc_predicate_list(char *buf, size_t cap, const char *last) {
  size_t n = 0;
  if (cap)
    buf[0] = '\0';
  for (size_t i = 0; i < N_PREDICATES && n < cap; i++) {
    const char *sep = !i ? "" : i + 1 < N_PREDICATES ? ", " : last;
    n += (size_t)snprintf(buf + n, cap - n, "%s%s", sep, predicates[i].name);
  }
  return !cap ? 0 : n < cap ? n : cap - 1;
}
