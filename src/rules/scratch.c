/*
 * The per-session scratch both runners share: the PCRE2 matcher, the
 * sentence view and its indexes, and the count of limit hits.
 */
#include "rules/rules.h"
#include "util/mem.h"

void rules_scratch_init(rules_scratch *s, const rawi_allocator *alloc) {
  *s = (rules_scratch){.alloc = alloc};
  pattern_matcher_init(&s->matcher, alloc);
}

void rules_scratch_free(rules_scratch *s) {
  pattern_matcher_free(&s->matcher);
  rawi_mem_free(s->alloc, s->view);
  rawi_mem_free(s->alloc, s->starts);
  rawi_mem_free(s->alloc, s->tok_of);
  rawi_mem_free(s->alloc, s->fired);
  rawi_mem_free(s->alloc, s->types_at);
  rawi_mem_free(s->alloc, s->mark_at);
  rawi_mem_free(s->alloc, s->anchor_at);
  rawi_mem_free(s->alloc, s->word_hit);
  rules_scratch_init(s, s->alloc);
}

int rules_scratch_ready(rules_scratch *s, const ruleset *rs) {
  return pattern_matcher_ready(&s->matcher, rs->ovector_pairs + 1);
}
