/*
 * CoNLL output (see conll.h). Labelling works on byte spans: each token's
 * span in the document's text, each name mention's span; a token overlapped
 * by a mention takes its label. Entities are visited in order and their
 * mentions in text order, a later mention overwriting an earlier one where
 * they overlap (they rarely do: resolution keeps one winner per span).
 */
#include "output/conll.h"

#include "conll/conll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int output_label_map_parse(output_label_map *m, const char *spec, char *msg,
                           size_t cap) {
  m->n = 0;
  const char *p = spec;
  while (*p) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    const char *eq = memchr(p, '=', n);
    size_t a = eq ? (size_t)(eq - p) : 0, b = eq ? n - a - 1 : 0;
    if (!eq || !a || !b || a >= sizeof m->from[0] || b >= sizeof m->to[0] ||
        m->n == OUTPUT_LABEL_MAX) {
      snprintf(msg, cap,
               "expected TYPE=LABEL,... (at most %d pairs), got '%.*s'",
               OUTPUT_LABEL_MAX, (int)n, p);
      return -1;
    }
    memcpy(m->from[m->n], p, a);
    m->from[m->n][a] = '\0';
    memcpy(m->to[m->n], eq + 1, b);
    m->to[m->n][b] = '\0';
    m->n++;
    p += n + (comma != NULL);
  }
  return 0;
}

const char *output_label_map_get(const output_label_map *m, const char *type) {
  for (size_t i = 0; i < m->n; i++)
    if (!strcmp(m->from[i], type))
      return strcmp(m->to[i], "O") ? m->to[i] : NULL;
  return type;
}

typedef struct token_label {
  size_t start, end; /* bytes in the text */
  const char *label; /* NULL: O */
  int inside;        /* I- rather than B- */
} token_label;

/* Index of the first token ending after byte b (tokens sorted by start). */
static size_t first_after(const token_label *t, size_t n, size_t b) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (t[mid].end <= b)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static void label_tokens(const rawi_doc *doc, const output_label_map *map,
                         token_label *t, size_t n) {
  size_t ne = rawi_doc_entity_count(doc);
  for (size_t i = 0; i < ne; i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    const char *label = output_label_map_get(map, e.type);
    for (size_t k = 0; label && k < e.mention_count; k++) {
      rawi_mention m;
      rawi_doc_mention(doc, i, k, &m);
      if (m.kind != RAWI_MENTION_NAME)
        continue;
      int first = 1;
      for (size_t j = first_after(t, n, m.span.byte_start);
           j < n && t[j].start < m.span.byte_end; j++) {
        if (t[j].end <= t[j].start)
          continue; /* an empty token overlaps nothing */
        t[j].label = label;
        t[j].inside = !first;
        first = 0;
      }
    }
  }
}

static void add_label(rawi_strbuf *b, const token_label *t) {
  if (!t->label) {
    rawi_strbuf_addc(b, 'O');
    return;
  }
  rawi_strbuf_adds(b, t->inside ? "I-" : "B-");
  rawi_strbuf_adds(b, t->label);
}

void output_conll(rawi_strbuf *b, const rawi_doc *doc, const char *data,
                  size_t len, const output_label_map *map, const char *head,
                  size_t head_len) {
  conll_walk w;
  conll_walk_start(&w, data, len);
  const char *tok;
  size_t n, at, count = 0;
  while (conll_walk_next(&w, &tok, &n, &at))
    count += n > 0;
  token_label *t = calloc(count ? count : 1, sizeof *t);
  if (!t) {
    b->failed = 1;
    return;
  }
  conll_walk_start(&w, data, len);
  for (size_t i = 0; conll_walk_next(&w, &tok, &n, &at);)
    if (n)
      t[i++] = (token_label){at, at + n, NULL, 0};
  label_tokens(doc, map, t, count);
  for (size_t i = 0; i < head_len; i++)
    rawi_strbuf_adds(b, head[i] == OUTPUT_CONLL_DOCSTART ? "-DOCSTART-\tO\n"
                                                         : "\n");
  conll_walk_start(&w, data, len);
  for (size_t i = 0; conll_walk_next(&w, &tok, &n, &at);) {
    if (n) {
      rawi_strbuf_add(b, tok, n);
      rawi_strbuf_addc(b, '\t');
      add_label(b, &t[i++]);
    }
    rawi_strbuf_addc(b, '\n');
  }
  free(t);
}

void output_conll_tokens(rawi_strbuf *b, const rawi_doc *doc,
                         const output_label_map *map) {
  size_t n = rawi_doc_token_count(doc), len;
  const char *text = rawi_doc_text(doc, &len);
  token_label *t = calloc(n ? n : 1, sizeof *t);
  size_t *sent = calloc(n ? n : 1, sizeof *sent);
  if (!t || !sent) {
    free(t);
    free(sent);
    b->failed = 1;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    rawi_token tk;
    rawi_doc_token(doc, i, &tk);
    t[i] = (token_label){tk.span.byte_start, tk.span.byte_end, NULL, 0};
    sent[i] = tk.sentence;
  }
  label_tokens(doc, map, t, n);
  for (size_t i = 0; i < n; i++) {
    if (i && sent[i] != sent[i - 1])
      rawi_strbuf_addc(b, '\n');
    rawi_strbuf_add(b, text + t[i].start, t[i].end - t[i].start);
    rawi_strbuf_addc(b, '\t');
    add_label(b, &t[i]);
    rawi_strbuf_addc(b, '\n');
  }
  if (n)
    rawi_strbuf_addc(b, '\n');
  free(t);
  free(sent);
}

void output_conll_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err) {
  rawi_strbuf_adds(b, "# error: ");
  rawi_strbuf_add(b, id, id_len);
  rawi_strbuf_adds(b, ": ");
  rawi_strbuf_adds(b, err->message);
  rawi_strbuf_addc(b, '\n');
}
