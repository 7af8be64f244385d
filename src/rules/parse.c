/*
 * Reading rule files: blocks, macros, class references, examples; then
 * compiling each pattern with PCRE2 (JIT when available).
 *
 *   define NAME = PATTERN
 *   rule NAME
 *     type: PERSON
 *     priority: 60
 *     pattern: @TITLE (?<name>{NAME_TOKEN}(?: {NAME_TOKEN}){1,2})
 *     trigger: قال أكد
 *     example: SENTENCE => TEXT
 *     counter: SENTENCE [=> TEXT]
 *
 * Every problem is reported with file:line:column and loading goes on, so
 * one run lists all of a file's errors.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/types.h"
#include "gazetteer/gazetteer.h"
#include "relate/relate.h"
#include "rules/rules.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/strbuf.h"
#include "util/utf8.h"

typedef struct parser {
  ruleset *rs;
  const char *file;
  const rules_norm *norm;
  rules_error_fn on_error;
  void *ctx;
  int errors;
} parser;

static void report(parser *p, unsigned long line, unsigned long col,
                   const char *fmt, const char *a, const char *b) {
  rawi_error e;
  rawi_error_at(&e, RAWI_ERR_FORMAT, p->file, line, col, fmt, a, b);
  if (p->on_error)
    p->on_error(p->ctx, &e);
  p->errors++;
}

static char *dup_n(const rawi_allocator *a, const char *s, size_t n) {
  char *c = rawi_mem_alloc(a, n + 1);
  if (c) {
    memcpy(c, s, n);
    c[n] = '\0';
  }
  return c;
}

static void free_words(const rawi_allocator *a, char **words, size_t n) {
  for (size_t i = 0; i < n; i++)
    rawi_mem_free(a, words[i]);
  rawi_mem_free(a, words);
}

static void free_common(const rawi_allocator *a, rule_common *r) {
  rawi_mem_free(a, r->name);
  rawi_mem_free(a, r->file);
  rawi_mem_free(a, r->pattern);
  pattern_free(r->code);
  rawi_mem_free(a, r->need_bits);
  free_words(a, r->trigger_words, r->n_trigger_words);
  free_words(a, r->unless_words, r->n_unless_words);
  for (size_t i = 0; i < r->n_examples; i++) {
    rawi_mem_free(a, r->examples[i].sentence);
    rawi_mem_free(a, r->examples[i].expect);
  }
  rawi_mem_free(a, r->examples);
  memset(r, 0, sizeof *r);
}

static void free_entity_rule(const rawi_allocator *a, entity_rule *r) {
  free_common(a, &r->common);
  rawi_mem_free(a, r->id);
  rawi_mem_free(a, r->calls);
  memset(r, 0, sizeof *r);
}

static void free_relation_rule(const rawi_allocator *a, relation_rule *r) {
  free_common(a, &r->common);
  free_words(a, r->subject_heads, r->n_subject_heads);
  memset(r, 0, sizeof *r);
}

void ruleset_init(ruleset *rs, const rawi_allocator *alloc) {
  *rs = (ruleset){.alloc = alloc, .ovector_pairs = 1};
  pattern_compiler_init(&rs->compiler, alloc);
}

void ruleset_free(ruleset *rs) {
  for (size_t i = 0; i < rs->n_entity_rules; i++)
    free_entity_rule(rs->alloc, &rs->entity_rules[i]);
  rawi_mem_free(rs->alloc, rs->entity_rules);
  for (size_t i = 0; i < rs->n_relation_rules; i++)
    free_relation_rule(rs->alloc, &rs->relation_rules[i]);
  rawi_mem_free(rs->alloc, rs->relation_rules);
  for (size_t i = 0; i < rs->n_macros; i++) {
    rawi_mem_free(rs->alloc, rs->macro_names[i]);
    rawi_mem_free(rs->alloc, rs->macro_bodies[i]);
  }
  rawi_mem_free(rs->alloc, rs->macro_names);
  rawi_mem_free(rs->alloc, rs->macro_bodies);
  rules_words_free(rs);
  pattern_compiler_free(&rs->compiler);
  ruleset_init(rs, rs->alloc);
}

/* --- expansion ----------------------------------------------------------- */

/* Expanded pattern text with, for each byte, the column it came from. */
typedef struct expansion {
  rawi_strbuf out;
  uint32_t *cols;
  size_t cap_cols;
  rule_call calls[RULES_MAX_CALLS];
  size_t n_calls;
  uint8_t optional[RULES_MAX_CALLS]; /* class reference need not match */
  struct {
    size_t first_call;   /* calls made inside this group start here */
    int alt, lookaround; /* the group has a |; is a (?= (?! (?<= (?<! */
  } groups[64];
  int depth;              /* open groups */
  int relation;           /* relation rule: @TYPE is an entity placeholder */
  int top_alt;            /* a | outside any group: nothing is required */
  const char *active[16]; /* macros being expanded: recursion guard */
  size_t n_active;
} expansion;

