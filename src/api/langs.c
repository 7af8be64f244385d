/* The document languages (langs.h) and detection by script. */
#include <string.h>

#include "api/langs.h"

/* lead bytes of U+0600..U+06FF and U+0750..U+077F */
static int arabic_letter(unsigned char c) {
  return c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB || c == 0xDD;
}

static int latin_letter(unsigned char c) {
  return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static const lang_info langs[RAWI_N_LANGS] = {
    [RAWI_LANG_AR] = {RAWI_LANG_AR, "ar", "Arabic", "ar", arabic_letter},
    [RAWI_LANG_EN] = {RAWI_LANG_EN, "en", "English", "en", latin_letter},
};

/* What detection answers when no language has more letters than it. */
#define LANG_FALLBACK RAWI_LANG_EN

const lang_info *lang_at(rawi_lang lang) {
  int i = (int)lang;
  if (i <= (int)RAWI_LANG_AUTO || i >= RAWI_N_LANGS)
    return NULL;
  return &langs[i];
}

rawi_lang lang_detect(const char *text, size_t len) {
  size_t count[RAWI_N_LANGS] = {0};
  const unsigned char *p = (const unsigned char *)text;
  for (size_t i = 0; i < len; i++)
    for (int l = 1; l < RAWI_N_LANGS; l++)
      count[l] += (size_t)langs[l].letter(p[i]);
  rawi_lang best = LANG_FALLBACK;
  for (int l = 1; l < RAWI_N_LANGS; l++)
    if (count[l] > count[best])
      best = (rawi_lang)l;
  return best;
}

const char *rawi_lang_name(rawi_lang lang) {
  const lang_info *l = lang_at(lang);
  return l ? l->code : "auto";
}

int rawi_lang_from_name(const char *name, rawi_lang *out) {
  if (!name || !out)
    return RAWI_ERR_INVALID;
  if (!strcmp(name, "auto")) {
    *out = RAWI_LANG_AUTO;
    return RAWI_OK;
  }
  for (int l = 1; l < RAWI_N_LANGS; l++)
    if (!strcmp(name, langs[l].code)) {
      *out = (rawi_lang)l;
      return RAWI_OK;
    }
  return RAWI_ERR_INVALID;
}
