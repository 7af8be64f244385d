/*
 * Rules stage: PCRE2 patterns over a normalised sentence view.
 *
 * Design. A rule file (docs/rules.md) holds macros and rule blocks. A rule
 * names the entity type it produces, a priority, a pattern and examples.
 * Patterns run over one sentence at a time, rendered as its tokens' norms
 * separated by single spaces; `@CLASS` in a pattern stands for a span the
 * gazetteer marked with that class or type (TITLE, GIVEN_NAME, COUNTRY,
 * DEMONYM, ...). It expands to a capture group followed by a numbered
 * callout, and the callout checks the group's span against the sentence's
 * marks, so a class of thousands of words costs one table look-up instead
 * of an alternation of thousands of words in the pattern.
 *
 * A rule runs on a sentence only when its trigger occurs there: the first
 * class its pattern requires, or the words of its `trigger:` line. Rules
 * are compiled once with PCRE2's JIT and run with match, depth and heap
 * limits; a limit hit skips that rule on that sentence and is counted.
 *
 * Two kinds. An entity rule (`type:`) runs over the sentence's words and
 * makes mention candidates (run.c); a relation rule (`relation:`) runs
 * after resolution over a view with the entities as placeholders and
 * makes edges (src/relate/relate.c). Each kind has its struct and its
 * array in the ruleset; what they share (pattern, compiled code, the text
 * a match needs, trigger and unless words, examples, where it is written)
 * is a rule_common in both. Both drive PCRE2 through pattern.h only.
 */
#ifndef RAWI_RULES_RULES_H
#define RAWI_RULES_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer/match.h"
#include "rawi/rawi.h"
#include "resolve/resolve.h"
#include "rules/pattern.h"
#include "text/text.h"

/* The filter of a view's four-byte substrings (rules_grams) */
#define RULES_GRAM_LOG2 11
#define RULES_GRAM_BITS (1u << RULES_GRAM_LOG2)
#define RULES_MAX_CALLS 250 /* callouts of one pattern (PCRE2: 255) */
#define RULES_MAX_SPAN 8    /* tokens of a class span */

/* One callout of a pattern (callout n is calls[n - 1]): @CLASS makes three
 * (starts, more, the span's end), !@CLASS one (negate), a class in a
 * look-ahead one (starts). */
typedef struct rule_call {
  uint32_t group; /* the span's end: the capture holding the span */
  uint16_t ref;   /* gz type, class or GZ_DEMONYM */
  uint16_t span;  /* starts and more of a span: its end's call + 1; or 0 */
  uint64_t also;  /* starts in (?!...): further classes asked at once */
  uint8_t negate; /* !@CLASS: is the token here not such a span */
  uint8_t starts; /* @CLASS, (?=@CLASS), (?!@CLASS): does one start here */
  uint8_t more;   /* inside a span: is there one a token longer */
} rule_call;

/* Text a match holds (src/rules/needs.c): a run of literal characters or
 * a group of literal alternatives, [from, to) of the expanded pattern, in
 * top-level alternative alt. */
#define RULES_MAX_NEEDS 8
typedef struct rule_need {
  uint32_t from, to;
  uint8_t alt;
  uint32_t bits_at, n_bits; /* its alternatives in rule_common.need_bits */
} rule_need;

typedef struct rule_example {
  char *sentence;
  char *expect; /* text the rule must (or must not) produce; may be NULL */
  int negative; /* counter: the rule must not produce it */
  unsigned long line;
} rule_example;

/* What both kinds of rule have: where the rule is written, its pattern
 * and what it takes to run it, the words that let it run, its examples. */
typedef struct rule_common {
  char *name, *file; /* "person.title", "ar/entities.rules" */
  unsigned long line;
  char *pattern;                    /* after macro expansion */
  pcre2_code *code;                 /* compiled (src/rules/pattern.h) */
  rule_need needs[RULES_MAX_NEEDS]; /* text every match holds */
  uint8_t n_needs;                  /* 0: no such text known */
  uint8_t n_need_alts;              /* the pattern's top-level alternatives */
  uint16_t *need_bits;  /* per literal alternative of a need: the count,
                         * then the filter bit, of its four-byte grams */
  char **trigger_words; /* words of the trigger: line, normalised */
  size_t n_trigger_words;
  char **unless_words; /* normalised words that keep it from running */
  size_t n_unless_words;
  rule_example *examples;
  size_t n_examples;
} rule_common;

