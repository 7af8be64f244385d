/* CoNLL lines, documents and text (see conll.h). */
#include "conll/conll.h"

#include "util/mem.h"

size_t conll_first_column(const char *line, size_t n) {
  size_t k = 0;
  while (k < n && line[k] != ' ' && line[k] != '\t')
    k++;
  return k;
}

/* --- a record's lines ------------------------------------------------------
 */

void conll_walk_start(conll_walk *w, const char *data, size_t len) {
  *w = (conll_walk){data, data + len, 0, '\n'};
}

int conll_walk_next(conll_walk *w, const char **tok, size_t *n, size_t *at) {
  if (w->p >= w->end)
    return 0;
  const char *nl = memchr(w->p, '\n', (size_t)(w->end - w->p));
  const char *eol = nl ? nl : w->end;
  size_t k = conll_first_column(w->p, (size_t)(eol - w->p));
  if (w->last != '\n') { /* a space before a token, a newline for a blank */
    w->text_len++;
    w->last = k ? ' ' : '\n';
  }
  *tok = w->p;
  *n = k;
  *at = w->text_len;
  w->text_len += k;
  if (k)
    w->last = w->p[k - 1];
  w->p = eol + 1;
  return 1;
}

void conll_text(const char *data, size_t len, rawi_strbuf *text) {
  conll_walk w;
  conll_walk_start(&w, data, len);
  const char *tok;
  size_t n, at, base = text->len;
  while (conll_walk_next(&w, &tok, &n, &at)) {
    while (text->len - base < at) /* the separator conll_walk_next counted */
      rawi_strbuf_addc(text, n ? ' ' : '\n');
    rawi_strbuf_add(text, tok, n);
  }
}

/* --- an annotated corpus ----------------------------------------------------
 */

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

void conll_corpus_free(conll_corpus *c) {
  const rawi_allocator *a = c->alloc;
  if (a) {
    rawi_mem_free(a, c->tok);
    rawi_mem_free(a, c->lab);
    rawi_mem_free(a, c->start);
    rawi_mem_free(a, c->doc);
    rawi_mem_free(a, c->line);
  }
  memset(c, 0, sizeof *c);
}

/* Cut line p[0..eol) into its token and label; 0 for a blank line. */
static int cut_columns(char *p, char *eol, char **tok, char **lab) {
  char *a = p;
  while (a < eol && is_blank(*a))
    a++;
  char *b = a;
  while (b < eol && !is_blank(*b))
    b++;
  if (a == b)
    return 0;
  char *z = eol;
  while (z > b && is_blank(z[-1]))
    z--;
  char *y = z;
  while (y > b && !is_blank(y[-1]))
    y--;
  *b = '\0';
  *z = '\0';
  *tok = a;
  *lab = y > b ? y : a;
  return 1;
}

int conll_corpus_read(conll_corpus *c, const rawi_allocator *a, char *data,
                      size_t len) {
  memset(c, 0, sizeof *c);
  c->alloc = a;
  data[len] = '\0';
  size_t lines = 1;
  for (size_t i = 0; i < len; i++)
    lines += data[i] == '\n';
  c->tok = rawi_mem_alloc(a, lines * sizeof *c->tok);
  c->lab = rawi_mem_alloc(a, lines * sizeof *c->lab);
  c->start = rawi_mem_calloc(a, lines, 1);
  c->doc = rawi_mem_calloc(a, lines, 1);
  c->line = rawi_mem_alloc(a, lines * sizeof *c->line);
  if (!c->tok || !c->lab || !c->start || !c->doc || !c->line) {
    conll_corpus_free(c);
    return RAWI_ERR_NOMEM;
  }
  int new_sent = 1, new_doc = 0;
  char *p = data, *end = data + len;
  for (unsigned long ln = 1; p < end; ln++) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *eol = nl ? nl : end;
    *eol = '\0';
    char *tok, *lab;
    if (!cut_columns(p, eol, &tok, &lab)) {
      new_sent = 1;
    } else if (conll_is_docstart(tok, strlen(tok))) {
      new_sent = new_doc = 1;
    } else {
      c->tok[c->n] = tok;
      c->lab[c->n] = lab;
      c->sentences += (size_t)new_sent;
      c->start[c->n] = (unsigned char)new_sent;
      c->doc[c->n] = (unsigned char)new_doc;
      c->line[c->n++] = ln;
      new_sent = new_doc = 0;
    }
    p = eol + 1;
  }
  return RAWI_OK;
}

size_t conll_doc_end(const conll_corpus *c, size_t a, size_t k) {
  size_t sents = 0;
  for (size_t i = a; i < c->n; i++) {
    if (i > a && c->doc[i])
      return i;
    if (c->start[i]) {
      if (k && sents == k && i > a)
        return i;
      sents++;
    }
  }
  return c->n;
}

void conll_lines(const conll_corpus *c, size_t a, size_t b, rawi_strbuf *out) {
  for (size_t i = a; i < b; i++) {
    if (i > a && c->start[i])
      rawi_strbuf_addc(out, '\n');
    rawi_strbuf_adds(out, c->tok[i]);
    rawi_strbuf_addc(out, '\n');
  }
}
