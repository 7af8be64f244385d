/* rawi check: validate lists and rule files, and run the rules' examples. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/internal.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: rawi check [--pack DIR] [--rules FILE]... [--gazetteer FILE]...\n"
    "\n"
    "Load the shipped packs and the given files, report every problem with\n"
    "file:line:column, then run the examples written in the rule files.\n"
    "Exit status 0 when everything is sound and every example passes.\n";

typedef struct check_ctx {
  const char *pack;
  size_t errors;
} check_ctx;

/* Where a cited file is: as given, or inside the pack. */
static void locate(const check_ctx *c, const char *name, char *buf,
                   size_t cap) {
  struct stat st;
  const char *dirs[] = {"rules", "gazetteers"};
  snprintf(buf, cap, "%s", name);
  if (stat(buf, &st) == 0 || !c->pack)
    return;
  for (int i = 0; i < 2; i++) {
    snprintf(buf, cap, "%s/%s/%s", c->pack, dirs[i], name);
    if (stat(buf, &st) == 0)
      return;
  }
  snprintf(buf, cap, "%s", name);
}

static void on_problem(void *ctx, const rawi_error *e) {
  check_ctx *c = ctx;
  c->errors++;
  fprintf(stderr, "rawi: error: %s:%lu:%lu: %s\n", e->file, e->line, e->column,
          e->message);
  char path[PATH_MAX + 64];
  locate(c, e->file, path, sizeof path);
  cli_show_line(path, e->line, e->column);
}

/* Edges of relation rule r in d, as "'subject -> object'"; an expectation
 * "A -> B" names the two entities by a mention's text or their name. */
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

static int produced_edges(const rawi_doc *d, const relation_rule *r,
                          const char *expect, char *list, size_t cap) {
  const char *arrow = expect ? strstr(expect, " -> ") : NULL;
  int found = 0;
  size_t n = 0;
  list[0] = '\0';
  for (size_t i = 0; i < rawi_doc_relation_count(d); i++) {
    rawi_relation rel;
    rawi_doc_relation(d, i, &rel);
    if (strcmp(rel.rule, r->common.name))
      continue;
    rawi_entity s, o;
    rawi_doc_entity(d, rel.subject, &s);
    rawi_doc_entity(d, rel.object, &o);
    size_t an = arrow ? (size_t)(arrow - expect) : 0;
    const char *b = arrow ? arrow + 4 : NULL;
    int symmetric = relate_predicate_at(r->relation)->symmetric;
    if (!expect ||
        (arrow && has_name(d, rel.subject, expect, an) &&
         has_name(d, rel.object, b, strlen(b))) ||
        (arrow && symmetric && has_name(d, rel.object, expect, an) &&
         has_name(d, rel.subject, b, strlen(b))))
      found = 1;
    if (n + strlen(s.name) + strlen(o.name) + 12 < cap)
      n += (size_t)snprintf(list + n, cap - n, "%s'%s -> %s'", n ? ", " : "",
                            s.name, o.name);
  }
  return found;
}

/* Candidates of rule r in doc d, as "'text', 'text'"; edges when r is the
 * relation rule rel. */
static int produced(const rawi_doc *d, const rule_common *r,
                    const relation_rule *rel, const char *expect, char *list,
                    size_t cap) {
  if (rel)
    return produced_edges(d, rel, expect, list, cap);
  int found = 0;
  size_t n = 0;
  list[0] = '\0';
  for (size_t i = 0; i < d->m.n_mentions; i++) {
    const mention *m = &d->m.mentions[i];
    if (m->source != SOURCE_RULE ||
        strcmp(d->m.strings.data + m->rule_off, r->name))
      continue;
    int len = (int)(m->byte_end - m->byte_start);
    const char *text = d->text + m->byte_start;
    if (!expect ||
        ((size_t)len == strlen(expect) && !memcmp(text, expect, (size_t)len)))
      found = 1;
    if (n + (size_t)len + 8 < cap)
      n += (size_t)snprintf(list + n, cap - n, "%s'%.*s'", n ? ", " : "", len,
                            text);
  }
  return found;
}

