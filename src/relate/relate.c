/* Relation rules over entity-abstracted sentence views (see relate.h). */
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "relate/discourse.h"
#include "relate/edges.h"
#include "relate/relate.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/strbuf.h"

/* A clause's own subject is a person within this many words after إن or
 * a colon, a title allowed before the name. */
#define CLAUSE_SUBJECT_WORDS 4
/* An edge whose subject is the topic person, not written in the clause,
 * is less sure: its rule's confidence times this. */
#define IMPLICIT_CONFIDENCE 0.7

#define NONE 0xFFFFFFFFu

typedef struct slot {
  uint32_t start, end; /* the placeholder's bytes in the view */
  uint32_t mention;
} slot;

typedef struct view {
  rawi_strbuf text;
  slot *slots;
  size_t n_slots, cap_slots;
  uint32_t first;   /* the sentence's first token */
  uint32_t *tok_at; /* view offset of each token of the sentence */
  uint8_t *quoted;  /* per token: inside quotation marks */
  size_t cap_tok, cap_quoted;
  uint32_t clause_from; /* a reported clause starts at this token */
  uint32_t speaker;     /* who reports it: a person mention, or NONE */
  int no_events;        /* a phone call or a denial: no meeting or
                         * visit in this sentence */
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

/* Write token t of the view: its norm, or a placeholder for the mention
 * (or the role noun standing for one) that starts there. Returns the
 * token after what was written. */
static uint32_t put_token(view *v, const text_doc *d, const mention_table *m,
                          const discourse *dc, const uint32_t *start_of,
                          uint32_t t) {
  uint32_t w = start_of[t], end = t + 1;
  const mention *mn = NULL;
  text_reading sp = {0};
  if (w != NONE) {
    mn = &m->mentions[w];
    sp = text_reading_at(d, &d->tokens[t], mn->reading);
    end = mn->tok_end;
  } else if ((w = dc->stand_for[t]) != NONE) {
    mn = &m->mentions[w];
    /* the role noun's proclitics without its article: وللوزير -> و+ل */
    const text_token *tk = &d->tokens[t];
    for (uint32_t k = 1; k < tk->reading_count; k++) {
      text_reading r = text_reading_at(d, tk, k);
      r.prefix &= ~1u; /* text_prefix_names: odd ones add ال */
      if (strlen(text_prefix_names[r.prefix]) >
          strlen(text_prefix_names[sp.prefix]))
        sp = r;
    }
    end = dc->stand_end[t];
  }
  if (!mn) {
    const text_token *tk = &d->tokens[t];
    rawi_strbuf_add(&v->text, d->pool + tk->norm_off, tk->norm_len);
    return end;
  }
  add_prefix(&v->text, text_prefix_names[sp.prefix]);
  if (rawi_mem_grow(v->text.alloc, (void **)&v->slots, &v->cap_slots,
                    v->n_slots + 1, sizeof(slot)))
    return NONE;
  slot *s = &v->slots[v->n_slots++];
  s->start = (uint32_t)v->text.len;
  rawi_strbuf_addc(&v->text, '@');
  rawi_strbuf_adds(&v->text, placeholder(mn));
  s->end = (uint32_t)v->text.len;
  s->mention = w;
  return end;
}

/* Quotation marks open or close a quote: « », “ ”, and " in turns. */
static int quote_mark(const text_doc *d, uint32_t t, int inside) {
  const text_token *tk = &d->tokens[t];
  const char *n = d->pool + tk->norm_off;
  if (tk->norm_len == 1 && n[0] == '"')
    return inside ? -1 : 1;
  if (tk->norm_len == 2 && !memcmp(n, "\xc2\xab", 2))
    return 1;
  if (tk->norm_len == 2 && !memcmp(n, "\xc2\xbb", 2))
    return -1;
  if (tk->norm_len == 3 && !memcmp(n, "\xe2\x80\x9c", 3))
    return 1;
  if (tk->norm_len == 3 && !memcmp(n, "\xe2\x80\x9d", 3))
    return -1;
  return 0;
}

static int build(view *v, const text_doc *d, const mention_table *m,
                 const discourse *dc, const uint32_t *start_of, uint32_t first,
                 uint32_t count) {
  v->text.len = 0;
  v->n_slots = 0;
  v->first = first;
  if (rawi_mem_grow(v->text.alloc, (void **)&v->tok_at, &v->cap_tok, count + 1,
                    sizeof *v->tok_at) ||
      rawi_mem_grow(v->text.alloc, (void **)&v->quoted, &v->cap_quoted,
                    count + 1, 1))
    return RAWI_ERR_NOMEM;
  int inside = 0;
  for (uint32_t t = first; t < first + count;) {
    if (t > first)
      rawi_strbuf_addc(&v->text, ' ');
    int q = quote_mark(d, t, inside);
    inside = q > 0 ? 1 : q < 0 ? 0 : inside;
    uint32_t at = (uint32_t)v->text.len;
    uint32_t end = put_token(v, d, m, dc, start_of, t);
    if (end == NONE)
      return RAWI_ERR_NOMEM;
    for (; t < end; t++) {
      v->tok_at[t - first] = at;
      v->quoted[t - first] = (uint8_t)(inside || q != 0);
    }
  }
  v->tok_at[count] = (uint32_t)v->text.len;
  v->no_events = 0;
  for (uint32_t t = first; t < first + count; t++)
    v->no_events |= (dc->cue[t] & CUE_NO_EVENT) != 0;
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

/* The sentence token at view offset off. */
static uint32_t token_at(const view *v, uint32_t count, size_t off) {
  uint32_t lo = 0, hi = count; /* the last token starting at or before off */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v->tok_at[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Is the view text between two placeholders a coordination: و or ، with
 * at most COORD_TITLE_WORDS title words (ووزير الخارجية), possibly after
 * an apposition of at most COORD_APPOSITION_WORDS words set off by commas
 * (، وهو متمرد سابق ، ووزير الخارجية)? */
#define COORD_TITLE_WORDS 4
#define COORD_APPOSITION_WORDS 10
/* Words whose own first letter is و: no conjunction opens them (زار باريس
 * وزير خارجية فرنسا: France is no second place visited). Views are
 * normalised, so ة is written ه. */
static const char *const waw_words[] = {"وزير",  "وزيره", "وزاره", "وكيل",
                                        "وكيله", "وكاله", "ولي",   "والي",
                                        "وفد",   "وسيط",  "ولايه"};

static int waw_word(const char *p, const char *e) {
  size_t n = 0;
  while (p + n < e && p[n] != ' ')
    n++;
  for (size_t i = 0; i < sizeof waw_words / sizeof *waw_words; i++)
    if (strlen(waw_words[i]) == n && !memcmp(p, waw_words[i], n))
      return 1;
  return 0;
}

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
  if (last_comma && spaces <= COORD_APPOSITION_WORDS) /* after the comma */
    p = last_comma + 2;
  while (p < e && *p == ' ')
    p++;
  int opener = e - p >= 2 && !memcmp(p, waw, 2) && !waw_word(p, e);
  int after = 0;
  for (const char *q = p; q < e; q++)
    after += *q == ' ';
  return (opener || (last_comma && p == e)) && after <= COORD_TITLE_WORDS;
}

/* English coordination. The gap between two placeholders: EN_AND for
 * "and" or ", and", EN_COMMA for a bare ",", each followed by at most a
 * few words of a title written with capitals (and Foreign Minister, ,
 * Chancellor); EN_NONE for anything else. */
enum { EN_NONE, EN_AND, EN_COMMA };
#define EN_TITLE_WORDS 4

static int en_title_word(const text_doc *d, const text_token *tk) {
  static const char *const lower[] = {"former", "acting", "then", "new"};
  const char *n = d->pool + tk->norm_off;
  if (d->text[tk->byte_start] >= 'A' && d->text[tk->byte_start] <= 'Z')
    return 1;
  for (size_t i = 0; i < sizeof lower / sizeof *lower; i++)
    if (tk->norm_len == strlen(lower[i]) && !memcmp(n, lower[i], tk->norm_len))
      return 1;
  return 0;
}

static int en_gap(const view *v, const text_doc *d, uint32_t count,
                  const slot *a, const slot *b) {
  /* the tokens after a's last one, up to b's first */
  uint32_t t = token_at(v, count, a->end) + 1;
  uint32_t end = token_at(v, count, b->start - 1) + 1;
  int comma = 0, and = 0;
  for (; t < end; t++) {
    const text_token *tk = &d->tokens[v->first + t];
    const char *n = d->pool + tk->norm_off;
    if (!comma && !and&&tk->norm_len == 1 && n[0] == ',')
      comma = 1;
    else if (!and&&tk->norm_len == 3 && !memcmp(n, "and", 3))
      and = 1;
    else
      break;
  }
  if (!comma && !and)
    return EN_NONE;
  for (uint32_t words = 0; t < end; t++, words++)
    if (words == EN_TITLE_WORDS || !en_title_word(d, &d->tokens[v->first + t]))
      return EN_NONE;
  return and? EN_AND : EN_COMMA;
}

/* Is slot k+1 coordinated with slot k in English: "A and B", "A, B and
 * C" (a bare comma only in a list that an "and" closes: "A, the B" is an
 * apposition)? */
static int en_coordinated(const view *v, const text_doc *d, uint32_t count,
                          uint32_t k) {
  for (; k + 1 < v->n_slots; k++) {
    int g = en_gap(v, d, count, &v->slots[k], &v->slots[k + 1]);
    if (g != EN_COMMA)
      return g == EN_AND;
  }
  return 0;
}

/* Offset of view v's text in out->views, copied once per sentence. */
static uint32_t keep_view(relation_table *out, const view *v,
                          uint32_t sentence) {
  if (out->n_views && out->view_sentence == sentence)
    return out->view_last;
  if (!out->views.alloc)
    rawi_strbuf_init(&out->views, out->alloc);
  out->view_last = (uint32_t)out->views.len;
  out->view_sentence = sentence;
  out->n_views++;
  rawi_strbuf_add(&out->views, v->text.data, v->text.len + 1);
  return out->view_last;
}

/* Where an edge is found: the sentence and its view. */
typedef struct site {
  relation_table *out;
  const mention_table *m;
  const view *v;
  uint32_t sentence;
  int implicit; /* the subject is the topic person or a speaker */
} site;

static int add_edge(const site *at, const relation_rule *r, uint32_t ms,
                    uint32_t mo, double conf, int planned) {
  relation_table *out = at->out;
  const mention_table *m = at->m;
  const doc_predicate *pr = doc_predicate_at(r->relation);
  const mention *a = &m->mentions[ms], *b = &m->mentions[mo];
  /* a demonym may stand for its country as an object (رئيس الوزراء
   * العراقي), never as a subject */
  if (!(pr->subject_types >> a->type & 1) ||
      !(pr->object_types >> b->type & 1) || a->kind == MENTION_DEMONYM)
    return RAWI_OK;
  uint32_t s = a->entity, o = b->entity;
  if (s == o)
    return RAWI_OK;
  if (pr->symmetric && strcmp(m->strings.data + m->entities[s].id_off,
                              m->strings.data + m->entities[o].id_off) > 0) {
    uint32_t t = s;
    s = o;
    o = t;
  }
  relation e = {.subject = s,
                .object = o,
                .predicate = (uint16_t)r->relation,
                .implicit = (uint8_t)at->implicit,
                .planned = (uint8_t)planned,
                .sentence = at->sentence,
                .confidence = conf,
                .rule = &r->common};
  uint32_t kept;
  int fresh = edge_set_add(out->seen, out, s, o, (uint16_t)r->relation, &kept);
  if (fresh < 0)
    return fresh;
  if (!fresh) {
    /* a plan is superseded by a sentence saying it happened */
    if (out->v[kept].planned && !planned) {
      e.view_off = keep_view(out, at->v, at->sentence);
      out->v[kept] = e;
    }
    return out->views.failed ? RAWI_ERR_NOMEM : RAWI_OK;
  }
  if (rawi_mem_grow(out->alloc, (void **)&out->v, &out->cap, out->n + 1,
                    sizeof(relation)))
    return RAWI_ERR_NOMEM;
  e.view_off = keep_view(out, at->v, at->sentence);
  out->v[out->n++] = e;
  return out->views.failed ? RAWI_ERR_NOMEM : RAWI_OK;
}

/* The person a slot stands for as a speaker, or NONE. */
static uint32_t person_at(const view *v, const mention_table *m, size_t from,
                          size_t to) {
  for (size_t i = 0; i < v->n_slots; i++)
    if (v->slots[i].start >= from && v->slots[i].end <= to)
      return m->mentions[v->slots[i].mention].type == DOC_PERSON &&
                     m->mentions[v->slots[i].mention].kind == MENTION_NAME
                 ? v->slots[i].mention
                 : NONE;
  return NONE;
}

/* A reported clause: قال X إن ...، وأضاف أن ... Its dropped subjects are
 * its own subject when it opens with a person (أضافت أن بلينكن سيجدد ...
 * خلال لقاء مع), else the speaker's: a person named between the verb and
 * "that" (or right before the verb), the topic when nobody is named
 * (وأضاف أن), and nobody when someone unnamed speaks (قال مسؤول إن). A
 * speaker does not become the topic of the sentences after: news quotes
 * many voices on one protagonist. */
static void find_clause(view *v, const text_doc *d, const mention_table *m,
                        const discourse *dc, uint32_t count, uint32_t topic) {
  v->clause_from = NONE;
  v->speaker = NONE;
  uint32_t first = v->first;
  for (uint32_t k = 0; k < count; k++) {
    if (!(dc->cue[first + k] & CUE_REPORT) || v->quoted[k])
      continue;
    for (uint32_t j = k + 1; j < count && j <= k + 10; j++) {
      if (!discourse_is_that(d, first + j) &&
          !(d->tokens[first + j].norm_len == 1 &&
            d->pool[d->tokens[first + j].norm_off] == ':'))
        continue;
      v->clause_from = j;
      size_t from = v->tok_at[k + 1], to = v->tok_at[j];
      /* a clause with a subject of its own, perhaps after a title: قال
       * إن بلينكن سيلتقي ...، بأن الجنرال سليماني توجه ... */
      uint32_t lead =
          j + CLAUSE_SUBJECT_WORDS < count ? j + CLAUSE_SUBJECT_WORDS : count;
      if (j + 1 < count && (v->speaker = person_at(v, m, v->tok_at[j + 1],
                                                   v->tok_at[lead])) != NONE)
        return;
      if (j == k + 1) { /* nobody between: before the verb, or the topic */
        from = k >= 2 ? v->tok_at[k - 2] : 0;
        to = v->tok_at[k];
        v->speaker = person_at(v, m, from, to);
        if (v->speaker == NONE)
          v->speaker = topic;
      } else {
        v->speaker = person_at(v, m, from, to);
      }
      return;
    }
  }
}

/* Who a rule without a subject group means at view offset off: nobody
 * inside a quotation, the speaker inside a reported clause, else the
 * topic person. */
static uint32_t implicit_subject(const view *v, uint32_t count, size_t off,
                                 uint32_t topic) {
  uint32_t k = token_at(v, count, off);
  if (v->quoted[k])
    return NONE;
  if (v->clause_from != NONE && k >= v->clause_from)
    return v->speaker;
  return topic;
}

/* Cue words around a match: from a few tokens before it to its end (دعا
 * الرئيس محمود عباس أنتوني بلينكن لزيارة ...).
 * CUE_BLOCK: no edge (negation, hope, condition, invitation, call);
 * CUE_PLANNED: the edge is a plan. */
#define CUE_BEFORE 6
static uint8_t cues_of(const view *v, const discourse *dc, uint32_t count,
                       size_t start, size_t end) {
  uint32_t a = token_at(v, count, start),
           b = token_at(v, count, end ? end - 1 : 0);
  uint8_t c = 0;
  for (uint32_t k = a > CUE_BEFORE ? a - CUE_BEFORE : 0; k <= b; k++)
    c |= dc->cue[v->first + k];
  return c;
}

typedef struct sentence_run {
  const view *v;
  const text_doc *d;
  const mention_table *m;
  const discourse *dc;
  uint32_t sentence, count;
  uint32_t *topic;
  relation_table *out;
} sentence_run;

static int demonym_slot(const sentence_run *sr, uint32_t k) {
  return sr->m->mentions[sr->v->slots[k].mention].kind == MENTION_DEMONYM;
}

/* Edges of the match of rule r that s's matcher holds. */
static int take_match(const sentence_run *sr, const relation_rule *r,
                      const pattern_matcher *pm) {
  const view *v = sr->v;
  size_t ms = 0, me = 0, ss = 0, se = 0, os, oe;
  pattern_group(pm, 0, &ms, &me);
  uint32_t gs = r->subject, go = r->object;
  if (!pattern_group(pm, go, &os, &oe) && r->object2) /* the 2nd alternative */
    gs = r->subject2, go = r->object2;
  else if (gs && !pattern_group(pm, gs, &ss, &se) && r->subject2)
    gs = r->subject2; /* a subject written in a second place */
  /* a subject group that took no part in the match: the subject is
   * dropped, as in a rule without one */
  int implicit = !gs || !pattern_group(pm, gs, &ss, &se);
  uint32_t ks = implicit ? NONE : slot_in(v, ss, se);
  uint32_t ko = pattern_group(pm, go, &os, &oe) ? slot_in(v, os, oe) : NONE;
  uint32_t subj = !implicit ? (ks != NONE ? v->slots[ks].mention : NONE)
                            : implicit_subject(v, sr->count, ms, *sr->topic);
  if (subj == NONE || ko == NONE ||
      (r->n_subject_heads &&
       !discourse_head_in(sr->dc, sr->d, &sr->m->mentions[subj],
                          r->subject_heads, r->n_subject_heads)))
    return RAWI_OK;
  /* cue words speak of events: ولم يكشف الرئيس الفرنسي ماكرون still
   * names France's president */
  int event = doc_predicate_at(r->relation)->event;
  uint8_t cues = event ? cues_of(v, sr->dc, sr->count, ms, me) : 0;
  if ((cues & CUE_BLOCK) || (event && v->no_events))
    return RAWI_OK;
  /* a plan is an event to come; a role or a membership holds now */
  int planned = (cues & CUE_PLANNED) != 0;
  for (uint8_t k = 0; k < r->n_planned_groups; k++)
    planned |= pattern_group(pm, r->planned_groups[k], &ss, &se);
  planned = r->planned || (planned && event);
  double conf = implicit ? r->confidence * IMPLICIT_CONFIDENCE : r->confidence;
  site at = {sr->out, sr->m, v, sr->sentence, implicit};
  size_t before = sr->out->n;
  int e = add_edge(&at, r, subj, v->slots[ko].mention, conf, planned);
  /* further objects coordinated with this one; a nationality adjective
   * is never one (في الرياض وزير الخارجية الأمريكي: no visit to the US) */
  for (uint32_t k = ko + 1;
       e == RAWI_OK && k < v->n_slots && !demonym_slot(sr, k) &&
       (coordinated(v, &v->slots[k - 1], &v->slots[k]) ||
        en_coordinated(v, sr->d, sr->count, k - 1));
       k++)
    e = add_edge(&at, r, subj, v->slots[k].mention, conf, planned);
  /* further subjects coordinated with a subject written before its object
   * (السعودية والإمارات من الدول الأعضاء في ...): not after it, where the
   * next name is another apposition (الرئيس الكولومبي بيترو ووزير خارجيته) */
  if (!implicit && ks < ko)
    for (uint32_t k = ks + 1; e == RAWI_OK && k < ko && !demonym_slot(sr, k) &&
                              coordinated(v, &v->slots[k - 1], &v->slots[k]);
         k++)
      e = add_edge(&at, r, v->slots[k].mention, v->slots[ko].mention, conf,
                   planned);
  /* a subject written before its object is in subject position (an
   * apposition such as رئيس تشيلي بوريتش writes it after) */
  if (e == RAWI_OK && !implicit && sr->out->n > before &&
      sr->m->mentions[subj].type == DOC_PERSON &&
      v->slots[ks].start < v->slots[ko].start)
    *sr->topic = subj;
  return e;
}

/* All non-overlapping matches of relation rule r in the view. A rule
 * that starts at a token (compiled anchored) is tried at each token in
 * turn, which finds the same leftmost matches as a scan of every offset,
 * with the same limit at each (PCRE2 counts it per start). */
static int run_relation_rule(const relation_rule *r, rules_scratch *s,
                             const sentence_run *sr) {
  const view *v = sr->v;
  size_t len = v->text.len;
  pattern_set_budget(&s->matcher, len + 1);
  for (size_t at = 0; at <= len;) {
    size_t from = r->at_tokens ? rules_next_token(v->text.data, len, at) : at;
    if (from > len)
      break;
    int rc = rules_match(s, &r->common, v->text.data, len, from);
    if (rc == PATTERN_LIMIT) /* skips this rule here; the rest goes on */
      return RAWI_OK;
    if (rc < 0)
      return rc;
    if (rc == PATTERN_NO_MATCH && r->at_tokens) {
      at = from + 1;
      continue;
    }
    if (rc == PATTERN_NO_MATCH)
      break;
    if ((rc = take_match(sr, r, &s->matcher)))
      return rc;
    size_t ms = 0, me = 0;
    pattern_group(&s->matcher, 0, &ms, &me);
    at = me > ms ? me : ms + 1;
    while (at < len && ((unsigned char)v->text.data[at] & 0xC0) == 0x80)
      at++;
  }
  return RAWI_OK;
}

/* The entity types of the view's placeholders: of names (*names) and of
 * all, demonyms too (*any); a bit per gz type. */
static void slot_types(const view *v, const mention_table *m, uint32_t *names,
                       uint32_t *any) {
  *names = *any = 0;
  for (size_t i = 0; i < v->n_slots; i++) {
    const mention *mn = &m->mentions[v->slots[i].mention];
    *any |= 1u << mn->type;
    if (mn->kind == MENTION_NAME)
      *names |= 1u << mn->type;
  }
}

/* Can rule r make an edge in a sentence with these placeholders? An edge
 * needs an object of the predicate's object types, which is a placeholder
 * (add_edge), and a subject of its subject types that is a name: a
 * placeholder, or for a dropped subject the speaker (a placeholder) or
 * the topic (a person). A rule that cannot is not run: every match it
 * found would be dropped (and so would its topic change). */
static int may_relate(const relation_rule *r, uint32_t names, uint32_t any,
                      uint32_t topic) {
  const doc_predicate *pr = doc_predicate_at(r->relation);
  uint32_t subjects = names | (topic != NONE ? 1u << DOC_PERSON : 0);
  return (pr->object_types & any) && (pr->subject_types & subjects);
}

/* Drop edges a stronger predicate between the same ends makes redundant
 * (doc_predicate.implied_by), keeping the others in order. */
static int drop_implied(relation_table *out) {
  rawi_map have;
  rawi_map_init(&have, out->alloc);
  int rc = RAWI_OK;
  for (size_t i = 0; i < out->n && rc == RAWI_OK; i++) {
    const relation *e = &out->v[i];
    uint64_t key = ((uint64_t)e->subject << 40 ^ (uint64_t)e->object << 16 ^
                    e->predicate) &
                   ~1ull;
    uint32_t *value;
    rc = rawi_map_put(&have, key, 1, &value) < 0 ? RAWI_ERR_NOMEM : RAWI_OK;
  }
  size_t kept = 0;
  for (size_t i = 0; i < out->n && rc == RAWI_OK; i++) {
    const relation *e = &out->v[i];
    const char *by = doc_predicate_at(e->predicate)->implied_by;
    int q = by ? doc_predicate_index(by, strlen(by)) : -1;
    uint64_t key =
        ((uint64_t)e->subject << 40 ^ (uint64_t)e->object << 16 ^ (uint64_t)q) &
        ~1ull;
    if (q < 0 || !rawi_map_get(&have, key))
      out->v[kept++] = *e;
  }
  if (rc == RAWI_OK)
    out->n = kept;
  rawi_map_free(&have);
  return rc;
}

int relate_run(const ruleset *rs, rules_scratch *s, const gz_image *const *imgs,
               const gz_marks *marks, const text_doc *d, const mention_table *m,
               relation_table *out) {
  if (!rs->n_relation_rules || !d->n_tokens)
    return RAWI_OK;
  if (rules_scratch_ready(s, rs))
    return RAWI_ERR_NOMEM;
  uint32_t *start_of =
      rawi_mem_alloc(out->alloc, d->n_tokens * sizeof *start_of);
  discourse dc = {.alloc = out->alloc};
  view v = {0};
  rawi_strbuf_init(&v.text, out->alloc);
  edge_set seen;
  edge_set_init(&seen, out->alloc);
  out->seen = &seen;
  int rc = start_of ? discourse_build(&dc, imgs, marks, d, m) : RAWI_ERR_NOMEM;
  if (rc == RAWI_OK) {
    memset(start_of, 0xFF, d->n_tokens * sizeof *start_of);
    for (size_t i = 0; i < m->n_mentions; i++)
      if (!m->mentions[i].lost)
        start_of[m->mentions[i].tok_first] = (uint32_t)i;
  }
  if (rc == RAWI_OK && out->keep_views && d->n_sentences) {
    out->sentence_view =
        rawi_mem_alloc(out->alloc, d->n_sentences * sizeof(uint32_t));
    if (!out->sentence_view)
      rc = RAWI_ERR_NOMEM;
    else
      memset(out->sentence_view, 0xFF, d->n_sentences * sizeof(uint32_t));
  }
  uint32_t topic = NONE;
  uint64_t grams[RULES_GRAM_BITS / 64];
  pattern_set_callout(&s->matcher, NULL, NULL);
  for (size_t si = 0; si < d->n_sentences && rc == RAWI_OK; si++) {
    const text_sentence *sen = &d->sentences[si];
    size_t placeholders = 0;
    for (uint32_t t = sen->first; t < sen->first + sen->count; t++)
      placeholders += start_of[t] != NONE || dc.stand_for[t] != NONE;
    /* a sentence opening with a person makes it the topic */
    uint32_t opener = start_of[sen->first];
    if (opener != NONE && m->mentions[opener].type == DOC_PERSON &&
        m->mentions[opener].kind == MENTION_NAME)
      topic = opener;
    if (placeholders < (topic == NONE ? 2u : 1u) || is_question(d, sen))
      continue;
    if ((rc = build(&v, d, m, &dc, start_of, sen->first, sen->count)) ||
        (rc = rules_sentence_words(rs, s, d, sen->first, sen->count)))
      break;
    find_clause(&v, d, m, &dc, sen->count, topic);
    if (out->sentence_view) { /* --explain: every sentence rules ran on */
      out->sentence_view[si] = keep_view(out, &v, (uint32_t)si);
      if (out->views.failed)
        rc = RAWI_ERR_NOMEM;
    }
    sentence_run sr = {&v, d, m, &dc, (uint32_t)si, sen->count, &topic, out};
    uint32_t names, types;
    slot_types(&v, m, &names, &types);
    rules_grams(v.text.data, v.text.len, grams);
    for (size_t r = 0; r < rs->n_relation_rules && rc == RAWI_OK; r++) {
      const relation_rule *ru = &rs->relation_rules[r];
      if (!rules_words_allow(s, &ru->common, rules_relation_slot(rs, r)) ||
          !may_relate(ru, names, types, topic) ||
          !rules_needs_met(&ru->common, grams))
        continue;
      rc = run_relation_rule(ru, s, &sr);
    }
  }
  if (rc == RAWI_OK)
    rc = drop_implied(out);
  rawi_strbuf_free(&v.text);
  rawi_mem_free(out->alloc, v.slots);
  rawi_mem_free(out->alloc, v.tok_at);
  rawi_mem_free(out->alloc, v.quoted);
  rawi_mem_free(out->alloc, start_of);
  discourse_free(&dc);
  edge_set_free(&seen);
  out->seen = NULL;
  return rc;
}
