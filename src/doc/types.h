/*
 * The entity types: one table (doc/types.def) holding everything any
 * stage or writer says of a type, so that adding one is one row there
 * plus the pack files that name it (HACKING.md, "Add an entity type").
 *
 * A type's id is its row number (DOC_PERSON, ...); the gazetteer's word
 * classes (TITLE, GIVEN_NAME, ...) are numbered after the last type
 * (gazetteer/gazetteer.h). Lists and rules may name only types with a
 * row; a type without one can still reach the writers in JSONL that
 * rawi graph reads, and they fall back to a class of the rawi vocabulary
 * and the "other types" colour.
 *
 * A test build (tests/extend/) compiles the tree with RAWI_EXTRA_TYPES
 * and RAWI_EXTRA_PREDICATES naming files of further rows, and checks that
 * every output carries them.
 */
#ifndef RAWI_DOC_TYPES_H
#define RAWI_DOC_TYPES_H

#include <stddef.h>

enum doc_type_id {
#define DOC_TYPE(ID, ...) DOC_##ID,
#include "doc/types.def"
#ifdef RAWI_EXTRA_TYPES /* the test build of tests/extend/ */
// cppcheck-suppress preprocessorErrorDirective
#include RAWI_EXTRA_TYPES
#endif
#undef DOC_TYPE
  DOC_N_TYPES
};

/* One row of the table: see doc/types.def for what each column is. */
typedef struct doc_type {
  const char *name;
  const char *id_prefix;
  const char *rdf_class;
  const char *colour, *shade;
  const char *legend;
  const char *coarse;
} doc_type;

/* The row of type id `type`, or NULL when it is no entity type. */
const doc_type *doc_type_at(int type);
/* The row of the type named `name` ("PERSON"), or NULL: a pack's own type
 * name, unknown to the table, or a class. */
const doc_type *doc_type_named(const char *name);
/* The id of the type named name[0..len), or -1. */
int doc_type_index(const char *name, size_t len);
/* The type names for messages, each after `prefix`, ", " between them
 * and `last` before the last one: ("@", ", ") gives "@PERSON,
 * @ORGANIZATION, @COUNTRY, @LOCATION", ("", " or ") "PERSON,
 * ORGANIZATION, COUNTRY or LOCATION". Into buf[cap] (cut to fit,
 * NUL-terminated); returns its length. */
size_t doc_type_list(char *buf, size_t cap, const char *prefix,
                     const char *last);

#endif
