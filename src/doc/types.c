/* The entity type table (doc/types.h), built from doc/types.def. */
#include <stdio.h>
#include <string.h>

#include "doc/types.h"

static const doc_type types[DOC_N_TYPES] = {
#define DOC_TYPE(ID, name, prefix, rdf, colour, shade, legend, coarse)         \
  {name, prefix, rdf, colour, shade, legend, coarse},
#include "doc/types.def"
#ifdef RAWI_EXTRA_TYPES /* the test build of tests/extend/ */
// cppcheck-suppress preprocessorErrorDirective
#include RAWI_EXTRA_TYPES
#endif
#undef DOC_TYPE
};

const doc_type *doc_type_at(int type) {
  return type >= 0 && type < DOC_N_TYPES ? &types[type] : NULL;
}

int doc_type_index(const char *name, size_t len) {
  for (int i = 0; i < DOC_N_TYPES; i++)
    if (strlen(types[i].name) == len && !memcmp(types[i].name, name, len))
      return i;
  return -1;
}

const doc_type *doc_type_named(const char *name) {
  return doc_type_at(doc_type_index(name, strlen(name)));
}

size_t doc_type_list(char *buf, size_t cap, const char *prefix,
                     const char *last) {
  size_t n = 0;
  if (cap)
    buf[0] = '\0';
  for (int i = 0; i < DOC_N_TYPES && n < cap; i++) {
    const char *sep = !i ? "" : i + 1 < DOC_N_TYPES ? ", " : last;
    n += (size_t)snprintf(buf + n, cap - n, "%s%s%s", sep, prefix,
                          types[i].name);
  }
  return !cap ? 0 : n < cap ? n : cap - 1;
}
