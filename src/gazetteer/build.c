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
#include "util/error.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/strbuf.h"
#include "util/utf8.h"

typedef struct bentry {
  uint32_t node, entity, attrs, source, line, surface;
  uint16_t type, flags;
} bentry;

struct gz_builder {
  const rawi_allocator *alloc;
  const text_model *tm;
  text_scratch scratch;
  text_doc doc; /* reused to normalise each surface */
  int lenient;
  gz_warn_fn warn;
  void *warn_ctx;
  rawi_strbuf strings;  /* the image's string pool, offset 0 is "" */
  rawi_map str_index;   /* hash of a string -> offset, for sharing */
  uint32_t *word_str;   /* dense word id -> string offset */
  uint32_t *word_hash;
  size_t n_words, cap_words;
  rawi_map word_index;  /* hash -> dense word id */
  uint32_t *node_parent, *node_word; /* dense node -> parent, word */
  size_t n_nodes, cap_nodes;
  rawi_map edge_index;  /* parent << 32 | word -> child */
  bentry *entries;
  size_t n_entries, cap_entries;
  gz_entity *entities;
  size_t n_entities, cap_entities;
  rawi_map entity_index; /* hash of id -> entity */
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
  rawi_map_init(&b->word_index, alloc);
  rawi_map_init(&b->edge_index, alloc);
  rawi_map_init(&b->entity_index, alloc);
  b->n_nodes = 1; /* the root */
  if (rawi_mem_grow(alloc, (void **)&b->node_parent, &b->cap_nodes, 1024,
                    sizeof(uint32_t)) ||
      !(b->node_word = rawi_mem_alloc(alloc, 1024 * sizeof(uint32_t))) ||
      b->strings.failed) {
    gz_builder_free(b);
    return NULL;
  }
  b->node_parent[0] = b->node_word[0] = 0;
  b->source_hash = 0x5241574947415A31ull; /* "RAWIGAZ1" */
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
  rawi_map_free(&b->word_index);
  rawi_map_free(&b->edge_index);
  rawi_map_free(&b->entity_index);
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

/* Offset of a string in the pool, sharing equal strings. */
static int intern(gz_builder *b, const char *s, size_t len, uint32_t *off) {
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
    if (!strncmp(have, s, len) && have[len] == '\0') {
      *off = *slot;
      return RAWI_OK;
    }
  }
}

