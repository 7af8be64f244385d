/*
 * Input documents for rawi extract: text files (one document each),
 * directories walked recursively in sorted order, stdin, and JSON Lines
 * (one document per line). Each document reaches a callback with its id;
 * a record that cannot be read reaches it with an error instead, so that
 * every input yields exactly one output record.
 */
#ifndef RAWI_CLI_INPUTS_H
#define RAWI_CLI_INPUTS_H

#include <stddef.h>

#include "rawi/rawi.h"

typedef enum input_format { INPUT_AUTO, INPUT_TEXT, INPUT_JSONL } input_format;

typedef struct input_options {
  input_format format;
  const char *text_field; /* dotted path, default "text" */
  const char *id_field;   /* dotted path, default "id" */
} input_options;

/* One document: text (or NULL with err set when the record is bad). */
typedef int (*input_fn)(void *ctx, const char *id, size_t id_len,
                        const char *text, size_t len, const rawi_error *err);

/* Feed every document of path ("-" or NULL for stdin) to fn. Returns 0,
 * -1 when the path itself cannot be read (reported on stderr), or what a
 * callback returned when it was non-zero (which stops the walk). */
int input_each(const char *path, const input_options *opt, input_fn fn,
               void *ctx);

#endif
