/*
 * Finding the shipped language packs from wherever rawi runs: --pack,
 * then $RAWI_PACK, then the installed data directory next to the
 * executable (bin/../share/rawi), then the source tree the executable was
 * built from (so a build tree works without installing), then the
 * configured install prefix.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static int is_pack(const char *dir) {
  char path[PATH_MAX + 32];
  struct stat st;
  snprintf(path, sizeof path, "%s/gazetteers", dir);
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_pack_dir(const char *option, char *buf, size_t cap) {
  if (option)
    return option;
  const char *env = getenv("RAWI_PACK");
  if (env && *env)
    return env;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      snprintf(buf, cap, "%s/../share/rawi", exe);
      if (is_pack(buf))
        return buf;
    }
  }
  if (is_pack(RAWI_SOURCE_DIR))
    return RAWI_SOURCE_DIR;
  return rawi_default_pack_dir();
}
