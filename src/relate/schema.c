/* The predicates rawi knows, and the entity types they link. */
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "relate/relate.h"

#define P (1u << GZ_PERSON)
#define O (1u << GZ_ORGANIZATION)
#define C (1u << GZ_COUNTRY)
#define L (1u << GZ_LOCATION)

static const relate_predicate predicates[] = {
    {"met_with", P, P, 1, 1, NULL},
    {"advised", P, P | O | C, 0, 0, NULL},
    {"visited", P, C | L, 0, 1, NULL},
    {"leader_of", P, C | O | L, 0, 0, NULL},
    {"official_of", P, O | C, 0, 0, "leader_of"},
    {"member_of", C | O, O, 0, 0, NULL},
    {"part_of", O, C | O, 0, 0, NULL},
    {"lives_in", P, C | L, 0, 0, NULL},
    {"based_in", O, C | L, 0, 0, NULL},
    {"located_in", L, C | L, 0, 0, NULL},
    {"killed", P, P, 0, 1, NULL}};

int relate_predicate_index(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof predicates / sizeof *predicates; i++)
    if (strlen(predicates[i].name) == len &&
        !memcmp(predicates[i].name, name, len))
      return (int)i;
  return -1;
}

const relate_predicate *relate_predicate_at(int i) {
  return i >= 0 && (size_t)i < sizeof predicates / sizeof *predicates
             ? &predicates[i]
             : NULL;
}
