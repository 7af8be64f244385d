/*
 * Finding the shipped packs (rawi_default_pack_dir): $RAWI_PACK, then
 * share/rawi above the file this code was loaded from, then the source
 * tree of a build tree, then the configured prefix. The file is found with
 * dladdr, so the same search serves librawi.so (PREFIX/lib/...), the rawi
 * program that links the static library (PREFIX/bin) and the Python
 * module (PREFIX/lib/python3/dist-packages/rawi), wherever PREFIX is.
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rawi/rawi.h"

/* How far above the loaded file a prefix is looked for: PREFIX/bin is one
 * level, PREFIX/lib/python3/dist-packages/rawi four. */
#define MAX_LEVELS 4

static _Thread_local char found[PATH_MAX];

/* An object of this file, for dladdr (ISO C has no function pointer to
 * object pointer conversion). */
static const char here = 0;

static int is_pack(const char *dir) {
  char path[PATH_MAX + 16];
  struct stat st;
  snprintf(path, sizeof path, "%s/gazetteers", dir);
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the file holding this code, resolved, into dir. */
static int loaded_from(char *dir) {
  Dl_info info;
  if (!dladdr(&here, &info) || !info.dli_fname)
    return -1;
  if (!realpath(info.dli_fname, dir))
    return -1;
  char *slash = strrchr(dir, '/');
  if (!slash)
    return -1;
  *slash = '\0';
  return 0;
}

/* share/rawi in dir or one of its parents; 0 with found set. */
static int search_up(char *dir) {
  for (int level = 0; level <= MAX_LEVELS && *dir; level++) {
    char *slash = strrchr(dir, '/');
    if (!slash)
      break;
    *slash = '\0';
    snprintf(found, sizeof found, "%s/" RAWI_PACK_SUBDIR, dir);
    if (is_pack(found))
      return 0;
  }
  return -1;
}

/* A file in the build tree (under RAWI_BINARY_DIR) reads the source
 * tree's packs, so the build works without installing. */
static int in_build_tree(const char *dir) {
  size_t n = strlen(RAWI_BINARY_DIR);
  return !strncmp(dir, RAWI_BINARY_DIR, n) && (dir[n] == '/' || !dir[n]);
}

const char *rawi_default_pack_dir(void) {
  const char *env = getenv("RAWI_PACK");
  if (env && *env) {
    snprintf(found, sizeof found, "%s", env);
    return found;
  }
  char dir[PATH_MAX];
  if (loaded_from(dir) == 0) {
    int build = in_build_tree(dir);
    /* search_up starts by dropping the last component: give it one more */
    strncat(dir, "/.", sizeof dir - strlen(dir) - 1);
    if (search_up(dir) == 0)
      return found;
    if (build && is_pack(RAWI_SOURCE_DIR))
      return RAWI_SOURCE_DIR;
  }
  return RAWI_DEFAULT_PACK_DIR;
}
