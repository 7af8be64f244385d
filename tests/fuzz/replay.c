/*
 * A main for the fuzz targets where libFuzzer is absent (gcc, the dev and
 * asan presets): every file named on the command line, or found in a
 * directory named there, goes once through LLVMFuzzerTestOneInput, in name
 * order. ctest runs each target over its corpus (label fuzz-replay), so
 * every crash the fuzzers ever found stays fixed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return -1;
  }
  uint8_t *buf = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
      if (!nb)
        abort();
      buf = nb;
    }
    n += got = fread(buf + n, 1, cap - n, f);
  } while (got);
  fclose(f);
  /* a line on stdout first: a sanitizer report follows the input's name */
  printf("%s (%zu bytes)\n", path, n);
  fflush(stdout);
  LLVMFuzzerTestOneInput(buf, n);
  free(buf);
  return 0;
}

/* Replay path, or every file of the directory path; returns the count. */
static int replay(const char *path) {
  struct stat st;
  if (stat(path, &st)) {
    perror(path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode))
    return replay_file(path) ? -1 : 1;
  struct dirent **names;
  int n = scandir(path, &names, NULL, alphasort), count = 0;
  for (int i = 0; i < n; i++) {
    char file[4096];
    snprintf(file, sizeof file, "%s/%s", path, names[i]->d_name);
    if (names[i]->d_name[0] != '.' && !stat(file, &st) && S_ISREG(st.st_mode))
      count += replay_file(file) ? 0 : 1;
    free(names[i]);
  }
  free(names);
  return n < 0 ? -1 : count;
}

int main(int argc, char **argv) {
  int total = 0;
  LLVMFuzzerInitialize(&argc, &argv);
  for (int i = 1; i < argc; i++) {
    int n = replay(argv[i]);
    if (n <= 0) {
      fprintf(stderr, "replay: %s: no inputs\n", argv[i]);
      return 1;
    }
    total += n;
  }
  printf("replayed %d inputs\n", total);
  return total ? 0 : 1;
}
