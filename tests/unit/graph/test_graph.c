/* rawi graph's stage: counts, facts, merging, bad records, allocation
 * failure (src/graph). Records are written here in the JSONL schema of
 * rawi extract (docs/output.md), cut down to the fields that matter. */
#include "../helpers.h"

#include "graph/internal.h"

static graph *new_graph(int merge, uint64_t min_count) {
  graph_options o = {.merge = merge, .min_count = min_count, .top = 50};
  rawi_error err;
  graph *g = graph_new(&o, &err);
  if (!g)
    fail_msg("graph_new: %s", err.message);
  return g;
}

/* Add a record; its return code must be `expect`. */
static void add(graph *g, const char *json, int expect) {
  rawi_error err;
  int rc = graph_add(g, json, strlen(json), &err);
  if (rc != expect)
    fail_msg("graph_add gave %d (%s) for %s", rc, err.message, json);
}

static void finish(graph *g) {
  rawi_error err;
  if (graph_finish(g, &err))
    fail_msg("graph_finish: %s", err.message);
}

static const graph_entity *entity(const graph *g, const char *id) {
  uint32_t e = graph_entity_find(g, id);
  if (e == GRAPH_NONE)
    fail_msg("no entity %s", id);
  return &g->ents[e];
}

/* The fact (after graph_finish) from s to o with predicate p, modality m. */
static const graph_edge *fact(const graph *g, const char *s, const char *p,
                              const char *o, const char *m) {
  for (size_t i = 0; i < g->n_facts; i++) {
    const graph_edge *f = &g->facts[i];
    if (!strcmp(graph_str(g, g->ents[f->s].id), s) &&
        !strcmp(graph_atom_str(g, f->p), p) &&
        !strcmp(graph_str(g, g->ents[f->o].id), o) &&
        !strcmp(graph_atom_str(g, f->modality), m))
      return f;
  }
  return NULL;
}

static size_t name_count(const graph *g, const char *id) {
  size_t n = 0;
  for (uint32_t k = entity(g, id)->names; k != GRAPH_NONE; k = g->names[k].next)
    n++;
  return n;
}

#define BLINKEN_AR                                                                 \
  "{\"id\":\"person/antony-blinken\",\"type\":\"PERSON\",\"name\":\"أنتوني " \
  "بلينكن\",\"mentions\":[{\"kind\":\"name\"},{\"kind\":\"name\"}]}"
#define PETRO_AR                                                                    \
  "{\"id\":\"person/gustavo-petro\",\"type\":\"PERSON\",\"name\":\"غوستافو " \
  "بيترو\",\"mentions\":[{\"kind\":\"name\"}]}"
#define COLOMBIA_DEMONYM                                                       \
  "{\"id\":\"country/co\",\"type\":\"COUNTRY\",\"name\":\"كولومبيا\"," \
  "\"mentions\":[{\"kind\":\"demonym\"}]}"
#define MET(s, o, extra)                                                       \
  "{\"subject\":\"" s "\",\"predicate\":\"met_with\",\"object\":\"" o          \
  "\",\"confidence\":0.85,\"rule\":\"ar/relations.rules:meet.verb\"" extra     \
  ",\"evidence\":{\"start\":0,\"end\":40,\"text\":\"والتقى\"}}"

/* Mentions are name mentions only; documents are counted once each; a
 * name is kept once per language. */
