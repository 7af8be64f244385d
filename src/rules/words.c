/*
 * Trigger and unless words: which rules do a sentence's words allow?
 *
 * Every rule's words sit in one table of the ruleset, so a sentence is
 * looked up once per token reading, however many rules and words there
 * are, rather than once per word of every rule.
 */
#include <string.h>

#include "rules/rules.h"
#include "util/hash.h"
#include "util/mem.h"

void rules_words_free(ruleset *rs) {
  rawi_mem_free(rs->alloc, rs->word_hash);
  rawi_mem_free(rs->alloc, rs->word_rule);
  rawi_mem_free(rs->alloc, rs->word_text);
  rs->word_hash = NULL;
  rs->word_rule = NULL;
  rs->word_text = NULL;
  rs->n_word_slots = 0;
}

static void put(ruleset *rs, const char *w, uint32_t who) {
  uint64_t h = rawi_hash_bytes(w, strlen(w)) | 1;
  size_t mask = rs->n_word_slots - 1, i = h & mask;
  while (rs->word_hash[i])
    i = (i + 1) & mask;
  rs->word_hash[i] = h;
  rs->word_rule[i] = who;
  rs->word_text[i] = w;
}

/* Put rule r's words into the table under its slot. */
static void put_words(ruleset *rs, const rule_common *r, size_t slot) {
  for (size_t i = 0; i < r->n_trigger_words; i++)
    put(rs, r->trigger_words[i], (uint32_t)slot << 2 | RULES_TRIGGER_WORD);
  for (size_t i = 0; i < r->n_unless_words; i++)
    put(rs, r->unless_words[i], (uint32_t)slot << 2 | RULES_UNLESS_WORD);
}

int rules_words_build(ruleset *rs) {
  size_t n = 0, cap = 16;
  for (size_t r = 0; r < rs->n_entity_rules; r++)
    n += rs->entity_rules[r].common.n_trigger_words +
         rs->entity_rules[r].common.n_unless_words;
  for (size_t r = 0; r < rs->n_relation_rules; r++)
    n += rs->relation_rules[r].common.n_trigger_words +
         rs->relation_rules[r].common.n_unless_words;
  while (cap < n * 2)
    cap *= 2;
  rules_words_free(rs);
  rs->word_hash = rawi_mem_alloc(rs->alloc, cap * sizeof *rs->word_hash);
  rs->word_rule = rawi_mem_alloc(rs->alloc, cap * sizeof *rs->word_rule);
  rs->word_text = rawi_mem_alloc(rs->alloc, cap * sizeof *rs->word_text);
  if (!rs->word_hash || !rs->word_rule || !rs->word_text) {
    rules_words_free(rs);
    return RAWI_ERR_NOMEM;
  }
  memset(rs->word_hash, 0, cap * sizeof *rs->word_hash);
  rs->n_word_slots = cap;
  for (size_t r = 0; r < rs->n_entity_rules; r++)
    put_words(rs, &rs->entity_rules[r].common, r);
  for (size_t r = 0; r < rs->n_relation_rules; r++)
    put_words(rs, &rs->relation_rules[r].common, rules_relation_slot(rs, r));
  return RAWI_OK;
}

int rules_sentence_words(const ruleset *rs, rules_scratch *s, const text_doc *d,
                         uint32_t first, uint32_t count) {
  size_t slots = rs->n_entity_rules + rs->n_relation_rules;
  if (rawi_mem_grow(s->alloc, (void **)&s->word_hit, &s->cap_word_hit,
                    slots + 1, 1))
    return RAWI_ERR_NOMEM;
  memset(s->word_hit, 0, slots);
  if (!rs->n_word_slots)
    return RAWI_OK;
  size_t mask = rs->n_word_slots - 1;
  for (uint32_t t = first; t < first + count; t++) {
    const text_token *tk = &d->tokens[t];
    for (uint32_t k = 0; k < tk->reading_count; k++) {
      uint64_t h = text_reading_hash(d, t, k) | 1;
      for (size_t i = h & mask; rs->word_hash[i]; i = (i + 1) & mask) {
        if (rs->word_hash[i] != h)
          continue;
        text_reading sp = text_reading_at(d, tk, k);
        const char *w = rs->word_text[i];
        if (!strncmp(w, d->pool + sp.norm_off, sp.norm_len) && !w[sp.norm_len])
          s->word_hit[rs->word_rule[i] >> 2] |= (uint8_t)(rs->word_rule[i] & 3);
      }
    }
  }
  return RAWI_OK;
}

int rules_words_allow(const rules_scratch *s, const rule_common *r,
                      size_t slot) {
  uint8_t hit = s->word_hit[slot];
  return !(hit & RULES_UNLESS_WORD) &&
         (!r->n_trigger_words || (hit & RULES_TRIGGER_WORD));
}
