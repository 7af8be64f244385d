/* Relation rules over entity-abstracted sentence views (see relate.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "relate/edges.h"
#include "relate/relate.h"
#include "util/mem.h"
#include "util/strbuf.h"

#define NONE 0xFFFFFFFFu

typedef struct slot {
  uint32_t start, end; /* the placeholder's bytes in the view */
  uint32_t mention;
} slot;

typedef struct view {
  rawi_strbuf text;
  slot *slots;
  size_t n_slots, cap_slots;
} view;

static const char *placeholder(const mention *m) {
  return m->kind == MENTION_DEMONYM ? "DEMONYM" : gz_type_name(m->type);
}

/* Proclitics of the reading a mention starts with, '+' left out. */
static void add_prefix(rawi_strbuf *b, const char *prefix) {
  for (const char *p = prefix; *p; p++)
    if (*p != '+')
      rawi_strbuf_addc(b, *p);
}

/* A question asserts nothing: it ends with ؟ or ? or opens with هل. */
static int is_question(const text_doc *d, const text_sentence *s) {
  const text_token *last = &d->tokens[s->first + s->count - 1];
  const text_token *first = &d->tokens[s->first];
  const char *ln = d->pool + last->norm_off, *fn = d->pool + first->norm_off;
  return (last->norm_len == 1 && ln[0] == '?') ||
         (last->norm_len == 2 && !memcmp(ln, "\xd8\x9f", 2)) ||
         (first->norm_len == 4 && !memcmp(fn, "\xd9\x87\xd9\x84", 4)) ||
         (first->norm_len == 6 && !memcmp(fn, "\xd9\x88\xd9\x87\xd9\x84", 6));
}

static int build(view *v, const text_doc *d, const mention_table *m,
                 const uint32_t *start_of, uint32_t first, uint32_t count) {
  v->text.len = 0;
  v->n_slots = 0;
  for (uint32_t t = first; t < first + count; t++) {
    if (t > first)
      rawi_strbuf_addc(&v->text, ' ');
    uint32_t w = start_of[t];
    if (w == NONE) {
      const text_token *tk = &d->tokens[t];
      rawi_strbuf_add(&v->text, d->pool + tk->norm_off, tk->norm_len);
      continue;
    }
    const mention *mn = &m->mentions[w];
    text_split sp = text_reading(d, &d->tokens[t], mn->split);
    add_prefix(&v->text, text_prefix_names[sp.prefix]);
    if (rawi_mem_grow(v->text.alloc, (void **)&v->slots, &v->cap_slots,
                      v->n_slots + 1, sizeof(slot)))
      return RAWI_ERR_NOMEM;
    slot *s = &v->slots[v->n_slots++];
    s->start = (uint32_t)v->text.len;
    rawi_strbuf_addc(&v->text, '@');
    rawi_strbuf_adds(&v->text, placeholder(mn));
    s->end = (uint32_t)v->text.len;
    s->mention = w;
    t = mn->tok_end - 1;
  }
  rawi_strbuf_addc(&v->text, '\0');
  v->text.len--;
  return v->text.failed ? RAWI_ERR_NOMEM : RAWI_OK;
}

/* The placeholder inside view bytes [s, e), or NONE. */
static uint32_t slot_in(const view *v, size_t s, size_t e) {
  for (uint32_t i = 0; i < v->n_slots; i++)
    if (v->slots[i].start >= s && v->slots[i].end <= e)
      return i;
  return NONE;
}

/* Is the view text between two placeholders a coordination: و or ، with
 * at most a few title words (ووزير الخارجية), possibly after an apposition
 * set off by commas (، وهو متمرد سابق ، ووزير الخارجية)? */