static int put_text(expansion *x, const char *s, size_t n, uint32_t col) {
  if (rawi_mem_grow(x->out.alloc, (void **)&x->cols, &x->cap_cols,
                    x->out.len + n + 1, sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  for (size_t i = 0; i < n; i++)
    x->cols[x->out.len + i] = col;
  rawi_strbuf_add(&x->out, s, n);
  return x->out.failed ? RAWI_ERR_NOMEM : RAWI_OK;
}

static size_t ident_len(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
    i++;
  return i;
}

static int find_macro(const ruleset *rs, const char *name, size_t n) {
  for (size_t i = rs->n_macros; i-- > 0;)
    if (strlen(rs->macro_names[i]) == n && !memcmp(rs->macro_names[i], name, n))
      return (int)i;
  return -1;
}

static int expand(parser *p, expansion *x, const char *s, size_t n,
                  unsigned long line, uint32_t col0, int in_macro);

/* {NAME}: the macro's body, expanded in turn. */
static int expand_macro(parser *p, expansion *x, const char *s, size_t n,
                        size_t *used, unsigned long line, uint32_t col) {
  const char *close = memchr(s, '}', n);
  size_t len = close ? (size_t)(close - s - 1) : 0;
  if (!close || len == 0 || ident_len(s + 1, len) != len ||
      !(isalpha((unsigned char)s[1]) || s[1] == '_')) {
    *used = 1; /* a literal brace, as PCRE2 reads it */
    return put_text(x, s, 1, col);
  }
  *used = len + 2;
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), s + 1);
  int m = find_macro(p->rs, s + 1, len);
  if (m < 0) {
    report(p, line, col, "undefined macro '%s'%s", name, "");
    return RAWI_ERR_FORMAT;
  }
  for (size_t i = 0; i < x->n_active; i++)
    if (!strcmp(x->active[i], p->rs->macro_names[m])) {
      report(p, line, col, "recursive macro '%s'%s", name, "");
      return RAWI_ERR_FORMAT;
    }
  if (x->n_active == sizeof x->active / sizeof *x->active) {
    report(p, line, col, "macros nested too deeply at '%s'%s", name, "");
    return RAWI_ERR_FORMAT;
  }
  x->active[x->n_active++] = p->rs->macro_names[m];
  int rc = put_text(x, "(?:", 3, col);
  if (rc == RAWI_OK) {
    const char *body = p->rs->macro_bodies[m];
    rc = expand(p, x, body, strlen(body), line, col, 1);
  }
  if (rc == RAWI_OK)
    rc = put_text(x, ")", 1, col);
  x->n_active--;
  return rc;
}

/* A relation rule refers to something other than an entity: the message
 * lists the entity types (src/doc/types.def) and DEMONYM. */
static int not_an_entity(parser *p, unsigned long line, uint32_t col,
                         const char *what, const char *what2) {
  char types[256], msg[512];
  doc_type_list(types, sizeof types, "@", ", ");
  snprintf(msg, sizeof msg,
           "relation rules may refer only to entities (%s, @DEMONYM), not "
           "'%s%s'",
           types, what, what2);
  report(p, line, col, "%s%s", msg, "");
  return RAWI_ERR_FORMAT;
}

/* @(?:A|B): in relation rules, one placeholder of any of the entity types
 * named, with its proclitics, like @A; elsewhere an error that says to
 * write (?:@A|@B). */
static int expand_class_alt(parser *p, expansion *x, const char *s, size_t n,
                            size_t *used, unsigned long line, uint32_t col) {
  const char *close = memchr(s, ')', n);
  *used = close ? (size_t)(close - s) + 1 : n;
  if (!x->relation || !close) {
    report(p, line, col,
           "write a choice of classes as (?:@A|@B), not "
           "@(?:A|B)%s%s",
           "", "");
    return RAWI_ERR_FORMAT;
  }
  char lit[160] = "(?<![^ ])[وفبكل]{0,3}@(?:";
  size_t at = strlen(lit);
  char what[96];
  snprintf(what, sizeof what, "%.*s",
           (int)(close - s + 1 < 95 ? close - s + 1 : 95), s);
  for (const char *q = s + 4; q < close;) {
    size_t len = ident_len(q, (size_t)(close - q));
    int ref = gz_ref_index(q, len);
    if (!len || ref < 0 || !(gz_is_entity_type(ref) || ref == GZ_DEMONYM) ||
        at + len + 16 > sizeof lit) {
      return not_an_entity(p, line, col, what, "");
    }
    at += (size_t)snprintf(lit + at, sizeof lit - at, "%s%s",
                           at > strlen("(?<![^ ])[وفبكل]{0,3}@(?:") ? "|" : "",
                           gz_type_name(ref));
    q += len;
    if (q < close && *q++ != '|') {
      report(p, line, col, "expected | between the classes of '%s'%s", what,
             "");
      return RAWI_ERR_FORMAT;
    }
  }
  snprintf(lit + at, sizeof lit - at, ")(?![^ ])");
  return put_text(x, lit, strlen(lit), col);
}

/* @CLASS or !@CLASS: a group of whole tokens and a callout to check it. */
static int expand_class(parser *p, expansion *x, const char *s, size_t n,
                        size_t *used, unsigned long line, uint32_t col) {
  int negate = s[0] == '!';
  const char *name = s + negate + 1;
  size_t len = ident_len(name, n - negate - 1);
  *used = negate + 1 + len;
  char buf[64];
  snprintf(buf, sizeof buf, "%.*s", (int)(len < 63 ? len : 63), name);
  int ref = gz_ref_index(name, len);
  if (x->relation && ref >= 0) {
    /* the relation view writes each entity as @TYPE after its proclitics */
    if (negate || !(gz_is_entity_type(ref) || ref == GZ_DEMONYM)) {
      return not_an_entity(p, line, col, negate ? "!@" : "@", buf);
    }
    char lit[64];
    snprintf(lit, sizeof lit, "(?<![^ ])[وفبكل]{0,3}@%s(?![^ ])",
             gz_type_name(ref));
    return put_text(x, lit, strlen(lit), col);
  }
  if (ref < 0) {
    report(p, line, col,
           "unknown class '@%s' (expected a type such as PERSON or a class "
           "such as TITLE, GIVEN_NAME, DEMONYM)%s",
           buf, "");
    return RAWI_ERR_FORMAT;
  }
  if (x->n_calls == RULES_MAX_CALLS) {
    report(p, line, col, "too many class references (at most 250)%s%s", "", "");
    return RAWI_ERR_FORMAT;
  }
  size_t k = x->n_calls++;
  /* A lookahead on a class only asks whether such a span starts here: one
   * callout at the position answers it, where a group would make PCRE2
   * try every span length with a callout each. */
  int starts = !negate && *used < n && s[*used] == ')' && x->out.len >= 3 &&
               (!memcmp(x->out.data + x->out.len - 3, "(?!", 3) ||
                !memcmp(x->out.data + x->out.len - 3, "(?=", 3));
  x->calls[k] = (rule_call){.ref = (uint16_t)ref,
                            .negate = (uint8_t)negate,
                            .starts = (uint8_t)starts};
  x->optional[k] = (uint8_t)(negate | starts);
  char g[128];
  if (starts) {
    snprintf(g, sizeof g, "(?C%zu)", k + 1);
    return put_text(x, g, strlen(g), col);
  }
  /* a negation is asked where its token starts, so it needs no capture
   * (every capture is copied into every callout block) */
  if (negate) {
    snprintf(g, sizeof g, "(?C%zu)\\S++", k + 1);
    return put_text(x, g, strlen(g), col);
  }
  if (x->n_calls + 2 >
      RULES_MAX_CALLS) { /* every span length, checked at its end */
    snprintf(g, sizeof g, "(?<_c%zu>\\S++(?: \\S++){0,%d})(?C%zu)", k,
             RULES_MAX_SPAN - 1, k + 1);
    return put_text(x, g, strlen(g), col);
  }
  /* The same question first, so that where no such span starts one
   * callout fails the attempt; it notes where the span starts, so that
   * before each further token a callout asks whether a span that long
   * exists. The span is whole tokens (possessive), the longest first. */
  size_t q = x->n_calls++, m = x->n_calls++;
  x->calls[q] = x->calls[m] = x->calls[k];
  x->calls[q].starts = 1;
  x->calls[q].span = x->calls[m].span = (uint16_t)(k + 1);
  x->calls[m].more = 1;
  x->optional[q] = x->optional[m] = 1;
  snprintf(g, sizeof g, "(?C%zu)(?<_c%zu>\\S++", q + 1, k);
  int rc = put_text(x, g, strlen(g), col);
  snprintf(g, sizeof g, "(?:(?C%zu) \\S++", m + 1);
  for (int i = 1; i < RULES_MAX_SPAN && rc == RAWI_OK; i++)
    rc = put_text(x, g, strlen(g), col);
  for (int i = 1; i < RULES_MAX_SPAN && rc == RAWI_OK; i++)
    rc = put_text(x, ")?", 2, col);
  snprintf(g, sizeof g, ")(?C%zu)", k + 1);
  return rc ? rc : put_text(x, g, strlen(g), col);
}

