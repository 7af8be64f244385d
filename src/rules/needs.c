/*
 * Words a relation rule's match needs, and a sentence test for them.
 *
 * Most relation rules hang on a closed list of words: leader.of on a
 * title (رئيس، الملك، ...), official.org on a post; and on placeholders
 * (@DEMONYM). The analysis finds, in each alternative of the expanded
 * pattern, all the text every match of it contains: runs of literal
 * characters, and groups of literal alternatives (only letters and
 * spaces) that it cannot skip, also inside groups it cannot skip. A
 * sentence view lets the rule run only when, for one alternative, it may
 * contain each of them (one of the words of each group). The test is a
 * filter of the view's four-byte substrings, asked for every four bytes
 * of a word: it can say yes wrongly (then PCRE2 decides, as before),
 * never no. Anything the analysis does not
 * understand leaves the rule without words, which runs it everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "util/mem.h"

/* Characters that make a group's text more than literal alternatives. */
static int meta(char c) {
  return c && strchr("\\()[]{}.*+?^$", c) != NULL;
}

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

/* Past an escape at p: \p{..}, \P{..} and \x{..} take their braces. */
static const char *escape_end(const char *p, const char *end) {
  if (p + 2 < end && strchr("pPx", p[1]) && p[2] == '{') {
    const char *close = memchr(p, '}', (size_t)(end - p));
    return close ? close + 1 : NULL;
  }
  return p + 2 <= end ? p + 2 : NULL;
}

