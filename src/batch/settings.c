#include "batch/settings.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strbuf.h"

void batch_settings_add(batch_settings *s, const char *key, const char *value) {
  if (s->n == BATCH_SETTINGS_MAX)
    return;
  s->key[s->n] = key;
  s->given[s->n] = value != NULL;
  snprintf(s->value[s->n], sizeof s->value[0], "%s", value ? value : "");
  s->n++;
}

void batch_settings_path(const char *output, char *buf, size_t cap) {
  snprintf(buf, cap, "%s.run.json", output);
}

int batch_settings_write(const batch_settings *s, const char *path,
                         rawi_error *err) {
  rawi_strbuf b, tmp;
  rawi_strbuf_init(&b, NULL);
  rawi_strbuf_init(&tmp, NULL);
  rawi_strbuf_adds(&b, "{");
  for (size_t i = 0; i < s->n; i++) {
    rawi_strbuf_adds(&b, i ? ",\n " : "");
    rawi_strbuf_json(&b, s->key[i], strlen(s->key[i]));
    rawi_strbuf_addc(&b, ':');
    if (s->given[i])
      rawi_strbuf_json(&b, s->value[i], strlen(s->value[i]));
    else
      rawi_strbuf_adds(&b, "null");
  }
  rawi_strbuf_adds(&b, "}\n");
  rawi_strbuf_adds(&tmp, path);
  rawi_strbuf_adds(&tmp, ".tmp");
  int rc = 0;
  FILE *f = b.failed || tmp.failed ? NULL : fopen(tmp.data, "w");
  if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) ||
      rename(tmp.data, path)) {
    rc = rawi_error_set(err, RAWI_ERR_IO, "%s: cannot write: %s", path,
                        b.failed || tmp.failed ? "out of memory"
                                               : strerror(errno));
    if (f)
      remove(tmp.data);
  }
  rawi_strbuf_free(&b);
  rawi_strbuf_free(&tmp);
  return rc;
}

/* The saved settings as a JSON object (cJSON_Delete it), or NULL with err
 * set. */
static cJSON *load(const char *path, const char *output, rawi_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    rawi_error_set(err, RAWI_ERR_IO,
                   "--resume: %s: %s, so the settings %s was written with are "
                   "unknown; start it over with --force",
                   path, strerror(errno), output);
    return NULL;
  }
  char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  cJSON *j = cJSON_ParseWithLength(buf, n);
  if (!cJSON_IsObject(j)) {
    cJSON_Delete(j);
    rawi_error_set(err, RAWI_ERR_FORMAT,
                   "--resume: %s is not a settings file of rawi; start %s "
                   "over with --force",
                   path, output);
    return NULL;
  }
  return j;
}

/* 'value', or (not given) for NULL, into buf. */
static void quoted(char *buf, size_t cap, const char *value) {
  if (value)
    snprintf(buf, cap, "'%.500s'", value);
  else
    snprintf(buf, cap, "(not given)");
}

int batch_settings_check(const batch_settings *s, const char *path,
                         const char *output, rawi_error *err) {
  cJSON *saved = load(path, output, err);
  if (!saved)
    return -1;
  int rc = 0;
  for (size_t i = 0; i < s->n && !rc; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(saved, s->key[i]);
    int was_given = cJSON_IsString(v);
    if (was_given == s->given[i] &&
        (!was_given || !strcmp(v->valuestring, s->value[i])))
      continue;
    char then[600], now[600];
    quoted(then, sizeof then, was_given ? v->valuestring : NULL);
    quoted(now, sizeof now, s->given[i] ? s->value[i] : NULL);
    rc = rawi_error_set(err, RAWI_ERR_INVALID,
                        "--resume: %s was written with %s %s, this run has "
                        "%s %s; resume with the same settings, or start over "
                        "with --force",
                        output, s->key[i], then, s->key[i], now);
  }
  cJSON_Delete(saved);
  return rc;
}