/* Which class references must match for the pattern to match: not those
 * in a lookaround, an alternative, or a group that may repeat zero times. */
static void track_groups(expansion *x, const char *s, size_t n, size_t i) {
  char c = s[i];
  if (c == '(' && x->depth < 64) {
    int look = i + 2 < n && s[i + 1] == '?' &&
               (s[i + 2] == '=' || s[i + 2] == '!' ||
                (s[i + 2] == '<' && i + 3 < n &&
                 (s[i + 3] == '=' || s[i + 3] == '!')));
    x->groups[x->depth].first_call = x->n_calls;
    x->groups[x->depth].alt = 0;
    x->groups[x->depth].lookaround = look;
    x->depth++;
  } else if (c == ')' && x->depth > 0) {
    x->depth--;
    char q = i + 1 < n ? s[i + 1] : 0;
    int maybe_none =
        q == '?' || q == '*' || (q == '{' && i + 2 < n && s[i + 2] == '0');
    if (maybe_none || x->groups[x->depth].alt || x->groups[x->depth].lookaround)
      for (size_t k = x->groups[x->depth].first_call; k < x->n_calls; k++)
        x->optional[k] = 1;
  } else if (c == '|') {
    if (x->depth)
      x->groups[x->depth - 1].alt = 1;
    else
      x->top_alt = 1;
  }
}

static int expand(parser *p, expansion *x, const char *s, size_t n,
                  unsigned long line, uint32_t col0, int in_macro) {
  uint32_t col = col0;
  for (size_t i = 0; i < n;) {
    size_t used = 1;
    int rc;
    char c = s[i];
    uint32_t here = in_macro ? col0 : col;
    if (c == '\\' && i + 1 < n) { /* escapes pass through whole */
      int k;
      rawi_utf8_decode((const unsigned char *)s + i + 1, &k);
      used = 1 + (size_t)k;
      /* \p{L}, \x{0627}, \g{1}: the braces belong to the escape */
      if (used == 2 && strchr("pPxgkNou", s[i + 1]) && i + 2 < n &&
          s[i + 2] == '{') {
        const char *close = memchr(s + i + 2, '}', n - i - 2);
        if (close)
          used = (size_t)(close - (s + i)) + 1;
      }
      rc = put_text(x, s + i, used, here);
    } else if (c == '{') {
      rc = expand_macro(p, x, s + i, n - i, &used, line, here);
    } else if ((c == '@' || (c == '!' && i + 1 < n && s[i + 1] == '@' &&
                             (i == 0 || s[i - 1] != '?'))) &&
               i + 1 + (c == '!') < n &&
               isupper((unsigned char)s[i + 1 + (c == '!')])) {
      rc = expand_class(p, x, s + i, n - i, &used, line, here);
    } else if (c == '@' && i + 3 < n && !memcmp(s + i + 1, "(?:", 3)) {
      rc = expand_class_alt(p, x, s + i, n - i, &used, line, here);
    } else if (c == '[') { /* a character class passes through whole */
      size_t j = i + 1;
      if (j < n && s[j] == '^')
        j++;
      if (j < n && s[j] == ']')
        j++;
      while (j < n && s[j] != ']')
        j += (s[j] == '\\' && j + 1 < n) ? 2 : 1;
      used = (j < n ? j + 1 : n) - i;
      rc = put_text(x, s + i, used, here);
    } else if ((unsigned char)c >= 0x80) {
      /* Arabic letters fold as the view does: أ and ا, ة and ه are one */
      int k;
      uint32_t cp =
          text_arabic_fold(rawi_utf8_decode((const unsigned char *)s + i, &k));
      used = (size_t)k;
      char enc[4];
      rc = cp == TEXT_FOLD_REMOVE
               ? RAWI_OK
               : put_text(x, enc, (size_t)rawi_utf8_encode(cp, enc), here);
    } else {
      int k;
      rawi_utf8_decode((const unsigned char *)s + i, &k);
      used = (size_t)k;
      rc = put_text(x, s + i, used, here);
      if (rc == RAWI_OK)
        track_groups(x, s, n, i);
    }
    if (rc)
      return rc;
    i += used;
    col += (uint32_t)rawi_utf8_count(s + i - used, used);
  }
  return RAWI_OK;
}

