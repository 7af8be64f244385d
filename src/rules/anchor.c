/*
 * Where can a rule's match start?
 *
 * Most entity rules begin with a class (@TITLE, @REPORT_VERB, @LOC_HEAD):
 * a match can only start where the lists marked such a span. Such a rule
 * is compiled anchored and tried only at those offsets, instead of PCRE2
 * trying every byte of the sentence with a callout at each. The analysis
 * reads the expanded pattern (rules.h) and is conservative: anything it
 * does not understand makes the rule unanchored, which is always correct.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

/* Analysis result: a set of classes (bit per class), or "anywhere". */
#define ANYWHERE UINT64_MAX

typedef struct lead_ctx {
  const char *end;
  const rule_call *calls;
  size_t n_calls;
} lead_ctx;

static uint64_t lead_alts(const lead_ctx *x, const char **p);

/* Past the character class whose "[" is at p. */
static const char *class_end(const char *p, const char *end) {
  p++;
  if (p < end && *p == '^')
    p++;
  if (p < end && *p == ']')
    p++;
  while (p < end && *p != ']')
    p += *p == '\\' ? 2 : 1;
  return p < end ? p + 1 : end;
}

const char *rules_group_body(const char *p, const char *after) {
  if (p[1] != '?')
    return p + 1;
  if (p[2] == ':' || p[2] == '>')
    return p + 3;
  if (p[2] == '<' && p[3] != '=' && p[3] != '!') {
    const char *name_end = memchr(p, '>', (size_t)(after - p));
    return name_end ? name_end + 1 : NULL;
  }
  return NULL;
}

/* Past the group whose "(" is at p, skipping escapes and character
 * classes; NULL when unbalanced. */
static const char *group_end(const char *p, const char *end) {
  int depth = 0;
  while (p < end) {
    if (*p == '\\') {
      p += 2;
    } else if (*p == '[') {
      p = class_end(p, end);
    } else {
      if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return p + 1;
      p++;
    }
  }
  return NULL;
}

/* May the quantifier at p (after a group) repeat the group zero times? */
static int may_skip(const char *p, const char *end) {
  if (p >= end)
    return 0;
  if (*p == '?' || *p == '*')
    return 1;
  if (*p == '{') {
    char *q;
    return strtoul(p + 1, &q, 10) == 0 && q > p + 1;
  }
  return 0;
}

/* A callout "(?Cn)" at p: the class it asks to start here, or -1 when it
 * asks something else (the end of a span, a token that is not a class). */
static int callout_class(const lead_ctx *x, const char *p) {
  char *q;
  unsigned long n = strtoul(p + 3, &q, 10);
  if (q == p + 3 || q >= x->end || *q != ')' || n == 0 || n > x->n_calls)
    return -1;
  const rule_call *c = &x->calls[n - 1];
  return c->starts && !c->negate ? (int)c->ref : -1;
}

/* The classes one of which must start where the sequence at *p matches;
 * ANYWHERE when unknown. Zero-width items before the first one that
 * consumes are stepped over; a positive look-ahead may answer itself. */
