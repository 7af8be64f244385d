/*
 * Loading language packs and user gazetteers into a model.
 *
 * A pack directory holds gazetteers/LANG/NAME.tsv; the files of a language
 * are compiled together, in name order, into one image when the model is
 * built, unless the build compiled them already: an image of exactly those
 * files (PACK/gazetteers/LANG.gaz, installed with the shipped packs, or the
 * build tree's pack-images/LANG.gaz for the source tree) is mapped instead
 * (map_prebuilt). User gazetteers are TSV files, compiled the same way, or
 * images written by `rawi compile`, mapped as they are after a staleness
 * check.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/internal.h"
#include "util/error.h"
#include "util/mem.h"

/* Where rawi_model_checksum starts, before any source ("RAWIPAKS"). */
#define PACK_CHECKSUM_SEED 0x5241574950414B53ull

/* Read a whole file into memory from the given allocator. */
static int read_file(const rawi_allocator *a, const char *path, char **data,
                     size_t *len, rawi_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "cannot open: %s",
                         strerror(errno));
  char *buf = NULL;
  size_t n = 0, cap = 0;
  int rc = RAWI_OK;
  for (;;) {
    if (rawi_mem_grow(a, (void **)&buf, &cap, n + 65536, 1)) {
      rc = rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
      break;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) {
      if (ferror(f))
        rc = rawi_error_at(err, RAWI_ERR_IO, path, 0, 0, "cannot read: %s",
                           strerror(errno));
      break;
    }
  }
  fclose(f);
  if (rc) {
    rawi_mem_free(a, buf);
    return rc;
  }
  *data = buf;
  *len = n;
  return RAWI_OK;
}

/* Fold a source read into the model's checksum: its name and content. */
static void add_source(rawi_model *m, const char *name, const char *data,
                       size_t len) {
  m->checksum = gz_source_hash(m->checksum, name, data, len);
}

static int add_file(rawi_model *m, gz_builder *b, const char *path,
                    const char *name, rawi_error *err) {
  char *data = NULL; /* read_file leaves it unset when it fails */
  size_t len;
  int rc = read_file(&m->alloc, path, &data, &len, err);
  if (rc == RAWI_OK) {
    add_source(m, name, data, len);
    rc = gz_builder_add_tsv(b, name, data, len, err);
  }
  rawi_mem_free(&m->alloc, data);
  return rc;
}