/* A negative look-ahead on one class as expanded, "(?!(?Cn))", at s: n,
 * or 0 when s holds something else. */
static unsigned negative_starts(const expansion *x, const char *s,
                                const char *end, size_t *len) {
  if (end - s < 9 || memcmp(s, "(?!(?C", 6))
    return 0;
  char *q;
  unsigned long n = strtoul(s + 6, &q, 10);
  if (q == s + 6 || end - q < 2 || memcmp(q, "))", 2) || n == 0 ||
      n > x->n_calls || !x->calls[n - 1].starts)
    return 0;
  *len = (size_t)(q + 2 - s);
  return (unsigned)n;
}

/* (?!@A)(?!@B)...: one callout asks whether any of them starts here, not
 * one each (NAMEW-style macros stack seven). The text and its columns
 * close up over the look-aheads folded into the first. */
static void merge_negative_starts(expansion *x) {
  char *s = x->out.data;
  const char *end = s + x->out.len;
  size_t w = 0;
  for (size_t i = 0; s + i < end;) {
    size_t len, more;
    unsigned a = negative_starts(x, s + i, end, &len), b;
    size_t keep = a ? len : s[i] == '\\' && s + i + 1 < end ? 2 : 1;
    memmove(s + w, s + i, keep);
    memmove(x->cols + w, x->cols + i, keep * sizeof *x->cols);
    w += keep;
    i += keep;
    while (a && (b = negative_starts(x, s + i, end, &more))) {
      rule_call *into = &x->calls[a - 1];
      const rule_call *from = &x->calls[b - 1];
      into->also |= 1ull << (from->ref & 63) | from->also;
      i += more;
    }
  }
  x->out.len = w;
  s[w] = '\0';
}

/* --- compiling ------------------------------------------------------------ */

/* Compile r->pattern (anchored: every match starts where it is tried) and
 * find the text its matches need; report PCRE2's message at the source
 * column. */
static int compile_pattern(parser *p, rule_common *r, const expansion *x,
                           unsigned long line, int anchored) {
  /* a rule runs only where its words may be */
  if (rules_find_needs(r, p->rs->alloc))
    return RAWI_ERR_NOMEM;
  pattern_error err;
  int rc = pattern_compile(&p->rs->compiler, r->pattern, anchored,
                           !p->rs->no_jit, &r->code, &err);
  if (rc == RAWI_ERR_FORMAT) {
    unsigned long col = err.offset < x->out.len ? x->cols[err.offset]
                        : x->out.len            ? x->cols[x->out.len - 1] + 1
                                                : 1;
    report(p, line, col, "invalid pattern: %s%s", err.message, "");
  }
  if (rc)
    return rc;
  uint32_t caps = pattern_capture_count(r->code);
  if (caps + 1 > p->rs->ovector_pairs)
    p->rs->ovector_pairs = caps + 1;
  return RAWI_OK;
}

/* The class references of an entity rule: its callouts, the classes it
 * always requires, the classes a match starts with. */
static int entity_calls(parser *p, entity_rule *r, const expansion *x) {
  r->calls = rawi_mem_alloc(p->rs->alloc, (x->n_calls + 1) * sizeof *r->calls);
  if (!r->calls)
    return RAWI_ERR_NOMEM;
  memcpy(r->calls, x->calls, x->n_calls * sizeof *r->calls);
  r->n_calls = x->n_calls;
  if (!x->top_alt)
    for (size_t k = 0; k < x->n_calls; k++)
      if (!x->optional[k])
  r->requires |= 1ull << (x->calls[k].ref & 63);
  /* a rule that starts with a class is tried only where one starts */
  r->anchors = rules_anchor_classes(r->common.pattern, r->calls, r->n_calls);
  return RAWI_OK;
}

/* The captures an entity rule's callouts and its entity are in. */
static int entity_groups(entity_rule *r) {
  for (size_t k = 0; k < r->n_calls; k++) {
    rule_call *c = &r->calls[k];
    if (c->starts || c->negate || c->more)
      continue;
    char name[32];
    snprintf(name, sizeof name, "_c%zu", k);
    if (!(c->group = pattern_group_named(r->common.code, name)))
      return RAWI_ERR_FORMAT;
  }
  r->group = pattern_group_named(r->common.code, "name");
  r->group2 = pattern_group_named(r->common.code, "name2");
  return RAWI_OK;
}

/* The captures a relation rule's ends and plans are in (a macro such as
 * MEET may bring a `planned` capture into each alternative of a pattern,
 * so names may repeat). */
static int relation_groups(parser *p, relation_rule *r, unsigned long line) {
  const pcre2_code *code = r->common.code;
  r->subject = pattern_group_named(code, "subject");
  r->object = pattern_group_named(code, "object");
  r->subject2 = pattern_group_named(code, "subject2");
  r->object2 = pattern_group_named(code, "object2");
  size_t cap = sizeof r->planned_groups / sizeof *r->planned_groups;
  size_t n = pattern_groups_named(code, "planned", r->planned_groups, cap);
  if (n > cap) {
    report(p, line, 1, "rule '%s' has more than 4 groups named planned%s",
           r->common.name, "");
    return RAWI_ERR_FORMAT;
  }
  r->n_planned_groups = (uint8_t)n;
  return RAWI_OK;
}

/* --- the predicate table -------------------------------------------------- */

/* The rules stage reads the predicates (src/doc/predicates.c) through this
 * one function: the name of predicate i, or NULL past the last. */
static const char *predicate_name(int i) {
  const doc_predicate *pr = doc_predicate_at(i);
  return pr ? pr->name : NULL;
}

static int predicate_index(const char *name, size_t len) {
  const char *n;
  for (int i = 0; (n = predicate_name(i)); i++)
    if (strlen(n) == len && !memcmp(n, name, len))
      return i;
  return -1;
}

