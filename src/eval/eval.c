/*
 * Scoring for rawi eval: conlleval chunks, and the JSONL scoring of
 * shared/gold/score.py (see eval.h). Sets are small (the names of one
 * document), so they are plain arrays searched linearly.
 */
#include "eval/eval.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "doc/predicates.h"
#include "doc/types.h"
#include "util/utf8.h"

void eval_prf(const eval_counts *c, double *p, double *r, double *f) {
  *p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0.0;
  *r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0.0;
  *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

/* --- CoNLL chunks -------------------------------------------------------- */

/* Split "B-PERS" into tag 'B' and type "PERS"; anything but B-/I- is O. */
static char split_label(const char *label, const char **type) {
  if ((label[0] == 'B' || label[0] == 'I') && label[1] == '-') {
    *type = label + 2;
    return label[0];
  }
  *type = "";
  return 'O';
}

size_t eval_chunks(const char *const *labels, const unsigned char *starts,
                   size_t n, eval_chunk **out) {
  eval_chunk *c = malloc((n ? n : 1) * sizeof *c);
  if (!c)
    return (size_t)-1;
  size_t k = 0, open = 0;
  char prev = 'O';
  const char *prev_type = "";
  for (size_t i = 0; i <= n; i++) {
    const char *type = "";
    char tag = i < n ? split_label(labels[i], &type) : 'O';
    if (i < n && i && starts[i]) { /* a sentence end is an O token */
      if (prev != 'O')
        c[k++] = (eval_chunk){open, i, prev_type};
      prev = 'O';
      prev_type = "";
    }
    int same = !strcmp(prev_type, type);
    int end = prev != 'O' && (tag == 'B' || tag == 'O' || !same);
    int start = tag == 'B' || (tag == 'I' && (prev == 'O' || !same));
    if (end)
      c[k++] = (eval_chunk){open, i, prev_type};
    if (start)
      open = i;
    prev = tag;
    prev_type = type;
  }
  *out = c;
  return k;
}

/* --- string sets --------------------------------------------------------- */

typedef struct strset {
  char **v;
  size_t n, cap;
} strset;

static int set_has(const strset *s, const char *x) {
  for (size_t i = 0; i < s->n; i++)
    if (!strcmp(s->v[i], x))
      return 1;
  return 0;
}

/* Add a copy of x unless present; -1 when out of memory. */
static int set_add(strset *s, const char *x) {
  if (set_has(s, x))
    return 0;
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 8;
    char **v = realloc(s->v, cap * sizeof *v);
    if (!v)
      return -1;
    s->v = v;
    s->cap = cap;
  }
  if (!(s->v[s->n] = strdup(x)))
    return -1;
  s->n++;
  return 0;
}

static void set_free(strset *s) {
  for (size_t i = 0; i < s->n; i++)
    free(s->v[i]);
  free(s->v);
  memset(s, 0, sizeof *s);
}

