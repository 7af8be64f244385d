/*
 * rawi_pack_images PACK_DIR OUT_DIR: compile the lists of each language of
 * a pack (PACK_DIR/gazetteers/LANG/NAME.tsv) into OUT_DIR/LANG.gaz, as a model
 * compiles them when it loads (the same code: a model is built from the
 * pack and its images written out). The build runs it on the source tree's
 * packs; the images are installed next to the lists, and loading a pack
 * maps the image of a language instead of compiling its lists when the
 * image was compiled from exactly the lists it finds (src/api/pack.c).
 *
 * Lists with errors are not compiled here: the program fails, and the
 * build with it, as `rawi extract` would fail on them.
 */
#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "api/langs.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: rawi_pack_images PACK_DIR OUT_DIR\n");
    return 2;
  }
  rawi_config *cfg = rawi_config_new();
  rawi_error err;
  if (!cfg || rawi_config_set_pack_dir(cfg, argv[1]) ||
      rawi_config_set_jit(cfg, 0)) {
    fprintf(stderr, "rawi_pack_images: out of memory\n");
    return 1;
  }
  cfg->compile_packs = 1; /* never the images this program wrote before */
  rawi_model *m = rawi_model_new(cfg, &err);
  rawi_config_free(cfg);
  if (!m) {
    fprintf(stderr, "rawi_pack_images: %s%s%s\n", err.file,
            err.file[0] ? ": " : "", err.message);
    return 1;
  }
  int rc = 0;
  for (int lang = 1; lang < RAWI_N_LANGS && !rc; lang++) {
    if (!m->packs[lang].base)
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.gaz", argv[2],
             lang_at((rawi_lang)lang)->pack_dir);
    if (gz_image_write(&m->packs[lang], path, &err)) {
      fprintf(stderr, "rawi_pack_images: %s: %s\n", err.file, err.message);
      rc = 1;
    }
  }
  rawi_model_free(m);
  return rc;
}