/* The predicates' names for a message: "met_with, advised ... or killed". */
static void predicate_names(char *out, size_t cap) {
  const char *n;
  size_t at = 0;
  out[0] = '\0';
  for (int i = 0; (n = predicate_name(i)) && at < cap; i++)
    at += (size_t)snprintf(out + at, cap - at, "%s%s",
                           !i                      ? ""
                           : predicate_name(i + 1) ? ", "
                                                   : " or ",
                           n);
}

/* --- rule blocks ---------------------------------------------------------- */

/* Where a key was written: line 0 when it was not. */
typedef struct key_at {
  unsigned long line, col;
} key_at;

/* A rule as its block is read: the keys of both kinds, until the block
 * ends and says which kind it is. */
typedef struct block {
  rule_common common;
  int is_relation;          /* relation: came last of type: and relation: */
  int has_type;             /* one of them came */
  int type, priority;       /* entity rules */
  char *id;                 /* entity rules */
  uint64_t trigger_classes; /* entity rules */
  int relation;             /* relation rules: the predicate */
  double confidence;        /* relation rules */
  uint8_t planned;          /* relation rules: modality */
  char **subject_heads;     /* relation rules */
  size_t n_subject_heads;
  const char *pattern; /* as written, and where */
  size_t pattern_len;
  unsigned long pattern_line, pattern_col;
  unsigned long modality_line, modality_col; /* a modality: key, or 0 */
  /* where keys of one kind only were written (line 0: not written), so
   * that the other kind refuses them */
  key_at priority_at, id_at, confidence_at, trigger_class_at;
} block;

/* Free what the block still holds (its rule took the rest). */
static void free_block(const rawi_allocator *a, block *b) {
  free_common(a, &b->common);
  rawi_mem_free(a, b->id);
  free_words(a, b->subject_heads, b->n_subject_heads);
  b->id = NULL;
  b->subject_heads = NULL;
  b->n_subject_heads = 0;
}

static const char *skip_ws(const char *s, const char *end) {
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  return s;
}

static unsigned long col_of(const char *line, const char *at) {
  return (unsigned long)rawi_utf8_count(line, (size_t)(at - line)) + 1;
}

static int normalise(parser *p, const char *s, size_t n, char **out) {
  char buf[1024];
  int len = p->norm->fn(p->norm->ctx, s, n, buf, sizeof buf);
  if (len < 0)
    return RAWI_ERR_NOMEM;
  *out = dup_n(p->rs->alloc, buf, (size_t)len);
  return *out ? RAWI_OK : RAWI_ERR_NOMEM;
}

/* The words of a trigger:, unless: or subject_head: line into list; with
 * classes, the classes it names (@TITLE) into *classes. */
static int add_words(parser *p, uint64_t *classes, char ***list, size_t *n,
                     const char *v, const char *end, unsigned long ln,
                     const char *line) {
  while ((v = skip_ws(v, end)) < end) {
    const char *w = v;
    while (v < end && *v != ' ' && *v != '\t')
      v++;
    if (*w == '@' && classes) { /* a class */
      int ref = gz_ref_index(w + 1, (size_t)(v - w - 1));
      if (ref < 0)
        report(p, ln, col_of(line, w), "unknown class in trigger%s%s", "", "");
      else /* any of them triggers the rule */
        *classes |= 1ull << (ref & 63);
      continue;
    }
    char **nw = rawi_mem_realloc(p->rs->alloc, *list, (*n + 1) * sizeof *nw);
    if (!nw)
      return RAWI_ERR_NOMEM;
    *list = nw;
    int rc = normalise(p, w, (size_t)(v - w), &nw[*n]);
    if (rc)
      return rc;
    (*n)++;
  }
  return RAWI_OK;
}

static int add_example(parser *p, rule_common *r, const char *v,
                       const char *end, int negative, unsigned long line,
                       unsigned long col) {
  const char *arrow = NULL;
  for (const char *q = v; q + 1 < end; q++)
    if (q[0] == '=' && q[1] == '>') {
      arrow = q;
      break;
    }
  if (!arrow && !negative) {
    report(p, line, col, "example needs 'SENTENCE => TEXT'%s%s", "", "");
    return RAWI_OK;
  }
  const char *send = arrow ? arrow : end;
  while (send > v && (send[-1] == ' ' || send[-1] == '\t'))
    send--;
  rule_example *ne = rawi_mem_realloc(p->rs->alloc, r->examples,
                                      (r->n_examples + 1) * sizeof *ne);
  if (!ne)
    return RAWI_ERR_NOMEM;
  r->examples = ne;
  rule_example *e = &ne[r->n_examples];
  *e = (rule_example){.negative = negative, .line = line};
  e->sentence = dup_n(p->rs->alloc, v, (size_t)(send - v));
  if (!e->sentence)
    return RAWI_ERR_NOMEM;
  r->n_examples++;
  if (arrow) {
    const char *t = skip_ws(arrow + 2, end);
    e->expect = dup_n(p->rs->alloc, t, (size_t)(end - t));
    if (!e->expect)
      return RAWI_ERR_NOMEM;
  }
  return RAWI_OK;
}

static int parse_priority(const char *v, const char *end, int *out) {
  char buf[16];
  size_t n = (size_t)(end - v);
  if (n == 0 || n >= sizeof buf)
    return -1;
  memcpy(buf, v, n);
  buf[n] = '\0';
  char *e;
  long x = strtol(buf, &e, 10);
  if (*e || x < -1000 || x > 1000)
    return -1;
  *out = (int)x;
  return 0;
}

