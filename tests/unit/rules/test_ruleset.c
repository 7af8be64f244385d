/* Rule files into a ruleset (src/rules/parse.c): entity rules and
 * relation rules each in their own array, with the fields of their kind;
 * a rule replacing one of the same name, also of the other kind; the
 * messages of relation rules, the predicates listed from their table. */
#include <stdio.h>
#include <string.h>

#include "../helpers.h"

#include "relate/relate.h"
#include "rules/rules.h"
#include "util/mem.h"

static int copy_norm(void *ctx, const char *s, size_t len, char *out,
                     size_t cap) {
  (void)ctx;
  if (len >= cap)
    return -1;
  memcpy(out, s, len);
  return (int)len;
}

typedef struct messages {
  char text[2048];
  size_t len;
} messages;

/* Every error as "line:column: message\n". */
static void collect(void *ctx, const rawi_error *e) {
  messages *m = ctx;
  m->len += (size_t)snprintf(m->text + m->len, sizeof m->text - m->len,
                             "%lu:%lu: %s\n", e->line, e->column, e->message);
}

/* Add file text as name; returns its error count, messages in *m. */
static int add(ruleset *rs, const char *name, const char *text, messages *m) {
  static const rules_norm norm = {copy_norm, NULL};
  m->len = 0;
  m->text[0] = '\0';
  return ruleset_add_file(rs, name, text, strlen(text), &norm, collect, m);
}

static void init(ruleset *rs) {
  ruleset_init(rs, &rawi_default_allocator);
  rs->no_jit = getenv("RAWI_TEST_NO_JIT") != NULL;
}

#define MET                                                                    \
  "rule met\n"                                                                 \
  "  relation: met_with\n"                                                     \
  "  confidence: 0.8\n"                                                        \
  "  subject_head: وزارة\n"                                               \
  "  pattern: (?<subject>@PERSON) التقى (?<object>@PERSON)\n"
#define TITLED                                                                 \
  "rule titled\n"                                                              \
  "  type: PERSON\n"                                                           \
  "  priority: 70\n"                                                           \
  "  id: person/x\n"                                                           \
  "  pattern: @TITLE (?<name>\\S+)\n"

static void test_two_kinds(void **state) {
  (void)state;
  ruleset rs;
  messages m;
  init(&rs);
  assert_int_equal(add(&rs, "a.rules", TITLED MET, &m), 0);
  assert_int_equal(rs.n_entity_rules, 1);
  assert_int_equal(rs.n_relation_rules, 1);
  const entity_rule *e = &rs.entity_rules[0];
  assert_string_equal(e->common.name, "titled");
  assert_string_equal(e->common.file, "a.rules");
  assert_int_equal(e->common.line, 1);
  assert_int_equal(e->type, DOC_PERSON);
  assert_int_equal(e->priority, 70);
  assert_string_equal(e->id, "person/x");
  assert_int_equal(e->group, pattern_group_named(e->common.code, "name"));
  assert_true(e->group > 0);
  assert_true(e->requires >> GZ_TITLE & 1);
  assert_true(e->anchors >> GZ_TITLE & 1); /* it starts with a title */
  const relation_rule *r = &rs.relation_rules[0];
  assert_string_equal(r->common.name, "met");
  assert_int_equal(r->common.line, 6);
  assert_int_equal(r->relation, doc_predicate_index("met_with", 8));
  assert_true(r->confidence == 0.8);
  assert_int_equal(r->n_subject_heads, 1);
  assert_true(r->subject > 0 && r->object > 0 && r->subject != r->object);
  assert_true(r->at_tokens); /* @PERSON starts at a token */
  assert_non_null(strstr(r->common.pattern, "@PERSON"));
  ruleset_free(&rs);
}

