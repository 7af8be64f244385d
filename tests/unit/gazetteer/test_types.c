/* The entity type table (src/gazetteer/types.c): list files, rules,
 * derived ids, induced lists and RDF classes read one row per type. */
#include <stdio.h>

#include "../helpers.h"

#include "gazetteer/gazetteer.h"
#include "resolve/resolve.h"

static void test_rows(void **state) {
  (void)state;
  static const char *const expect[][3] = {
      {"PERSON", "person", "Person"},
      {"ORGANIZATION", "org", "Organization"},
      {"COUNTRY", "country", "Country"},
      {"LOCATION", "location", "Place"}};
  assert_int_equal(GZ_N_ENTITY_TYPES, 4);
  for (int i = 0; i < GZ_N_ENTITY_TYPES; i++) {
    const gz_entity_type *t = gz_entity_type_at(i);
    assert_non_null(t);
    assert_string_equal(t->name, expect[i][0]);
    assert_string_equal(t->id_prefix, expect[i][1]);
    assert_string_equal(t->rdf_class, expect[i][2]);
    /* a list line's type, a rule's @TYPE and the JSONL type are the row */
    assert_int_equal(gz_type_index(t->name, strlen(t->name)), i);
    assert_string_equal(gz_type_name(i), t->name);
    assert_ptr_equal(gz_entity_type_named(t->name), t);
    /* the id rawi derives for a name no list holds */
    char id[64], want[64];
    resolve_derived_id(i, "ana ruiz", id, sizeof id);
    snprintf(want, sizeof want, "%s/ana-ruiz", t->id_prefix);
    assert_string_equal(id, want);
  }
}

/* Classes and a pack's own type names have no row. */
static void test_not_entity_types(void **state) {
  (void)state;
  assert_null(gz_entity_type_at(GZ_TITLE));
  assert_null(gz_entity_type_at(-1));
  assert_null(gz_entity_type_named("TITLE"));
  assert_null(gz_entity_type_named("EVENT"));
  assert_int_equal(gz_type_index("TITLE", 5), GZ_TITLE);
  assert_int_equal(gz_type_index("NAME_TOKEN", 10), GZ_NAME_TOKEN);
  assert_int_equal(gz_type_index("CITY", 4), -1);
  char id[64];
  resolve_derived_id(GZ_TITLE, "x", id, sizeof id);
  assert_string_equal(id, "entity/x");
}

/* Messages name the types from the table. */
static void test_list(void **state) {
  (void)state;
  char buf[128];
  size_t n = gz_entity_type_list(buf, sizeof buf);
  assert_string_equal(buf, "PERSON, ORGANIZATION, COUNTRY, LOCATION");
  assert_int_equal(n, strlen(buf));
  n = gz_entity_type_list(buf, 10); /* cut, still a string */
  assert_int_equal(n, 9);
  assert_string_equal(buf, "PERSON, O");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows),
      cmocka_unit_test(test_not_entity_types),
      cmocka_unit_test(test_list),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