static int compare_names(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/* A listing of a pack directory: file names, allocated from the model. */
typedef struct file_list {
  const rawi_allocator *alloc;
  char **names;
  size_t n, cap;
} file_list;

static void file_list_free(file_list *l) {
  for (size_t i = 0; i < l->n; i++)
    rawi_mem_free(l->alloc, l->names[i]);
  rawi_mem_free(l->alloc, l->names);
  l->names = NULL;
  l->n = l->cap = 0;
}

static int file_list_add(file_list *l, const char *name, size_t len) {
  if (rawi_mem_grow(l->alloc, (void **)&l->names, &l->cap, l->n + 1,
                    sizeof *l->names))
    return RAWI_ERR_NOMEM;
  char *copy = rawi_mem_alloc(l->alloc, len + 1);
  if (!copy)
    return RAWI_ERR_NOMEM;
  memcpy(copy, name, len + 1);
  l->names[l->n++] = copy;
  return RAWI_OK;
}

/* The names of the files in dir ending in ext, sorted, into *l. A
 * directory that does not exist lists nothing (a pack need not have every
 * language); any other failure is an error, so that no list file is
 * dropped without a word. */
static int list_files(const char *dir, const char *ext, file_list *l,
                      rawi_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return errno == ENOENT || errno == ENOTDIR
               ? RAWI_OK
               : rawi_error_at(err, RAWI_ERR_IO, dir, 0, 0,
                               "cannot list the directory: %s",
                               strerror(errno));
  int rc = RAWI_OK;
  size_t el = strlen(ext);
  struct dirent *e;
  errno = 0;
  while (rc == RAWI_OK && (e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len > el && !strcmp(e->d_name + len - el, ext) &&
        file_list_add(l, e->d_name, len))
      rc = rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  }
  if (rc == RAWI_OK && errno)
    rc = rawi_error_at(err, RAWI_ERR_IO, dir, 0, 0,
                       "cannot list the directory: %s", strerror(errno));
  closedir(d);
  if (rc)
    file_list_free(l);
  else if (l->n)
    qsort(l->names, l->n, sizeof *l->names, compare_names);
  return rc;
}

/* Every problem goes to the caller's callback; strict loading then fails
 * with the first. */
static void warn_adapter(void *ctx, const rawi_error *e) {
  const rawi_config *cfg = ctx;
  if (cfg->warn)
    cfg->warn(cfg->warn_ctx, e);
}

static gz_builder *new_builder(rawi_model *m, const rawi_config *cfg) {
  gz_builder *b = gz_builder_new(&m->alloc, &m->text, cfg->lenient);
  if (b)
    gz_builder_on_warning(b, warn_adapter, (void *)cfg);
  return b;
}

/* One list file of a pack, read. */
typedef struct pack_source {
  char name[300]; /* as sources are cited: "ar/persons.tsv" */
  char *data;
  size_t len;
} pack_source;

typedef struct pack_sources {
  const rawi_allocator *alloc;
  pack_source *v;
  size_t n;
} pack_sources;

static void pack_sources_free(pack_sources *p) {
  for (size_t i = 0; i < p->n; i++)
    rawi_mem_free(p->alloc, p->v[i].data);
  rawi_mem_free(p->alloc, p->v);
  p->v = NULL;
  p->n = 0;
}

/* Read the files of dir (named as in files) into *out, folding each into
 * the model's checksum. A file that cannot be read ends the reading: its
 * error is returned, and *out holds the files before it. */
static int read_sources(rawi_model *m, const char *dir, const char *lang_dir,
                        const file_list *files, pack_sources *out,
                        rawi_error *err) {
  out->v = rawi_mem_calloc(&m->alloc, files->n, sizeof *out->v);
  if (!out->v)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < files->n; i++) {
    char path[4096 + 256];
    pack_source *src = &out->v[out->n];
    snprintf(path, sizeof path, "%s/%s", dir, files->names[i]);
    snprintf(src->name, sizeof src->name, "%s/%s", lang_dir, files->names[i]);
    int rc = read_file(&m->alloc, path, &src->data, &src->len, err);
    if (rc)
      return rc;
    add_source(m, src->name, src->data, src->len);
    out->n++;
  }
  return RAWI_OK;
}

/* Is dir this build's source tree (whose packs the build tree reads)? */
static int is_source_tree(const char *dir) {
  char real[PATH_MAX];
  return !strcmp(dir, RAWI_SOURCE_DIR) ||
         (realpath(dir, real) && !strcmp(real, RAWI_SOURCE_DIR));
}

/* The image the build compiled from a pack's lists (tools/pack_images.c),
 * when there is one for exactly these sources: PACK/gazetteers/LANG.gaz
 * (an installed pack) or, for the source tree's packs, the build tree's
 * pack-images/LANG.gaz. Compiling the shipped lists costs several times
 * the rest of a model's loading; mapping the image costs a checksum.
 * Anything else (no image, another format, other sources, a tokenizer
 * other than the build's) leaves *out empty and the lists are compiled. */
