/*
 * The parts of a person's name, and the key that stays the same over the
 * ways news spells it.
 *
 * Both resolution and the list compiler use these: resolution to link a
 * short form (a family name, a given name, a name without its title) to
 * the name written in full, the compiler to derive each listed person's
 * family name (FAMILY_NAME entries, docs/gazetteers.md). They work on a
 * text_doc's tokens, whose norms already fold diacritics, tatweel, the
 * alef forms, ى/ي, ة/ه and Latin case (docs/text.md); the key folds what
 * those norms keep apart but names do not: the hamza seats ؤ/و and ئ/ي,
 * عبد الله / عبدالله, the article (كريم الدباغ / كريم دباغ, Karim
 * al-Dabbagh / Karim Dabbagh) and punctuation.
 */
#include <stdio.h>
#include <string.h>

#include "resolve/names.h"

#define LIT_EQ(s, n, lit) ((n) == sizeof(lit) - 1 && !memcmp((s), (lit), (n)))

/* The norm of token t, read with reading k. */
static const char *word_of(const text_doc *d, uint32_t t, uint32_t k,
                           size_t *n) {
  text_reading sp = text_reading_at(d, &d->tokens[t], k);
  *n = sp.norm_len;
  return d->pool + sp.norm_off;
}

/* Jr, Sr, roman numerals (II, XIV), and their Arabic forms (الابن, الثاني):
 * they follow a name and are no family name. */
static int is_suffix(const char *s, size_t n) {
  static const char *const words[] = {"jr",     "sr",     "الابن",  "الاب",
                                      "جونيور", "الاول",  "الثاني", "الثالث",
                                      "الرابع", "الخامس", "السادس", "السابع"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == n && !memcmp(s, words[i], n))
      return 1;
  size_t roman = 0;
  while (roman < n && (s[roman] == 'i' || s[roman] == 'v' || s[roman] == 'x'))
    roman++;
  return roman == n && n >= 2 && n <= 4;
}

/* Words that belong to the family name after them: عبد الفتاح, ابو الغيط,
 * بن لادن, bin Salman, Ben Ali, von der Leyen, de Gaulle. */
static int is_family_head(const char *s, size_t n) {
  static const char *const words[] = {
      "عبد", "ابو", "ابن", "بن", "bin", "ibn", "abu", "ben", "bint", "von",
      "van", "der", "den", "de", "da",  "di",  "del", "du",  "dos"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == n && !memcmp(s, words[i], n))
      return 1;
  return 0;
}

int name_family(const text_doc *d, uint32_t first, uint32_t end,
                uint32_t *fam_first, uint32_t *fam_end) {
  for (uint32_t k = end; k-- > first + 1;) {
    const text_token *tk = &d->tokens[k];
    const char *s = d->pool + tk->norm_off;
    if (tk->kind != RAWI_TOKEN_WORD || tk->cp_end - tk->cp_start < 2 ||
        is_suffix(s, tk->norm_len))
      continue;
    uint32_t f = k;
    /* heads before it, never the name's first word */
    while (f - 1 > first && d->tokens[f - 1].kind == RAWI_TOKEN_WORD &&
           is_family_head(d->pool + d->tokens[f - 1].norm_off,
                          d->tokens[f - 1].norm_len))
      f--;
    *fam_first = f;
    *fam_end = k + 1;
    return 1;
  }
  return 0;
}

uint32_t name_words(const text_doc *d, uint32_t first, uint32_t end) {
  uint32_t n = 0;
  for (uint32_t k = first; k < end; k++)
    n += d->tokens[k].kind != RAWI_TOKEN_PUNCT;
  return n;
}

/* "ال" in UTF-8. */
static int has_article(const char *s, size_t n) {
  return n >= 8 && !memcmp(s, "\xD8\xA7\xD9\x84", 4);
}

/* Append word s[0..n) to a key: punctuation inside a word (O'Brien) left
 * out; for a person, the hamza seats folded (ؤ→و, ئ→ي). */
