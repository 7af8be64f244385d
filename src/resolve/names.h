/*
 * The parts and the key of a person's name (names.c), read from a
 * document's tokens alone: resolution links short forms with them, and
 * the list compiler derives FAMILY_NAME entries (gazetteer/build.c), so
 * this header needs nothing but the token tables.
 */
#ifndef RAWI_RESOLVE_NAMES_H
#define RAWI_RESOLVE_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "doc/tokens.h"

/* The family name inside tokens [first, end) of d: the last word that is
 * no initial, suffix (Jr, II, الابن) or punctuation, with the words before
 * it that belong to it (عبد, ابو, بن, bin, von der), never the first word.
 * Returns 0 when no such word is left. */
int name_family(const text_doc *d, uint32_t first, uint32_t end,
                uint32_t *fam_first, uint32_t *fam_end);
/* Words (not punctuation) in tokens [first, end). */
uint32_t name_words(const text_doc *d, uint32_t first, uint32_t end);
/* The key of a name over tokens [first, end), the first read with reading
 * split: words one space apart, punctuation and an English possessive
 * left out, ؤ/ئ folded to و/ي,
 * عبد and الله joined to their neighbour, the article dropped but on the
 * first of several words, Latin al-/el- dropped. Spelling variants of one
 * name share it (كريم الدباغ, كريم دباغ; Karim al-Dabbagh, Karim Dabbagh).
 * Returns its length (cut at cap - 1). */
size_t name_key(const text_doc *d, uint32_t first, uint32_t end,
                uint32_t reading, char *buf, size_t cap);
/* The key of a name that is no person's: its words' norms one space
 * apart, punctuation left out, the last without an English possessive
 * (Ryanair's: ryanair; AT&T: att). */
size_t name_plain_key(const text_doc *d, uint32_t first, uint32_t end,
                      uint32_t reading, char *buf, size_t cap);
/* Is the name [first, end) a short form: one word once keyed (Al-Dabbagh,
 * عبد الفتاح), or a family name with its head (bin Salman, von der Leyen)? */
int name_is_short(const text_doc *d, uint32_t first, uint32_t end,
                  uint32_t reading);
/* "person/" + key with spaces as '-'. */
void name_person_id(const char *key, char *buf, size_t cap);

#endif
