/* The type and predicate tables (src/doc/): list files, rules, derived
 * ids, induced lists, RDF classes, HTML colours and scores read one row
 * per type; relation rules, writers and scores one row per predicate. */
#include <stdio.h>

#include "../helpers.h"

#include "doc/predicates.h"
#include "doc/types.h"
#include "gazetteer/gazetteer.h"
#include "resolve/resolve.h"

static void test_rows(void **state) {
  (void)state;
  static const char *const expect[][5] = {
      {"PERSON", "person", "Person", "#f6c453", "PERSON"},
      {"ORGANIZATION", "org", "Organization", "#6ba4f0", "ORGANIZATION"},
      {"COUNTRY", "country", "Country", "#4fbf7b", "LOC"},
      {"LOCATION", "location", "Place", "#e77fb3", "LOC"}};
  assert_int_equal(DOC_N_TYPES, 4);
  assert_int_equal(DOC_N_TYPES, DOC_N_TYPES);
  for (int i = 0; i < DOC_N_TYPES; i++) {
    const doc_type *t = doc_type_at(i);
    assert_non_null(t);
    assert_string_equal(t->name, expect[i][0]);
    assert_string_equal(t->id_prefix, expect[i][1]);
    assert_string_equal(t->rdf_class, expect[i][2]);
    assert_string_equal(t->colour, expect[i][3]);
    assert_string_equal(t->legend, expect[i][0]);
    assert_string_equal(t->coarse, expect[i][4]);
    /* a list line's type, a rule's @TYPE and the JSONL type are the row */
    assert_int_equal(gz_type_index(t->name, strlen(t->name)), i);
    assert_string_equal(gz_type_name(i), t->name);
    assert_ptr_equal(doc_type_named(t->name), t);
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
  assert_null(doc_type_at(GZ_TITLE));
  assert_null(doc_type_at(-1));
  assert_null(doc_type_named("TITLE"));
  assert_null(doc_type_named("EVENT"));
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
  size_t n = doc_type_list(buf, sizeof buf, "", ", ");
  assert_string_equal(buf, "PERSON, ORGANIZATION, COUNTRY, LOCATION");
  assert_int_equal(n, strlen(buf));
  n = doc_type_list(buf, sizeof buf, "@", " or ");
  assert_string_equal(buf, "@PERSON, @ORGANIZATION, @COUNTRY or @LOCATION");
  assert_int_equal(n, strlen(buf));
  n = doc_type_list(buf, 10, "", ", "); /* cut, still a string */
  assert_int_equal(n, 9);
  assert_string_equal(buf, "PERSON, O");
}

/* The predicates, their argument types and what else the stages read. */
static void test_predicates(void **state) {
  (void)state;
  const doc_predicate *p = doc_predicate_named("met_with");
  assert_non_null(p);
  assert_ptr_equal(p, doc_predicate_at(doc_predicate_index("met_with", 8)));
  assert_int_equal(p->subject_types, 1u << DOC_PERSON);
  assert_int_equal(p->object_types, 1u << DOC_PERSON);
  assert_true(p->symmetric);
  assert_true(p->event);
  p = doc_predicate_named("official_of");
  assert_non_null(p);
  assert_string_equal(p->implied_by, "leader_of");
  assert_int_equal(p->object_types,
                   (1u << DOC_ORGANIZATION) | (1u << DOC_COUNTRY));
  assert_false(p->symmetric);
  /* only met_with is symmetric */
  for (int i = 0; doc_predicate_at(i); i++)
    assert_int_equal(doc_predicate_at(i)->symmetric,
                     !strcmp(doc_predicate_at(i)->name, "met_with"));
  assert_null(doc_predicate_named("attended"));
  assert_null(doc_predicate_at(-1));
  assert_int_equal(doc_predicate_index("met", 3), -1);
}

/* The list the rules' messages give. */
static void test_predicate_list(void **state) {
  (void)state;
  char buf[256];
  size_t n = doc_predicate_list(buf, sizeof buf, " or ");
  assert_string_equal(buf, "met_with, advised, visited, leader_of, "
                           "official_of, member_of, part_of, lives_in, "
                           "based_in, located_in or killed");
  assert_int_equal(n, strlen(buf));
  n = doc_predicate_list(buf, 12, " or "); /* cut, still a string */
  assert_int_equal(n, 11);
  assert_string_equal(buf, "met_with, a");
  assert_int_equal(doc_predicate_list(buf, 0, " or "), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows),
      cmocka_unit_test(test_not_entity_types),
      cmocka_unit_test(test_list),
      cmocka_unit_test(test_predicates),
      cmocka_unit_test(test_predicate_list),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
