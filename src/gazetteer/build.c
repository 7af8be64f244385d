/*
 * Compiling gazetteer TSV files into an image (layout in gazetteer.h).
 *
 * Lines are parsed and checked one by one; a surface form is normalised
 * by the text stage exactly as document tokens are, and its token norms
 * become a path in the trie. Everything is collected in growable tables,
 * then laid out in one block with the final hash tables sized for it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "resolve/names.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/strbuf.h"
#include "util/utf8.h"

typedef struct bentry {
  uint32_t node, entity, attrs, source, line;
  uint16_t type, flags;
} bentry;

/* An entity while compiling: id offset; name offset, or GZ_NAME_PATH |
 * the node (builder numbering) whose path spells it. */
typedef gz_entity bentity;

struct gz_builder {
  const rawi_allocator *alloc;
  const text_model *tm;
  text_scratch scratch;
  text_doc doc; /* reused to normalise each surface */
  int lenient;
  gz_warn_fn warn;
  void *warn_ctx;
  rawi_strbuf strings; /* the image's string pool, offset 0 is "" */
  rawi_map str_index;  /* hash of a string -> offset, for sharing */
  uint32_t last_off;   /* the string intern gave last: its offset */
  size_t last_len;     /* and length + 1 (0: none yet) */
  rawi_strbuf tmp;     /* a string being packed or joined */
  uint32_t *word_str;  /* dense word id -> packed string offset */
  uint64_t *word_hash; /* of the word as written (UTF-8) */
  size_t n_words, cap_words, cap_hash;
  rawi_map word_index;               /* hash -> dense word id */
  uint32_t *node_parent, *node_word; /* dense node -> parent, word */
  size_t n_nodes, cap_nodes;
  rawi_map edge_index; /* parent << 32 | word -> child */
  bentry *entries;
  size_t n_entries, cap_entries;
  bentity *entities;
  size_t n_entities, cap_entities;
  rawi_map entity_index; /* hash of id -> entity */
  rawi_map family_seen;  /* node << 32 | entity of derived family names */
  uint32_t *sources;
  size_t n_sources, cap_sources;
  uint64_t source_hash;
};

gz_builder *gz_builder_new(const rawi_allocator *alloc, const text_model *tm,
                           int lenient) {
  gz_builder *b = rawi_mem_calloc(alloc, 1, sizeof *b);
  if (!b)
    return NULL;
  b->alloc = alloc;
  b->tm = tm;
  b->lenient = lenient;
  text_scratch_init(&b->scratch, alloc);
  b->doc.alloc = alloc;
  rawi_strbuf_init(&b->strings, alloc);
  rawi_strbuf_add(&b->strings, "", 1);
  rawi_map_init(&b->str_index, alloc);
  rawi_strbuf_init(&b->tmp, alloc);
  rawi_map_init(&b->word_index, alloc);
  rawi_map_init(&b->edge_index, alloc);
  rawi_map_init(&b->entity_index, alloc);
  rawi_map_init(&b->family_seen, alloc);
  b->n_nodes = 1; /* the root */
  if (rawi_mem_grow(alloc, (void **)&b->node_parent, &b->cap_nodes, 1024,
                    sizeof(uint32_t)) ||
      !(b->node_word = rawi_mem_alloc(alloc, 1024 * sizeof(uint32_t))) ||
      b->strings.failed) {
    gz_builder_free(b);
    return NULL;
  }
  b->node_parent[0] = b->node_word[0] = 0;
  b->source_hash = GZ_SOURCE_HASH_SEED;
  return b;
}

void gz_builder_free(gz_builder *b) {
  if (!b)
    return;
  const rawi_allocator *a = b->alloc;
  text_scratch_free(&b->scratch);
  text_doc_free(&b->doc);
  rawi_strbuf_free(&b->strings);
  rawi_map_free(&b->str_index);
  rawi_strbuf_free(&b->tmp);
  rawi_map_free(&b->word_index);
  rawi_map_free(&b->edge_index);
  rawi_map_free(&b->entity_index);
  rawi_map_free(&b->family_seen);
  rawi_mem_free(a, b->word_str);
  rawi_mem_free(a, b->word_hash);
  rawi_mem_free(a, b->node_parent);
  rawi_mem_free(a, b->node_word);
  rawi_mem_free(a, b->entries);
  rawi_mem_free(a, b->entities);
  rawi_mem_free(a, b->sources);
  rawi_mem_free(a, b);
}