static size_t put_word(char *buf, size_t at, size_t cap, const char *s,
                       size_t n, int person) {
  for (size_t i = 0; i < n && at + 2 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (person && c == 0xD8 && i + 1 < n &&
        ((unsigned char)s[i + 1] == 0xA4 || (unsigned char)s[i + 1] == 0xA6)) {
      int waw = (unsigned char)s[i + 1] == 0xA4;
      buf[at++] = (char)0xD9;
      buf[at++] = (char)(waw ? 0x88 : 0x8A);
      i++;
      continue;
    }
    if (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
        !(c >= '0' && c <= '9'))
      continue;
    buf[at++] = (char)c;
  }
  return at;
}

/* The length of s[0..n) without an English possessive ('s, ’s). */
static size_t unpossessed(const char *s, size_t n) {
  if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
    return n - 2;
  if (n > 4 && s[n - 1] == 's' && !memcmp(s + n - 4, "\xE2\x80\x99", 3))
    return n - 4;
  return n;
}

/* name_key, and for a name that is no person's (person 0) name_plain_key:
 * no article, al- or hamza rule, no joined words. */
static size_t key_of(const text_doc *d, uint32_t first, uint32_t end,
                     uint32_t reading, char *buf, size_t cap, int person) {
  size_t at = 0;
  int words = (int)name_words(d, first, end), seen = 0, glue = 0;
  if (!cap)
    return 0;
  for (uint32_t t = first; t < end; t++) {
    if (d->tokens[t].kind == RAWI_TOKEN_PUNCT)
      continue;
    size_t n;
    const char *s = word_of(d, t, t == first ? reading : 0, &n);
    int last = ++seen == words;
    if (last)
      n = unpossessed(s, n);
    if (person) {
      /* Latin al-, el- before a name: Karim al-Dabbagh is Karim Dabbagh */
      if (!last && (LIT_EQ(s, n, "al") || LIT_EQ(s, n, "el")))
        continue;
      /* الله joins the word before it (نصر الله / نصرالله) */
      if (LIT_EQ(s, n, "الله") && at)
        glue = 1;
      /* the article, but on a given name (the first of several words) */
      else if (has_article(s, n) && (seen > 1 || words == 1) && !glue) {
        s += 4;
        n -= 4;
      }
    }
    if (at && !glue && at + 1 < cap)
      buf[at++] = ' ';
    at = put_word(buf, at, cap, s, n, person);
    /* عبد joins the word after it (عبد الله / عبدالله) */
    glue = person && LIT_EQ(s, n, "عبد") && !last;
  }
  buf[at] = '\0';
  return at;
}

size_t name_key(const text_doc *d, uint32_t first, uint32_t end,
                uint32_t reading, char *buf, size_t cap) {
  return key_of(d, first, end, reading, buf, cap, 1);
}

size_t name_plain_key(const text_doc *d, uint32_t first, uint32_t end,
                      uint32_t reading, char *buf, size_t cap) {
  return key_of(d, first, end, reading, buf, cap, 0);
}

int name_is_short(const text_doc *d, uint32_t first, uint32_t end,
                  uint32_t reading) {
  char key[512];
  if (!memchr(key, ' ', name_key(d, first, end, reading, key, sizeof key)))
    return 1;
  for (uint32_t t = first; t < end; t++) {
    if (d->tokens[t].kind == RAWI_TOKEN_PUNCT)
      continue;
    size_t n;
    const char *s = word_of(d, t, t == first ? reading : 0, &n);
    return is_family_head(s, n);
  }
  return 1;
}

void name_person_id(const char *key, char *buf, size_t cap) {
  size_t n = (size_t)snprintf(buf, cap, "person/");
  for (const char *p = key; *p && n + 1 < cap; p++)
    buf[n++] = *p == ' ' ? '-' : *p;
  buf[n < cap ? n : cap - 1] = '\0';
}
