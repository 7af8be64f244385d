/* A pack's lists compiled at build time (tools/pack_images.c): loading a
 * pack maps the image of a language's lists when it was compiled from
 * exactly the lists it finds, and compiles them otherwise (edited lists,
 * a damaged image, another tokenizer). Lists written for this test. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../helpers.h"
#include "api/internal.h"

static char dir[64], lists[128], list[160], image[128];

static void write_text(const char *path, const char *mode, const char *text) {
  FILE *f = fopen(path, mode);
  assert_non_null(f);
  assert_int_equal(fputs(text, f) >= 0, 1);
  assert_int_equal(fclose(f), 0);
}

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/rawi-pack-image.XXXXXX");
  if (!mkdtemp(dir))
    return -1;
  snprintf(lists, sizeof lists, "%s/gazetteers", dir);
  snprintf(image, sizeof image, "%s/gazetteers/ar.gaz", dir);
  snprintf(list, sizeof list, "%s/gazetteers/ar/places.tsv", dir);
  char ar[160];
  snprintf(ar, sizeof ar, "%s/ar", lists);
  if (mkdir(lists, 0700) || mkdir(ar, 0700))
    return -1;
  write_text(list, "w", "بغداد\tLOCATION\tlocation/baghdad\n");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char ar[160];
  snprintf(ar, sizeof ar, "%s/ar", lists);
  remove(list);
  remove(image);
  rmdir(ar);
  rmdir(lists);
  rmdir(dir);
  return 0;
}

/* A model of the test's pack; compile: never map an image. */
static rawi_model *pack_model(int compile, rawi_tokenizer tk) {
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, dir);
  rawi_config_set_tokenizer(cfg, tk);
  cfg->compile_packs = compile;
  rawi_error err;
  rawi_model *m = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!m)
    fail_msg("model: %s: %s", err.file, err.message);
  return m;
}

/* Compile the pack's Arabic lists into its image, as the build does. */
static void write_image(void) {
  rawi_model *m = pack_model(1, RAWI_TOKENIZER_FAST);
  rawi_error err;
  if (gz_image_write(&m->packs[RAWI_LANG_AR], image, &err))
    fail_msg("write: %s", err.message);
  rawi_model_free(m);
}

/* Is there an entity id in text, as m extracts it? */
static int finds(rawi_model *m, const char *text, const char *id) {
  rawi_session *s = rawi_session_new(m, NULL);
  rawi_doc *doc = NULL;
  assert_int_equal(
      rawi_extract(s, text, strlen(text), RAWI_LANG_AR, &doc, NULL), RAWI_OK);
  int found = 0;
  for (size_t i = 0; i < rawi_doc_entity_count(doc); i++) {
    rawi_entity e;
    rawi_doc_entity(doc, i, &e);
    found |= !strcmp(e.id, id);
  }
  rawi_doc_free(doc);
  rawi_session_free(s);
  return found;
}

static void test_fresh_image_is_mapped(void **state) {
  (void)state;
  write_image();
  rawi_model *compiled = pack_model(1, RAWI_TOKENIZER_FAST);
  rawi_model *m = pack_model(0, RAWI_TOKENIZER_FAST);
  assert_false(compiled->packs[RAWI_LANG_AR].mapped);
  assert_true(m->packs[RAWI_LANG_AR].mapped);
  /* the same lists were read: the model stands for the same sources */
  assert_true(rawi_model_checksum(m) == rawi_model_checksum(compiled));
  assert_true(finds(m, "وصل الوفد إلى بغداد أمس.", "location/baghdad"));
  rawi_model_free(m);
  rawi_model_free(compiled);
}

static void test_edited_lists_are_compiled(void **state) {
  (void)state;
  write_image();
  write_text(list, "a", "البصرة\tLOCATION\tlocation/basra\n");
  rawi_model *m = pack_model(0, RAWI_TOKENIZER_FAST);
  assert_false(m->packs[RAWI_LANG_AR].mapped);
  assert_true(finds(m, "وصل الوفد إلى البصرة أمس.", "location/basra"));
  rawi_model_free(m);
  write_text(list, "w", "بغداد\tLOCATION\tlocation/baghdad\n");
}

static void test_damaged_image_is_compiled(void **state) {
  (void)state;
  write_text(image, "w", "RAWIGAZ not an image at all");
  rawi_model *m = pack_model(0, RAWI_TOKENIZER_FAST);
  assert_false(m->packs[RAWI_LANG_AR].mapped);
  assert_true(finds(m, "وصل الوفد إلى بغداد أمس.", "location/baghdad"));
  rawi_model_free(m);
}

static void test_other_tokenizer_compiles(void **state) {
  (void)state;
  write_image();
  rawi_model *m = pack_model(0, RAWI_TOKENIZER_ICU);
  assert_false(m->packs[RAWI_LANG_AR].mapped);
  rawi_model_free(m);
}

/* The build tree's model reads the source tree's packs through the images
 * the build compiled (build/.../pack-images). */
static void test_build_images_are_used(void **state) {
  (void)state;
  rawi_config *cfg = test_config();
  rawi_config_set_pack_dir(cfg, RAWI_PACK_DIR);
  rawi_model *m = rawi_model_new(cfg, NULL);
  rawi_config_free(cfg);
  assert_non_null(m);
  assert_true(m->packs[RAWI_LANG_AR].mapped);
  assert_true(m->packs[RAWI_LANG_EN].mapped);
  rawi_model_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fresh_image_is_mapped),
      cmocka_unit_test(test_edited_lists_are_compiled),
      cmocka_unit_test(test_damaged_image_is_compiled),
      cmocka_unit_test(test_other_tokenizer_compiles),
      cmocka_unit_test(test_build_images_are_used),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
