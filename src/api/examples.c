/*
 * Rule examples: every rule file may carry sentences a rule must (or must
 * not) find something in (docs/rules.md, "Examples"). rawi_run_examples
 * extracts each with the model, looks for what that rule produced, and
 * hands the outcome to the caller: `rawi check` prints the failures, a
 * program embedding rawi may test its own rules the same way.
 */
#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "util/error.h"

/* What one rule produced in a document, as "'a', 'b'" (cut at cap). */
typedef struct produced {
  char list[1024];
  size_t n;
  int found; /* the expected text (or anything, when none) is there */
} produced;

static void produced_add(produced *p, const char *fmt_a, size_t a_len,
                         const char *a, const char *b) {
  size_t need = a_len + (b ? strlen(b) : 0) + (b ? 12 : 8);
  if (p->n + need >= sizeof p->list)
    return;
  p->n += (size_t)snprintf(p->list + p->n, sizeof p->list - p->n, fmt_a,
                           p->n ? ", " : "", (int)a_len, a, b ? b : "");
}

/* Does entity e of d go by want (n bytes): its name or a mention's text? */
static int has_name(const rawi_doc *d, size_t e, const char *want, size_t n) {
  rawi_entity en;
  rawi_doc_entity(d, e, &en);
  if (strlen(en.name) == n && !memcmp(en.name, want, n))
    return 1;
  for (size_t k = 0; k < en.mention_count; k++) {
    rawi_mention m;
    rawi_doc_mention(d, e, k, &m);
    if (m.text_len == n && !memcmp(m.text, want, n))
      return 1;
  }
  return 0;
}

/* Does the edge (s, o) meet "A -> B" (either way for a symmetric one)? */
static int edge_is(const rawi_doc *d, size_t s, size_t o, const char *expect,
                   int symmetric) {
  const char *arrow = strstr(expect, " -> ");
  if (!arrow)
    return 0;
  size_t an = (size_t)(arrow - expect);
  const char *b = arrow + 4;
  return (has_name(d, s, expect, an) && has_name(d, o, b, strlen(b))) ||
         (symmetric && has_name(d, o, expect, an) &&
          has_name(d, s, b, strlen(b)));
}

/* Edges of relation rule r in d, as "'subject -> object'". */
static void produced_edges(const rawi_doc *d, const relation_rule *r,
                           const char *expect, produced *p) {
  int symmetric = doc_predicate_at(r->relation)->symmetric;
  for (size_t i = 0; i < rawi_doc_relation_count(d); i++) {
    rawi_relation rel;
    rawi_doc_relation(d, i, &rel);
    if (strcmp(rel.rule, r->common.name))
      continue;
    rawi_entity s, o;
    rawi_doc_entity(d, rel.subject, &s);
    rawi_doc_entity(d, rel.object, &o);
    if (!expect || edge_is(d, rel.subject, rel.object, expect, symmetric))
      p->found = 1;
    produced_add(p, "%s'%.*s -> %s'", strlen(s.name), s.name, o.name);
  }
}

/* Candidates of entity rule r in d (winners or not), as "'text'". */
static void produced_mentions(const rawi_doc *d, const rule_common *r,
                              const char *expect, produced *p) {
  for (size_t i = 0; i < d->m.n_mentions; i++) {
    const mention *m = &d->m.mentions[i];
    if (m->source != SOURCE_RULE ||
        strcmp(d->m.strings.data + m->rule_off, r->name))
      continue;
    size_t len = m->byte_end - m->byte_start;
    const char *text = d->text + m->byte_start;
    if (!expect || (len == strlen(expect) && !memcmp(text, expect, len)))
      p->found = 1;
    produced_add(p, "%s'%.*s'%s", len, text, NULL);
  }
}

/* Run example ex of rule r (of language lang; rel is r as a relation
 * rule, NULL for an entity rule); 0 when it is not one of lang's
 * documents (a user rule sits in every language: it is tested in its
 * own), else 1 with the outcome in *out. */
static int run_one(rawi_session *s, rawi_lang lang, const rule_common *r,
                   const relation_rule *rel, const rule_example *ex,
                   rawi_example *out, produced *p, rawi_doc **doc,
                   rawi_error *doc_err) {
  *doc = NULL;
  int rc = rawi_extract(s, ex->sentence, strlen(ex->sentence), RAWI_LANG_AUTO,
                        doc, doc_err);
  if (rc == RAWI_OK && rawi_doc_lang(*doc) != lang)
    return 0;
  memset(p, 0, sizeof *p);
  *out = (rawi_example){.rule_file = r->file,
                        .rule = r->name,
                        .line = ex->line,
                        .relation = rel != NULL,
                        .negative = ex->negative,
                        .sentence = ex->sentence,
                        .expect = ex->expect,
                        .produced = p->list,
                        .doc = *doc,
                        .error = rc ? doc_err : NULL};
  if (rc)
    return 1;
  if (rel)
    produced_edges(*doc, rel, ex->expect, p);
  else
    produced_mentions(*doc, r, ex->expect, p);
  out->passed = ex->negative ? !p->found : p->found;
  return 1;
}

/* Run one example and hand a document's outcome to fn, counted in *n. */
static int run_example(rawi_session *s, rawi_lang lang, const rule_common *r,
                       const relation_rule *rel, const rule_example *ex,
                       rawi_example_fn fn, void *ctx, rawi_example_counts *n) {
  rawi_example out;
  produced p;
  rawi_doc *d;
  rawi_error doc_err;
  int rc = 0;
  if (run_one(s, lang, r, rel, ex, &out, &p, &d, &doc_err)) {
    n->examples++;
    n->failed += !out.passed;
    rc = fn(ctx, &out);
  }
  rawi_doc_free(d);
  return rc;
}

int rawi_run_examples_sized(rawi_session *s, rawi_example_fn fn, void *ctx,
                            rawi_example_counts *counts, size_t size,
                            rawi_error *err) {
  rawi_error_clear(err);
  if (!s || !fn || (counts && !size))
    return rawi_error_set(err, RAWI_ERR_INVALID, "invalid argument");
  rawi_example_counts n = {0};
  int rc = RAWI_OK;
  for (int lang = 1; lang < RAWI_N_LANGS && !rc; lang++) {
    const ruleset *rs = &s->model->rules[lang];
    size_t n_rules = rs->n_entity_rules + rs->n_relation_rules;
    for (size_t i = 0; i < n_rules && !rc; i++) {
      const relation_rule *rel =
          i < rs->n_entity_rules ? NULL
                                 : &rs->relation_rules[i - rs->n_entity_rules];
      const rule_common *r = rel ? &rel->common : &rs->entity_rules[i].common;
      n.rules++;
      for (size_t k = 0; k < r->n_examples && !rc; k++)
        rc = run_example(s, (rawi_lang)lang, r, rel, &r->examples[k], fn, ctx,
                         &n);
    }
  }
  if (counts)
    memcpy(counts, &n, size < sizeof n ? size : sizeof n);
  return rc;
}
