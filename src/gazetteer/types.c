/* The type names a gazetteer line may carry. */
#include <stdio.h>
#include <string.h>

#include "gazetteer/gazetteer.h"

/* The entity types, in gz_type order: what the stages and writers say of
 * each. A new type is a row here and its GZ_ value before
 * GZ_N_ENTITY_TYPES (HACKING.md lists what does not read this yet). */
static const gz_entity_type entity_types[GZ_N_ENTITY_TYPES] = {
    /* name, id prefix, schema.org class */
    {"PERSON", "person", "Person"},
    {"ORGANIZATION", "org", "Organization"},
    {"COUNTRY", "country", "Country"},
    {"LOCATION", "location", "Place"}};

/* The word classes that follow them. */
static const char *const class_names[GZ_N_TYPES - GZ_N_ENTITY_TYPES] = {
    "TITLE",       "GIVEN_NAME", "FAMILY_NAME", "ORG_HEAD",  "LOC_HEAD",
    "REPORT_VERB", "TRIGGER",    "STOPWORD",    "NAME_TOKEN"};

static const char *type_name_at(int i) {
  return i < GZ_N_ENTITY_TYPES ? entity_types[i].name
                               : class_names[i - GZ_N_ENTITY_TYPES];
}

const gz_entity_type *gz_entity_type_at(int type) {
  return type >= 0 && type < GZ_N_ENTITY_TYPES ? &entity_types[type] : NULL;
}

const gz_entity_type *gz_entity_type_named(const char *name) {
  for (int i = 0; i < GZ_N_ENTITY_TYPES; i++)
    if (!strcmp(entity_types[i].name, name))
      return &entity_types[i];
  return NULL;
}

size_t gz_entity_type_list(char *buf, size_t cap) {
  size_t n = 0;
  if (cap)
    buf[0] = '\0';
  for (int i = 0; i < GZ_N_ENTITY_TYPES && n < cap; i++)
    n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? ", " : "",
                          entity_types[i].name);
  return n < cap ? n : cap - 1;
}

int gz_type_index(const char *name, size_t len) {
  for (int i = 0; i < GZ_N_TYPES; i++) {
    const char *t = type_name_at(i);
    if (strlen(t) == len && !memcmp(t, name, len))
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