/* An entity rule: its matches are mention candidates (run.c). */
typedef struct entity_rule {
  rule_common common;
  int type; /* entity type produced (gz type) */
  int priority;
  char *id;         /* id given by the rule (id:), or NULL: derived */
  uint32_t group;   /* capture holding the entity (0: whole match) */
  uint32_t group2;  /* capture name2, for a second alternative; 0 */
  rule_call *calls; /* the callouts of its class references */
  size_t n_calls;
  uint64_t anchors;  /* classes a match starts with (bit per class);
                      * 0: it may start anywhere */
  uint64_t requires; /* classes the pattern always needs (bit per class) */
  uint64_t trigger_classes; /* classes of the trigger: line (bit per class) */
} entity_rule;

/* A relation rule: its matches over the relation view are edges
 * (src/relate/relate.c). */
typedef struct relation_rule {
  rule_common common;
  int relation;               /* predicate (src/doc/predicates.c) */
  double confidence;          /* confidence of its edges */
  uint32_t subject, object;   /* capture groups */
  uint32_t subject2, object2; /* the same, for a second alternative */
  uint16_t planned_groups[4]; /* captures named `planned` */
  uint8_t n_planned_groups;
  uint8_t planned;      /* `modality: planned` */
  uint8_t at_tokens;    /* every match starts at a token of the view
                         * (compiled anchored, tried at each token) */
  char **subject_heads; /* the head words a subject organisation must
                         * have (وزارة، جيش), or none */
  size_t n_subject_heads;
} relation_rule;

typedef struct ruleset {
  const rawi_allocator *alloc;
  entity_rule *entity_rules;
  size_t n_entity_rules, cap_entity_rules;
  relation_rule *relation_rules;
  size_t n_relation_rules, cap_relation_rules;
  char **macro_names, **macro_bodies; /* defines, visible to later files */
  size_t n_macros, cap_macros;
  uint32_t ovector_pairs; /* largest capture count + 1 */
  uint64_t *word_hash;    /* every rule's trigger and unless words: hash | 1,
                           * open addressing, 0 = empty (src/rules/words.c) */
  uint32_t *word_rule;    /* its rule's slot << 2 | RULES_TRIGGER_WORD or
                           * _UNLESS_WORD (rules_word_slot) */
  const char **word_text; /* the word (the rule's string) */
  size_t n_word_slots;
  int no_jit;                /* interpret patterns (valgrind) */
  pattern_compiler compiler; /* PCRE2 contexts over alloc */
} ruleset;

/* Problems found while loading; each is reported, loading goes on. */
typedef void (*rules_error_fn)(void *ctx, const rawi_error *e);

void ruleset_init(ruleset *rs, const rawi_allocator *alloc);
void ruleset_free(ruleset *rs);

/*
 * Parse and compile one rule file into rs. name is how the file is cited.
 * A rule whose name is already in rs replaces it (user rules override
 * shipped ones). Every error is passed to on_error with file:line:column;
 * returns the number of errors (0 when the file is sound) or a negative
 * rawi_status. norm normalises trigger words and examples' expectations.
 */
typedef struct rules_norm {
  int (*fn)(void *ctx, const char *s, size_t len, char *out, size_t cap);
  void *ctx;
} rules_norm;
int ruleset_add_file(ruleset *rs, const char *name, const char *text,
                     size_t len, const rules_norm *norm,
                     rules_error_fn on_error, void *ctx);