static int run_examples(rawi_session *s, const rawi_model *m, size_t *rules,
                        size_t *examples) {
  int failed = 0;
  for (int lang = 1; lang < RAWI_N_LANGS; lang++) {
    const ruleset *rs = &m->rules[lang];
    for (size_t i = 0; i < rs->n_entity_rules + rs->n_relation_rules; i++) {
      const relation_rule *rel =
          i < rs->n_entity_rules ? NULL
                                 : &rs->relation_rules[i - rs->n_entity_rules];
      const rule_common *r = rel ? &rel->common : &rs->entity_rules[i].common;
      (*rules)++;
      for (size_t k = 0; k < r->n_examples; k++) {
        const rule_example *ex = &r->examples[k];
        rawi_doc *d;
        rawi_error err;
        if (rawi_extract(s, ex->sentence, strlen(ex->sentence), RAWI_LANG_AUTO,
                         &d, &err) == RAWI_OK &&
            rawi_doc_lang(d) != (rawi_lang)lang) {
          /* a user rule sits in every language; test it in its own */
          rawi_doc_free(d);
          continue;
        }
        (*examples)++;
        if (!d) {
          fprintf(stderr, "rawi: error: %s:%lu: %s\n", r->file, ex->line,
                  err.message);
          failed++;
          continue;
        }
        char list[1024];
        int hit = produced(d, r, rel, ex->expect, list, sizeof list);
        if (ex->negative ? hit : !hit) {
          failed++;
          fprintf(stderr,
                  "rawi: error: %s:%lu: rule %s: %s %s%s%s: produced %s\n",
                  r->file, ex->line, r->name,
                  ex->negative ? "counter-example" : "example",
                  ex->negative ? "must not produce" : "expected",
                  ex->expect ? " " : "", ex->expect ? ex->expect : " anything",
                  list[0] ? list : "nothing");
          if (rel) /* what the relation rules saw */
            for (size_t si = 0; si < rawi_doc_sentence_count(d); si++) {
              const char *view = rawi_doc_sentence_view(d, si);
              if (view)
                fprintf(stderr, "    view: %s\n", view);
            }
        }
        rawi_doc_free(d);
      }
    }
  }
  return failed;
}

int cmd_check(int argc, char **argv) {
  static const struct option opts[] = {{"pack", required_argument, 0, 'p'},
                                       {"rules", required_argument, 0, 'r'},
                                       {"gazetteer", required_argument, 0, 'g'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  rawi_config *cfg = rawi_config_new();
  const char *pack = NULL;
  int c;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    if (c == 'h') {
      fputs(usage, stdout);
      rawi_config_free(cfg);
      return 0;
    } else if (c == 'p') {
      pack = optarg;
    } else if (c == 'r') {
      rawi_config_add_rules(cfg, optarg);
    } else if (c == 'g') {
      rawi_config_add_gazetteer(cfg, optarg);
    } else {
      fputs(usage, stderr);
      rawi_config_free(cfg);
      return 1;
    }
  }
  char buf[PATH_MAX + 32];
  check_ctx ctx = {cli_pack_dir(pack, buf, sizeof buf), 0};
  rawi_config_set_pack_dir(cfg, ctx.pack);
  rawi_config_set_lenient(cfg, 0, on_problem, &ctx);
  rawi_config_set_explain(cfg, 1);
  rawi_error err;
  rawi_model *m = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!m) {
    if (!ctx.errors)
      cli_error(NULL, &err);
    fprintf(stderr, "rawi: %zu error%s\n", ctx.errors ? ctx.errors : 1,
            ctx.errors > 1 ? "s" : "");
    return 1;
  }
  rawi_session *s = rawi_session_new(m, &err);
  size_t rules = 0, examples = 0;
  int failed = s ? run_examples(s, m, &rules, &examples) : 1;
  fprintf(stderr, "rawi: %zu rules, %zu examples, %d failed\n", rules, examples,
          failed);
  rawi_session_free(s);
  rawi_model_free(m);
  return failed ? 1 : 0;
}