static int word_id(gz_builder *b, const char *s, size_t len, uint32_t *id) {
  uint64_t h = rawi_hash_bytes(s, len);
  uint32_t *slot;
  for (uint64_t key = h;; key++) {
    int rc = rawi_map_put(&b->word_index, key, (uint32_t)b->n_words, &slot);
    if (rc < 0)
      return rc;
    if (rc == 0) {
      const char *have = b->strings.data + b->word_str[*slot];
      if (strncmp(have, s, len) || have[len])
        continue;
      *id = *slot;
      return RAWI_OK;
    }
    break;
  }
  if (rawi_mem_grow(b->alloc, (void **)&b->word_str, &b->cap_words,
                    b->n_words + 1, sizeof(uint32_t)))
    return RAWI_ERR_NOMEM;
  size_t cap = b->cap_words;
  void *nh = rawi_mem_realloc(b->alloc, b->word_hash, cap * sizeof(uint32_t));
  if (!nh)
    return RAWI_ERR_NOMEM;
  b->word_hash = nh;
  uint32_t off;
  int rc = intern(b, s, len, &off);
  if (rc)
    return rc;
  b->word_str[b->n_words] = off;
  b->word_hash[b->n_words] = (uint32_t)h;
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
  size_t col; /* 1-based code point column */
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

static size_t split_fields(const char *s, size_t len, field *f, size_t max) {
  size_t n = 0, start = 0, col = 1;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && s[i] != '\t')
      continue;
    if (n < max)
      f[n] = (field){s + start, i - start, col};
    n++;
    col += rawi_utf8_count(s + start, i - start) + 1;
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

/* key=value;key=value; returns the column of the first bad pair or 0.
 * *flags gets the GZ_ENTRY_* flags the attributes ask for. */
static size_t bad_attrs(const field *f, unsigned *flags) {
  size_t start = 0;
  *flags = 0;
  for (size_t i = 0; i <= f->len; i++) {
    if (i < f->len && f->s[i] != ';')
      continue;
    const char *p = f->s + start;
    size_t n = i - start;
    const char *eq = memchr(p, '=', n);
    if (n && (!eq || eq == p))
      return f->col + rawi_utf8_count(f->s, start);
    if (n == 12 && !memcmp(p, "kind=demonym", 12))
      *flags |= GZ_ENTRY_DEMONYM;
    if (n == 10 && !memcmp(p, "case=exact", 10))
      *flags |= GZ_ENTRY_CASE_EXACT;
    start = i + 1;
  }
  return 0;
}

/* Normalise the surface and walk or extend the trie; *node gets its end. */
static int surface_path(gz_builder *b, const field *f, uint32_t *node,
                        rawi_error *err) {
  text_doc *d = &b->doc;
  d->n_tokens = d->n_splits = d->n_sentences = d->n_pool = 0;
  d->text = f->s;
  d->len = f->len;
  int rc = text_analyze(b->tm, &b->scratch, d, err);
  if (rc)
    return rc;
  size_t named = 0;
  for (size_t i = 0; i < d->n_tokens; i++)
    named += d->tokens[i].kind != RAWI_TOKEN_PUNCT;
  if (!named)
    return RAWI_ERR_FORMAT;
  uint32_t at = 0;
  for (size_t i = 0; i < d->n_tokens; i++) {
    const text_token *t = &d->tokens[i];
    uint32_t w;
    if (!t->norm_len)
      continue;
    if ((rc = word_id(b, d->pool + t->norm_off, t->norm_len, &w)) ||
        (rc = child(b, at, w, &at)) < 0)
      return rc;
  }
  *node = at;
  return RAWI_OK;
}

static int entity_of(gz_builder *b, const field *id, const field *surface,
                     uint32_t *entity) {
  uint64_t key = rawi_hash_bytes(id->s, id->len);
  for (;; key++) {
    uint32_t *slot;
    int rc = rawi_map_put(&b->entity_index, key, (uint32_t)b->n_entities, &slot);
    if (rc < 0)
      return rc;
    if (rc == 0) {
      const char *have = b->strings.data + b->entities[*slot].id;
      if (strncmp(have, id->s, id->len) || have[id->len])
        continue;
      *entity = *slot;
      return RAWI_OK;
    }
    break;
  }
  if (rawi_mem_grow(b->alloc, (void **)&b->entities, &b->cap_entities,
                    b->n_entities + 1, sizeof(gz_entity)))
    return RAWI_ERR_NOMEM;
  gz_entity *e = &b->entities[b->n_entities];
  int rc;
  if ((rc = intern(b, id->s, id->len, &e->id)) ||
      (rc = intern(b, surface->s, surface->len, &e->name)))
    return rc;
  *entity = (uint32_t)b->n_entities++;
  return RAWI_OK;
}

static int add_line(gz_builder *b, const line_ctx *c, const char *s,
                    size_t len, uint32_t source, rawi_error *err) {
  size_t bad;
  const char *why;
  if (!rawi_utf8_valid(s, len, &bad, &why))
    return line_error(c, rawi_utf8_count(s, bad) + 1, err,
                      "invalid utf-8: %s", why);
  field f[5];
  size_t n = split_fields(s, len, f, 5);
  if (n < 3 || n > 4) {
    char got[32];
    snprintf(got, sizeof got, "%zu", n);
    return line_error(c, rawi_utf8_count(s, len) + 1, err,
                      "expected 3 or 4 tab-separated columns "
                      "(surface, type, id, attributes), found %s", got);
  }
  if (!f[0].len)
    return line_error(c, 1, err, "empty surface form%s", "");
  int type = gz_type_index(f[1].s, f[1].len);
  if (type < 0) {
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(f[1].len < 40 ? f[1].len : 40),
             f[1].s);
    return line_error(c, f[1].col, err,
                      "unknown type '%s' (expected PERSON, ORGANIZATION, "
                      "COUNTRY, LOCATION or a class such as TITLE)", name);
  }
  if (!valid_id(&f[2]))
    return line_error(c, f[2].col, err,
                      "invalid id: expected a non-empty string without "
                      "spaces, quotes or angle brackets%s", "");
  unsigned flags = 0;
  size_t acol = n == 4 ? bad_attrs(&f[3], &flags) : 0;
  if (acol)
    return line_error(c, acol, err,
                      "invalid attribute: expected key=value pairs separated "
                      "by ';'%s", "");
  uint32_t node;
  int rc = surface_path(b, &f[0], &node, err);
  if (rc == RAWI_ERR_FORMAT)
    return line_error(c, 1, err, "surface form has no letters or digits%s", "");
  if (rc)
    return rc;
  bentry e = {.node = node, .source = source, .line = (uint32_t)c->line,
              .type = (uint16_t)type, .flags = (uint16_t)flags};
  if ((flags & GZ_ENTRY_CASE_EXACT) &&
      (rc = intern(b, f[0].s, f[0].len, &e.surface)))
    return rc;
  if ((rc = entity_of(b, &f[2], &f[0], &e.entity)) ||
      (rc = intern(b, n == 4 ? f[3].s : "", n == 4 ? f[3].len : 0, &e.attrs)))
    return rc;
  if (rawi_mem_grow(b->alloc, (void **)&b->entries, &b->cap_entries,
                    b->n_entries + 1, sizeof(bentry)))
    return RAWI_ERR_NOMEM;
  b->entries[b->n_entries++] = e;
  return RAWI_OK;
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

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Final word slots: a word's id is where it lands. */
static void place_words(const gz_builder *b, gz_word_slot *slots, uint32_t n,
                        uint32_t *final_word) {
  for (size_t w = 0; w < b->n_words; w++) {
    const char *s = b->strings.data + b->word_str[w];
    uint64_t h = rawi_hash_bytes(s, strlen(s));
    uint32_t i = rawi_hash_range((uint32_t)(h >> 32), n);
    while (slots[i].str)
      i = i + 1 == n ? 0 : i + 1;
    slots[i] = (gz_word_slot){(uint32_t)h, b->word_str[w] + 1};
    final_word[w] = i;
  }
}

/* Final edge slots, parents before children (nodes are numbered in
 * creation order, so a parent always has a smaller number). */
static void place_edges(const gz_builder *b, gz_edge_slot *slots, uint32_t n,
                        const uint32_t *final_word, uint32_t *final_node) {
  final_node[0] = 0;
  for (size_t d = 1; d < b->n_nodes; d++) {
    uint32_t parent = final_node[b->node_parent[d]];
    uint32_t word = final_word[b->node_word[d]];
    uint32_t i = rawi_hash_range(rawi_hash_pair(parent, word), n);
    while (slots[i].parent)
      i = i + 1 == n ? 0 : i + 1;
    slots[i] = (gz_edge_slot){parent + 1, word, GZ_NONE};
    final_node[d] = i + 1;
  }
}

/* Entries grouped by node (stable: file order within a node). */
static int place_entries(const gz_builder *b, gz_entry *out,
                         gz_edge_slot *edges, const uint32_t *final_node) {
  uint32_t *start = rawi_mem_calloc(b->alloc, b->n_nodes + 1, sizeof *start);
  if (!start)
    return RAWI_ERR_NOMEM;
  for (size_t i = 0; i < b->n_entries; i++)
    start[b->entries[i].node + 1]++;
  for (size_t d = 0; d < b->n_nodes; d++)
    start[d + 1] += start[d];
  for (size_t i = 0; i < b->n_entries; i++) {
    const bentry *e = &b->entries[i];
    uint32_t at = start[e->node]++;
    out[at] = (gz_entry){e->entity, e->attrs,  e->source, e->line,
                         e->surface, e->type, e->flags};
  }
  /* start[d] now ends node d's run */
  for (size_t d = 1; d < b->n_nodes; d++) {
    uint32_t first = d ? start[d - 1] : 0;
    if (start[d] == first)
      continue;
    out[start[d] - 1].flags |= GZ_ENTRY_LAST;
    edges[final_node[d] - 1].entry = first;
  }
  rawi_mem_free(b->alloc, start);
  return RAWI_OK;
}

int gz_builder_finish(gz_builder *b, gz_image *out, rawi_error *err) {
  rawi_error_clear(err);
  gz_header h = {.magic = RAWI_GZ_MAGIC, .version = RAWI_GZ_VERSION,
                 .header_size = sizeof(gz_header)};
  h.n_word_slots = table_size(b->n_words);
  h.n_edge_slots = table_size(b->n_nodes - 1);
  h.n_entries = (uint32_t)b->n_entries;
  h.n_entities = (uint32_t)b->n_entities;
  h.n_sources = (uint32_t)b->n_sources;
  h.n_words = (uint32_t)b->n_words;
  h.n_nodes = (uint32_t)b->n_nodes;
  h.strings_size = (uint32_t)b->strings.len;
  size_t at = align8(sizeof h);
  h.off_words = (uint32_t)at;
  at = align8(at + (size_t)h.n_word_slots * sizeof(gz_word_slot));
  h.off_edges = (uint32_t)at;
  at = align8(at + (size_t)h.n_edge_slots * sizeof(gz_edge_slot));
  h.off_entries = (uint32_t)at;
  at = align8(at + b->n_entries * sizeof(gz_entry));
  h.off_entities = (uint32_t)at;
  at = align8(at + b->n_entities * sizeof(gz_entity));
  h.off_sources = (uint32_t)at;
  at = align8(at + b->n_sources * sizeof(uint32_t));
  h.off_strings = (uint32_t)at;
  at = align8(at + b->strings.len);
  if (at > UINT32_MAX)
    return rawi_error_set(err, RAWI_ERR_LIMIT,
                          "gazetteer image would exceed 4 GiB");
  h.size = at;
  h.source_hash = b->source_hash;
  unsigned char *block = rawi_mem_calloc(b->alloc, 1, at);
  uint32_t *final_word = rawi_mem_alloc(b->alloc, (b->n_words + 1) * 4);
  uint32_t *final_node = rawi_mem_alloc(b->alloc, b->n_nodes * 4);
  int rc = block && final_word && final_node ? RAWI_OK : RAWI_ERR_NOMEM;
  if (rc == RAWI_OK) {
    gz_edge_slot *edges = (gz_edge_slot *)(block + h.off_edges);
    place_words(b, (gz_word_slot *)(block + h.off_words), h.n_word_slots,
                final_word);
    place_edges(b, edges, h.n_edge_slots, final_word, final_node);
    rc = place_entries(b, (gz_entry *)(block + h.off_entries), edges,
                       final_node);
  }
  rawi_mem_free(b->alloc, final_word);
  rawi_mem_free(b->alloc, final_node);
  if (rc) {
    rawi_mem_free(b->alloc, block);
    return rawi_error_set(err, rc, "out of memory");
  }
  if (b->n_entities) /* an empty list has no array to copy from */
    memcpy(block + h.off_entities, b->entities, b->n_entities * sizeof(gz_entity));
  memcpy(block + h.off_sources, b->sources, b->n_sources * sizeof(uint32_t));
  memcpy(block + h.off_strings, b->strings.data, b->strings.len);
  h.checksum = rawi_checksum(block + sizeof h, at - sizeof h);
  memcpy(block, &h, sizeof h);
  return gz_image_adopt(out, b->alloc, block, at, "<compiled>", err);
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