/* A rule of the same name replaces the first, whichever its kind. */
static void test_replace(void **state) {
  (void)state;
  ruleset rs;
  messages m;
  init(&rs);
  assert_int_equal(add(&rs, "shipped.rules",
                       TITLED "rule other\n"
                              "  type: COUNTRY\n"
                              "  pattern: @TITLE (?<name>x)\n" MET,
                       &m),
                   0);
  assert_int_equal(rs.n_entity_rules, 2);
  /* the same kind: in its place */
  assert_int_equal(add(&rs, "user.rules",
                       "rule titled\n"
                       "  type: LOCATION\n"
                       "  pattern: @TITLE (?<name>y)\n",
                       &m),
                   0);
  assert_int_equal(rs.n_entity_rules, 2);
  assert_string_equal(rs.entity_rules[0].common.name, "titled");
  assert_string_equal(rs.entity_rules[0].common.file, "user.rules");
  assert_int_equal(rs.entity_rules[0].type, DOC_LOCATION);
  /* the other kind: the entity rule leaves, the relation rule comes */
  assert_int_equal(
      add(&rs, "user2.rules",
          "rule titled\n"
          "  relation: visited\n"
          "  pattern: (?<subject>@PERSON) زار (?<object>@COUNTRY)\n",
          &m),
      0);
  assert_int_equal(rs.n_entity_rules, 1);
  assert_string_equal(rs.entity_rules[0].common.name, "other");
  assert_int_equal(rs.n_relation_rules, 2);
  assert_string_equal(rs.relation_rules[1].common.name, "titled");
  /* and back */
  assert_int_equal(add(&rs, "user3.rules", TITLED, &m), 0);
  assert_int_equal(rs.n_relation_rules, 1);
  assert_string_equal(rs.relation_rules[0].common.name, "met");
  assert_int_equal(rs.n_entity_rules, 2);
  assert_string_equal(rs.entity_rules[1].common.name, "titled");
  /* a duplicate within one file is reported, whichever the kind */
  assert_int_equal(add(&rs, "dup.rules", MET MET, &m), 1);
  assert_string_equal(m.text, "6:6: duplicate rule 'met' (first at line 1)\n");
  ruleset_free(&rs);
}

/* "a, b or c": the names of the predicate table, in order. */
static void predicate_list(char *out, size_t cap) {
  size_t n = 0;
  const doc_predicate *p;
  for (int i = 0; (p = doc_predicate_at(i)); i++)
    n += (size_t)snprintf(out + n, cap - n, "%s%s",
                          !i                        ? ""
                          : doc_predicate_at(i + 1) ? ", "
                                                    : " or ",
                          p->name);
}

static void test_relation_messages(void **state) {
  (void)state;
  ruleset rs;
  messages m;
  init(&rs);
  assert_int_equal(add(&rs, "r.rules",
                       "rule r1\n"
                       "  relation: greeted\n"
                       "  pattern: (?<object>@PERSON)\n",
                       &m),
                   2);
  char want[1024], names[512];
  predicate_list(names, sizeof names);
  snprintf(want, sizeof want,
           "2:13: unknown relation (expected %s)\n"
           "1:1: rule 'r1' needs a type\n",
           names);
  assert_string_equal(m.text, want);
  /* the table as shipped, spelled out: the message must not change */
  assert_string_equal(names, "met_with, advised, visited, leader_of, "
                             "official_of, member_of, part_of, lives_in, "
                             "based_in, located_in or killed");
  assert_int_equal(add(&rs, "r.rules",
                       "rule r2\n"
                       "  relation: met_with\n"
                       "  pattern: (?<subject>@PERSON) x\n",
                       &m),
                   1);
  assert_string_equal(m.text, "1:1: relation rule 'r2' needs a group named "
                              "object (and subject, unless the subject is "
                              "the topic)\n");
  assert_int_equal(add(&rs, "r.rules",
                       "rule r3\n"
                       "  relation: met_with\n"
                       "  pattern: (?<object>@PERSON)(?<planned>a)?"
                       "(?<planned>b)?(?<planned>c)?(?<planned>d)?"
                       "(?<planned>e)?\n",
                       &m),
                   1);
  assert_string_equal(m.text,
                      "3:1: rule 'r3' has more than 4 groups named planned\n");
  assert_int_equal(add(&rs, "r.rules",
                       "rule r4\n"
                       "  relation: met_with\n"
                       "  pattern: (?<object>@TITLE)\n",
                       &m),
                   1);
  assert_string_equal(m.text, "3:22: relation rules may refer only to entities "
                              "(@PERSON, @ORGANIZATION, @COUNTRY, @LOCATION, "
                              "@DEMONYM), not '@TITLE'\n");
  assert_int_equal(rs.n_relation_rules, 0);
  assert_int_equal(rs.n_entity_rules, 0);
  ruleset_free(&rs);
}

/* A relation rule's planned captures, up to four. */
static void test_planned_groups(void **state) {
  (void)state;
  ruleset rs;
  messages m;
  init(&rs);
  assert_int_equal(add(&rs, "p.rules",
                       "rule p\n"
                       "  relation: visited\n"
                       "  modality: planned\n"
                       "  pattern: (?<subject>@PERSON) (?:(?<planned>سيزور)|"
                       "زار|(?<planned>يعتزم زيارة)) (?<object>@COUNTRY)\n",
                       &m),
                   0);
  const relation_rule *r = &rs.relation_rules[0];
  assert_int_equal(r->planned, 1);
  assert_int_equal(r->n_planned_groups, 2);
  assert_int_equal(r->planned_groups[0] + 1, r->planned_groups[1]);
  ruleset_free(&rs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_kinds),
      cmocka_unit_test(test_replace),
      cmocka_unit_test(test_relation_messages),
      cmocka_unit_test(test_planned_groups),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