static int coordinated(const view *v, const slot *a, const slot *b) {
  const char *p = v->text.data + a->end, *e = v->text.data + b->start;
  const char *waw = "\xd9\x88", *comma = "\xd8\x8c";
  int spaces = 0;
  const char *last_comma = NULL;
  for (const char *q = p; q < e; q++) {
    spaces += *q == ' ';
    if (*q == '.' || *q == ':' || *q == '@')
      return 0;
    if (e - q >= 2 && !memcmp(q, comma, 2))
      last_comma = q;
  }
  if (last_comma && spaces <= 10) /* the part after the last comma */
    p = last_comma + 2;
  while (p < e && *p == ' ')
    p++;
  int opener = e - p >= 2 && !memcmp(p, waw, 2);
  int after = 0;
  for (const char *q = p; q < e; q++)
    after += *q == ' ';
  return (opener || (last_comma && p == e)) && after <= 4;
}

void relation_table_free(relation_table *t) {
  rawi_mem_free(t->alloc, t->v);
  rawi_strbuf_free(&t->views);
  t->v = NULL;
  t->n = t->cap = 0;
}

/* Offset of view v's text in out->views, copied once per sentence. */
static uint32_t keep_view(relation_table *out, const view *v, uint32_t sentence,
                          uint32_t *last_sentence, uint32_t *last_off) {
  if (*last_sentence == sentence)
    return *last_off;
  if (!out->views.alloc)
    rawi_strbuf_init(&out->views, out->alloc);
  *last_off = (uint32_t)out->views.len;
  rawi_strbuf_add(&out->views, v->text.data, v->text.len + 1);
  *last_sentence = sentence;
  return *last_off;
}

static int add_edge(relation_table *out, const mention_table *m, const rule *r,
                    uint32_t ms, uint32_t mo, uint32_t sentence, double conf) {
  const relate_predicate *pr = relate_predicate_at(r->relation);
  const mention *a = &m->mentions[ms], *b = &m->mentions[mo];
  /* a demonym may stand for its country as an object (رئيس الوزراء
   * العراقي), never as a subject */
  if (!(pr->subject_types >> a->type & 1) || !(pr->object_types >> b->type & 1) ||
      a->kind == MENTION_DEMONYM)
    return RAWI_OK;
  uint32_t s = a->entity, o = b->entity;
  if (s == o)
    return RAWI_OK;
  if (pr->symmetric &&
      strcmp(m->strings.data + m->entities[s].id_off,
             m->strings.data + m->entities[o].id_off) > 0) {
    uint32_t t = s;
    s = o;
    o = t;
  }
  int fresh = edge_set_add(out->seen, out, s, o, (uint16_t)r->relation);
  if (fresh <= 0)
    return fresh; /* kept already (0), or out of memory */
  if (rawi_mem_grow(out->alloc, (void **)&out->v, &out->cap, out->n + 1,
                    sizeof(relation)))
    return RAWI_ERR_NOMEM;
  out->v[out->n++] = (relation){.subject = s, .object = o,
                                .predicate = (uint16_t)r->relation,
                                .implicit = !r->subject, .sentence = sentence,
                                .view_off = 0, .confidence = conf, .rule = r};
  return RAWI_OK;
}