static int set_meets(const strset *a, const strset *b) {
  for (size_t i = 0; i < a->n; i++)
    if (set_has(b, a->v[i]))
      return 1;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The smallest member (code point order, as Python sorts), or dflt. */
static const char *set_min(const strset *s, const char *dflt) {
  const char *m = NULL;
  for (size_t i = 0; i < s->n; i++)
    if (!m || strcmp(s->v[i], m) < 0)
      m = s->v[i];
  return m ? m : dflt;
}

/* "TYPE\x1fform": a (form, type) pair as one string. */
static char *pair(const char *type, const char *form) {
  size_t a = strlen(type), b = strlen(form);
  char *p = malloc(a + b + 2);
  if (p) {
    memcpy(p, type, a);
    p[a] = '\x1f';
    memcpy(p + a + 1, form, b + 1);
  }
  return p;
}

static int set_add_pair(strset *s, const char *type, const char *form) {
  char *p = pair(type, form);
  int rc = p ? set_add(s, p) : -1;
  free(p);
  return rc;
}

static int set_has_pair(const strset *s, const char *type, const char *form) {
  char *p = pair(type, form);
  int rc = p && set_has(s, p);
  free(p);
  return rc;
}

/* --- normalisation (score.py's norm) -------------------------------------- */

static int py_space(uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

char *eval_norm(const char *s) {
  if (!s)
    s = "";
  size_t len = strlen(s);
  char *tmp = malloc(len + 1);
  if (!tmp)
    return NULL;
  size_t k = 0;
  int space = 0;
  for (size_t i = 0; i < len;) {
    int n;
    uint32_t c = rawi_utf8_decode((const unsigned char *)s + i, &n);
    if (i + (size_t)n > len)
      break;
    i += (size_t)n;
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640)
      continue;
    if (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671)
      c = 0x0627;
    else if (c == 0x0649)
      c = 0x064A;
    else if (c == 0x0629)
      c = 0x0647;
    if (c < 0x80 && strchr("\"'()[]", (int)c) && c)
      continue;
    if (c == 0xAB || c == 0xBB)
      continue;
    if (py_space(c)) {
      space = 1;
      continue;
    }
    if (space && k)
      tmp[k++] = ' ';
    space = 0;
    k += (size_t)rawi_utf8_encode(c, tmp + k);
  }
  tmp[k] = '\0';
  /* full case folding, as Python's str.casefold() */
  UErrorCode st = U_ZERO_ERROR;
  int32_t n16 = 0;
  u_strFromUTF8(NULL, 0, &n16, tmp, (int32_t)k, &st);
  st = U_ZERO_ERROR;
  UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
  UChar *f = malloc(((size_t)n16 * 3 + 1) * sizeof *f);
  char *out = malloc(k * 3 + 4);
  if (!u || !f || !out) {
    free(u);
    free(f);
    free(out);
    free(tmp);
    return NULL;
  }
  u_strFromUTF8(u, n16 + 1, NULL, tmp, (int32_t)k, &st);
  int32_t nf = u_strFoldCase(f, n16 * 3 + 1, u, n16, U_FOLD_CASE_DEFAULT, &st);
  int32_t n8 = 0;
  u_strToUTF8(out, (int32_t)(k * 3 + 4), &n8, f, nf, &st);
  if (U_FAILURE(st))
    memcpy(out, tmp, k + 1);
  free(u);
  free(f);
  free(tmp);
  return out;
}

/* --- JSONL --------------------------------------------------------------- */

typedef struct gold_item {
  strset alts;
  char *type;
  char *first; /* the smallest alternative, for messages */
} gold_item;

typedef struct gold_rel {
  strset sub, obj;
  char *pred, *pred_norm;
  char *raw[3]; /* as written, for messages */
} gold_rel;

typedef struct gold_doc {
  char *id, *text;
  gold_item *items;
  size_t n_items;
  gold_rel *rels, *opt;
  size_t n_rels, n_opt;
  cJSON *system; /* the system's record, or NULL */
} gold_doc;

struct eval_jsonl {
  gold_doc *docs;
  size_t n, cap;
  size_t bad_lines;
};

static const char *jstr(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Normalised alternatives of "a|b" into s. */
static int add_alts(strset *s, const char *surface) {
  const char *p = surface ? surface : "";
  for (;;) {
    const char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    char *part = strndup(p, n);
    char *x = part ? eval_norm(part) : NULL;
    int rc = x ? set_add(s, x) : -1;
    free(part);
    free(x);
    if (rc)
      return -1;
    if (!bar)
      return 0;
    p = bar + 1;
  }
}

static const char *item_str(const cJSON *a, int i) {
  const cJSON *v = cJSON_GetArrayItem(a, i);
  return cJSON_IsString(v) ? v->valuestring : "";
}

static int read_rels(const cJSON *arr, gold_rel **out, size_t *n) {
  int count = cJSON_GetArraySize(arr);
  *out = calloc(count > 0 ? (size_t)count : 1, sizeof **out);
  *n = 0;
  if (!*out)
    return -1;
  for (int i = 0; i < count; i++) {
    const cJSON *r = cJSON_GetArrayItem(arr, i);
    gold_rel *g = &(*out)[(*n)++];
    for (int k = 0; k < 3; k++)
      if (!(g->raw[k] = strdup(item_str(r, k))))
        return -1;
    g->pred = g->raw[1];
    if (!(g->pred_norm = eval_norm(g->pred)) || add_alts(&g->sub, g->raw[0]) ||
        add_alts(&g->obj, g->raw[2]))
      return -1;
  }
  return 0;
}

static int read_gold_doc(gold_doc *d, const cJSON *o) {
  const char *id = jstr(o, "id"), *text = jstr(o, "text");
  d->id = strdup(id ? id : "");
  d->text = text ? strdup(text) : NULL;
  if (!d->id || (text && !d->text))
    return -1;
  const cJSON *ents = cJSON_GetObjectItemCaseSensitive(o, "entities");
  int count = cJSON_GetArraySize(ents);
  d->items = calloc(count > 0 ? (size_t)count : 1, sizeof *d->items);
  if (!d->items)
    return -1;
  for (int i = 0; i < count; i++) {
    const cJSON *e = cJSON_GetArrayItem(ents, i);
    gold_item *g = &d->items[d->n_items++];
    if (!(g->type = strdup(item_str(e, 1))) ||
        add_alts(&g->alts, item_str(e, 0)))
      return -1;
    g->first = strdup(set_min(&g->alts, ""));
    if (!g->first)
      return -1;
  }
  return read_rels(cJSON_GetObjectItemCaseSensitive(o, "relations"), &d->rels,
                   &d->n_rels) ||
                 read_rels(cJSON_GetObjectItemCaseSensitive(o, "optional"),
                           &d->opt, &d->n_opt)
             ? -1
             : 0;
}

static void free_rels(gold_rel *r, size_t n) {
  for (size_t i = 0; i < n; i++) {
    set_free(&r[i].sub);
    set_free(&r[i].obj);
    free(r[i].pred_norm);
    for (int k = 0; k < 3; k++)
      free(r[i].raw[k]);
  }
  free(r);
}

static void free_doc(gold_doc *d) {
  free(d->id);
  free(d->text);
  for (size_t i = 0; i < d->n_items; i++) {
    set_free(&d->items[i].alts);
    free(d->items[i].type);
    free(d->items[i].first);
  }
  free(d->items);
  free_rels(d->rels, d->n_rels);
  free_rels(d->opt, d->n_opt);
  cJSON_Delete(d->system);
  memset(d, 0, sizeof *d);
}

void eval_jsonl_free(eval_jsonl *e) {
  if (!e)
    return;
  for (size_t i = 0; i < e->n; i++)
    free_doc(&e->docs[i]);
  free(e->docs);
  free(e);
}

static gold_doc *find_doc(eval_jsonl *e, const char *id) {
  for (size_t i = 0; i < e->n; i++)
    if (!strcmp(e->docs[i].id, id))
      return &e->docs[i];
  return NULL;
}

eval_jsonl *eval_jsonl_new(const char *gold, size_t len, char *msg,
                           size_t cap) {
  eval_jsonl *e = calloc(1, sizeof *e);
  if (!e)
    goto nomem;
  const char *p = gold, *end = gold + len;
  for (unsigned long line = 1; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    const char *q = p;
    while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
      q++;
    if (q < eol) {
      cJSON *o = cJSON_ParseWithLength(p, (size_t)(eol - p));
      if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        snprintf(msg, cap, "line %lu: not a JSON object", line);
        eval_jsonl_free(e);
        return NULL;
      }
      gold_doc d = {0};
      int rc = read_gold_doc(&d, o);
      cJSON_Delete(o);
      gold_doc *old = rc ? NULL : find_doc(e, d.id);
      if (!rc && old) { /* a later line with the same id replaces it */
        free_doc(old);
        *old = d;
      } else if (!rc) {
        if (e->n == e->cap) {
          size_t c2 = e->cap ? 2 * e->cap : 16;
          gold_doc *v = realloc(e->docs, c2 * sizeof *v);
          if (!v)
            rc = -1;
          else {
            e->docs = v;
            e->cap = c2;
          }
        }
        if (!rc)
          e->docs[e->n++] = d;
      }
      if (rc) {
        free_doc(&d);
        eval_jsonl_free(e);
        goto nomem;
      }
    }
    p = eol + 1;
  }
  return e;
nomem:
  snprintf(msg, cap, "out of memory");
  return NULL;
}

size_t eval_jsonl_doc_count(const eval_jsonl *e) {
  return e->n;
}

void eval_jsonl_doc(const eval_jsonl *e, size_t i, const char **id,
                    const char **text) {
  *id = e->docs[i].id;
  *text = e->docs[i].text;
}

int eval_jsonl_add_system(eval_jsonl *e, const char *line, size_t len) {
  size_t k = 0;
  while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
    k++;
  if (k == len)
    return 0;
  cJSON *o = cJSON_ParseWithLength(line, len);
  if (!o) {
    e->bad_lines++;
    return -1;
  }
  const char *id = jstr(o, "id");
  gold_doc *d = id ? find_doc(e, id) : NULL;
  if (!d) { /* not a gold document: not scored */
    cJSON_Delete(o);
    return 0;
  }
  cJSON_Delete(d->system);
  d->system = o;
  return 0;
}

/* --- scoring one document ------------------------------------------------- */

typedef struct named {
  const char *id;
  strset names;
} named;

typedef struct doc_score {
  strset found, found_m; /* "TYPE\x1fform" the system produced */
  strset smentions;      /* "TYPE\x1fform" representative forms */
  named *names;          /* entity id -> names */
  size_t n_names;
} doc_score;

/* A type in the LOC-merged score: its coarse name (doc/types.def). */
static const char *merge(const char *t) {
  const doc_type *row = doc_type_named(t);
  return row ? row->coarse : t;
}

static int gold_forms_has(const gold_doc *g, const char *type, const char *form,
                          int merged) {
  for (size_t i = 0; i < g->n_items; i++) {
    const char *t = g->items[i].type;
    if ((merged ? !strcmp(merge(t), merge(type)) : !strcmp(t, type)) &&
        set_has(&g->items[i].alts, form))
      return 1;
  }
  return 0;
}

static named *names_of(doc_score *s, const char *id) {
  for (size_t i = 0; i < s->n_names; i++)
    if (!strcmp(s->names[i].id, id))
      return &s->names[i];
  return NULL;
}

static void read_system(const gold_doc *g, doc_score *s) {
  const cJSON *ents =
      g->system ? cJSON_GetObjectItemCaseSensitive(g->system, "entities")
                : NULL;
  int count = cJSON_GetArraySize(ents);
  s->names = calloc(count > 0 ? (size_t)count : 1, sizeof *s->names);
  if (!s->names)
    return;
  for (int i = 0; i < count; i++) {
    const cJSON *e = cJSON_GetArrayItem(ents, i);
    const char *ty = jstr(e, "type"), *id = jstr(e, "id");
    ty = ty ? ty : "";
    id = id ? id : "";
    strset ns = {0};
    char *x = eval_norm(jstr(e, "name"));
    if (x)
      set_add(&ns, x);
    free(x);
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(e, "mentions");
    for (int k = 0; k < cJSON_GetArraySize(ms); k++) {
      const cJSON *m = cJSON_GetArrayItem(ms, k);
      strset forms = {0};
      char *a = eval_norm(jstr(m, "text")), *b = eval_norm(jstr(m, "norm"));
      if (a && *a)
        set_add(&forms, a);
      if (b && *b)
        set_add(&forms, b);
      free(a);
      free(b);
      for (size_t j = 0; j < forms.n; j++)
        set_add(&ns, forms.v[j]);
      const char *kind = jstr(m, "kind");
      if ((!kind || !strcmp(kind, "name")) && forms.n) {
        const char *rep = NULL;
        for (size_t j = 0; j < forms.n; j++) {
          set_add_pair(&s->found, ty, forms.v[j]);
          set_add_pair(&s->found_m, merge(ty), forms.v[j]);
          if (gold_forms_has(g, ty, forms.v[j], 0) &&
              (!rep || strcmp(forms.v[j], rep) < 0))
            rep = forms.v[j];
        }
        set_add_pair(&s->smentions, ty, rep ? rep : set_min(&forms, ""));
      }
      set_free(&forms);
    }
    /* ns.discard(''): forms are never empty; the name may be */
    for (size_t j = 0; j < ns.n; j++)
      if (!*ns.v[j]) {
        free(ns.v[j]);
        ns.v[j] = ns.v[--ns.n];
        break;
      }
    named *old = names_of(s, id);
    if (old) {
      set_free(&old->names);
      old->names = ns;
    } else {
      s->names[s->n_names].id = id;
      s->names[s->n_names++].names = ns;
    }
  }
}

static void score_entities(const gold_doc *g, const doc_score *s, int merged,
                           eval_counts *c) {
  const strset *found = merged ? &s->found_m : &s->found;
  for (size_t i = 0; i < g->n_items; i++) {
    const gold_item *it = &g->items[i];
    const char *t = merged ? merge(it->type) : it->type;
    int hit = 0;
    for (size_t j = 0; j < it->alts.n && !hit; j++)
      hit = set_has_pair(found, t, it->alts.v[j]);
    c->tp += (size_t)hit;
    c->fn += (size_t)!hit;
  }
  strset fp = {0};
  for (size_t i = 0; i < s->smentions.n; i++) {
    const char *sep = strchr(s->smentions.v[i], '\x1f');
    char *ty = strndup(s->smentions.v[i], (size_t)(sep - s->smentions.v[i]));
    const char *f = sep + 1;
    if (ty && !gold_forms_has(g, ty, f, merged))
      set_add_pair(&fp, merged ? merge(ty) : ty, f);
    free(ty);
  }
  c->fp += fp.n;
  set_free(&fp);
}

static const strset empty_set;

static const strset *names_or_empty(doc_score *s, const char *id) {
  named *n = names_of(s, id);
  return n ? &n->names : &empty_set;
}

static int rel_match(const gold_rel *r, doc_score *s, const char *a,
                     const char *pred, const char *b) {
  char *p = eval_norm(pred);
  int same = p && !strcmp(p, r->pred_norm);
  free(p);
  if (!same)
    return 0;
  const strset *A = names_or_empty(s, a), *B = names_or_empty(s, b);
  if (set_meets(&r->sub, A) && set_meets(&r->obj, B))
    return 1;
  const doc_predicate *pr = doc_predicate_named(r->pred);
  return pr && pr->symmetric && set_meets(&r->sub, B) && set_meets(&r->obj, A);
}

static void note(eval_note_fn fn, void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(eval_note_fn fn, void *ctx, const char *fmt, ...) {
  if (!fn)
    return;
  char buf[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  fn(ctx, buf);
}

static void score_relations(const gold_doc *g, doc_score *s, eval_counts *c,
                            eval_note_fn fn, void *ctx) {
  const cJSON *rels =
      g->system ? cJSON_GetObjectItemCaseSensitive(g->system, "relations")
                : NULL;
  unsigned char *matched = calloc(g->n_rels + 1, 1);
  strset seen = {0};
  if (!matched)
    return;
  size_t n_matched = 0;
  for (int i = 0; i < cJSON_GetArraySize(rels); i++) {
    const cJSON *r = cJSON_GetArrayItem(rels, i);
    const char *a = jstr(r, "subject"), *p = jstr(r, "predicate"),
               *b = jstr(r, "object");
    a = a ? a : "";
    p = p ? p : "";
    b = b ? b : "";
    size_t la = strlen(a), lp = strlen(p), lb = strlen(b);
    char *key = malloc(la + lp + lb + 3);
    if (!key)
      break;
    sprintf(key, "%s\x1f%s\x1f%s", a, p, b);
    int dup = set_has(&seen, key);
    if (!dup)
      set_add(&seen, key);
    free(key);
    if (dup)
      continue;
    size_t hit = g->n_rels;
    for (size_t k = 0; k < g->n_rels && hit == g->n_rels; k++)
      if (rel_match(&g->rels[k], s, a, p, b))
        hit = k;
    if (hit < g->n_rels) {
      if (!matched[hit]) {
        matched[hit] = 1;
        n_matched++;
        c->tp++;
      }
      continue;
    }
    int optional = 0;
    for (size_t k = 0; k < g->n_opt && !optional; k++)
      optional = rel_match(&g->opt[k], s, a, p, b);
    if (optional)
      continue;
    c->fp++;
    note(fn, ctx, "%s REL EXTRA (%s, %s, %s)", g->id,
         set_min(names_or_empty(s, a), "?"), p,
         set_min(names_or_empty(s, b), "?"));
  }
  c->fn += g->n_rels - n_matched;
  for (size_t k = 0; k < g->n_rels; k++)
    if (!matched[k])
      note(fn, ctx, "%s REL MISS ('%s', '%s', '%s')", g->id, g->rels[k].raw[0],
           g->rels[k].raw[1], g->rels[k].raw[2]);
  free(matched);
  set_free(&seen);
}

static void doc_notes(const gold_doc *g, const doc_score *s, eval_note_fn fn,
                      void *ctx) {
  for (size_t i = 0; i < g->n_items; i++) {
    const gold_item *it = &g->items[i];
    int hit = 0;
    for (size_t j = 0; j < it->alts.n && !hit; j++)
      hit = set_has_pair(&s->found, it->type, it->alts.v[j]);
    if (!hit)
      note(fn, ctx, "%s ENT MISS %s %s", g->id, it->first, it->type);
  }
  /* sorted(smentions): by form, then type */
  size_t n = s->smentions.n;
  char **v = malloc((n ? n : 1) * sizeof *v);
  if (!v)
    return;
  for (size_t i = 0; i < n; i++) {
    const char *x = s->smentions.v[i], *sep = strchr(x, '\x1f');
    v[i] = malloc(strlen(x) + 2);
    if (v[i])
      sprintf(v[i], "%s\x1f%.*s", sep + 1, (int)(sep - x), x);
  }
  qsort(v, n, sizeof *v, cmp_str);
  for (size_t i = 0; i < n; i++) {
    if (!v[i])
      continue;
    char *sep = strrchr(v[i], '\x1f');
    *sep = '\0';
    if (!gold_forms_has(g, sep + 1, v[i], 0))
      note(fn, ctx, "%s ENT EXTRA (%s, %s)", g->id, v[i], sep + 1);
    free(v[i]);
  }
  free(v);
}

void eval_jsonl_score(eval_jsonl *e, eval_jsonl_result *res, eval_note_fn fn,
                      void *ctx) {
  memset(res, 0, sizeof *res);
  res->bad_lines = e->bad_lines;
  for (size_t i = 0; i < e->n; i++) {
    const gold_doc *g = &e->docs[i];
    res->missing_docs += g->system == NULL;
    doc_score s = {0};
    read_system(g, &s);
    score_entities(g, &s, 0, &res->ent);
    score_entities(g, &s, 1, &res->ent_merged);
    if (fn)
      doc_notes(g, &s, fn, ctx);
    score_relations(g, &s, &res->rel, fn, ctx);
    set_free(&s.found);
    set_free(&s.found_m);
    set_free(&s.smentions);
    for (size_t k = 0; k < s.n_names; k++)
      set_free(&s.names[k].names);
    free(s.names);
  }
}
