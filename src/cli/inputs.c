#include "cli/inputs.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static int has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

static input_format format_of(const char *path, const input_options *opt) {
  if (opt->format != INPUT_AUTO)
    return opt->format;
  return path && has_suffix(path, ".jsonl") ? INPUT_JSONL : INPUT_TEXT;
}

/* Follow a dotted path ("meta.id") into a JSON object. */
static const cJSON *lookup(const cJSON *obj, const char *path) {
  char part[256];
  while (obj && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (n >= sizeof part)
      return NULL;
    memcpy(part, path, n);
    part[n] = '\0';
    obj = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, part)
                              : NULL;
    path += n + (dot != NULL);
  }
  return obj;
}

static int bad_record(input_fn fn, void *ctx, const char *id, const char *msg) {
  rawi_error err = {.code = RAWI_ERR_FORMAT, .byte_offset = RAWI_NO_OFFSET};
  snprintf(err.message, sizeof err.message, "%s", msg);
  return fn(ctx, id, strlen(id), NULL, 0, &err);
}

static int jsonl_line(const char *name, unsigned long line, const char *s,
                      size_t len, const input_options *opt, input_fn fn,
                      void *ctx) {
  char fallback[4200];
  snprintf(fallback, sizeof fallback, "%s:%lu", name, line);
  cJSON *obj = cJSON_ParseWithLength(s, len);
  if (!obj)
    return bad_record(fn, ctx, fallback, "line is not valid JSON");
  int rc;
  const cJSON *id = lookup(obj, opt->id_field);
  const cJSON *text = lookup(obj, opt->text_field);
  char num[32];
  const char *idv = fallback;
  if (cJSON_IsString(id))
    idv = id->valuestring;
  else if (cJSON_IsNumber(id))
    snprintf(num, sizeof num, "%.17g", id->valuedouble), idv = num;
  if (!cJSON_IsObject(obj))
    rc = bad_record(fn, ctx, idv, "line is not a JSON object");
  else if (!text) {
    char msg[256];
    snprintf(msg, sizeof msg, "no text field '%.200s'", opt->text_field);
    rc = bad_record(fn, ctx, idv, msg);
  } else if (!cJSON_IsString(text)) {
    char msg[256];
    snprintf(msg, sizeof msg, "text field '%.200s' is not a string",
             opt->text_field);
    rc = bad_record(fn, ctx, idv, msg);
  } else {
    rc = fn(ctx, idv, strlen(idv), text->valuestring,
            strlen(text->valuestring), NULL);
  }
  cJSON_Delete(obj);
  return rc;
}

static int jsonl_each(const char *name, const char *data, size_t len,
                      const input_options *opt, input_fn fn, void *ctx) {
  unsigned long line = 0;
  for (size_t pos = 0; pos < len;) {
    const char *nl = memchr(data + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - data) : len;
    line++;
    size_t n = end - pos;
    while (n && (data[pos + n - 1] == '\r' || data[pos + n - 1] == ' '))
      n--;
    if (n) {
      int rc = jsonl_line(name, line, data + pos, n, opt, fn, ctx);
      if (rc)
        return rc;
    }
    pos = end + 1;
  }
  return 0;
}

static int one_file(const char *path, const char *id, const input_options *opt,
                    input_fn fn, void *ctx) {
  cli_file in;
  if (cli_open_input(path, &in))
    return -1;
  const char *name = path && strcmp(path, "-") ? path : "stdin";
  int rc = format_of(path, opt) == INPUT_JSONL
               ? jsonl_each(name, in.data, in.len, opt, fn, ctx)
               : fn(ctx, id, strlen(id), in.data, in.len, NULL);
  cli_close_input(&in);
  return rc;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk dir in sorted order; ids are paths relative to the root argument. */
static int walk(const char *dir, const char *rel, const input_options *opt,
                input_fn fn, void *ctx) {
  DIR *d = opendir(dir);
  if (!d) {
    cli_errorf("%s: cannot open directory: %s", dir, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn)
        break;
      names = nn;
    }
    if ((names[n] = strdup(e->d_name)))
      n++;
  }
  closedir(d);
  if (names)
    qsort(names, n, sizeof *names, compare_names);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (rc == 0) {
      size_t plen = strlen(dir) + strlen(names[i]) + 2;
      size_t rlen = strlen(rel) + strlen(names[i]) + 2;
      char *path = malloc(plen), *id = malloc(rlen);
      if (!path || !id) {
        rc = -1;
      } else {
        snprintf(path, plen, "%s/%s", dir, names[i]);
        snprintf(id, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
          rc = walk(path, id, opt, fn, ctx);
        else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
          rc = one_file(path, id, opt, fn, ctx);
      }
      free(path);
      free(id);
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

int input_each(const char *path, const input_options *opt, input_fn fn,
               void *ctx) {
  if (!path || !strcmp(path, "-"))
    return one_file(NULL, "stdin", opt, fn, ctx);
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    return walk(path, "", opt, fn, ctx);
  return one_file(path, path, opt, fn, ctx);
}