static void test_counts(void **state) {
  (void)state;
  graph *g = new_graph(1, 0);
  add(g,
      "{\"id\":\"d1\",\"lang\":\"ar\",\"entities\":[" BLINKEN_AR
      "," COLOMBIA_DEMONYM "],\"relations\":[]}",
      0);
  add(g, "{\"id\":\"d2\",\"lang\":\"ar\",\"entities\":[" BLINKEN_AR "]}", 0);
  add(g,
      "{\"id\":\"d3\",\"lang\":\"en\",\"entities\":[{\"id\":\"person/"
      "antony-blinken\",\"type\":\"PERSON\",\"name\":\"Antony Blinken\","
      "\"mentions\":[{\"kind\":\"name\"}]}]}",
      0);
  finish(g);
  const graph_entity *b = entity(g, "person/antony-blinken");
  assert_int_equal(b->mentions, 5);
  assert_int_equal(b->documents, 3);
  assert_int_equal(name_count(g, "person/antony-blinken"), 2);
  const graph_entity *co = entity(g, "country/co");
  assert_int_equal(co->mentions, 0); /* a demonym is no name */
  assert_int_equal(co->documents, 1);
  graph_stats s;
  graph_get_stats(g, &s);
  assert_int_equal(s.documents, 3);
  assert_int_equal(s.entities, 2);
  assert_string_equal(
      graph_display_name(g, graph_entity_find(g, "person/antony-blinken")),
      "أنتوني بلينكن"); /* the name two documents gave */
  graph_free(g);
}

/* One fact per (subject, predicate, object, modality): counts, first and
 * last document, highest confidence; no modality means asserted. */
static void test_facts(void **state) {
  (void)state;
  graph *g = new_graph(1, 0);
  const char *docs[] = {"a", "b", "c"};
  for (size_t i = 0; i < 3; i++) {
    char json[2048];
    snprintf(json, sizeof json,
             "{\"id\":\"%s\",\"lang\":\"ar\",\"entities\":[" BLINKEN_AR
             "," PETRO_AR "],\"relations\":[" MET(
                 "person/antony-blinken", "person/gustavo-petro",
                 "") "," MET("person/antony-blinken", "person/gustavo-petro",
                             ",\"modality\":\"planned\"") "]}",
             docs[i]);
    add(g, json, 0);
  }
  add(g,
      "{\"id\":\"d\",\"lang\":\"ar\",\"entities\":[" BLINKEN_AR "," PETRO_AR
      "],\"relations\":[" MET("person/antony-blinken", "person/gustavo-petro",
                              ",\"modality\":\"asserted\"") "]}",
      0);
  finish(g);
  const graph_edge *f = fact(g, "person/antony-blinken", "met_with",
                             "person/gustavo-petro", "asserted");
  assert_non_null(f);
  assert_int_equal(f->count, 4);
  assert_string_equal(f->first_doc, "a");
  assert_string_equal(f->last_doc, "d");
  assert_true(f->confidence > 0.84 && f->confidence < 0.86);
  const graph_edge *p = fact(g, "person/antony-blinken", "met_with",
                             "person/gustavo-petro", "planned");
  assert_non_null(p);
  assert_int_equal(p->count, 3);
  assert_string_equal(p->last_doc, "c");
  assert_int_equal(g->n_facts, 2);
  graph_free(g);
}

/* A one-word person joins the one full name of the run ending in it,
 * after normalisation (أ and ا are one letter): names, mentions and
 * documents move, edges fold into one fact, a symmetric fact keeps its
 * ends in id order. */
