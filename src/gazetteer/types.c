/* The type names a gazetteer line may carry: the entity types of
 * doc/types.h, then the word classes. */
#include <string.h>

#include "gazetteer/gazetteer.h"

/* The word classes that follow them. */
static const char *const class_names[GZ_N_TYPES - DOC_N_TYPES] = {
    "TITLE",       "GIVEN_NAME", "FAMILY_NAME", "ORG_HEAD",  "LOC_HEAD",
    "REPORT_VERB", "TRIGGER",    "STOPWORD",    "NAME_TOKEN"};

static const char *type_name_at(int i) {
  return i < DOC_N_TYPES ? doc_type_at(i)->name : class_names[i - DOC_N_TYPES];
}

int gz_type_index(const char *name, size_t len) {
  for (int i = 0; i < GZ_N_TYPES; i++) {
    const char *t = type_name_at(i);
    /* the first letter first: every list line asks for its type */
    if (len && t[0] == name[0] && strlen(t) == len && !memcmp(t, name, len))
      return i;
  }
  return -1;
}

int gz_ref_index(const char *name, size_t len) {
  if (len == 7 && !memcmp(name, "DEMONYM", 7))
    return GZ_DEMONYM;
  if (len == 3 && !memcmp(name, "CAP", 3))
    return GZ_CAP;
  if (len == 5 && !memcmp(name, "UPPER", 5))
    return GZ_UPPER;
  return gz_type_index(name, len);
}

const char *gz_type_name(int type) {
  if (type == GZ_DEMONYM)
    return "DEMONYM";
  if (type == GZ_CAP)
    return "CAP";
  if (type == GZ_UPPER)
    return "UPPER";
  return type >= 0 && type < GZ_N_TYPES ? type_name_at(type) : "?";
}