static void map_prebuilt(rawi_model *m, const rawi_config *cfg,
                         const char *lang_dir, const pack_sources *srcs,
                         gz_image *out) {
  if (cfg->compile_packs || cfg->tokenizer != RAWI_TOKENIZER_FAST)
    return; /* the build compiles with the default tokenizer */
  uint64_t h = GZ_SOURCE_HASH_SEED;
  for (size_t i = 0; i < srcs->n; i++)
    h = gz_source_hash(h, srcs->v[i].name, srcs->v[i].data, srcs->v[i].len);
  char paths[2][4096 + 64];
  snprintf(paths[0], sizeof paths[0], "%s/gazetteers/%s.gaz", cfg->pack_dir,
           lang_dir);
  int n = 1;
  if (is_source_tree(cfg->pack_dir))
    snprintf(paths[n++], sizeof paths[1], "%s/pack-images/%s.gaz",
             RAWI_BINARY_DIR, lang_dir);
  for (int i = 0; i < n; i++) {
    if (!gz_file_is_image(paths[i]) ||
        gz_image_map(out, &m->alloc, paths[i], NULL))
      continue;
    if (out->h->source_hash == h)
      return;
    gz_image_free(out);
  }
}

/* Compile the lists read into one image (strict or lenient, as cfg says;
 * problems go to cfg's callback). */
static int compile_sources(rawi_model *m, const rawi_config *cfg,
                           const pack_sources *srcs, gz_image *out,
                           rawi_error *err) {
  gz_builder *b = new_builder(m, cfg);
  if (!b)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  int rc = RAWI_OK;
  for (size_t i = 0; i < srcs->n && rc == RAWI_OK; i++)
    rc = gz_builder_add_tsv(b, srcs->v[i].name, srcs->v[i].data, srcs->v[i].len,
                            err);
  if (rc == RAWI_OK)
    rc = gz_builder_finish(b, out, err);
  gz_builder_free(b);
  return rc;
}

static int load_lang(rawi_model *m, const rawi_config *cfg, int lang,
                     rawi_error *err) {
  const char *lang_dir = lang_at((rawi_lang)lang)->pack_dir;
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/gazetteers/%s", cfg->pack_dir, lang_dir);
  file_list files = {.alloc = &m->alloc};
  int rc = list_files(dir, ".tsv", &files, err);
  if (rc || !files.n)
    return rc; /* an error, or no lists for this language */
  pack_sources srcs = {.alloc = &m->alloc};
  rawi_error read_err;
  int read_rc = read_sources(m, dir, lang_dir, &files, &srcs, &read_err);
  if (read_rc == RAWI_OK)
    map_prebuilt(m, cfg, lang_dir, &srcs, &m->packs[lang]);
  /* the files before one that cannot be read are compiled first, so that
   * their problems are reported as when each file was compiled on reading */
  if (!m->packs[lang].base && read_rc != RAWI_ERR_NOMEM)
    rc = compile_sources(m, cfg, &srcs, &m->packs[lang], err);
  if (read_rc && rc == RAWI_OK) {
    gz_image_free(&m->packs[lang]);
    rc = read_rc;
    if (err)
      *err = read_err;
  }
  pack_sources_free(&srcs);
  file_list_free(&files);
  return rc;
}

/* An image is stale when every source it names can be read here and their
 * names and contents no longer hash to what was compiled. */
static int check_fresh(rawi_model *m, const gz_image *g, const char *path,
                       rawi_error *err) {
  uint64_t h = GZ_SOURCE_HASH_SEED;
  for (uint32_t i = 0; i < g->h->n_sources; i++) {
    const char *src = gz_str(g, g->sources[i]);
    char *data;
    size_t len;
    if (read_file(&m->alloc, src, &data, &len, NULL))
      return RAWI_OK; /* sources not at hand: nothing to compare with */
    h = gz_source_hash(h, src, data, len);
    rawi_mem_free(&m->alloc, data);
  }
  if (h != g->h->source_hash)
    return rawi_error_at(err, RAWI_ERR_FORMAT, path, 0, 0,
                         "stale gazetteer image: its sources changed since "
                         "it was compiled; run rawi compile again");
  return RAWI_OK;
}

