/*
 * Running rules over a document, sentence by sentence.
 *
 * The sentence view is the tokens' norms joined by single spaces, with the
 * view offset of each token kept, so a match maps back to tokens, to the
 * proclitic reading a capture starts at, and so to the original text.
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>

#include "rules/rules.h"
#include "util/mem.h"
#include "util/utf8.h"

typedef struct sentence_ctx {
  const entity_rule *r;
  const text_doc *d;
  const gz_marks *marks;
  size_t mark_first, mark_end; /* marks of this sentence */
  uint32_t first, count;       /* tokens of this sentence */
  const uint32_t *starts;      /* view offset of each token; [count] = end */
  const uint32_t *tok_of;      /* token of each view byte; [len] = the last */
  const uint64_t *types_at;    /* types of the marks starting at each token */
  const uint32_t *mark_at;     /* index of each token's first mark */
  uint32_t *span_from;         /* per span's call: where it started */
} sentence_ctx;

/* Token (relative to the sentence) starting at or containing view offset
 * off (a space belongs to the token before it); *inside gets the offset
 * within the token's norm. */
static uint32_t token_at(const sentence_ctx *c, size_t off, size_t *inside) {
  uint32_t t = c->tok_of[off];
  *inside = off - c->starts[t];
  return t;
}

/* Token (relative) whose norm ends exactly at view offset off, or -1. */
static long token_ending_at(const sentence_ctx *c, size_t off) {
  size_t inside;
  uint32_t t = token_at(c, off ? off - 1 : 0, &inside);
  const text_token *tk = &c->d->tokens[c->first + t];
  return c->starts[t] + tk->norm_len == off ? (long)t : -1;
}

/* Reading of token t whose stem starts `inside` bytes into its norm. */
static int reading_at(const text_doc *d, uint32_t t, size_t inside,
                      uint32_t *k) {
  const text_token *tk = &d->tokens[t];
  for (uint32_t r = 0; r < tk->reading_count; r++) {
    text_reading sp = text_reading_at(d, tk, r);
    if (sp.norm_off == tk->norm_off + inside) {
      *k = r;
      return 1;
    }
  }
  return 0;
}

/* Is token t written with a capital letter first (Antony, U.S.)? */
static int capitalised(const text_doc *d, uint32_t t) {
  int n;
  uint32_t cp = rawi_utf8_decode(
      (const unsigned char *)d->text + d->tokens[t].byte_start, &n);
  return d->tokens[t].kind == RAWI_TOKEN_WORD && u_isupper((UChar32)cp);
}

/* Is token t a word of two or more letters, all of them capitals (FAA,
 * NATO; U.S. is three tokens, U and S single letters)? */
static int upper_word(const text_doc *d, uint32_t t) {
  if (d->tokens[t].kind != RAWI_TOKEN_WORD)
    return 0;
  const unsigned char *p =
      (const unsigned char *)d->text + d->tokens[t].byte_start;
  const unsigned char *e =
      (const unsigned char *)d->text + d->tokens[t].byte_end;
  int letters = 0;
  while (p < e) {
    int n;
    UChar32 cp = (UChar32)rawi_utf8_decode(p, &n);
    if (n <= 0)
      return 0;
    if (u_isalpha(cp)) {
      if (!u_isupper(cp))
        return 0;
      letters++;
    }
    p += n;
  }
  return letters >= 2;
}

/* Does a mark of one of the types in mask start at token t (relative), at
 * the reading whose stem begins `inside` bytes into the token, and end
 * just before token `end` (relative; 0: anywhere) or after token `beyond`
 * (relative; 0: anywhere)? */
static int mark_from(const sentence_ctx *c, uint64_t mask, uint32_t t,
                     size_t inside, uint32_t end, uint32_t beyond) {
  if (!(c->types_at[t] & mask))
    return 0; /* most positions: no mark of the kind starts here */
  uint32_t first = c->first + t;
  for (size_t i = c->mark_at[t]; i < c->mark_end; i++) {
    const gz_mark *m = &c->marks->v[i];
    if (m->tok_first != first)
      break;
    if (!(mask >> (m->type & 63) & 1) ||
        (end && m->tok_end != c->first + end) ||
        (beyond && m->tok_end <= c->first + beyond))
      continue;
    if (inside == 0)
      return 1;
    text_reading sp = text_reading_at(c->d, &c->d->tokens[first], m->reading);
    if (sp.norm_off == c->d->tokens[first].norm_off + inside)
      return 1;
  }
  return 0;
}

/* Is there a mark of type ref over view span [s, e)? CAP asks whether
 * every word of the span is capitalised, UPPER whether it is in capitals. */
