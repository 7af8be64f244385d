/*
 * The document languages, one row each: everything rawi decides per
 * language reads this table (the name in output and options, the pack's
 * subdirectories, which letters count for detection). Adding a language
 * is a row here, a value of rawi_lang, and the pack's gazetteers/CODE/
 * and rules/CODE/ (HACKING.md, "Add a language").
 */
#ifndef RAWI_API_LANGS_H
#define RAWI_API_LANGS_H

#include <stddef.h>

#include "rawi/rawi.h"

/* Languages indexed by rawi_lang; 0 (auto) has no row of its own. */
#define RAWI_N_LANGS 3

typedef struct lang_info {
  rawi_lang lang;
  const char *code;     /* "ar": rawi_lang_name(), --lang, records */
  const char *name;     /* "Arabic", for people */
  const char *pack_dir; /* gazetteers/DIR/ and rules/DIR/ of a pack */
  /* 1 when byte c of UTF-8 text starts one of this language's letters
   * (detection counts them; the language with the most wins) */
  int (*letter)(unsigned char c);
} lang_info;

/* The row of lang, or NULL for RAWI_LANG_AUTO and unknown values. */
const lang_info *lang_at(rawi_lang lang);

/* The language of a document given as RAWI_LANG_AUTO: the one whose
 * letters outnumber every other's, English when none does. */
rawi_lang lang_detect(const char *text, size_t len);

#endif