static int load_user(rawi_model *m, const rawi_config *cfg, const char *path,
                     gz_image *out, rawi_error *err) {
  if (gz_file_is_image(path)) {
    int rc = gz_image_map(out, &m->alloc, path, err);
    if (rc == RAWI_OK && (rc = check_fresh(m, out, path, err)))
      gz_image_free(out);
    if (rc == RAWI_OK) /* an image stands for its content by its checksum */
      add_source(m, path, (const char *)&out->h->checksum,
                 sizeof out->h->checksum);
    return rc;
  }
  gz_builder *b = new_builder(m, cfg);
  if (!b)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  int rc = add_file(m, b, path, path, err);
  if (rc == RAWI_OK)
    rc = gz_builder_finish(b, out, err);
  gz_builder_free(b);
  return rc;
}

/* --- rules -----------------------------------------------------------------
 */

typedef struct rule_load {
  const rawi_config *cfg;
  rawi_error first;
  int errors;
} rule_load;

static void on_rule_error(void *ctx, const rawi_error *e) {
  rule_load *l = ctx;
  if (!l->errors++)
    l->first = *e;
  warn_adapter((void *)l->cfg, e);
}

/* Normalise a trigger word or expected text as tokens are normalised. */
static int norm_cb(void *ctx, const char *s, size_t len, char *out,
                   size_t cap) {
  rawi_model *m = ctx;
  text_scratch sc;
  text_scratch_init(&sc, &m->alloc);
  text_doc d = {.alloc = &m->alloc, .text = s, .len = len};
  int rc = text_analyze(&m->text, &sc, &d, NULL);
  size_t n = 0;
  for (size_t i = 0; rc == RAWI_OK && i < d.n_tokens; i++) {
    const text_token *t = &d.tokens[i];
    if (n + t->norm_len + 2 > cap)
      break;
    if (n)
      out[n++] = ' ';
    memcpy(out + n, d.pool + t->norm_off, t->norm_len);
    n += t->norm_len;
  }
  if (cap)
    out[n < cap ? n : cap - 1] = '\0';
  text_doc_free(&d);
  text_scratch_free(&sc);
  return rc ? -1 : (int)n;
}

rules_norm pack_rules_norm(rawi_model *m) {
  return (rules_norm){norm_cb, m};
}

static int load_rule_file(rawi_model *m, int lang, const char *path,
                          const char *name, rule_load *l, rawi_error *err) {
  char *data;
  size_t len;
  int rc = read_file(&m->alloc, path, &data, &len, err);
  if (rc)
    return rc;
  add_source(m, name, data, len);
  rules_norm norm = pack_rules_norm(m);
  rc = ruleset_add_file(&m->rules[lang], name, data, len, &norm, on_rule_error,
                        l);
  rawi_mem_free(&m->alloc, data);
  return rc < 0 ? rawi_error_set(err, rc, "out of memory") : RAWI_OK;
}

/* Shipped rules of each language, then the user's files into every one. */
static int load_rules(rawi_model *m, const rawi_config *cfg, rawi_error *err) {
  rule_load l = {.cfg = cfg};
  int rc = RAWI_OK;
  for (int lang = 1; lang < RAWI_N_LANGS && rc == RAWI_OK; lang++) {
    ruleset_init(&m->rules[lang], &m->alloc);
    m->rules[lang].no_jit = cfg->no_jit;
    if (!cfg->pack_dir)
      continue;
    char dir[4096], path[4096 + 256], name[300];
    snprintf(dir, sizeof dir, "%s/rules/%s", cfg->pack_dir,
             lang_at((rawi_lang)lang)->pack_dir);
    file_list files = {.alloc = &m->alloc};
    rc = list_files(dir, ".rules", &files, err);
    for (size_t i = 0; i < files.n && rc == RAWI_OK; i++) {
      snprintf(path, sizeof path, "%s/%s", dir, files.names[i]);
      snprintf(name, sizeof name, "%s/%s", lang_at((rawi_lang)lang)->pack_dir,
               files.names[i]);
      rc = load_rule_file(m, lang, path, name, &l, err);
    }
    file_list_free(&files);
  }
  /* a user file goes into every language; its problems are reported once */
  rawi_config silent;
  memset(&silent, 0, sizeof silent);
  rule_load quiet = {.cfg = &silent};
  for (size_t i = 0; i < cfg->n_rules && rc == RAWI_OK; i++) {
    int only = (int)cfg->rule_langs[i]; /* 0: every language */
    for (int lang = 1; lang < RAWI_N_LANGS && rc == RAWI_OK; lang++)
      if (!only || lang == only)
        rc = load_rule_file(m, lang, cfg->rules[i], cfg->rules[i],
                            lang == (only ? only : 1) ? &l : &quiet, err);
  }
  if (rc == RAWI_OK && l.errors && !cfg->lenient) {
    if (err) {
      *err = l.first;
      if (l.errors > 1) {
        size_t k = strlen(err->message);
        snprintf(err->message + k, sizeof err->message - k,
                 " (and %d more errors)", l.errors - 1);
      }
    }
    rc = RAWI_ERR_FORMAT;
  }
  return rc;
}