static int marked(const sentence_ctx *c, uint16_t ref, size_t s, size_t e) {
  size_t inside;
  uint32_t t0 = token_at(c, s, &inside);
  long t1 = token_ending_at(c, e);
  if (t1 < (long)t0)
    return 0;
  if (ref == GZ_CAP || ref == GZ_UPPER) {
    for (uint32_t t = c->first + t0; t <= c->first + (uint32_t)t1; t++)
      if (ref == GZ_CAP ? !capitalised(c->d, t) : !upper_word(c->d, t))
        return 0;
    return inside == 0;
  }
  return mark_from(c, 1ull << (ref & 63), t0, inside, (uint32_t)t1 + 1, 0);
}

/* Does a span of one of the classes in mask start at view offset s? */
static int starts_here(const sentence_ctx *c, uint64_t mask, size_t s) {
  size_t inside;
  uint32_t t = token_at(c, s, &inside);
  if (s >= c->starts[c->count] - 1)
    return 0; /* the end of the sentence */
  const uint64_t caps = 1ull << GZ_CAP | 1ull << GZ_UPPER;
  if ((mask & caps) && inside == 0 &&
      ((mask >> GZ_CAP & 1 && capitalised(c->d, c->first + t)) ||
       (mask >> GZ_UPPER & 1 && upper_word(c->d, c->first + t))))
    return 1;
  return mark_from(c, mask & ~caps, t, inside, 0, 0);
}

/* May a span of type ref that starts at view offset s go on past the
 * token that holds view offset e (the end of its tokens so far)? */
static int span_goes_on(const sentence_ctx *c, uint16_t ref, size_t s,
                        size_t e) {
  size_t inside, ignored;
  uint32_t t0 = token_at(c, s, &inside), t = token_at(c, e, &ignored);
  if (t + 1 >= c->count)
    return 0;
  if (ref == GZ_CAP || ref == GZ_UPPER)
    return ref == GZ_CAP ? capitalised(c->d, c->first + t + 1)
                         : upper_word(c->d, c->first + t + 1);
  return mark_from(c, 1ull << (ref & 63), t0, inside, 0, t + 1);
}

/* Is the token (or proclitic reading) at view offset s, alone, a span of
 * type ref? (!@CLASS asks it before consuming the token.) */
static int one_token_marked(const sentence_ctx *c, uint16_t ref, size_t s) {
  size_t inside;
  uint32_t t = token_at(c, s, &inside);
  if (ref == GZ_CAP || ref == GZ_UPPER)
    return inside == 0 && (ref == GZ_CAP ? capitalised(c->d, c->first + t)
                                         : upper_word(c->d, c->first + t));
  return mark_from(c, 1ull << (ref & 63), t, inside, t + 1, 0);
}

/* The reading a mention starting at token t should take: when the lists
 * know the token only through a proclitic reading (لفيلق as ل + فيلق),
 * that one, so the proclitic stays out of the span; else the token. A
 * common word (STOPWORD) listed with its proclitic (ومجلس) does not count:
 * it says nothing about where a name starts. */
static uint32_t marked_reading(const sentence_ctx *c, uint32_t t) {
  uint32_t best = 0;
  for (size_t i = c->mark_at[t - c->first]; i < c->mark_end; i++) {
    const gz_mark *m = &c->marks->v[i];
    if (m->tok_first > t)
      break;
    /* a common word or a listed person's family name tells no reading */
    if (m->tok_first != t || m->type == GZ_STOPWORD ||
        m->type == GZ_FAMILY_NAME)
      continue;
    if (m->reading == 0)
      return 0;
    if (!best || m->reading < best)
      best = m->reading;
  }
  return best;
}

/* Callout n checks class reference n-1 of the running rule: 0 goes on,
 * 1 makes PCRE2 backtrack. */
static int on_callout(pattern_callout *cb, void *data) {
  const sentence_ctx *c = data;
  uint32_t n = pattern_callout_number(cb);
  if (n == 0 || n > c->r->n_calls)
    return 0;
  const rule_call *call = &c->r->calls[n - 1];
  size_t at = pattern_callout_position(cb);
  if (call->more) /* no other callout runs between a span's start and this */
    return span_goes_on(c, call->ref, c->span_from[call->span - 1], at) ? 0 : 1;
  if (call->starts) {
    if (!starts_here(c, 1ull << (call->ref & 63) | call->also, at))
      return 1;
    if (call->span)
      c->span_from[call->span - 1] = (uint32_t)at;
    return 0;
  }
  if (call->negate)
    return one_token_marked(c, call->ref, at) ? 1 : 0;
  size_t s, e;
  if (!pattern_callout_group(cb, call->group, &s, &e))
    return 1;
  return marked(c, call->ref, s, e) == !call->negate ? 0 : 1;
}