/* Per-thread scratch for running rules (both kinds). */
typedef struct rules_scratch {
  const rawi_allocator *alloc;
  pattern_matcher matcher; /* match data, limits, callout */
  char *view;
  size_t cap_view;
  uint32_t *starts; /* view offset of each token of the sentence */
  size_t cap_starts;
  uint32_t *tok_of; /* token of each byte of the view */
  size_t cap_tok_of;
  uint8_t *fired; /* per entity rule: triggered in this sentence */
  size_t cap_fired;
  uint64_t *types_at; /* per token of the sentence: types of marks there */
  uint32_t *mark_at;  /* per token: its first mark */
  size_t cap_types, cap_mark_at;
  uint32_t span_from[RULES_MAX_CALLS]; /* where each open span started */
  uint32_t *anchor_at; /* view offsets where an anchored rule is tried */
  size_t cap_anchor_at;
  uint8_t *word_hit; /* per rule slot: RULES_TRIGGER_WORD, _UNLESS_WORD */
  size_t cap_word_hit;
  uint64_t grams[RULES_GRAM_BITS / 64]; /* of the view (rules_grams) */
  size_t limit_hits;      /* rules skipped on a sentence by a PCRE2 limit */
  const char *limit_rule; /* the last rule that hit one */
} rules_scratch;

/* Make s ready to match the patterns of rs; RAWI_ERR_NOMEM. */
int rules_scratch_ready(rules_scratch *s, const ruleset *rs);

/* Match r's pattern against text[0, len) from offset from with s's
 * matcher; returns what pattern_match does. PATTERN_LIMIT is counted in
 * s (limit_hits, limit_rule): the caller skips the rule on this sentence
 * and goes on. */
static inline int rules_match(rules_scratch *s, const rule_common *r,
                              const char *text, size_t len, size_t from) {
  int rc = pattern_match(&s->matcher, r->code, text, len, from);
  if (rc == PATTERN_LIMIT) {
    s->limit_hits++;
    s->limit_rule = r->name;
  }
  return rc;
}

void rules_scratch_init(rules_scratch *s, const rawi_allocator *alloc);
void rules_scratch_free(rules_scratch *s);

#define RULES_TRIGGER_WORD 1
#define RULES_UNLESS_WORD 2

/* (Re)build the ruleset's word table from its rules; free it. */
int rules_words_build(ruleset *rs);
void rules_words_free(ruleset *rs);
/* A rule's slot in the word table and in s->word_hit: entity rule i is
 * slot i, relation rule i slot n_entity_rules + i. */
static inline size_t rules_relation_slot(const ruleset *rs, size_t i) {
  return rs->n_entity_rules + i;
}
/* Note in s->word_hit, per rule slot, whether a token of sentence [first,
 * first + count), or one of its proclitic readings, is one of the rule's
 * trigger or unless words. */
int rules_sentence_words(const ruleset *rs, rules_scratch *s, const text_doc *d,
                         uint32_t first, uint32_t count);
/* After rules_sentence_words: may rule r, in slot `slot`, run as far as
 * its words say (a trigger word present, when it has some; no unless word
 * present)? */
int rules_words_allow(const rules_scratch *s, const rule_common *r,
                      size_t slot);

/* The classes one of which every match of the expanded pattern starts
 * with (a bit per class), or 0 when the pattern may start anywhere
 * (src/rules/anchor.c). */
uint64_t rules_anchor_classes(const char *pattern, const rule_call *calls,
                              size_t n_calls);

/* The body of the group whose "(" is at p and that ends before after:
 * of (?: (?> (?<name> and (; NULL for look-arounds, callouts, options
 * (src/rules/anchor.c). */
const char *rules_group_body(const char *p, const char *after);

/* Does every match of a rule's expanded pattern start at a token of the
 * view, at its start or after a space (src/rules/anchor.c)? */
int rules_starts_at_token(const char *pattern);
/* The first offset at or after at where a token of the view text starts
 * (0, or after a space); len + 1 when none. */
size_t rules_next_token(const char *text, size_t len, size_t at);

/* The text a rule's matches need: set r->needs and r->need_bits, from a
 * (src/rules/needs.c); RAWI_ERR_NOMEM. */
int rules_find_needs(rule_common *r, const rawi_allocator *a);
/* The four-byte substrings of a sentence view, as a bit filter of
 * RULES_GRAM_BITS bits, and whether they allow a rule's needs. */
void rules_grams(const char *text, size_t len, uint64_t *grams);
int rules_needs_met(const rule_common *r, const uint64_t *grams);

/* Run every entity rule of rs (rule numbers offset by `order`) over d;
 * append entity candidates to out. */
int rules_run(const ruleset *rs, uint32_t order, rules_scratch *s,
              const text_doc *d, const gz_marks *marks, mention_table *out);

#endif