/* A document is matched against at most GZ_MAX_IMAGES lists: its
 * language's pack and the user's lists for it. The list that would go
 * beyond is an error naming it, not one left out. */
static int check_list_count(const rawi_model *m, const rawi_config *cfg,
                            rawi_error *err) {
  for (int lang = 1; lang < RAWI_N_LANGS; lang++) {
    size_t n = m->packs[lang].base ? 1 : 0;
    for (size_t i = 0; i < cfg->n_gazetteers; i++) {
      if (cfg->gazetteer_langs[i] != RAWI_LANG_AUTO &&
          (int)cfg->gazetteer_langs[i] != lang)
        continue;
      if (++n > GZ_MAX_IMAGES)
        return rawi_error_at(err, RAWI_ERR_LIMIT, cfg->gazetteers[i], 0, 0,
                             "too many gazetteers for %s documents: at most "
                             "%d, the pack's included",
                             lang_at((rawi_lang)lang)->pack_dir, GZ_MAX_IMAGES);
    }
  }
  return RAWI_OK;
}

int pack_load(rawi_model *m, const rawi_config *cfg, rawi_error *err) {
  m->checksum = PACK_CHECKSUM_SEED;
  int rc = load_rules(m, cfg, err);
  if (rc)
    return rc;
  if (cfg->pack_dir) {
    struct stat st;
    if (stat(cfg->pack_dir, &st) || !S_ISDIR(st.st_mode))
      return rawi_error_at(err, RAWI_ERR_IO, cfg->pack_dir, 0, 0,
                           "pack directory not found");
    for (int lang = 1; lang < RAWI_N_LANGS && rc == RAWI_OK; lang++)
      rc = load_lang(m, cfg, lang, err);
  }
  if (rc || !cfg->n_gazetteers)
    return rc;
  if ((rc = check_list_count(m, cfg, err)))
    return rc;
  m->user = rawi_mem_calloc(&m->alloc, cfg->n_gazetteers, sizeof(gz_image));
  m->user_langs =
      rawi_mem_calloc(&m->alloc, cfg->n_gazetteers, sizeof(rawi_lang));
  if (!m->user || !m->user_langs)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < cfg->n_gazetteers && rc == RAWI_OK; i++) {
    rc = load_user(m, cfg, cfg->gazetteers[i], &m->user[i], err);
    m->user_langs[i] = cfg->gazetteer_langs[i];
    m->n_user += rc == RAWI_OK;
  }
  return rc;
}

void pack_free(rawi_model *m) {
  for (int i = 0; i < RAWI_N_LANGS; i++)
    ruleset_free(&m->rules[i]);
  for (int i = 0; i < RAWI_N_LANGS; i++)
    gz_image_free(&m->packs[i]);
  for (size_t i = 0; i < m->n_user; i++)
    gz_image_free(&m->user[i]);
  rawi_mem_free(&m->alloc, m->user);
  rawi_mem_free(&m->alloc, m->user_langs);
  m->user = NULL;
  m->n_user = 0;
}