/* One "key: value" line of a rule block. */
static int block_key(parser *p, block *b, const char *line, const char *k,
                     const char *end, unsigned long ln) {
  const char *colon = memchr(k, ':', (size_t)(end - k));
  size_t klen = colon ? ident_len(k, (size_t)(colon - k)) : 0;
  if (!colon || klen != (size_t)(colon - k)) {
    report(p, ln, col_of(line, k), "expected 'key: value' in rule '%s'%s",
           b->common.name, "");
    return RAWI_OK;
  }
  const char *v = skip_ws(colon + 1, end);
  unsigned long vcol = col_of(line, v);
#define KEY(s) (klen == sizeof(s) - 1 && !memcmp(k, s, klen))
  if (KEY("type")) {
    int t = gz_type_index(v, (size_t)(end - v));
    char types[256];
    doc_type_list(types, sizeof types, "", " or ");
    if (t < 0 || !gz_is_entity_type(t))
      report(p, ln, vcol, "unknown entity type (expected %s)%s", types, "");
    else
      b->type = t, b->is_relation = 0, b->has_type = 1;
  } else if (KEY("relation")) {
    int rel = predicate_index(v, (size_t)(end - v));
    if (rel < 0) {
      char names[200];
      predicate_names(names, sizeof names);
      report(p, ln, vcol, "unknown relation (expected %s)%s", names, "");
    } else {
      b->relation = rel, b->is_relation = 1, b->has_type = 1;
    }
  } else if (KEY("confidence")) {
    b->confidence_at = (key_at){ln, col_of(line, k)};
    char buf[16];
    size_t n = (size_t)(end - v);
    char *e = NULL;
    if (n && n < sizeof buf) {
      memcpy(buf, v, n);
      buf[n] = '\0';
      b->confidence = strtod(buf, &e);
    }
    /* written so that NaN fails too: every comparison with it is false */
    if (!e || *e || !(b->confidence > 0 && b->confidence <= 1))
      report(p, ln, vcol, "confidence must be a number in (0, 1]%s%s", "", "");
  } else if (KEY("modality")) {
    size_t n = (size_t)(end - v);
    b->modality_line = ln;
    b->modality_col = col_of(line, k);
    if (n == 8 && !memcmp(v, "asserted", 8))
      b->planned = 0;
    else if (n == 7 && !memcmp(v, "planned", 7))
      b->planned = 1;
    else
      report(p, ln, vcol, "modality must be asserted or planned%s%s", "", "");
  } else if (KEY("id")) {
    b->id_at = (key_at){ln, col_of(line, k)};
    const char *e = v;
    while (e < end && *e != ' ' && *e != '\t')
      e++;
    if (e == v || e != end) {
      report(p, ln, vcol, "id must be one word without spaces%s%s", "", "");
    } else {
      rawi_mem_free(p->rs->alloc, b->id); /* a repeated id: the last counts */
      if (!(b->id = dup_n(p->rs->alloc, v, (size_t)(e - v))))
        return RAWI_ERR_NOMEM;
    }
  } else if (KEY("priority")) {
    b->priority_at = (key_at){ln, col_of(line, k)};
    if (parse_priority(v, end, &b->priority))
      report(p, ln, vcol,
             "priority must be a whole number from -1000 to 1000%s%s", "", "");
  } else if (KEY("pattern")) {
    b->pattern = v;
    b->pattern_len = (size_t)(end - v);
    b->pattern_line = ln;
    b->pattern_col = vcol;
  } else if (KEY("trigger")) {
    const char *cls = memchr(v, '@', (size_t)(end - v));
    if (cls && !b->trigger_class_at.line)
      b->trigger_class_at = (key_at){ln, col_of(line, cls)};
    return add_words(p, &b->trigger_classes, &b->common.trigger_words,
                     &b->common.n_trigger_words, v, end, ln, line);
  } else if (KEY("unless")) {
    return add_words(p, NULL, &b->common.unless_words,
                     &b->common.n_unless_words, v, end, ln, line);
  } else if (KEY("subject_head")) {
    return add_words(p, NULL, &b->subject_heads, &b->n_subject_heads, v, end,
                     ln, line);
  } else if (KEY("example") || KEY("counter")) {
    return add_example(p, &b->common, v, end, KEY("counter"), ln, vcol);
  } else {
    char key[64];
    snprintf(key, sizeof key, "%.*s", (int)(klen < 63 ? klen : 63), k);
    report(p, ln, col_of(line, k),
           "unknown key '%s' (expected type or relation, id, priority, "
           "confidence, modality, pattern, trigger, unless, subject_head, "
           "example or counter)%s",
           key, "");
  }
#undef KEY
  return RAWI_OK;
}

/* The rule of rs named name, or NULL; *is_relation and *i say where. */
static rule_common *find_rule(ruleset *rs, const char *name, int *is_relation,
                              size_t *i) {
  for (*i = 0; *i < rs->n_entity_rules; (*i)++)
    if (!strcmp(rs->entity_rules[*i].common.name, name))
      return *is_relation = 0, &rs->entity_rules[*i].common;
  for (*i = 0; *i < rs->n_relation_rules; (*i)++)
    if (!strcmp(rs->relation_rules[*i].common.name, name))
      return *is_relation = 1, &rs->relation_rules[*i].common;
  return NULL;
}

/* Close the gap of element i in array v of *n elements of size bytes. */
static void remove_at(void *v, size_t size, size_t *n, size_t i) {
  char *a = v;
  memmove(a + i * size, a + (i + 1) * size, (*n - i - 1) * size);
  (*n)--;
}

/* Take rule i out of rs's relation rules (an entity rule of its name
 * replaces it), or out of its entity rules (a relation rule does). */
static void drop_relation_rule(ruleset *rs, size_t i) {
  free_relation_rule(rs->alloc, &rs->relation_rules[i]);
  remove_at(rs->relation_rules, sizeof *rs->relation_rules,
            &rs->n_relation_rules, i);
}

static void drop_entity_rule(ruleset *rs, size_t i) {
  free_entity_rule(rs->alloc, &rs->entity_rules[i]);
  remove_at(rs->entity_rules, sizeof *rs->entity_rules, &rs->n_entity_rules, i);
}

/* Put entity rule r into rs: in the place of a rule of the same name (a
 * relation rule of that name leaves its array), else after the others.
 * On RAWI_ERR_NOMEM rs is as it was and r still the caller's. */
