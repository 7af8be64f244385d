/*
 * The settings of a run that shape its records (formats, the lists' and
 * rules' checksum, options), kept next to its output in OUT.run.json, so
 * that --resume goes on only with the settings the records already there
 * were made with: a resumed run with another --text-field, other lists or
 * another rawi would append records unlike the first ones, and nothing in
 * the file would say so.
 */
#ifndef RAWI_BATCH_SETTINGS_H
#define RAWI_BATCH_SETTINGS_H

#include <stddef.h>

#include "rawi/rawi.h"

enum { BATCH_SETTINGS_MAX = 24 };

typedef struct batch_settings {
  size_t n;
  const char *key[BATCH_SETTINGS_MAX];     /* an option, "--text-field" */
  char value[BATCH_SETTINGS_MAX][512];     /* its value; "" for a flag that is
                                              set */
  unsigned char given[BATCH_SETTINGS_MAX]; /* 0: not given */
} batch_settings;

/* Add key with value (NULL: not given); a value is cut to 511 bytes. */
void batch_settings_add(batch_settings *s, const char *key, const char *value);

/* The path of output's settings file into buf[cap]: output + ".run.json". */
void batch_settings_path(const char *output, char *buf, size_t cap);

/* Write s to path (a temporary file renamed into place); -1 with err set. */
int batch_settings_write(const batch_settings *s, const char *path,
                         rawi_error *err);

/* Compare s with the settings saved at path for output; 0 when they are
 * the same, -1 with err saying which setting differs (or why the file
 * cannot be read). */
int batch_settings_check(const batch_settings *s, const char *path,
                         const char *output, rawi_error *err);

#endif