static void test_merge(void **state) {
  (void)state;
  for (int merge = 0; merge < 2; merge++) {
    graph *g = new_graph(merge, 0);
    add(g,
        "{\"id\":\"d1\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/"
        "zaid-al-amin\",\"type\":\"PERSON\",\"name\":\"زيد الأمين\","
        "\"mentions\":[{\"kind\":\"name\"}]}," PETRO_AR "],\"relations\":[" MET(
            "person/gustavo-petro", "person/zaid-al-amin", "") "]}",
        0);
    /* the short form alone, in two documents, one also with the full name */
    add(g,
        "{\"id\":\"d2\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/"
        "الامين\",\"type\":\"PERSON\",\"name\":\"الامين\",\"mentions\":[{"
        "\"kind\":\"name\"},{\"kind\":\"name\"}]}," PETRO_AR
        "],\"relations\":[" MET("person/gustavo-petro", "person/الامين",
                                "") "]}",
        0);
    add(g,
        "{\"id\":\"d3\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/"
        "zaid-al-amin\",\"type\":\"PERSON\",\"name\":\"زيد الأمين\","
        "\"mentions\":[{\"kind\":\"name\"}]},{\"id\":\"person/الامين\","
        "\"type\":\"PERSON\",\"name\":\"الامين\",\"mentions\":[{\"kind\":"
        "\"name\"}]}]}",
        0);
    finish(g);
    graph_stats s;
    graph_get_stats(g, &s);
    const graph_entity *full = entity(g, "person/zaid-al-amin");
    if (!merge) {
      assert_int_equal(s.merged, 0);
      assert_int_equal(full->documents, 2);
      assert_int_equal(g->n_facts, 2);
      graph_free(g);
      continue;
    }
    assert_int_equal(s.merged, 1);
    assert_int_equal(entity(g, "person/الامين")->root,
                     graph_entity_find(g, "person/zaid-al-amin"));
    assert_int_equal(full->mentions, 5);
    assert_int_equal(full->documents, 3); /* d3 counts once */
    assert_int_equal(name_count(g, "person/zaid-al-amin"), 2);
    assert_int_equal(full->members, graph_entity_find(g, "person/الامين"));
    assert_int_equal(g->n_facts, 1);
    /* "person/gustavo-petro" < "person/zaid-al-amin": that order */
    const graph_edge *f = fact(g, "person/gustavo-petro", "met_with",
                               "person/zaid-al-amin", "asserted");
    assert_non_null(f);
    assert_int_equal(f->count, 2);
    assert_string_equal(f->first_doc, "d1");
    assert_string_equal(f->last_doc, "d2");
    graph_free(g);
  }
}

/* A short form written without the article is the family name written
 * with it (دباغ, كريم الدباغ), as rawi extract's keys are. */
static void test_merge_without_article(void **state) {
  (void)state;
  graph *g = new_graph(1, 0);
  add(g,
      "{\"id\":\"d1\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/"
      "karim-dabbagh\",\"type\":\"PERSON\",\"name\":\"كريم الدباغ\","
      "\"mentions\":[{\"kind\":\"name\"}]}]}",
      0);
  add(g,
      "{\"id\":\"d2\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/"
      "دباغ\",\"type\":\"PERSON\",\"name\":\"دباغ\",\"mentions\":[{"
      "\"kind\":\"name\"}]}]}",
      0);
  finish(g);
  assert_int_equal(entity(g, "person/دباغ")->root,
                   graph_entity_find(g, "person/karim-dabbagh"));
  graph_free(g);
}

/* A person goes by a full name even when a short form merged into it was
 * written more often; other entities by their most frequent name. */
static void test_display_name(void **state) {
  (void)state;
  graph *g = new_graph(1, 0);
  add(g, "{\"id\":\"d1\",\"lang\":\"ar\",\"entities\":[" PETRO_AR "]}", 0);
  for (int i = 0; i < 3; i++)
    add(g,
        "{\"id\":\"d\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/بيترو\","
        "\"type\":\"PERSON\",\"name\":\"بيترو\"},{\"id\":\"org/un\",\"type\":"
        "\"ORGANIZATION\",\"name\":\"الأمم المتحدة\"}]}",
        0);
  for (int i = 0; i < 4; i++)
    add(g,
        "{\"id\":\"e\",\"lang\":\"en\",\"entities\":[{\"id\":\"org/un\","
        "\"type\":\"ORGANIZATION\",\"name\":\"UN\"}]}",
        0);
  finish(g);
  assert_string_equal(
      graph_display_name(g, graph_entity_find(g, "person/gustavo-petro")),
      "غوستافو بيترو");
  assert_string_equal(graph_display_name(g, graph_entity_find(g, "org/un")),
                      "UN");
  graph_free(g);
}

/* No merge when two full names end in the word, when an entity has two
 * different one-word names, or for other types than PERSON. */