static int put_entity_rule(ruleset *rs, entity_rule *r) {
  int is_relation;
  size_t i;
  if (find_rule(rs, r->common.name, &is_relation, &i) && !is_relation) {
    free_entity_rule(rs->alloc, &rs->entity_rules[i]);
    rs->entity_rules[i] = *r;
    return RAWI_OK;
  }
  if (rawi_mem_grow(rs->alloc, (void **)&rs->entity_rules,
                    &rs->cap_entity_rules, rs->n_entity_rules + 1,
                    sizeof *rs->entity_rules))
    return RAWI_ERR_NOMEM;
  if (find_rule(rs, r->common.name, &is_relation, &i))
    drop_relation_rule(rs, i);
  rs->entity_rules[rs->n_entity_rules++] = *r;
  return RAWI_OK;
}

static int put_relation_rule(ruleset *rs, relation_rule *r) {
  int is_relation;
  size_t i;
  if (find_rule(rs, r->common.name, &is_relation, &i) && is_relation) {
    free_relation_rule(rs->alloc, &rs->relation_rules[i]);
    rs->relation_rules[i] = *r;
    return RAWI_OK;
  }
  if (rawi_mem_grow(rs->alloc, (void **)&rs->relation_rules,
                    &rs->cap_relation_rules, rs->n_relation_rules + 1,
                    sizeof *rs->relation_rules))
    return RAWI_ERR_NOMEM;
  if (find_rule(rs, r->common.name, &is_relation, &i))
    drop_entity_rule(rs, i);
  rs->relation_rules[rs->n_relation_rules++] = *r;
  return RAWI_OK;
}

/* A key written in a rule of the kind it does not apply to: an error at
 * the key, rather than a key that silently does nothing. */
static int refuse_key(parser *p, key_at at, const char *key, const char *kind,
                      const char *rule) {
  if (!at.line)
    return RAWI_OK;
  char msg[160];
  snprintf(msg, sizeof msg, "%s applies to %s rules only, not to rule ", key,
           kind);
  report(p, at.line, at.col, "%s'%s'", msg, rule);
  return RAWI_ERR_FORMAT;
}

/* A finished entity rule block: compile it and put it into the set. */
static int finish_entity_rule(parser *p, block *b, const expansion *x) {
  entity_rule r = {.common = b->common,
                   .type = b->type,
                   .priority = b->priority,
                   .id = b->id,
                   .trigger_classes = b->trigger_classes};
  b->common = (rule_common){0};
  b->id = NULL;
  int rc = entity_calls(p, &r, x);
  if (rc == RAWI_OK)
    rc = compile_pattern(p, &r.common, x, b->pattern_line, r.anchors != 0);
  if (rc == RAWI_OK)
    rc = entity_groups(&r);
  const char *name = r.common.name;
  if (rc == RAWI_OK && b->n_subject_heads) {
    report(p, r.common.line, 1,
           "subject_head applies to relation rules only, "
           "not to rule '%s'%s",
           name, "");
    rc = RAWI_ERR_FORMAT;
  }
  if (rc == RAWI_OK && b->modality_line) {
    report(p, b->modality_line, b->modality_col,
           "modality applies to relation rules only, "
           "not to rule '%s'%s",
           name, "");
    rc = RAWI_ERR_FORMAT;
  }
  if (rc == RAWI_OK)
    rc = refuse_key(p, b->confidence_at, "confidence", "relation", name);
  if (rc == RAWI_OK && !r.requires && !r.trigger_classes &&
      !r.common.n_trigger_words) {
    report(p, r.common.line, 1,
           "rule '%s' needs a trigger: a class its pattern always requires "
           "(@TITLE) or a 'trigger:' line%s",
           name, "");
    rc = RAWI_ERR_FORMAT;
  }
  if (rc == RAWI_OK)
    rc = put_entity_rule(p->rs, &r);
  if (rc)
    free_entity_rule(p->rs->alloc, &r);
  return rc;
}

/* A finished relation rule block: compile it and put it into the set. A
 * relation rule that starts at a token is tried only at tokens (an entity
 * rule's view is plain words, which PCRE2 scans faster than a call per
 * token: 7% more instructions in rules_run). */
static int finish_relation_rule(parser *p, block *b, const expansion *x) {
  relation_rule r = {.common = b->common,
                     .relation = b->relation,
                     .confidence = b->confidence,
                     .planned = b->planned,
                     .subject_heads = b->subject_heads,
                     .n_subject_heads = b->n_subject_heads};
  b->common = (rule_common){0};
  b->subject_heads = NULL;
  b->n_subject_heads = 0;
  r.at_tokens = (uint8_t)rules_starts_at_token(r.common.pattern);
  int rc = compile_pattern(p, &r.common, x, b->pattern_line, r.at_tokens);
  if (rc == RAWI_OK)
    rc = relation_groups(p, &r, b->pattern_line);
  if (rc == RAWI_OK && !r.object) {
    report(p, r.common.line, 1,
           "relation rule '%s' needs a group named object "
           "(and subject, unless the subject is the topic)%s",
           r.common.name, "");
    rc = RAWI_ERR_FORMAT;
  }
  if (rc == RAWI_OK)
    rc = refuse_key(p, b->priority_at, "priority", "entity", r.common.name);
  if (rc == RAWI_OK)
    rc = refuse_key(p, b->id_at, "id", "entity", r.common.name);
  if (rc == RAWI_OK && b->trigger_class_at.line) {
    /* relation rules already run only where their predicate's types are */
    report(p, b->trigger_class_at.line, b->trigger_class_at.col,
           "a relation rule's trigger takes words, not classes (rule '%s')%s",
           r.common.name, "");
    rc = RAWI_ERR_FORMAT;
  }
  if (rc == RAWI_OK)
    rc = put_relation_rule(p->rs, &r);
  if (rc)
    free_relation_rule(p->rs->alloc, &r);
  return rc;
}

/* Expand the block's pattern into b->common.pattern, x keeping the
 * columns and class references. */
static int expand_block(parser *p, block *b, expansion *x) {
  int rc = expand(p, x, b->pattern, b->pattern_len, b->pattern_line,
                  (uint32_t)b->pattern_col, 0);
  if (rc == RAWI_OK && x->out.len)
    merge_negative_starts(x);
  if (rc == RAWI_OK &&
      !(b->common.pattern =
            dup_n(p->rs->alloc, x->out.data ? x->out.data : "", x->out.len)))
    rc = RAWI_ERR_NOMEM;
  return rc;
}

