/*
 * Finding the shipped language packs: --pack, else where the library finds
 * them (rawi_default_pack_dir: $RAWI_PACK, share/rawi next to the
 * executable's prefix, the source tree of a build tree, the configured
 * prefix).
 */
#include <stdio.h>

#include "cli/cli.h"

const char *cli_pack_dir(const char *option, char *buf, size_t cap) {
  if (option)
    return option;
  snprintf(buf, cap, "%s", rawi_default_pack_dir());
  return buf;
}