void gz_builder_on_warning(gz_builder *b, gz_warn_fn fn, void *ctx) {
  b->warn = fn;
  b->warn_ctx = ctx;
}

uint64_t gz_source_hash(uint64_t h, const char *name, const char *text,
                        size_t len) {
  h = (h ^ rawi_hash_bytes(name, strlen(name))) * 0x9E3779B97F4A7C15ull;
  return (h ^ rawi_hash_bytes(text, len)) * 0x9E3779B97F4A7C15ull;
}

/* Offset of a new string at the end of the pool. Words and ids are unique
 * already, names nearly so: only attributes and file names, which repeat
 * over many lines, are worth a look-up (intern). */
static int append(gz_builder *b, const char *s, size_t len, uint32_t *off) {
  *off = (uint32_t)b->strings.len;
  rawi_strbuf_add(&b->strings, s, len);
  rawi_strbuf_addc(&b->strings, '\0');
  return b->strings.failed || b->strings.len > UINT32_MAX ? RAWI_ERR_NOMEM
                                                          : RAWI_OK;
}

/* Offset of a string in the pool, sharing equal strings. s may hold a NUL
 * (attributes, then a case=exact surface). */
static int intern_shared(gz_builder *b, const char *s, size_t len,
                         uint32_t *off) {
  uint64_t key = rawi_hash_bytes(s, len);
  for (;; key++) { /* a 64-bit collision moves on to the next key */
    uint32_t *slot;
    int rc = rawi_map_put(&b->str_index, key, (uint32_t)b->strings.len, &slot);
    if (rc < 0)
      return rc;
    if (rc == 1) {
      rawi_strbuf_add(&b->strings, s, len);
      rawi_strbuf_addc(&b->strings, '\0');
      if (b->strings.failed || b->strings.len > UINT32_MAX)
        return RAWI_ERR_NOMEM;
      *off = *slot;
      return RAWI_OK;
    }
    const char *have = b->strings.data + *slot;
    if (*slot + len < b->strings.len && !memcmp(have, s, len) &&
        have[len] == '\0') {
      *off = *slot;
      return RAWI_OK;
    }
  }
}

/* intern_shared, answered without hashing when the string is the one
 * given last: lines in a row repeat their attributes (or have none). */
static int intern(gz_builder *b, const char *s, size_t len, uint32_t *off) {
  if (b->last_len == len + 1 &&
      !memcmp(b->strings.data + b->last_off, s, len)) {
    *off = b->last_off;
    return RAWI_OK;
  }
  int rc = intern_shared(b, s, len, off);
  if (rc == RAWI_OK) {
    b->last_off = *off;
    b->last_len = len + 1;
  }
  return rc;
}

/* Offset of the packed form of s[0..len), appended to the pool. */
static int append_packed(gz_builder *b, const char *s, size_t len,
                         uint32_t *off) {
  b->tmp.len = 0;
  gz_pack(&b->tmp, s, len);
  return b->tmp.failed
             ? RAWI_ERR_NOMEM
             : append(b, b->tmp.data ? b->tmp.data : "", b->tmp.len, off);
}