static int ensure_scratch(rules_scratch *s, const ruleset *rs) {
  if (rules_scratch_ready(s, rs))
    return RAWI_ERR_NOMEM;
  return rawi_mem_grow(s->alloc, (void **)&s->fired, &s->cap_fired,
                       rs->n_entity_rules + 1, 1);
}

/* Per token of the sentence: which types of marks start there, and where
 * its marks begin, so that a callout answers without a scan. */
static int index_marks(rules_scratch *s, sentence_ctx *c) {
  if (rawi_mem_grow(s->alloc, (void **)&s->types_at, &s->cap_types, c->count,
                    sizeof(uint64_t)) ||
      rawi_mem_grow(s->alloc, (void **)&s->mark_at, &s->cap_mark_at, c->count,
                    sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  size_t i = c->mark_first;
  for (uint32_t t = 0; t < c->count; t++) {
    while (i < c->mark_end && c->marks->v[i].tok_first < c->first + t)
      i++;
    s->mark_at[t] = (uint32_t)i;
    s->types_at[t] = 0;
    for (size_t k = i;
         k < c->mark_end && c->marks->v[k].tok_first == c->first + t; k++)
      s->types_at[t] |= 1ull << (c->marks->v[k].type & 63);
  }
  c->types_at = s->types_at;
  c->mark_at = s->mark_at;
  return RAWI_OK;
}

/* Render sentence [first, first + count) into s->view. */
static int build_view(rules_scratch *s, const text_doc *d, uint32_t first,
                      uint32_t count, size_t *len) {
  size_t need = 1;
  for (uint32_t i = 0; i < count; i++)
    need += d->tokens[first + i].norm_len + 1;
  if (rawi_mem_grow(s->alloc, (void **)&s->view, &s->cap_view, need, 1) ||
      rawi_mem_grow(s->alloc, (void **)&s->starts, &s->cap_starts, count + 1,
                    sizeof(uint32_t)) ||
      rawi_mem_grow(s->alloc, (void **)&s->tok_of, &s->cap_tok_of, need,
                    sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  size_t n = 0;
  for (uint32_t i = 0; i < count; i++) {
    const text_token *t = &d->tokens[first + i];
    if (i)
      s->tok_of[n] = i - 1, s->view[n++] = ' ';
    s->starts[i] = (uint32_t)n;
    memcpy(s->view + n, d->pool + t->norm_off, t->norm_len);
    for (size_t k = 0; k < t->norm_len; k++)
      s->tok_of[n + k] = i;
    n += t->norm_len;
  }
  s->tok_of[n] = count ? count - 1 : 0;
  s->starts[count] = (uint32_t)n + 1;
  s->view[n] = '\0';
  *len = n;
  return RAWI_OK;
}

/* Which rules does this sentence trigger? */
static int triggered(const ruleset *rs, rules_scratch *s, const text_doc *d,
                     const sentence_ctx *c) {
  uint64_t present = 0;
  for (size_t i = c->mark_first; i < c->mark_end; i++)
    present |= 1ull << (c->marks->v[i].type & 63);
  for (uint32_t t = c->first; t < c->first + c->count; t++)
    if (capitalised(d, t)) {
      present |= 1ull << GZ_CAP;
      break;
    }
  for (uint32_t t = c->first; t < c->first + c->count; t++)
    if (upper_word(d, t)) {
      present |= 1ull << GZ_UPPER;
      break;
    }
  int any = 0;
  for (size_t r = 0; r < rs->n_entity_rules; r++) {
    const entity_rule *ru = &rs->entity_rules[r];
    int line = ru->trigger_classes || ru->common.n_trigger_words;
    int fire = (ru->requires & present) == ru->requires &&
               (!line || (ru->trigger_classes & present) ||
                (s->word_hit[r] & RULES_TRIGGER_WORD)) &&
               !(s->word_hit[r] & RULES_UNLESS_WORD);
    s->fired[r] = (uint8_t)fire;
    any |= fire;
  }
  return any;
}

/* A match's capture [s, e) as a mention candidate of rule r. */
static int add_candidate(const sentence_ctx *c, const entity_rule *r,
                         uint32_t order, size_t s, size_t e,
                         mention_table *out) {
  size_t inside;
  uint32_t t0 = token_at(c, s, &inside);
  long t1 = token_ending_at(c, e);
  if (t1 < (long)t0)
    return RAWI_OK; /* the capture ends inside a token */
  uint32_t k = 0;
  if (inside && !reading_at(c->d, c->first + t0, inside, &k))
    return RAWI_OK; /* starts inside a token, not at a proclitic boundary */
  if (!inside)
    k = marked_reading(c, c->first + t0);
  mention m = {.tok_first = c->first + t0,
               .tok_end = c->first + (uint32_t)t1 + 1,
               .reading = k,
               .src_line = (uint32_t)r->common.line,
               .type = (uint16_t)r->type,
               .kind = MENTION_NAME,
               .source = SOURCE_RULE,
               .priority = (int16_t)r->priority,
               .order = order,
               .derived = !r->id};
  /* id and name come from the mention's own text */
  const text_doc *d = c->d;
  text_reading sp = text_reading_at(d, &d->tokens[m.tok_first], k);
  char norm[512], id[600], name[1024];
  size_t n = 0;
  for (uint32_t t = m.tok_first; t < m.tok_end; t++) {
    const char *src = t == m.tok_first ? d->pool + sp.norm_off
                                       : d->pool + d->tokens[t].norm_off;
    size_t len = t == m.tok_first ? sp.norm_len : d->tokens[t].norm_len;
    if (n + len + 2 >= sizeof norm)
      return RAWI_OK;
    if (t != m.tok_first)
      norm[n++] = ' ';
    memcpy(norm + n, src, len);
    n += len;
  }
  norm[n] = '\0';
  if (r->id)
    snprintf(id, sizeof id, "%s", r->id);
  else
    resolve_derived_id(r->type, norm, id, sizeof id);
  size_t b0 = sp.stem_byte, b1 = d->tokens[m.tok_end - 1].byte_end;
  if (b1 - b0 >= sizeof name)
    return RAWI_OK;
  memcpy(name, d->text + b0, b1 - b0);
  name[b1 - b0] = '\0';
  int rc = mention_add(out, d, &m, id, name, r->common.file, 0);
  if (rc == RAWI_OK)
    rc = mention_set_rule(out, out->n_mentions - 1, r->common.name);
  return rc;
}

/* Add view offset v to the list being built for token t's anchors: the
 * token's own offsets are few, so insertion keeps them sorted and unique. */
static void add_anchor(rules_scratch *s, size_t *n, size_t token_first,
                       uint32_t v) {
  size_t i = *n;
  while (i > token_first && s->anchor_at[i - 1] > v)
    i--;
  if (i > token_first && s->anchor_at[i - 1] == v)
    return;
  memmove(s->anchor_at + i + 1, s->anchor_at + i,
          (*n - i) * sizeof *s->anchor_at);
  s->anchor_at[i] = v;
  (*n)++;
}

/* The view offsets, ascending, where a span of one of the classes in mask
 * starts (as starts_here answers): at a token with such a mark, and at
 * the proclitic reading the mark was found through; at a token with the
 * capitals CAP or UPPER ask for. */
static int anchor_offsets(rules_scratch *s, const sentence_ctx *c,
                          uint64_t mask, size_t *n) {
  size_t need = c->count + (c->mark_end - c->mark_first);
  if (rawi_mem_grow(s->alloc, (void **)&s->anchor_at, &s->cap_anchor_at,
                    need + 1, sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  *n = 0;
  for (uint32_t t = 0; t < c->count; t++) {
    uint32_t tok = c->first + t;
    size_t token_first = *n;
    if ((c->types_at[t] & mask) ||
        (mask >> GZ_CAP & 1 && capitalised(c->d, tok)) ||
        (mask >> GZ_UPPER & 1 && upper_word(c->d, tok)))
      add_anchor(s, n, token_first, c->starts[t]);
    if (!(c->types_at[t] & mask))
      continue;
    for (size_t i = c->mark_at[t]; i < c->mark_end; i++) {
      const gz_mark *m = &c->marks->v[i];
      if (m->tok_first != tok)
        break;
      if (!m->reading || !(mask >> (m->type & 63) & 1))
        continue;
      /* a stem inside the token's norm starts a span there; a stem the
       * view does not hold (لل + word reads ل + ال + word: the article is
       * restored in the pool, apart from the token) starts none, and its
       * offset must not be taken as one: past the view's end it is an
       * error, inside it a wrong place */
      const text_token *tk = &c->d->tokens[tok];
      text_reading sp = text_reading_at(c->d, tk, m->reading);
      if (sp.norm_off < tk->norm_off ||
          sp.norm_off >= tk->norm_off + tk->norm_len)
        continue;
      add_anchor(s, n, token_first,
                 c->starts[t] + (uint32_t)(sp.norm_off - tk->norm_off));
    }
  }
  return RAWI_OK;
}

/* The next offset at or after `at` where a match of r may start: any for
 * an unanchored rule, else the next anchor (*k walks them); -1 when
 * none. */
static long next_start(const rules_scratch *s, const entity_rule *r, size_t at,
                       size_t n_anchors, size_t *k) {
  if (!r->anchors)
    return (long)at;
  while (*k < n_anchors && s->anchor_at[*k] < at)
    (*k)++;
  return *k < n_anchors ? (long)s->anchor_at[(*k)++] : -1;
}

/* All non-overlapping matches of one entity rule in the view. An anchored
 * rule (compiled PCRE2_ANCHORED) is tried at each of its anchors in turn,
 * which finds the same leftmost matches as a scan of every offset (with
 * the same limit at each offset tried: PCRE2 counts it per start). */
static int run_entity_rule(const entity_rule *r, uint32_t order,
                           rules_scratch *s, sentence_ctx *c, size_t len,
                           mention_table *out) {
  size_t n_anchors = 0, k = 0;
  if (r->anchors && anchor_offsets(s, c, r->anchors, &n_anchors))
    return RAWI_ERR_NOMEM;
  pattern_set_budget(&s->matcher, r->anchors ? n_anchors : len + 1);
  c->r = r;
  pattern_set_callout(&s->matcher, on_callout, c);
  for (size_t at = 0; at <= len;) {
    long from = next_start(s, r, at, n_anchors, &k);
    if (from < 0)
      break;
    int rc = rules_match(s, &r->common, s->view, len, (size_t)from);
    if (rc == PATTERN_LIMIT) /* skips this rule here; the rest goes on */
      return RAWI_OK;
    if (rc < 0)
      return rc;
    if (rc == PATTERN_NO_MATCH && r->anchors) {
      at = (size_t)from + 1;
      continue;
    }
    if (rc == PATTERN_NO_MATCH)
      break;
    size_t cs, ce, ms = 0, me = 0;
    int got = pattern_group(&s->matcher, r->group, &cs, &ce);
    if (!got && r->group2)
      got = pattern_group(&s->matcher, r->group2, &cs, &ce);
    if (got && ce > cs) {
      int e = add_candidate(c, r, order, cs, ce, out);
      if (e)
        return e;
    }
    pattern_group(&s->matcher, 0, &ms, &me);
    at = me > ms ? me : ms + 1;
    /* never restart inside a UTF-8 sequence */
    while (at < len && ((unsigned char)s->view[at] & 0xC0) == 0x80)
      at++;
  }
  return RAWI_OK;
}

int rules_run(const ruleset *rs, uint32_t order, rules_scratch *s,
              const text_doc *d, const gz_marks *marks, mention_table *out) {
  s->limit_hits = 0; /* even when nothing runs: no count from the last doc */
  s->limit_rule = NULL;
  if (!rs->n_entity_rules || !d->n_tokens)
    return RAWI_OK;
  int rc = ensure_scratch(s, rs);
  size_t mk = 0;
  for (size_t si = 0; si < d->n_sentences && rc == RAWI_OK; si++) {
    const text_sentence *sen = &d->sentences[si];
    sentence_ctx c = {.d = d,
                      .marks = marks,
                      .first = sen->first,
                      .span_from = s->span_from,
                      .count = sen->count};
    while (mk < marks->n && marks->v[mk].tok_first < sen->first)
      mk++;
    c.mark_first = mk;
    c.mark_end = mk;
    while (c.mark_end < marks->n &&
           marks->v[c.mark_end].tok_first < sen->first + sen->count)
      c.mark_end++;
    if ((rc = rules_sentence_words(rs, s, d, sen->first, sen->count)))
      break;
    if (!triggered(rs, s, d, &c))
      continue;
    size_t len;
    if ((rc = build_view(s, d, sen->first, sen->count, &len)))
      break;
    c.starts = s->starts;
    c.tok_of = s->tok_of;
    if ((rc = index_marks(s, &c)))
      break;
    rules_grams(s->view, len, s->grams);
    for (size_t r = 0; r < rs->n_entity_rules && rc == RAWI_OK; r++) {
      const entity_rule *ru = &rs->entity_rules[r];
      if (s->fired[r] && rules_needs_met(&ru->common, s->grams))
        rc = run_entity_rule(ru, order + (uint32_t)r, s, &c, len, out);
    }
  }
  return rc;
}
