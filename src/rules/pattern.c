/* Compiling and matching patterns with PCRE2 (see pattern.h). */
#include <string.h>

#include "rules/pattern.h"
#include "util/mem.h"

/* PCRE2 limits per match attempt: enough for any sane rule on a long
 * sentence, small enough that a catastrophic pattern ends in microseconds
 * to milliseconds, not hours. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000
#define HEAP_LIMIT_KB 8192

/* PCRE2 counts its match limit afresh at every start position, so a rule
 * that stays just under it costs MATCH_LIMIT steps at each: minutes on a
 * sentence of a megabyte. A rule has a budget per sentence instead: the
 * per-position limit is RULE_BUDGET over the places it may start (bytes
 * of the view, or its anchors), between MATCH_LIMIT_MIN and MATCH_LIMIT.
 * The shipped rules need at most 100 steps at a position with the JIT
 * and 1 000 interpreted (news-dev and the relation tests, measured by
 * lowering the limit), so the floor leaves them room on any sentence;
 * a rule over its limit is skipped on the sentence and reported as one
 * that hit a PCRE2 limit. Work per rule and sentence: at most RULE_BUDGET
 * steps on a sentence up to 2 000 bytes (RULE_BUDGET / MATCH_LIMIT_MIN),
 * MATCH_LIMIT_MIN a byte beyond. */
#define RULE_BUDGET 4000000
#define MATCH_LIMIT_MIN 2000

static void *pcre_alloc(PCRE2_SIZE n, void *ctx) {
  return rawi_mem_alloc(ctx, n);
}

static void pcre_free(void *p, void *ctx) {
  rawi_mem_free(ctx, p);
}

/* A general context whose memory comes from alloc, so that PCRE2's
 * allocations (compiled patterns, match data, the interpreter's frames)
 * are the caller's like all others. */
static pcre2_general_context *general_context(const rawi_allocator *alloc) {
  return pcre2_general_context_create(pcre_alloc, pcre_free, (void *)alloc);
}

void pattern_compiler_init(pattern_compiler *pc, const rawi_allocator *alloc) {
  *pc = (pattern_compiler){.alloc = alloc};
}

void pattern_compiler_free(pattern_compiler *pc) {
  pcre2_compile_context_free(pc->compile);
  pcre2_general_context_free(pc->general);
  *pc = (pattern_compiler){.alloc = pc->alloc};
}

static int compiler_ready(pattern_compiler *pc) {
  if (!pc->general && !(pc->general = general_context(pc->alloc)))
    return RAWI_ERR_NOMEM;
  if (!pc->compile &&
      !(pc->compile = pcre2_compile_context_create(pc->general)))
    return RAWI_ERR_NOMEM;
  return RAWI_OK;
}

int pattern_compile(pattern_compiler *pc, const char *text, int anchored,
                    int jit, pcre2_code **out, pattern_error *err) {
  *out = NULL;
  if (compiler_ready(pc))
    return RAWI_ERR_NOMEM;
  int ec;
  PCRE2_SIZE off;
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK |
                     PCRE2_DUPNAMES | (anchored ? PCRE2_ANCHORED : 0);
  pcre2_code *code = pcre2_compile((PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED,
                                   options, &ec, &off, pc->compile);
  if (!code && ec == PCRE2_ERROR_HEAP_FAILED)
    return RAWI_ERR_NOMEM;
  if (!code) {
    pcre2_get_error_message(ec, (PCRE2_UCHAR *)err->message,
                            sizeof err->message);
    err->offset = off;
    return RAWI_ERR_FORMAT;
  }
  /* falls back to the interpreter where JIT is absent, not when memory is */
  if (jit &&
      pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == PCRE2_ERROR_NOMEMORY) {
    pcre2_code_free(code);
    return RAWI_ERR_NOMEM;
  }
  *out = code;
  return RAWI_OK;
}

void pattern_free(pcre2_code *code) {
  pcre2_code_free(code);
}

uint32_t pattern_group_named(const pcre2_code *code, const char *name) {
  int g = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
  return g > 0 ? (uint32_t)g : 0;
}

size_t pattern_groups_named(const pcre2_code *code, const char *name,
                            uint16_t *out, size_t cap) {
  PCRE2_SPTR first, last;
  int size =
      pcre2_substring_nametable_scan(code, (PCRE2_SPTR)name, &first, &last);
  if (size <= 0)
    return 0;
  size_t n = 0;
  /* an entry of the name table: the group's number in two bytes, then
   * its name */
  for (PCRE2_SPTR e = first; e <= last; e += size, n++)
    if (n < cap)
      out[n] = (uint16_t)(e[0] << 8 | e[1]);
  return n;
}

uint32_t pattern_capture_count(const pcre2_code *code) {
  uint32_t caps = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &caps);
  return caps;
}

void pattern_matcher_init(pattern_matcher *m, const rawi_allocator *alloc) {
  *m = (pattern_matcher){.alloc = alloc};
}

void pattern_matcher_free(pattern_matcher *m) {
  pcre2_match_data_free(m->data);
  pcre2_match_context_free(m->context);
  pcre2_general_context_free(m->general);
  *m = (pattern_matcher){.alloc = m->alloc};
}

int pattern_matcher_ready(pattern_matcher *m, uint32_t pairs) {
  if (!m->general && !(m->general = general_context(m->alloc)))
    return RAWI_ERR_NOMEM;
  if (!m->context) {
    pcre2_match_context *mc = pcre2_match_context_create(m->general);
    if (!mc)
      return RAWI_ERR_NOMEM;
    pcre2_set_match_limit(mc, MATCH_LIMIT);
    pcre2_set_depth_limit(mc, DEPTH_LIMIT);
    pcre2_set_heap_limit(mc, HEAP_LIMIT_KB);
    m->context = mc;
  }
  /* one session serves every language: the match data must hold the
   * captures of the patterns at hand, which may have more than the last */
  if (m->data && m->pairs < pairs) {
    pcre2_match_data_free(m->data);
    m->data = NULL;
  }
  if (!m->data) {
    if (!(m->data = pcre2_match_data_create(pairs, m->general)))
      return RAWI_ERR_NOMEM;
    m->pairs = pairs;
  }
  return RAWI_OK;
}

void pattern_set_budget(pattern_matcher *m, size_t starts) {
  size_t per = starts ? RULE_BUDGET / starts : MATCH_LIMIT;
  per = per < MATCH_LIMIT_MIN ? MATCH_LIMIT_MIN
        : per > MATCH_LIMIT   ? MATCH_LIMIT
                              : per;
  pcre2_set_match_limit(m->context, (uint32_t)per);
}

void pattern_set_callout(pattern_matcher *m, pattern_callout_fn fn, void *ctx) {
  pcre2_set_callout(m->context, fn, ctx);
}