static void test_no_merge(void **state) {
  (void)state;
  graph *g = new_graph(1, 0);
  add(g,
      "{\"id\":\"d1\",\"lang\":\"ar\",\"entities\":["
      "{\"id\":\"person/nasser-al-khelaifi\",\"type\":\"PERSON\",\"name\":"
      "\"ناصر الخليفي\"},"
      "{\"id\":\"person/mohammed-al-khulaifi\",\"type\":\"PERSON\",\"name\":"
      "\"محمد الخليفي\"},"
      "{\"id\":\"person/rami-haddad\",\"type\":\"PERSON\",\"name\":\"رامي "
      "حداد\"},"
      "{\"id\":\"location/al-salam\",\"type\":\"LOCATION\",\"name\":\"حي "
      "السلام\"}]}",
      0);
  add(g,
      "{\"id\":\"d2\",\"lang\":\"ar\",\"entities\":["
      "{\"id\":\"person/الخليفي\",\"type\":\"PERSON\",\"name\":\"الخليفي\"},"
      "{\"id\":\"location/السلام\",\"type\":\"LOCATION\",\"name\":"
      "\"السلام\"}]}",
      0);
  /* one entity written as two different single words */
  add(g,
      "{\"id\":\"d3\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/x\","
      "\"type\":\"PERSON\",\"name\":\"حداد\"}]}",
      0);
  add(g,
      "{\"id\":\"d4\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/x\","
      "\"type\":\"PERSON\",\"name\":\"رامي\"}]}",
      0);
  finish(g);
  graph_stats s;
  graph_get_stats(g, &s);
  assert_int_equal(s.merged, 0);
  assert_int_equal(s.entities, 7);
  assert_true(graph_is_node(g, graph_entity_find(g, "person/الخليفي")));
  graph_free(g);
}

/* --min-count: facts seen fewer times are not kept; entities all are. */
static void test_min_count(void **state) {
  (void)state;
  graph *g = new_graph(1, 2);
  for (int i = 0; i < 2; i++)
    add(g,
        "{\"id\":\"d\",\"entities\":[" BLINKEN_AR "," PETRO_AR
        "],\"relations\":[" MET("person/antony-blinken", "person/gustavo-petro",
                                "") "]}",
        0);
  add(g,
      "{\"id\":\"e\",\"entities\":[" BLINKEN_AR "," PETRO_AR
      "],\"relations\":[" MET("person/antony-blinken", "person/gustavo-petro",
                              ",\"modality\":\"planned\"") "]}",
      0);
  finish(g);
  graph_stats s;
  graph_get_stats(g, &s);
  assert_int_equal(s.facts, 1);
  assert_int_equal(s.dropped, 1);
  assert_int_equal(s.entities, 2);
  assert_true(graph_fact_kept(g, fact(g, "person/antony-blinken", "met_with",
                                      "person/gustavo-petro", "asserted")));
  assert_false(graph_fact_kept(g, fact(g, "person/antony-blinken", "met_with",
                                       "person/gustavo-petro", "planned")));
  graph_free(g);
}

/* Lines that are not records: 1 and a message naming what is wrong, and
 * nothing of them added; a relation naming no entity of its record: 2, the
 * rest added; an error record is a document that failed. */
