/*
 * Words a relation rule's match needs, and a sentence test for them.
 *
 * Most relation rules hang on a closed list of words: leader.of on a
 * title (رئيس، الملك، ...), official.org on a post. The analysis finds, in
 * each alternative of the expanded pattern, a group of literal
 * alternatives that every match of it contains (a group that is not
 * optional and holds only letters and spaces), and a sentence view lets
 * the rule run only when it may contain one of them. The test is a
 * filter of the view's four-byte substrings: it can say yes wrongly (then
 * PCRE2 decides, as before), never no. Anything the analysis does not
 * understand leaves the rule without words, which runs it everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

/* Characters that make a group's text more than literal alternatives. */
static int meta(char c) { return c && strchr("\\()[]{}.*+?^$", c) != NULL; }

/* Past the group or character class at p (its closing bracket), or NULL
 * when unbalanced; escapes and classes inside are stepped over. */
static const char *item_end(const char *p, const char *end) {
  int depth = 0;
  do {
    if (*p == '\\') {
      p++;
    } else if (*p == '[') { /* a class: "]" first is a member */
      p += p + 1 < end && p[1] == '^' ? 2 : 1;
      if (p < end && *p == ']')
        p++;
      while (p < end && *p != ']')
        p += *p == '\\' ? 2 : 1;
      if (!depth)
        return p < end ? p + 1 : NULL;
    } else if (*p == '(') {
      depth++;
    } else if (*p == ')') {
      depth--;
    }
    p++;
  } while (p < end && depth > 0);
  return depth ? NULL : p;
}

/* Past a quantifier at p; *optional when it allows no repeat. NULL for a
 * "{" that is not a quantifier (the analysis gives up). */
static const char *quantifier(const char *p, const char *end, int *optional) {
  *optional = 0;
  if (p < end && (*p == '?' || *p == '*')) {
    *optional = 1;
    p++;
  } else if (p < end && *p == '+') {
    p++;
  } else if (p < end && *p == '{') {
    char *q;
    unsigned long lo = strtoul(p + 1, &q, 10);
    if (q == p + 1 || (*q != '}' && *q != ','))
      return NULL;
    const char *close = memchr(q, '}', (size_t)(end - q));
    if (!close)
      return NULL;
    *optional = lo == 0;
    p = close + 1;
  } else {
    return p;
  }
  return p < end && (*p == '?' || *p == '+') ? p + 1 : p;
}

/* Is the body [p, end) of a group literal alternatives only? An
 * alternative may be a group of such alternatives itself, as a macro
 * inside a choice writes it: (?:(?:رئيس|الملك)|المستشار). */
static int literal_alts(const char *p, const char *end) {
  for (;;) {
    const char *q = p; /* the end of this alternative */
    if (end - p > 3 && !memcmp(p, "(?:", 3)) {
      if (!(q = item_end(p, end)) || !literal_alts(p + 3, q - 1))
        return 0;
    } else {
      while (q < end && *q != '|' && !meta(*q))
        q++;
      if (q == p)
        return 0; /* empty */
    }
    if (q == end)
      return 1;
    if (*q != '|')
      return 0;
    p = q + 1;
  }
}

/* In the alternative [p, end) of the top level, the first group of
 * literal alternatives every match contains: its body in *from, *to.
 * Items are stepped over while they can be: on anything else, none. */
static int alt_needs(const char *p, const char *end, const char **from,
                     const char **to) {
  while (p < end) {
    const char *after;
    if (*p == '(' || *p == '[') {
      if (!(after = item_end(p, end)))
        return 0;
    } else if (*p == '\\') {
      after = p + 2;
    } else {
      after = p + 1; /* a literal character, . ^ $ */
    }
    int optional;
    const char *next = quantifier(after, end, &optional);
    if (!next)
      return 0;
    if (*p == '(' && p[1] == '?' && p[2] == ':' && !optional &&
        literal_alts(p + 3, after - 1)) {
      *from = p + 3;
      *to = after - 1;
      return 1;
    }
    p = next;
  }
  return 0;
}

void rules_find_needs(rule *r) {
  const char *pat = r->pattern, *end = pat + strlen(pat);
  r->n_needs = 0;
  /* (?i) and (?x) change what a literal matches. A rule anchored at the
   * sentence's start runs once a sentence; it keeps running where it
   * cannot match, so that a PCRE2 limit it hits there is still reported
   * as before (leader.of_the_republic on long sentences) */
  if (*pat == '^' || strstr(pat, "(?i") || strstr(pat, "(?x") ||
      strstr(pat, "(?-") || strstr(pat, "(?^"))
    return;
  uint8_t n = 0;
  for (const char *p = pat;;) {
    const char *q = p; /* the end of this top-level alternative */
    while (q < end && *q != '|') {
      const char *after = *q == '(' || *q == '[' ? item_end(q, end)
                          : *q == '\\'           ? q + 2
                                                 : q + 1;
      if (!after || *q == ')')
        return; /* unbalanced */
      q = after;
    }
    const char *from, *to;
    if (n == RULES_MAX_NEEDS || !alt_needs(p, q, &from, &to))
      return; /* an alternative that needs no word: no test */
    r->needs[n][0] = (uint32_t)(from - pat);
    r->needs[n][1] = (uint32_t)(to - pat);
    n++;
    if (q >= end)
      break;
    p = q + 1;
  }
  r->n_needs = n;
}

/* --- the sentence test ----------------------------------------------- */

static unsigned gram_bit(const unsigned char *s) {
  uint32_t w;
  memcpy(&w, s, 4);
  return (w * 0x9E3779B1u) >> (32 - RULES_GRAM_LOG2);
}

void rules_grams(const char *text, size_t len, uint64_t *grams) {
  memset(grams, 0, RULES_GRAM_BITS / 8);
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i + 4 <= len; i++) {
    unsigned b = gram_bit(s + i);
    grams[b >> 6] |= 1ull << (b & 63);
  }
}

/* May a text with these grams contain [p, end)? */
static int may_contain(const uint64_t *grams, const char *p, const char *end) {
  for (; p + 4 <= end; p++) {
    unsigned b = gram_bit((const unsigned char *)p);
    if (!(grams[b >> 6] >> (b & 63) & 1))
      return 0;
  }
  return 1;
}

int rules_needs_met(const rule *r, const uint64_t *grams) {
  if (!r->n_needs)
    return 1;
  for (uint8_t k = 0; k < r->n_needs; k++) {
    const char *p = r->pattern + r->needs[k][0];
    const char *end = r->pattern + r->needs[k][1];
    while (p < end) { /* each literal alternative in turn */
      const char *bar = memchr(p, '|', (size_t)(end - p));
      const char *e = bar ? bar : end, *from = p;
      p = e + 1;
      /* the groups of literal_alts wrap whole alternatives */
      while (e - from >= 3 && !memcmp(from, "(?:", 3))
        from += 3;
      while (e > from && e[-1] == ')')
        e--;
      if (may_contain(grams, from, e))
        return 1;
    }
  }
  return 0;
}
