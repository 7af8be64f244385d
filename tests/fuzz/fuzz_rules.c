/*
 * Fuzz target: rule files (docs/rules.md). The input is parsed and
 * compiled from memory into the Arabic and English rule sets of a copy of
 * the shipped model, as a user file loaded leniently would be (rules with
 * errors left out), then run over the sample sentences, whose lists mark
 * titles, names and places for the fuzzed patterns to refer to.
 */
#define FUZZ_PACK 1
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* a copy sharing the shipped lists; the rules are the input's */
  rawi_model m = *fuzz_model();
  rules_norm norm = pack_rules_norm(&m);
  int rc = 0;
  for (int lang = 1; lang < RAWI_N_LANGS; lang++) {
    ruleset_init(&m.rules[lang], &m.alloc);
    if (rc >= 0)
      rc = ruleset_add_file(&m.rules[lang], "fuzz.rules", (const char *)data,
                            size, &norm, NULL, NULL);
  }
  if (rc >= 0)
    fuzz_run_samples(&m);
  for (int lang = 1; lang < RAWI_N_LANGS; lang++)
    ruleset_free(&m.rules[lang]);
  return 0;
}