/* A block ends: its rule goes into the set, replacing one of the same
 * name, or its errors are reported and it is dropped. */
static int finish_block(parser *p, block *b) {
  int rc = RAWI_OK;
  if (!b->has_type || !b->pattern) {
    report(p, b->common.line, 1, "rule '%s' needs %s", b->common.name,
           !b->has_type && !b->pattern ? "a type and a pattern"
           : !b->has_type              ? "a type"
                                       : "a pattern");
  } else {
    expansion x = {0};
    x.relation = b->is_relation;
    rawi_strbuf_init(&x.out, p->rs->alloc);
    rc = expand_block(p, b, &x);
    if (rc == RAWI_OK)
      rc = x.relation ? finish_relation_rule(p, b, &x)
                      : finish_entity_rule(p, b, &x);
    rawi_strbuf_free(&x.out);
    rawi_mem_free(p->rs->alloc, x.cols);
  }
  free_block(p->rs->alloc, b);
  return rc == RAWI_ERR_NOMEM ? rc : RAWI_OK;
}

static int define_macro(parser *p, const char *line, const char *s,
                        const char *end, unsigned long ln) {
  s = skip_ws(s, end);
  size_t n = ident_len(s, (size_t)(end - s));
  const char *eq = skip_ws(s + n, end);
  if (!n || eq >= end || *eq != '=') {
    report(p, ln, col_of(line, s), "expected 'define NAME = PATTERN'%s%s", "",
           "");
    return RAWI_OK;
  }
  const char *body = skip_ws(eq + 1, end);
  ruleset *rs = p->rs;
  size_t cap = rs->cap_macros;
  if (rawi_mem_grow(rs->alloc, (void **)&rs->macro_names, &rs->cap_macros,
                    rs->n_macros + 1, sizeof(char *)) ||
      rawi_mem_grow(rs->alloc, (void **)&rs->macro_bodies, &cap,
                    rs->n_macros + 1, sizeof(char *)))
    return RAWI_ERR_NOMEM;
  char *name = dup_n(rs->alloc, s, n);
  char *val = dup_n(rs->alloc, body, (size_t)(end - body));
  if (!name || !val) {
    rawi_mem_free(rs->alloc, name);
    rawi_mem_free(rs->alloc, val);
    return RAWI_ERR_NOMEM;
  }
  rs->macro_names[rs->n_macros] = name;
  rs->macro_bodies[rs->n_macros++] = val;
  return RAWI_OK;
}

static int start_block(parser *p, block *b, const char *line, const char *s,
                       const char *end, unsigned long ln) {
  s = skip_ws(s, end);
  const char *e = s;
  while (e < end && *e != ' ' && *e != '\t')
    e++;
  *b = (block){.common = {.line = ln}, .priority = 50, .confidence = 0.9};
  if (e == s) {
    report(p, ln, col_of(line, s), "expected 'rule NAME'%s%s", "", "");
    return RAWI_OK;
  }
  b->common.name = dup_n(p->rs->alloc, s, (size_t)(e - s));
  b->common.file = dup_n(p->rs->alloc, p->file, strlen(p->file));
  if (!b->common.name || !b->common.file) { /* no block is open: free it */
    free_block(p->rs->alloc, b);
    return RAWI_ERR_NOMEM;
  }
  int is_relation;
  size_t i;
  const rule_common *first = find_rule(p->rs, b->common.name, &is_relation, &i);
  if (first && !strcmp(first->file, p->file)) {
    char at[32];
    snprintf(at, sizeof at, "%lu", first->line);
    report(p, ln, col_of(line, s), "duplicate rule '%s' (first at line %s)",
           b->common.name, at);
  }
  return RAWI_OK;
}

int ruleset_add_file(ruleset *rs, const char *name, const char *text,
                     size_t len, const rules_norm *norm,
                     rules_error_fn on_error, void *ctx) {
  parser p = {rs, name, norm, on_error, ctx, 0};
  size_t bad;
  const char *why;
  if (!rawi_utf8_valid(text, len, &bad, &why)) {
    unsigned long ln = 1;
    size_t ls = 0;
    for (size_t i = 0; i < bad; i++)
      if (text[i] == '\n')
        ln++, ls = i + 1;
    report(&p, ln, col_of(text + ls, text + bad), "invalid utf-8: %s%s", why,
           "");
    return p.errors;
  }
  block b = {0};
  int in_block = 0, rc = RAWI_OK;
  unsigned long ln = 0;
  for (size_t pos = 0; pos < len && rc == RAWI_OK;) {
    const char *line = text + pos;
    const char *nl = memchr(line, '\n', len - pos);
    const char *end = nl ? nl : text + len;
    pos = (size_t)(end - text) + 1;
    ln++;
    if (end > line && end[-1] == '\r')
      end--;
    const char *s = skip_ws(line, end);
    if (s == end || *s == '#')
      continue;
    int indented = s > line;
    if (indented && in_block) {
      rc = block_key(&p, &b, line, s, end, ln);
      continue;
    }
    if (in_block) {
      rc = finish_block(&p, &b);
      in_block = 0;
      if (rc)
        break;
    }
    if ((size_t)(end - s) > 5 && !memcmp(s, "rule", 4) &&
        (s[4] == ' ' || s[4] == '\t')) {
      rc = start_block(&p, &b, line, s + 4, end, ln);
      in_block = b.common.name != NULL;
    } else if ((size_t)(end - s) > 7 && !memcmp(s, "define", 6) &&
               (s[6] == ' ' || s[6] == '\t')) {
      rc = define_macro(&p, line, s + 6, end, ln);
    } else {
      report(&p, ln, col_of(line, s),
             "expected 'rule NAME' or 'define NAME = PATTERN'%s%s", "", "");
    }
  }
  if (in_block && rc == RAWI_OK)
    rc = finish_block(&p, &b);
  else if (in_block)
    free_block(rs->alloc, &b);
  if (rc == RAWI_OK)
    rc = rules_words_build(rs);
  return rc ? rc : p.errors;
}