static int word_id(gz_builder *b, const char *s, size_t len, uint32_t *id) {
  uint64_t h = rawi_hash_bytes(s, len);
  uint32_t *slot;
  for (uint64_t key = h;; key++) {
    int rc = rawi_map_put(&b->word_index, key, (uint32_t)b->n_words, &slot);
    if (rc < 0)
      return rc;
    if (rc == 0) {
      if (!gz_packed_eq(b->strings.data + b->word_str[*slot], s, len))
        continue;
      *id = *slot;
      return RAWI_OK;
    }
    break;
  }
  if (rawi_mem_grow(b->alloc, (void **)&b->word_str, &b->cap_words,
                    b->n_words + 1, sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  if (b->cap_hash < b->cap_words) {
    /* only when word_str grew: a realloc to the same size copies the
     * whole table under some allocators (ASan's always does) */
    void *nh = rawi_mem_realloc(b->alloc, b->word_hash,
                                b->cap_words * sizeof(uint64_t));
    if (!nh)
      return RAWI_ERR_NOMEM;
    b->word_hash = nh;
    b->cap_hash = b->cap_words;
  }
  uint32_t off;
  int rc = append_packed(b, s, len, &off);
  if (rc)
    return rc;
  b->word_str[b->n_words] = off;
  b->word_hash[b->n_words] = h;
  *id = (uint32_t)b->n_words++;
  return RAWI_OK;
}

static int child(gz_builder *b, uint32_t parent, uint32_t word,
                 uint32_t *node) {
  uint32_t *slot;
  int rc = rawi_map_put(&b->edge_index, (uint64_t)parent << 32 | word,
                        (uint32_t)b->n_nodes, &slot);
  if (rc <= 0) {
    *node = rc == 0 ? *slot : 0;
    return rc;
  }
  size_t cap = b->cap_nodes;
  if (rawi_mem_grow(b->alloc, (void **)&b->node_parent, &b->cap_nodes,
                    b->n_nodes + 1, sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  if (b->cap_nodes != cap) {
    void *nw = rawi_mem_realloc(b->alloc, b->node_word,
                                b->cap_nodes * sizeof(uint32_t));
    if (!nw)
      return RAWI_ERR_NOMEM;
    b->node_word = nw;
  }
  b->node_parent[b->n_nodes] = parent;
  b->node_word[b->n_nodes] = word;
  *node = (uint32_t)b->n_nodes++;
  return RAWI_OK;
}

/* --- one TSV line ------------------------------------------------------ */

typedef struct field {
  const char *s;
  size_t len;
} field;

typedef struct line_ctx {
  const char *file;
  unsigned long line;
  const char *text; /* the line, for column arithmetic */
} line_ctx;

static int line_error(const line_ctx *c, size_t col, rawi_error *err,
                      const char *msg, const char *arg) {
  rawi_error_at(err, RAWI_ERR_FORMAT, c->file, c->line, col, msg, arg);
  return RAWI_ERR_FORMAT;
}

/* The 1-based code point column of byte p of the line, counted only for
 * an error: a list of 100,000 lines is read at every start. */
static size_t column_at(const line_ctx *c, const char *p) {
  return rawi_utf8_count(c->text, (size_t)(p - c->text)) + 1;
}

static size_t split_fields(const char *s, size_t len, field *f, size_t max) {
  size_t n = 0, start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && s[i] != '\t')
      continue;
    if (n < max)
      f[n] = (field){s + start, i - start};
    n++;
    start = i + 1;
  }
  return n;
}

static int valid_id(const field *f) {
  for (size_t i = 0; i < f->len; i++) {
    unsigned char c = (unsigned char)f->s[i];
    if (c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>')
      return 0;
  }
  return f->len > 0;
}

/* key=value;key=value; returns the first bad pair or NULL. *flags gets
 * the GZ_ENTRY_* flags the attributes ask for. */
static const char *bad_attrs(const field *f, unsigned *flags) {
  size_t start = 0;
  *flags = 0;
  for (size_t i = 0; i <= f->len; i++) {
    if (i < f->len && f->s[i] != ';')
      continue;
    const char *p = f->s + start;
    size_t n = i - start;
    const char *eq = memchr(p, '=', n);
    if (n && (!eq || eq == p))
      return p;
    if (n == 12 && !memcmp(p, "kind=demonym", 12))
      *flags |= GZ_ENTRY_DEMONYM;
    if (n == 10 && !memcmp(p, "case=exact", 10))
      *flags |= GZ_ENTRY_CASE_EXACT;
    start = i + 1;
  }
  return NULL;
}

/* Is the surface exactly its token norms, one space apart? Then the
 * image need not store it: the trie path spells it. */
static int spelled_by_path(const text_doc *d, const field *f) {
  size_t at = 0;
  for (size_t i = 0; i < d->n_tokens; i++) {
    const text_token *t = &d->tokens[i];
    if (!t->norm_len)
      continue;
    if (at && (at == f->len || f->s[at++] != ' '))
      return 0;
    if (f->len - at < t->norm_len ||
        memcmp(f->s + at, d->pool + t->norm_off, t->norm_len))
      return 0;
    at += t->norm_len;
  }
  return at == f->len;
}

/* Normalise the surface and walk or extend the trie; *node gets its end,
 * *spelled whether the path spells the surface. */
/* The trie path of a surface form: RAWI_ERR_FORMAT when it has no letters
 * or digits, RAWI_ERR_LIMIT (its *words set) when it has more words than
 * an entry may have. */
static int surface_path(gz_builder *b, const field *f, uint32_t *node,
                        int *spelled, size_t *words, rawi_error *err) {
  text_doc *d = &b->doc;
  d->n_tokens = d->n_readings = d->n_sentences = d->n_pool = 0;
  d->text = f->s;
  d->len = f->len;
  int rc = text_analyze(b->tm, &b->scratch, d, err);
  if (rc)
    return rc;
  size_t named = 0, depth = 0;
  *words = 0;
  for (size_t i = 0; i < d->n_tokens; i++) {
    named += d->tokens[i].kind != RAWI_TOKEN_PUNCT;
    *words += d->tokens[i].norm_len > 0;
  }
  if (!named)
    return RAWI_ERR_FORMAT;
  if (*words > GZ_PATH_MAX)
    return RAWI_ERR_LIMIT;
  uint32_t at = 0;
  for (size_t i = 0; i < d->n_tokens; i++) {
    const text_token *t = &d->tokens[i];
    uint32_t w;
    if (!t->norm_len)
      continue;
    depth++;
    if ((rc = word_id(b, d->pool + t->norm_off, t->norm_len, &w)) ||
        (rc = child(b, at, w, &at)) < 0)
      return rc;
  }
  *node = at;
  *spelled = at && depth <= GZ_PATH_MAX && spelled_by_path(d, f);
  return RAWI_OK;
}

/* The entity of an id, made on the id's first line: its surface is the
 * canonical name (kept as the path to node when that spells it). */
static int entity_of(gz_builder *b, const field *id, const field *surface,
                     uint32_t node, int spelled, uint32_t *out) {
  uint64_t key = rawi_hash_bytes(id->s, id->len);
  for (;; key++) {
    uint32_t *slot;
    int rc =
        rawi_map_put(&b->entity_index, key, (uint32_t)b->n_entities, &slot);
    if (rc < 0)
      return rc;
    if (rc == 0) {
      const char *have = b->strings.data + b->entities[*slot].id;
      if (strncmp(have, id->s, id->len) || have[id->len])
        continue;
      *out = *slot;
      return RAWI_OK;
    }
    break;
  }
  if (rawi_mem_grow(b->alloc, (void **)&b->entities, &b->cap_entities,
                    b->n_entities + 1, sizeof(bentity)))
    return RAWI_ERR_NOMEM;
  bentity *e = &b->entities[b->n_entities];
  e->name = GZ_NAME_PATH | node;
  int rc = append(b, id->s, id->len, &e->id);
  if (rc == RAWI_OK && !spelled)
    rc = append_packed(b, surface->s, surface->len, &e->name);
  if (rc)
    return rc;
  *out = (uint32_t)b->n_entities++;
  return RAWI_OK;
}

/* Attributes (attrs may be NULL), and after them the surface of a
 * case=exact entry, which match.c compares with the text as written. */
static int entry_strings(gz_builder *b, const field *attrs, unsigned flags,
                         const char *surface, size_t surface_len,
                         uint32_t *off) {
  rawi_strbuf *tmp = &b->tmp;
  tmp->len = 0;
  if (attrs)
    rawi_strbuf_add(tmp, attrs->s, attrs->len);
  if (flags & GZ_ENTRY_CASE_EXACT) {
    rawi_strbuf_addc(tmp, '\0');
    rawi_strbuf_add(tmp, surface, surface_len);
  }
  return tmp->failed ? RAWI_ERR_NOMEM
                     : intern(b, tmp->data ? tmp->data : "", tmp->len, off);
}

/* A one-word surface with a capital inside a run of letters (LeT, AfD,
 * OpenAI, ITAR-TASS; not Al-Qaeda or N'Djamena, whose capitals start a
 * part) is an acronym or a brand: matched as written, as with case=exact,
 * so that the verb "let" is not Lashkar-e-Taiba. */
static int acronym_like(const field *surface) {
  const char *s = surface->s;
  if (memchr(s, ' ', surface->len))
    return 0;
  for (size_t i = 1; i < surface->len; i++) {
    unsigned char p = (unsigned char)s[i - 1] | 32;
    if (s[i] >= 'A' && s[i] <= 'Z' && p >= 'a' && p <= 'z')
      return 1;
  }
  return 0;
}

static int add_entry(gz_builder *b, const bentry *e) {
  if (rawi_mem_grow(b->alloc, (void **)&b->entries, &b->cap_entries,
                    b->n_entries + 1, sizeof(bentry)))
    return RAWI_ERR_NOMEM;
  b->entries[b->n_entries++] = *e;
  return RAWI_OK;
}

/* A listed person's family name (the last word of a name of two or more
 * words, with عبد, بن, bin, von der ... before it: names.c) becomes a
 * FAMILY_NAME entry of the person, with the line's attributes (its
 * prominence), once per person and spelling; a Latin one is matched as
 * written (Brown, not brown). Resolution links a family name written alone
 * to the person named in full in the document, or to the most prominent
 * listed person of that name. b->doc holds the line's surface. */
static int add_family_name(gz_builder *b, const field *f, size_t n,
                           const bentry *person) {
  const text_doc *d = &b->doc;
  uint32_t ff, fe, node = 0;
  if (name_words(d, 0, (uint32_t)d->n_tokens) < 2 ||
      !name_family(d, 0, (uint32_t)d->n_tokens, &ff, &fe))
    return RAWI_OK;
  for (uint32_t k = ff; k < fe; k++) {
    const text_token *t = &d->tokens[k];
    uint32_t w;
    int rc = word_id(b, d->pool + t->norm_off, t->norm_len, &w);
    if (rc || (rc = child(b, node, w, &node)) < 0)
      return rc;
  }
  uint32_t *slot;
  int rc = rawi_map_put(&b->family_seen, (uint64_t)node << 32 | person->entity,
                        0, &slot);
  if (rc <= 0)
    return rc;
  const char *surface = f[0].s + d->tokens[ff].byte_start;
  size_t len = d->tokens[fe - 1].byte_end - d->tokens[ff].byte_start;
  unsigned flags = (unsigned char)surface[0] < 0x80 ? GZ_ENTRY_CASE_EXACT : 0;
  bentry e = *person;
  e.node = node;
  e.type = GZ_FAMILY_NAME;
  e.flags = (uint16_t)flags;
  if ((rc = entry_strings(b, n == 4 ? &f[3] : NULL, flags, surface, len,
                          &e.attrs)))
    return rc;
  return add_entry(b, &e);
}

static int add_line(gz_builder *b, const line_ctx *c, const char *s, size_t len,
                    uint32_t source, rawi_error *err) {
  size_t bad;
  const char *why;
  if (!rawi_utf8_valid(s, len, &bad, &why))
    return line_error(c, rawi_utf8_count(s, bad) + 1, err, "invalid utf-8: %s",
                      why);
  field f[5];
  size_t n = split_fields(s, len, f, 5);
  if (n < 3 || n > 4) {
    char got[32];
    snprintf(got, sizeof got, "%zu", n);
    return line_error(c, rawi_utf8_count(s, len) + 1, err,
                      "expected 3 or 4 tab-separated columns "
                      "(surface, type, id, attributes), found %s",
                      got);
  }
  if (!f[0].len)
    return line_error(c, 1, err, "empty surface form%s", "");
  /* every match of an entry holds its text: one of 5 000 words made a
   * 400 KB document take 1.9 GB */
  char msg[100];
  if (f[0].len > GZ_SURFACE_MAX_BYTES) {
    snprintf(msg, sizeof msg, "surface form is %zu bytes long; at most %d",
             f[0].len, GZ_SURFACE_MAX_BYTES);
    return line_error(c, 1, err, "%s", msg);
  }
  int type = gz_type_index(f[1].s, f[1].len);
  if (type < 0) {
    char types[128], text[256];
    doc_type_list(types, sizeof types, "", ", ");
    snprintf(text, sizeof text,
             "unknown type '%.*s' (expected %s or a class such as TITLE)",
             (int)(f[1].len < 40 ? f[1].len : 40), f[1].s, types);
    return line_error(c, column_at(c, f[1].s), err, "%s", text);
  }
  if (!valid_id(&f[2]))
    return line_error(c, column_at(c, f[2].s), err,
                      "invalid id: expected a non-empty string without "
                      "spaces, quotes or angle brackets%s",
                      "");
  if (f[2].len > GZ_ID_MAX_BYTES) { /* written in every mention and edge */
    snprintf(msg, sizeof msg, "id is %zu bytes long; at most %d", f[2].len,
             GZ_ID_MAX_BYTES);
    return line_error(c, column_at(c, f[2].s), err, "%s", msg);
  }
  unsigned flags = 0;
  const char *bad_pair = n == 4 ? bad_attrs(&f[3], &flags) : NULL;
  if (bad_pair)
    return line_error(c, column_at(c, bad_pair), err,
                      "invalid attribute: expected key=value pairs separated "
                      "by ';'%s",
                      "");
  if (acronym_like(&f[0]))
    flags |= GZ_ENTRY_CASE_EXACT;
  uint32_t node;
  int spelled;
  size_t words = 0;
  int rc = surface_path(b, &f[0], &node, &spelled, &words, err);
  if (rc == RAWI_ERR_FORMAT)
    return line_error(c, 1, err, "surface form has no letters or digits%s", "");
  if (rc == RAWI_ERR_LIMIT) {
    snprintf(msg, sizeof msg, "surface form has %zu words; at most %d", words,
             GZ_PATH_MAX);
    return line_error(c, 1, err, "%s", msg);
  }
  if (rc)
    return rc;
  bentry e = {.node = node,
              .source = source,
              .line = (uint32_t)c->line,
              .type = (uint16_t)type,
              .flags = (uint16_t)flags};
  if ((rc = entity_of(b, &f[2], &f[0], node, spelled, &e.entity)) ||
      (rc = entry_strings(b, n == 4 ? &f[3] : NULL, flags, f[0].s, f[0].len,
                          &e.attrs)) ||
      (rc = add_entry(b, &e)))
    return rc;
  return type == DOC_PERSON ? add_family_name(b, f, n, &e) : RAWI_OK;
}

static int is_blank_or_comment(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i == len || s[i] == '#';
}

int gz_builder_add_tsv(gz_builder *b, const char *name, const char *text,
                       size_t len, rawi_error *err) {
  rawi_error_clear(err);
  uint32_t source;
  if (b->n_sources > UINT16_MAX) /* gz_entry.source is 16 bits */
    return rawi_error_set(err, RAWI_ERR_LIMIT,
                          "too many list files in one gazetteer (at most %u)",
                          UINT16_MAX + 1u);
  if (rawi_mem_grow(b->alloc, (void **)&b->sources, &b->cap_sources,
                    b->n_sources + 1, sizeof(uint32_t)) ||
      intern(b, name, strlen(name), &source))
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  b->sources[b->n_sources] = source;
  source = (uint32_t)b->n_sources++;
  b->source_hash = gz_source_hash(b->source_hash, name, text, len);
  line_ctx c = {name, 0, NULL};
  rawi_error first;
  size_t bad = 0;
  for (size_t pos = 0; pos < len;) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
    c.line++;
    c.text = text + pos;
    if (n && text[pos + n - 1] == '\r')
      n--;
    if (!is_blank_or_comment(text + pos, n)) {
      rawi_error e;
      int rc = add_line(b, &c, text + pos, n, source, &e);
      if (rc == RAWI_ERR_FORMAT) {
        /* report every bad line; strict mode fails once the file is read */
        if (b->warn)
          b->warn(b->warn_ctx, &e);
        if (!bad++)
          first = e;
      } else if (rc) {
        return rawi_error_set(err, rc, "%s", rawi_strerror(rc));
      }
    }
    pos = end + 1;
  }
  if (!bad || b->lenient)
    return RAWI_OK;
  if (err) {
    *err = first;
    if (bad > 1) {
      size_t k = strlen(err->message);
      snprintf(err->message + k, sizeof err->message - k,
               " (and %zu more malformed lines)", bad - 1);
    }
  }
  return RAWI_ERR_FORMAT;
}

/* --- layout ------------------------------------------------------------ */

static uint32_t table_size(size_t n) {
  return n ? (uint32_t)(n + n / 3 + 1) : 0;
}

static size_t align8(size_t n) {
  return (n + 7) & ~(size_t)7;
}

/* Final word slots: a word's id is where it lands. */
static void place_words(const gz_builder *b, gz_word_slot *slots, uint32_t n,
                        uint32_t *final_word) {
  for (size_t w = 0; w < b->n_words; w++) {
    uint64_t h = b->word_hash[w];
    uint32_t i = rawi_hash_range((uint32_t)(h >> 32), n);
    while (slots[i].str)
      i = i + 1 == n ? 0 : i + 1;
    slots[i] = (gz_word_slot){(uint32_t)h, b->word_str[w] + 1, GZ_NONE};
    final_word[w] = i;
  }
}

/* Final nodes: a one-word path is its word's slot (flagged), a longer one
 * an edge slot, placed parents before children (nodes are numbered in
 * creation order, so a parent always has a smaller number). */
static void place_edges(const gz_builder *b, gz_word_slot *words,
                        uint32_t n_words, gz_edge_slot *slots, uint32_t n,
                        const uint32_t *final_word, uint32_t *final_node) {
  final_node[0] = 0;
  for (size_t d = 1; d < b->n_nodes; d++) {
    uint32_t parent = final_node[b->node_parent[d]];
    uint32_t word = final_word[b->node_word[d]];
    if (!parent) {
      words[word].str |= GZ_WORD_STARTS;
      final_node[d] = word + 1;
      continue;
    }
    uint32_t i = rawi_hash_range(rawi_hash_pair(parent, word), n);
    while (slots[i].parent)
      i = i + 1 == n ? 0 : i + 1;
    slots[i] = (gz_edge_slot){parent + 1, word, GZ_NONE};
    final_node[d] = n_words + i + 1;
  }
}

/* Nodes other than the root and the one-word paths: edges. */
static size_t count_edges(const gz_builder *b) {
  size_t n = 0;
  for (size_t d = 1; d < b->n_nodes; d++)
    n += b->node_parent[d] != 0;
  return n;
}

/* The tables of a block, placed by gz_builder_finish. */
typedef struct layout {
  gz_header h;
  gz_word_slot *words;
  gz_edge_slot *edges;
  gz_entry *entries;
  gz_entity *entities;
} layout;

/* Where final node `node` keeps its first entry. */
static uint32_t *entry_field(layout *l, uint32_t node) {
  uint32_t nw = l->h.n_word_slots;
  return node <= nw ? &l->words[node - 1].entry
                    : &l->edges[node - nw - 1].entry;
}

/* Entries grouped by node (stable: file order within a node). */
static int place_entries(const gz_builder *b, layout *l,
                         const uint32_t *final_node) {
  uint32_t *start = rawi_mem_calloc(b->alloc, b->n_nodes + 1, sizeof *start);
  if (!start)
    return RAWI_ERR_NOMEM;
  for (size_t i = 0; i < b->n_entries; i++)
    start[b->entries[i].node + 1]++;
  for (size_t d = 0; d < b->n_nodes; d++)
    start[d + 1] += start[d];
  for (size_t i = 0; i < b->n_entries; i++) {
    const bentry *e = &b->entries[i];
    l->entries[start[e->node]++] =
        (gz_entry){e->entity,           e->line,          e->attrs,
                   (uint16_t)e->source, (uint8_t)e->type, (uint8_t)e->flags};
  }
  /* start[d] now ends node d's run */
  for (size_t d = 1; d < b->n_nodes; d++) {
    if (start[d] == start[d - 1])
      continue;
    l->entries[start[d] - 1].flags |= GZ_ENTRY_LAST;
    *entry_field(l, final_node[d]) = start[d - 1];
  }
  rawi_mem_free(b->alloc, start);
  return RAWI_OK;
}

/* The entity table, with path names on final node numbers. */
static void place_entities(const gz_builder *b, gz_entity *ents,
                           const uint32_t *final_node) {
  for (size_t e = 0; e < b->n_entities; e++) {
    uint32_t name = b->entities[e].name;
    ents[e].id = b->entities[e].id;
    ents[e].name = name & GZ_NAME_PATH
                       ? GZ_NAME_PATH | final_node[name & ~GZ_NAME_PATH]
                       : name;
  }
}

static size_t place(size_t *at, size_t bytes) {
  size_t off = *at;
  *at = align8(off + bytes);
  return off;
}

/* Offsets of every table; 0 when the image would pass 2 GiB (offsets and
 * node numbers keep their top bit free). */
static size_t plan(const gz_builder *b, gz_header *h) {
  h->n_word_slots = table_size(b->n_words);
  h->n_edge_slots = table_size(count_edges(b));
  h->n_entries = (uint32_t)b->n_entries;
  h->n_entities = (uint32_t)b->n_entities;
  h->n_sources = (uint32_t)b->n_sources;
  h->n_words = (uint32_t)b->n_words;
  h->n_nodes = (uint32_t)b->n_nodes;
  size_t at = align8(sizeof *h);
  h->off_words =
      (uint32_t)place(&at, (size_t)h->n_word_slots * sizeof(gz_word_slot));
  h->off_edges =
      (uint32_t)place(&at, (size_t)h->n_edge_slots * sizeof(gz_edge_slot));
  h->off_entries = (uint32_t)place(&at, b->n_entries * sizeof(gz_entry));
  h->off_entities = (uint32_t)place(&at, b->n_entities * sizeof(gz_entity));
  h->off_sources = (uint32_t)place(&at, b->n_sources * sizeof(uint32_t));
  h->strings_size = (uint32_t)b->strings.len;
  h->off_strings = (uint32_t)place(&at, b->strings.len);
  return at >= GZ_NAME_PATH ? 0 : at;
}

static void attach_layout(layout *l, unsigned char *block) {
  const gz_header *h = &l->h;
  l->words = (gz_word_slot *)(block + h->off_words);
  l->edges = (gz_edge_slot *)(block + h->off_edges);
  l->entries = (gz_entry *)(block + h->off_entries);
  l->entities = (gz_entity *)(block + h->off_entities);
}

/* Fill the tables of block. */
static int fill(const gz_builder *b, layout *l) {
  size_t nw = b->n_words + 1, nn = b->n_nodes;
  uint32_t *final_word = rawi_mem_alloc(b->alloc, nw * 4);
  uint32_t *final_node = rawi_mem_alloc(b->alloc, nn * 4);
  int rc = final_word && final_node ? RAWI_OK : RAWI_ERR_NOMEM;
  if (rc == RAWI_OK) {
    place_words(b, l->words, l->h.n_word_slots, final_word);
    place_edges(b, l->words, l->h.n_word_slots, l->edges, l->h.n_edge_slots,
                final_word, final_node);
    rc = place_entries(b, l, final_node);
  }
  if (rc == RAWI_OK)
    place_entities(b, l->entities, final_node);
  rawi_mem_free(b->alloc, final_word);
  rawi_mem_free(b->alloc, final_node);
  return rc;
}

int gz_builder_finish(gz_builder *b, gz_image *out, rawi_error *err) {
  rawi_error_clear(err);
  layout l = {.h = {.magic = RAWI_GZ_MAGIC,
                    .version = RAWI_GZ_VERSION,
                    .header_size = sizeof(gz_header),
                    .source_hash = b->source_hash}};
  size_t size = plan(b, &l.h);
  int rc = size ? RAWI_OK : RAWI_ERR_LIMIT;
  unsigned char *block = rc ? NULL : rawi_mem_calloc(b->alloc, 1, size);
  if (rc == RAWI_OK && !block)
    rc = RAWI_ERR_NOMEM;
  if (rc == RAWI_OK) {
    attach_layout(&l, block);
    rc = fill(b, &l);
  }
  if (rc) {
    rawi_mem_free(b->alloc, block);
    return rc == RAWI_ERR_LIMIT
               ? rawi_error_set(err, rc, "gazetteer image would exceed 2 GiB")
               : rawi_error_set(err, rc, "out of memory");
  }
  gz_header *h = &l.h;
  h->size = size;
  /* an empty list has no arrays to copy from */
  if (b->n_sources)
    memcpy(block + h->off_sources, b->sources, b->n_sources * sizeof(uint32_t));
  if (b->strings.len)
    memcpy(block + h->off_strings, b->strings.data, b->strings.len);
  h->checksum = rawi_checksum(block + sizeof *h, size - sizeof *h);
  memcpy(block, h, sizeof *h);
  return gz_image_adopt(out, b->alloc, block, size, "<compiled>", err);
}

int gz_image_write(const gz_image *img, const char *path, rawi_error *err) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
    return rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "path too long");
  FILE *f = fopen(tmp, "wb");
  if (!f)
    return rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "cannot write: %s",
                         strerror(errno));
  int ok = fwrite(img->base, 1, img->size, f) == img->size;
  ok &= fclose(f) == 0;
  if (!ok || rename(tmp, path)) {
    int e = errno;
    remove(tmp);
    return rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "cannot write: %s",
                         strerror(e));
  }
  return RAWI_OK;
}