static int run_rule(const rule *r, rules_scratch *s, const view *v,
                    const mention_table *m, uint32_t sentence, uint32_t *topic,
                    relation_table *out) {
  pcre2_match_data *md = s->match_data;
  size_t len = v->text.len;
  rules_set_budget(s, len + 1);
  for (size_t at = 0; at <= len;) {
    int rc = pcre2_match((const pcre2_code *)r->code, (PCRE2_SPTR)v->text.data,
                         len, at, PCRE2_NO_UTF_CHECK, md,
                         (pcre2_match_context *)s->match_context);
    if (rc == PCRE2_ERROR_NOMATCH)
      break;
    if (rc < 0) /* a limit skips this rule here; the rest goes on */
      return rules_match_failed(s, r, rc);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t gs = r->subject, go = r->object;
    if (ov[2 * go] == PCRE2_UNSET && r->object2) /* the second alternative */
      gs = r->subject2, go = r->object2;
    uint32_t ks = gs ? slot_in(v, ov[2 * gs], ov[2 * gs + 1]) : NONE;
    uint32_t ko = slot_in(v, ov[2 * go], ov[2 * go + 1]);
    uint32_t subj = ks != NONE ? v->slots[ks].mention : r->subject ? NONE : *topic;
    if (subj != NONE && ko != NONE) {
      double conf = r->subject ? r->confidence : r->confidence * 0.7;
      size_t before = out->n;
      int e = add_edge(out, m, r, subj, v->slots[ko].mention, sentence, conf);
      /* further objects coordinated with this one */
      for (uint32_t k = ko + 1; e == RAWI_OK && k < v->n_slots &&
                                coordinated(v, &v->slots[k - 1], &v->slots[k]);
           k++)
        e = add_edge(out, m, r, subj, v->slots[k].mention, sentence, conf);
      if (e)
        return e;
      uint32_t last_sentence = NONE, last_off = 0;
      for (size_t i = before; i < out->n; i++)
        out->v[i].view_off = keep_view(out, v, sentence, &last_sentence, &last_off);
      if (out->views.failed)
        return RAWI_ERR_NOMEM;
      /* a subject written before its object is in subject position (an
       * apposition such as رئيس تشيلي بوريتش writes it after) */
      if (r->subject && out->n > before && m->mentions[subj].type == GZ_PERSON &&
          v->slots[ks].start < v->slots[ko].start)
        *topic = subj;
    }
    at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    while (at < len && ((unsigned char)v->text.data[at] & 0xC0) == 0x80)
      at++;
  }
  return RAWI_OK;
}

int relate_run(const ruleset *rs, rules_scratch *s, const text_doc *d,
               const mention_table *m, relation_table *out) {
  int any = 0;
  for (size_t r = 0; r < rs->n_rules; r++)
    any |= rs->rules[r].type < 0;
  if (!any || !d->n_tokens || !s->match_data)
    return RAWI_OK;
  uint32_t *start_of = rawi_mem_alloc(out->alloc, d->n_tokens * sizeof *start_of);
  if (!start_of)
    return RAWI_ERR_NOMEM;
  memset(start_of, 0xFF, d->n_tokens * sizeof *start_of);
  for (size_t i = 0; i < m->n_mentions; i++)
    if (!m->mentions[i].lost)
      start_of[m->mentions[i].tok_first] = (uint32_t)i;
  view v = {0};
  rawi_strbuf_init(&v.text, out->alloc);
  edge_set seen;
  edge_set_init(&seen, out->alloc);
  out->seen = &seen;
  int rc = RAWI_OK;
  uint32_t topic = NONE;
  pcre2_set_callout((pcre2_match_context *)s->match_context, NULL, NULL);
  for (size_t si = 0; si < d->n_sentences && rc == RAWI_OK; si++) {
    const text_sentence *sen = &d->sentences[si];
    size_t placeholders = 0;
    for (uint32_t t = sen->first; t < sen->first + sen->count; t++)
      placeholders += start_of[t] != NONE;
    /* a sentence opening with a person makes it the topic */
    uint32_t opener = start_of[sen->first];
    if (opener != NONE && m->mentions[opener].type == GZ_PERSON &&
        m->mentions[opener].kind == MENTION_NAME)
      topic = opener;
    if (placeholders < (topic == NONE ? 2u : 1u) || is_question(d, sen))
      continue;
    if ((rc = build(&v, d, m, start_of, sen->first, sen->count)) ||
        (rc = rules_sentence_words(rs, s, d, sen->first, sen->count)))
      break;
    for (size_t r = 0; r < rs->n_rules && rc == RAWI_OK; r++) {
      const rule *ru = &rs->rules[r];
      if (ru->type >= 0 || !rules_words_allow(s, rs, r))
        continue;
      rc = run_rule(ru, s, &v, m, (uint32_t)si, &topic, out);
    }
  }
  rawi_strbuf_free(&v.text);
  rawi_mem_free(out->alloc, v.slots);
  rawi_mem_free(out->alloc, start_of);
  edge_set_free(&seen);
  out->seen = NULL;
  return rc;
}
