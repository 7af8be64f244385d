/*
 * Patterns: the one place rawi drives PCRE2.
 *
 * Entity rules (run.c) and relation rules (relate/relate.c) compile and
 * match their patterns through this interface and never call PCRE2
 * themselves. Compiling needs a pattern_compiler (contexts over the
 * model's allocator, one per ruleset); matching needs a pattern_matcher
 * (match data, limits, callout: per session, so threads share compiled
 * patterns and nothing else). Every PCRE2 allocation goes through the
 * caller's allocator and fails as RAWI_ERR_NOMEM.
 *
 * Every match runs under match, depth and heap limits. The match limit
 * is set per rule and sentence (pattern_set_budget); a match that hits a
 * limit is reported as PATTERN_LIMIT, never as a hang.
 */
#ifndef RAWI_RULES_PATTERN_H
#define RAWI_RULES_PATTERN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "rawi/rawi.h"

/* Contexts for compiling, made on first use so that init cannot fail. */
typedef struct pattern_compiler {
  const rawi_allocator *alloc;
  pcre2_general_context *general;
  pcre2_compile_context *compile;
} pattern_compiler;

void pattern_compiler_init(pattern_compiler *pc, const rawi_allocator *alloc);
void pattern_compiler_free(pattern_compiler *pc);

/* Why pattern_compile refused a pattern: PCRE2's message and the byte
 * offset of the pattern where it stopped. */
typedef struct pattern_error {
  char message[200];
  size_t offset;
} pattern_error;

/*
 * Compile text (UTF-8, NUL-terminated, already checked) with UTF and
 * Unicode properties, duplicate names allowed; anchored: every match
 * starts where matching is asked to start. jit: compile for PCRE2's JIT
 * too (where the JIT is absent the interpreter runs; no error).
 * Returns RAWI_OK with *out (free with pattern_free), RAWI_ERR_NOMEM, or
 * RAWI_ERR_FORMAT with *err filled.
 */
int pattern_compile(pattern_compiler *pc, const char *text, int anchored,
                    int jit, pcre2_code **out, pattern_error *err);
void pattern_free(pcre2_code *code);

/* The number of the capture named name, or 0 when there is none (with
 * duplicate names, the first). */
uint32_t pattern_group_named(const pcre2_code *code, const char *name);
/* The numbers of every capture named name, up to cap of them into out;
 * returns how many there are (more than cap: the rest are not written). */
size_t pattern_groups_named(const pcre2_code *code, const char *name,
                            uint16_t *out, size_t cap);
/* The number of captures in the pattern. */
uint32_t pattern_capture_count(const pcre2_code *code);

/* A callout as a pattern_callout_fn sees it, read with the functions
 * below. It is PCRE2's own block, handed on as it comes: a callout runs at
 * every span a pattern tries, so it must cost no more than one call. */
typedef pcre2_callout_block pattern_callout;

/* 0: matching goes on; 1: this path fails and PCRE2 backtracks. */
typedef int (*pattern_callout_fn)(pattern_callout *c, void *ctx);

/* The callout's number: (?C3) is 3. */
static inline uint32_t pattern_callout_number(const pattern_callout *c) {
  return c->callout_number;
}

/* The offset in the text where matching stands. */
static inline size_t pattern_callout_position(const pattern_callout *c) {
  return c->current_position;
}

/* Capture g as it stands at a callout: 1 with [*start, *end) when it is
 * set, 0 when it is not (or not yet). */
static inline int pattern_callout_group(const pattern_callout *c, uint32_t g,
                                        size_t *start, size_t *end) {
  if (g >= c->capture_top || c->offset_vector[2 * g] == PCRE2_UNSET)
    return 0;
  *start = c->offset_vector[2 * g];
  *end = c->offset_vector[2 * g + 1];
  return 1;
}

/* Per-session matching state. */
typedef struct pattern_matcher {
  const rawi_allocator *alloc;
  pcre2_general_context *general;
  pcre2_match_context *context; /* limits and callout */
  pcre2_match_data *data;
  uint32_t pairs; /* the capture pairs data holds */
} pattern_matcher;

void pattern_matcher_init(pattern_matcher *m, const rawi_allocator *alloc);
void pattern_matcher_free(pattern_matcher *m);
/* Make m ready for patterns of up to pairs capture pairs (the whole match
 * included); RAWI_OK or RAWI_ERR_NOMEM. */
int pattern_matcher_ready(pattern_matcher *m, uint32_t pairs);

/* Set the match limit for a pattern about to run over a text where it may
 * start at `starts` places: a budget per pattern and text, spread over
 * them (pattern.c). */
void pattern_set_budget(pattern_matcher *m, size_t starts);

/* Callouts go to fn with ctx until set again; fn NULL: callouts pass. */
void pattern_set_callout(pattern_matcher *m, pattern_callout_fn fn, void *ctx);

enum {
  PATTERN_NO_MATCH = 0,
  PATTERN_MATCH = 1,
  PATTERN_LIMIT = 2 /* a match, depth, heap or JIT stack limit was hit */
};

/*
 * Match code against text[0, len) starting at offset from (text is valid
 * UTF-8; from is at a character's start). Returns PATTERN_MATCH (the
 * captures are then read with pattern_group), PATTERN_NO_MATCH,
 * PATTERN_LIMIT, RAWI_ERR_NOMEM, or RAWI_ERR_INVALID for any other
 * failure (a bad offset or option: rawi's mistake, not the pattern's).
 * Inline, as pattern_group: anchored rules are tried at every anchor.
 */
static inline int pattern_match(pattern_matcher *m, const pcre2_code *code,
                                const char *text, size_t len, size_t from) {
  int rc = pcre2_match(code, (PCRE2_SPTR)text, len, from, PCRE2_NO_UTF_CHECK,
                       m->data, m->context);
  if (rc >= 0)
    return PATTERN_MATCH;
  if (rc == PCRE2_ERROR_NOMATCH)
    return PATTERN_NO_MATCH;
  if (rc == PCRE2_ERROR_NOMEMORY)
    return RAWI_ERR_NOMEM;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
      rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
    return PATTERN_LIMIT;
  return RAWI_ERR_INVALID;
}

/* Capture g of the last match (0: the whole match): 1 with [*start, *end)
 * when it took part, 0 when it did not. Inline: the runners read a few
 * captures of every match. */
static inline int pattern_group(const pattern_matcher *m, uint32_t g,
                                size_t *start, size_t *end) {
  if (g >= m->pairs)
    return 0;
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->data);
  if (ov[2 * g] == PCRE2_UNSET)
    return 0;
  *start = ov[2 * g];
  *end = ov[2 * g + 1];
  return 1;
}

#endif
