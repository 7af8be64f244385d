/* The handles behind the public API. */
#ifndef RAWI_API_INTERNAL_H
#define RAWI_API_INTERNAL_H

#include "api/langs.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/match.h"
#include "rawi/rawi.h"
#include "relate/relate.h"
#include "resolve/resolve.h"
#include "rules/rules.h"
#include "text/text.h"

struct rawi_config {
  rawi_allocator alloc;
  rawi_tokenizer tokenizer;
  char *pack_dir;
  char **gazetteers;
  rawi_lang *gazetteer_langs; /* RAWI_LANG_AUTO: every language */
  size_t n_gazetteers;
  char **rules;
  rawi_lang *rule_langs;
  size_t n_rules;
  int lenient;
  int no_jit;
  int explain;
  int compile_packs; /* compile the pack's lists even when the build's
                      * image of them is at hand (tools/pack_images.c) */
  rawi_warning_fn warn;
  void *warn_ctx;
};

struct rawi_model {
  rawi_allocator alloc;
  text_model text;
  gz_image packs[RAWI_N_LANGS]; /* base == NULL when absent */
  gz_image *user;               /* user gazetteers, in the order given */
  rawi_lang *user_langs;        /* the language of each (AUTO: all) */
  size_t n_user;
  ruleset rules[RAWI_N_LANGS]; /* shipped rules, then the user's */
  int explain;                 /* documents keep every relation view */
  uint64_t checksum;           /* of every source read (rawi_model_checksum) */
};

struct rawi_session {
  const rawi_model *model;
  text_scratch text;
  text_doc norm_doc; /* buffers behind rawi_normalize */
  rules_scratch rules;
  gz_name_cache names; /* list ids and names read for earlier documents */
  gz_word_cache words; /* list word look-ups made for earlier documents */
};

struct rawi_doc {
  const rawi_model *model;
  char *text; /* private copy of the input */
  text_doc t;
  rawi_lang lang;
  mention_table m;
  relation_table rel;
  size_t limit_hits; /* rule runs a PCRE2 limit stopped */
  char limit_rule[128];
};

/* pipeline.c: image k of the lists a document in lang is matched against
 * (the pack's, then the user's for every language or for lang, in order;
 * gz_mark.img counts in it), or NULL. */
const gz_image *pipeline_image(const rawi_model *m, rawi_lang lang, size_t k);

/* The first size bytes of full (full_size bytes) into out: what a caller
 * compiled against an older, smaller struct knows of it (rawi.h, "Structs
 * that grow"). Returns RAWI_OK. */
int api_fill(void *out, size_t size, const void *full, size_t full_size);

/* pack.c: load the packs and user lists named by cfg into m. */
int pack_load(rawi_model *m, const rawi_config *cfg, rawi_error *err);
void pack_free(rawi_model *m);
/* The normaliser rule files are loaded with (trigger words, examples), for
 * callers that load rule text themselves (the fuzz targets). */
rules_norm pack_rules_norm(rawi_model *m);

#endif