static void test_bad_records(void **state) {
  (void)state;
  static const struct {
    const char *line, *message;
  } bad[] = {
      {"{\"id\": \"x\", \"entities\": [", "line is not valid JSON"},
      {"[1, 2]", "line is not a JSON object"},
      {"{\"entities\": []}", "no id (a string)"},
      {"{\"id\": \"x\"}", "not a record of rawi extract: no entities or error"},
      {"{\"id\": \"x\", \"entities\": {}}", "entities is not an array"},
      {"{\"id\": \"x\", \"entities\": [{\"id\": \"p\", \"type\": \"PERSON\"}, "
       "{\"id\": 7, \"type\": \"PERSON\"}]}",
       "entities[1].id is not a string"},
      {"{\"id\": \"x\", \"entities\": [{\"id\": \"p\"}]}",
       "entities[0].type is missing"},
      {"{\"id\": \"x\", \"entities\": [], \"relations\": [{\"subject\": "
       "\"p\"}]}",
       "relations[0].predicate is missing"},
      {"{\"id\": \"x\", \"error\": \"oops\"}", "error is not an object"},
  };
  graph *g = new_graph(1, 0);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    rawi_error err;
    assert_int_equal(graph_add(g, bad[i].line, strlen(bad[i].line), &err), 1);
    assert_string_equal(err.message, bad[i].message);
  }
  graph_stats s;
  graph_get_stats(g, &s);
  assert_int_equal(s.documents, 0);
  assert_int_equal(g->n_ents, 0); /* not even "p", before entities[1] */
  rawi_error err;
  const char *partial = "{\"id\":\"d\",\"entities\":[" BLINKEN_AR
                        "],\"relations\":[" MET("person/antony-blinken",
                                                "person/nobody", "") "]}";
  assert_int_equal(graph_add(g, partial, strlen(partial), &err), 2);
  assert_string_equal(err.message,
                      "relations[0]: object 'person/nobody' is not an entity "
                      "of the record");
  const char *failed = "{\"id\":\"f\",\"error\":{\"code\":\"invalid_utf8\","
                       "\"message\":\"invalid utf-8 at byte 3\"}}";
  assert_int_equal(graph_add(g, failed, strlen(failed), &err), 0);
  add(g, "{\"id\": 12, \"entities\": []}", 0); /* a number is an id too */
  finish(g);
  graph_get_stats(g, &s);
  assert_int_equal(s.documents, 3);
  assert_int_equal(s.failed, 1);
  assert_int_equal(s.evidence, 0);
  assert_int_equal(entity(g, "person/antony-blinken")->documents, 1);
  graph_free(g);
}

/* Documents read back: each with its own mentions (merged entities under
 * the entity they joined, once) and evidence, whatever the length of the
 * ids before and after it. */
typedef struct visit_log {
  graph *g;
  char text[1024];
} visit_log;

static int log_doc(void *ctx, const spill_doc *d) {
  visit_log *l = ctx;
  size_t n = strlen(l->text);
  snprintf(l->text + n, sizeof l->text - n, "[%.*s%s%s]", (int)d->id_len, d->id,
           d->code ? " " : "", d->code ? d->code : "");
  return 0;
}

static int log_mentions(void *ctx, const spill_doc *d, const graph_mention *m,
                        size_t n) {
  visit_log *l = ctx;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(l->text);
    snprintf(l->text + len, sizeof l->text - len, " %.*s:%s=%llu",
             (int)d->id_len, d->id, graph_str(l->g, l->g->ents[m[i].entity].id),
             (unsigned long long)m[i].count);
  }
  return 0;
}

static int log_evidence(void *ctx, const spill_doc *d, const spill_evidence *ev,
                        const graph_edge *f) {
  visit_log *l = ctx;
  size_t len = strlen(l->text);
  snprintf(l->text + len, sizeof l->text - len, " %.*s#%u:%llu", (int)d->id_len,
           d->id, ev->number, (unsigned long long)f->count);
  return 0;
}

