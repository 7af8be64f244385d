/*
 * Shared by the fuzz targets: one model per process (libFuzzer calls a
 * target millions of times; building the shipped packs each time would
 * leave no time for the input), the sample text rules and lists are run
 * over, and a scratch file for the targets that read through the batch
 * source (which opens paths, so that gzip and line splitting are fuzzed
 * as rawi extract runs them).
 *
 * Each target includes this header once.
 */
#ifndef RAWI_FUZZ_H
#define RAWI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api/internal.h"
#include "rawi/rawi.h"
#include "util/strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Sentences in both languages that the shipped classes and rules touch
 * (titles, reporting verbs, head nouns, meeting and visiting verbs), so a
 * fuzzed rule or list has marks and views to run over. */
static const char fuzz_sample_ar[] =
    "قال الرئيس الأميركي جو بايدن إن وزير الخارجية سيلتقي نظيره في باريس. "
    "ووصل المتحدث باسم وزارة الدفاع إلى بغداد، والتقى رئيس الوزراء. "
    "وأعلنت شركة «النور» أن مقرها في القاهرة.";
static const char fuzz_sample_en[] =
    "President Joe Biden met Prime Minister Keir Starmer in London on Monday. "
    "A spokesman for the Ministry of Defense said the company, based in Paris, "
    "was founded by John Smith Jr. of Acme Corp.";

/* The model of the process: the shipped packs when the target defines
 * FUZZ_PACK 1, no pack when 0. Built once, before the first input, so that
 * libFuzzer's timeout for one input does not count the seconds the packs
 * take under ASan; exits when it cannot be built, since every input would
 * then be useless. */
static inline rawi_model *fuzz_model(void) {
  static rawi_model *model;
  if (model)
    return model;
  rawi_config *cfg = rawi_config_new();
  if (FUZZ_PACK)
    rawi_config_set_pack_dir(cfg, RAWI_PACK_DIR);
  rawi_error err;
  model = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!model) {
    fprintf(stderr, "fuzz: model: %s:%lu: %s\n", err.file, err.line,
            err.message);
    exit(1);
  }
  return model;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  fuzz_model();
  return 0;
}

/* Extract both samples with model m and throw the results away: the
 * sanitizers judge what happened on the way. */
static inline void fuzz_run_samples(const rawi_model *m) {
  rawi_session *s = rawi_session_new(m, NULL);
  static const char *const texts[] = {fuzz_sample_ar, fuzz_sample_en};
  static const rawi_lang langs[] = {RAWI_LANG_AR, RAWI_LANG_EN};
  for (int i = 0; s && i < 2; i++) {
    rawi_doc *doc = NULL;
    rawi_extract(s, texts[i], strlen(texts[i]), langs[i], &doc, NULL);
    rawi_doc_free(doc);
  }
  rawi_session_free(s);
}

static char fuzz_path[256];
static inline void fuzz_remove_file(void) {
  remove(fuzz_path);
}

/* The path of a scratch file holding data (rewritten on every call,
 * removed at exit). */
static inline const char *fuzz_file(const uint8_t *data, size_t size,
                                    const char *suffix) {
  char *path = fuzz_path;
  if (!path[0]) {
    snprintf(path, sizeof fuzz_path, "%s/rawi-fuzz-%ld%s",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(),
             suffix);
    atexit(fuzz_remove_file);
  }
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size) {
    perror(path);
    exit(1);
  }
  fclose(f);
  return path;
}

/* The output contract: whatever the input, every record is one line
 * holding one JSON object. Anything else aborts, so the fuzzer keeps it. */
static inline void fuzz_check_records(const rawi_strbuf *out) {
  const char *p = out->data, *end = p + out->len;
  if (out->failed)
    abort();
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      abort(); /* a record without its newline */
    cJSON *j = cJSON_ParseWithLength(p, (size_t)(nl - p));
    if (!cJSON_IsObject(j))
      abort();
    cJSON_Delete(j);
    p = nl + 1;
  }
}

#endif