static uint64_t lead_seq(const lead_ctx *x, const char **pp) {
  const char *p = *pp;
  uint64_t ahead = ANYWHERE; /* what a positive look-ahead asked */
  while (p < x->end && *p != '|' && *p != ')') {
    if (*p == '^') {
      p++;
      continue;
    }
    if (*p == '\\' && p + 1 < x->end && strchr("bBAG", p[1])) {
      p += 2;
      continue;
    }
    if (*p != '(')
      return ahead; /* a literal, a class of characters, an escape */
    const char *after = group_end(p, x->end);
    if (!after)
      return ANYWHERE;
    if (p[1] == '?' && p[2] == 'C') {
      int ref = callout_class(x, p);
      return ref >= 0 ? 1ull << (ref & 63) : ahead;
    }
    int look_ahead = p[1] == '?' && p[2] == '=';
    int look_other =
        p[1] == '?' &&
        (p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!')));
    if (look_ahead || look_other) {
      if (look_ahead && ahead == ANYWHERE) { /* (?=@X ...): X starts here */
        const char *in = p + 3;
        ahead = lead_alts(x, &in);
      }
      p = after;
      continue;
    }
    const char *in = rules_group_body(p, after);
    if (!in)
      return ahead; /* options, branch resets, comments */
    if (may_skip(after, x->end))
      return ahead;
    uint64_t m = lead_alts(x, &in);
    return m != ANYWHERE ? m : ahead;
  }
  return ahead; /* nothing consumed after it: the empty sequence */
}

/* The union over the alternatives at *p, up to the ")" that closes them or
 * the end; ANYWHERE when one of them is unknown. */
static uint64_t lead_alts(const lead_ctx *x, const char **pp) {
  uint64_t mask = 0;
  const char *p = *pp;
  for (;;) {
    const char *q = p;
    uint64_t m = lead_seq(x, &q);
    if (m == ANYWHERE)
      return ANYWHERE;
    mask |= m;
    /* on to the next alternative of this level */
    while (p < x->end && *p != '|' && *p != ')') {
      if (*p == '(')
        p = group_end(p, x->end);
      else if (*p == '[')
        p = class_end(p, x->end);
      else
        p += *p == '\\' ? 2 : 1;
      if (!p)
        return ANYWHERE;
    }
    if (p >= x->end || *p == ')')
      break;
    p++; /* the | */
  }
  *pp = p;
  return mask;
}

uint64_t rules_anchor_classes(const char *pattern, const rule_call *calls,
                              size_t n_calls) {
  lead_ctx x = {pattern + strlen(pattern), calls, n_calls};
  const char *p = pattern;
  uint64_t m = lead_alts(&x, &p);
  return m == ANYWHERE || p != x.end ? 0 : m;
}

/* --- relation rules: matches that start at a token ------------------- */

/* Does every match of the sequence at p start at a token of the view: at
 * its start (^) or after a space ((?<![^ ]), which every @TYPE of a
 * relation rule expands to)? Zero-width items before it are stepped
 * over; anything else that comes first answers no. */
static int token_alts(const char *end, const char *p);

static int token_seq(const char *end, const char *p) {
  static const char at_token[] = "(?<![^ ])";
  while (p < end && *p != '|' && *p != ')') {
    if (*p == '^' || !strncmp(p, at_token, sizeof at_token - 1))
      return 1;
    if (*p != '(')
      return 0;
    const char *after = group_end(p, end);
    if (!after)
      return 0;
    if (p[1] == '?' && (p[2] == '=' || p[2] == '!' ||
                        (p[2] == '<' && (p[3] == '=' || p[3] == '!')))) {
      p = after; /* a look-around consumes nothing */
      continue;
    }
    const char *in = rules_group_body(p, after);
    /* not options, branch resets, comments */
    return in && !may_skip(after, end) && token_alts(after - 1, in);
  }
  return 0; /* the empty sequence matches anywhere */
}

/* Every alternative from p to end (the ")" closing them, or the end of
 * the pattern). */
static int token_alts(const char *end, const char *p) {
  for (;;) {
    if (!token_seq(end, p))
      return 0;
    while (p < end && *p != '|') { /* on to the next alternative */
      if (*p == '(')
        p = group_end(p, end);
      else if (*p == '[')
        p = class_end(p, end);
      else
        p += *p == '\\' ? 2 : 1;
      if (!p)
        return 0;
    }
    if (p >= end)
      return 1;
    p++; /* the | */
  }
}

int rules_starts_at_token(const char *pattern) {
  return token_alts(pattern + strlen(pattern), pattern);
}

size_t rules_next_token(const char *text, size_t len, size_t at) {
  if (at == 0)
    return 0;
  const char *space =
      at <= len ? memchr(text + at - 1, ' ', len - at + 1) : NULL;
  return space ? (size_t)(space - text) + 1 : len + 1;
}