static void test_documents(void **state) {
  (void)state;
  graph *g = new_graph(1, 0);
  add(g,
      "{\"id\":\"a-long-document-id\",\"entities\":[" BLINKEN_AR "," PETRO_AR
      "],\"relations\":[" MET("person/antony-blinken", "person/gustavo-petro",
                              "") "]}",
      0);
  add(g,
      "{\"id\":\"b\",\"entities\":[{\"id\":\"person/بيترو\",\"type\":"
      "\"PERSON\",\"name\":\"بيترو\",\"mentions\":[{}]}," PETRO_AR "]}",
      0);
  add(g, "{\"id\":\"c\",\"error\":{\"code\":\"io\",\"message\":\"x\"}}", 0);
  add(g, "{\"id\":\"dd\",\"entities\":[" COLOMBIA_DEMONYM "]}", 0);
  finish(g);
  visit_log l = {g, ""};
  graph_doc_visitor v = {&l, log_doc, log_mentions, log_evidence};
  rawi_error err;
  assert_int_equal(graph_visit_docs(g, &v, &err), 0);
  assert_string_equal(l.text, "[a-long-document-id]"
                              " a-long-document-id:person/antony-blinken=2"
                              " a-long-document-id:person/gustavo-petro=1"
                              " a-long-document-id#1:1"
                              "[b] b:person/gustavo-petro=2"
                              "[c io]"
                              "[dd] dd:country/co=0");
  graph_free(g);
}

/* The whole life of a graph with each allocation failing in turn: an
 * error, never a crash, and no block left. */
static int run_with(const rawi_allocator *a, rawi_error *err) {
  graph_options o = {.merge = 1, .top = 50, .alloc = a};
  graph *g = graph_new(&o, err);
  if (!g)
    return err->code;
  const char *lines[] = {
      "{\"id\":\"d1\",\"lang\":\"ar\",\"entities\":[" BLINKEN_AR "," PETRO_AR
      "],\"relations\":[" MET("person/antony-blinken", "person/gustavo-petro",
                              "") "]}",
      "{\"id\":\"d2\",\"lang\":\"ar\",\"entities\":[{\"id\":\"person/"
      "بيترو\",\"type\":\"PERSON\",\"name\":\"بيترو\"}," BLINKEN_AR
      "],\"relations\":[" MET("person/antony-blinken", "person/بيترو", "") "]}",
      "{\"id\":\"d3\",\"error\":{\"code\":\"io\",\"message\":\"cannot "
      "open\"}}"};
  int rc = 0;
  for (size_t i = 0; i < 3 && !rc; i++)
    rc = graph_add(g, lines[i], strlen(lines[i]), err);
  if (!rc)
    rc = graph_finish(g, err);
  static const char *const formats[] = {"ntriples", "turtle", "cypher",
                                        "kuzu",     "html",   "neo4j"};
  char dir[] = "/tmp/rawi-test-graph-XXXXXX";
  if (!rc && !mkdtemp(dir))
    fail_msg("mkdtemp");
  for (size_t i = 0; i < 6 && !rc; i++) {
    char path[64];
    snprintf(path, sizeof path, "%s/%s", dir, formats[i]);
    rc = graph_write(g, formats[i], path, err);
  }
  graph_free(g);
  char rm[80];
  snprintf(rm, sizeof rm, "rm -rf %s", dir);
  if (dir[sizeof dir - 7] != 'X' && system(rm))
    fail_msg("%s", rm);
  return rc;
}

static void test_allocation_failure(void **state) {
  (void)state;
  for (long k = 1;; k++) {
    failing f = {0, k, 0};
    rawi_allocator a = {failing_realloc, failing_free, &f};
    rawi_error err;
    int rc = run_with(&a, &err);
    if (f.live)
      fail_msg("allocation %ld failing left %ld blocks live", k, f.live);
    if (f.calls < k) { /* nothing failed: every allocation has been tried */
      assert_int_equal(rc, 0);
      break;
    }
    if (rc != RAWI_ERR_NOMEM)
      fail_msg("allocation %ld failing gave %d: %s", k, rc, err.message);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counts),
      cmocka_unit_test(test_facts),
      cmocka_unit_test(test_merge),
      cmocka_unit_test(test_merge_without_article),
      cmocka_unit_test(test_no_merge),
      cmocka_unit_test(test_min_count),
      cmocka_unit_test(test_bad_records),
      cmocka_unit_test(test_documents),
      cmocka_unit_test(test_display_name),
      cmocka_unit_test(test_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