/* The bytes of the UTF-8 character whose lead byte is c. */
static int char_len(unsigned char c) {
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Does [p, end) hold a "|" outside groups and classes? */
static int has_bar(const char *p, const char *end) {
  while (p && p < end) {
    if (*p == '|')
      return 1;
    p = *p == '(' || *p == '[' ? item_end(p, end)
        : *p == '\\'           ? escape_end(p, end)
                               : p + 1;
  }
  return !p; /* unbalanced: as good as unknown */
}

typedef struct needs_walk {
  rule_common *r;
  uint8_t alt;   /* the top-level alternative walked */
  uint8_t found; /* needs found in it */
  int failed;    /* the pattern is beyond the analysis */
} needs_walk;

/* Is every alternative of the literal set [from, to) a gram long? A
 * shorter one is in every text as far as the test knows. */
static int long_enough(const char *from, const char *to) {
  while (from < to) {
    const char *bar = memchr(from, '|', (size_t)(to - from));
    const char *e = bar ? bar : to, *b = from;
    while (e - b >= 3 && !memcmp(b, "(?:", 3))
      b += 3;
    while (e > b && e[-1] == ')')
      e--;
    if (e - b < 4)
      return 0;
    from = e == to ? to : (bar ? bar + 1 : to);
  }
  return 1;
}

static void add_need(needs_walk *w, const char *from, const char *to) {
  rule_common *r = w->r;
  if (r->n_needs == RULES_MAX_NEEDS || !long_enough(from, to))
    return; /* fewer needs make a weaker test, never a wrong one */
  r->needs[r->n_needs++] = (rule_need){.from = (uint32_t)(from - r->pattern),
                                       .to = (uint32_t)(to - r->pattern),
                                       .alt = w->alt};
  w->found++;
}

static void seq_needs(needs_walk *w, const char *p, const char *end);

/* A group at p (up to after) that a match always goes through: the
 * words it needs. Look-arounds, callouts and options need none here. */
static void group_needs(needs_walk *w, const char *p, const char *after) {
  const char *in = rules_group_body(p, after), *close = after - 1;
  if (!in || in > close)
    return;
  if (literal_alts(in, close))
    add_need(w, in, close);
  else if (!has_bar(in, close))
    seq_needs(w, in, close);
}

/* The needs of a sequence [p, end) without "|" at its level: every run of
 * literal characters, and every group it cannot skip. */
static void seq_needs(needs_walk *w, const char *p, const char *end) {
  const char *run = NULL; /* a run of literal characters from here */
  while (p < end && !w->failed) {
    const char *after;
    int literal = 0;
    if (*p == '(' || *p == '[')
      after = item_end(p, end);
    else if (*p == '\\')
      after = escape_end(p, end);
    else if (meta(*p) || *p == '|')
      after = p + 1; /* . ^ $, a "{" that is literal: not in a run */
    else
      literal = 1, after = p + char_len((unsigned char)*p);
    int optional = 0;
    const char *next =
        after && after <= end ? quantifier(after, end, &optional) : NULL;
    if (!next) {
      w->failed = 1;
      return;
    }
    if (literal && next == after) { /* a character that must be there */
      run = run ? run : p;
      p = next;
      continue;
    }
    if (run)
      add_need(w, run, p);
    run = NULL;
    if (*p == '(' && !optional)
      group_needs(w, p, after);
    p = next;
  }
  if (run)
    add_need(w, run, end);
}

static void find_needs(rule_common *r) {
  const char *pat = r->pattern, *end = pat + strlen(pat);
  r->n_needs = r->n_need_alts = 0;
  /* (?i) and (?x) change what a literal matches. A rule anchored at the
   * sentence's start runs once a sentence; it keeps running where it
   * cannot match, so that a PCRE2 limit it hits there is still reported
   * as before (leader.of_the_republic on long sentences) */
  if (*pat == '^' || strstr(pat, "(?i") || strstr(pat, "(?x") ||
      strstr(pat, "(?-") || strstr(pat, "(?^") || strstr(pat, "\\Q"))
    return; /* and \Q...\E quotes what looks like syntax */
  needs_walk w = {.r = r};
  for (const char *p = pat;; w.alt++) {
    const char *q = p; /* the end of this top-level alternative */
    while (q && q < end && *q != '|') {
      if (*q == ')')
        q = NULL;
      else
        q = *q == '(' || *q == '[' ? item_end(q, end)
            : *q == '\\'           ? escape_end(q, end)
                                   : q + 1;
    }
    w.found = 0;
    if (q && w.alt < UINT8_MAX)
      seq_needs(&w, p, q);
    if (!q || w.failed || !w.found) {
      r->n_needs = 0; /* an alternative that needs nothing: no test */
      return;
    }
    if (q >= end)
      break;
    p = q + 1;
  }
  r->n_need_alts = (uint8_t)(w.alt + 1);
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

/* Each literal alternative of need k in turn: fn(ctx, from, to). */
static void each_alternative(const rule_common *r, const rule_need *n,
                             void (*fn)(void *, const char *, const char *),
                             void *ctx) {
  const char *p = r->pattern + n->from, *end = r->pattern + n->to;
  while (p < end) {
    const char *bar = memchr(p, '|', (size_t)(end - p));
    const char *e = bar ? bar : end, *from = p;
    p = e + 1;
    /* the groups of literal_alts wrap whole alternatives */
    while (e - from >= 3 && !memcmp(from, "(?:", 3))
      from += 3;
    while (e > from && e[-1] == ')')
      e--;
    fn(ctx, from, e);
  }
}

typedef struct bits_fill {
  uint16_t *v; /* NULL: count only */
  size_t n;
} bits_fill;

/* An alternative as its number of grams, then each gram's bit. */
static void fill_alt(void *ctx, const char *from, const char *to) {
  bits_fill *f = ctx;
  size_t n = (size_t)(to - from) - 3; /* long_enough: at least one */
  if (f->v) {
    f->v[f->n] = (uint16_t)n;
    for (size_t i = 0; i < n; i++)
      f->v[f->n + 1 + i] = (uint16_t)gram_bit((const unsigned char *)from + i);
  }
  f->n += n + 1;
}

int rules_find_needs(rule_common *r, const rawi_allocator *a) {
  find_needs(r);
  if (!r->n_needs)
    return RAWI_OK;
  bits_fill f = {0};
  for (uint8_t k = 0; k < r->n_needs; k++)
    each_alternative(r, &r->needs[k], fill_alt, &f);
  if (!(f.v = rawi_mem_alloc(a, f.n * sizeof *f.v))) {
    r->n_needs = 0;
    return RAWI_ERR_NOMEM;
  }
  r->need_bits = f.v;
  f.n = 0;
  for (uint8_t k = 0; k < r->n_needs; k++) {
    r->needs[k].bits_at = (uint32_t)f.n;
    each_alternative(r, &r->needs[k], fill_alt, &f);
    r->needs[k].n_bits = (uint32_t)(f.n - r->needs[k].bits_at);
  }
  return RAWI_OK;
}

static int has_gram(const uint64_t *grams, unsigned b) {
  return grams[b >> 6] >> (b & 63) & 1;
}

/* May a text with these grams hold one of need n's alternatives (has it
 * every gram of one)? */
static int need_met(const rule_common *r, const rule_need *n,
                    const uint64_t *grams) {
  const uint16_t *v = r->need_bits + n->bits_at, *end = v + n->n_bits;
  for (; v < end; v += *v + 1) {
    uint16_t i = 1;
    while (i <= *v && has_gram(grams, v[i]))
      i++;
    if (i > *v)
      return 1;
  }
  return 0;
}

int rules_needs_met(const rule_common *r, const uint64_t *grams) {
  if (!r->n_needs)
    return 1;
  for (uint8_t alt = 0; alt < r->n_need_alts; alt++) {
    int met = 1;
    for (uint8_t k = 0; k < r->n_needs && met; k++)
      met = r->needs[k].alt != alt || need_met(r, &r->needs[k], grams);
    if (met)
      return 1;
  }
  return 0;
}
