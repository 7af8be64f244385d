#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

void cli_errorf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("rawi: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

void cli_error(const char *where, const rawi_error *err) {
  const char *file = err->file[0] ? err->file : where;
  fputs("rawi: error: ", stderr);
  if (file)
    fprintf(stderr, "%s:", file);
  if (err->line)
    fprintf(stderr, "%lu:", err->line);
  if (err->line && err->column)
    fprintf(stderr, "%lu:", err->column);
  fprintf(stderr, "%s%s\n", file ? " " : "", err->message);
}

int cli_read_file(const char *path, char **data, size_t *len) {
  int is_stdin = !path || !strcmp(path, "-");
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    cli_errorf("%s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  int bad = !buf || ferror(f);
  if (bad)
    cli_errorf("%s: %s", is_stdin ? "<stdin>" : path,
               buf ? strerror(errno) : "out of memory");
  if (!is_stdin)
    fclose(f);
  if (bad) {
    free(buf);
    return -1;
  }
  *data = buf;
  *len = n;
  return 0;
}

int cli_parse_count(const char *opt, const char *s, int zero,
                    unsigned long long *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end || (v == 0 && !zero) || *s == '-') {
    cli_errorf("%s: expected a %snumber, got '%s'", opt,
               zero ? "" : "positive ", s);
    return -1;
  }
  *out = v;
  return 0;
}

int cli_write(FILE *out, const char *s, size_t n) {
  if (n && fwrite(s, 1, n, out) != n) {
    cli_errorf("write error: %s", strerror(errno));
    return -1;
  }
  return 0;
}

/* Print line `line` of file with a caret under code point `column`. */
void cli_show_line(const char *file, unsigned long line, unsigned long column) {
  FILE *f = fopen(file, "rb");
  if (!f || !line)
    goto done;
  char buf[4096];
  unsigned long n = 0;
  while (fgets(buf, sizeof buf, f)) {
    size_t len = strlen(buf);
    int whole = len && buf[len - 1] == '\n';
    if (++n == line) {
      while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
      fprintf(stderr, "    %s\n    ", buf);
      /* a tab is echoed as a tab so the caret stays under its column */
      unsigned long col = 1;
      for (size_t i = 0; i < len && col < column; i++) {
        if (((unsigned char)buf[i] & 0xC0) == 0x80)
          continue;
        fputc(buf[i] == '\t' ? '\t' : ' ', stderr);
        col++;
      }
      fputs("^\n", stderr);
      break;
    }
    while (!whole && fgets(buf, sizeof buf, f)) { /* rest of a long line */
      len = strlen(buf);
      whole = len && buf[len - 1] == '\n';
    }
  }
done:
  if (f)
    fclose(f);
}

int cli_open_input(const char *path, cli_file *f) {
  *f = (cli_file){0};
  if (path && strcmp(path, "-")) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0) {
      void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
      close(fd);
      if (p != MAP_FAILED) {
        *f = (cli_file){p, (size_t)st.st_size, 1};
        return 0;
      }
    } else if (fd >= 0) {
      close(fd);
    }
  }
  return cli_read_file(path, &f->data, &f->len);
}

void cli_close_input(cli_file *f) {
  if (f->mapped)
    munmap(f->data, f->len);
  else
    free(f->data);
  *f = (cli_file){0};
}

/* Does directory path hold anything? */
static int dir_has_entries(const char *path) {
  DIR *d = opendir(path);
  struct dirent *e;
  int any = 0;
  while (d && !any && (e = readdir(d)))
    any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  if (d)
    closedir(d);
  return any;
}

int cli_check_output(const char *output, int keep, const char *how,
                     char *const *paths, size_t n) {
  struct stat out, in;
  if (!output || !strcmp(output, "-") || stat(output, &out))
    return 0; /* stdout, or a file still to be made */
  for (size_t i = 0; i <= n; i++) {
    if (i == n && n) /* stdin is read only when named or with no paths */
      break;
    const char *name = i < n ? paths[i] : "-";
    int is_stdin = !strcmp(name, "-");
    if ((is_stdin ? fstat(STDIN_FILENO, &in) : stat(name, &in)) == 0 &&
        in.st_dev == out.st_dev && in.st_ino == out.st_ino &&
        (S_ISREG(in.st_mode) || S_ISDIR(in.st_mode))) {
      cli_errorf("-o %s: it is also the input %s; writing it would destroy "
                 "it",
                 output, is_stdin ? "(stdin)" : name);
      return -1;
    }
  }
  if (keep)
    return 0;
  if ((S_ISREG(out.st_mode) && out.st_size > 0) ||
      (S_ISDIR(out.st_mode) && dir_has_entries(output))) {
    cli_errorf("-o %s: %s is not empty; %s", output,
               S_ISDIR(out.st_mode) ? "the directory" : "the file", how);
    return -1;
  }
  return 0;
}
