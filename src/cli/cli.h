/* The rawi command: shared helpers of the subcommands. */
#ifndef RAWI_CLI_CLI_H
#define RAWI_CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "rawi/rawi.h"

/* Read a whole file ("-" or NULL for stdin) into a malloc'd buffer.
 * Returns 0, or -1 after printing an error naming the file. */
int cli_read_file(const char *path, char **data, size_t *len);

/* An input file's bytes: mapped when it is a regular file (no copy), read
 * into memory otherwise (stdin, pipes). */
typedef struct cli_file {
  char *data;
  size_t len;
  int mapped;
} cli_file;
int cli_open_input(const char *path, cli_file *f);
void cli_close_input(cli_file *f);

/* Print "rawi: error: ..." on stderr, with location when err has one. */
void cli_error(const char *where, const rawi_error *err);
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Show line `line` of file on stderr with a caret under `column`. */
void cli_show_line(const char *file, unsigned long line, unsigned long column);

/* A whole number given to option opt (0 allowed when zero is set); -1
 * after telling the user what was expected. */
int cli_parse_count(const char *opt, const char *s, int zero,
                    unsigned long long *out);

/* Write n bytes to out; on failure report it and return -1. */
int cli_write(FILE *out, const char *s, size_t n);

/* Refuse an output that would destroy what it should not: -o naming an
 * input (opening it for writing would empty it first, whatever the
 * options; paths are the command's inputs, none meaning stdin), and
 * earlier results, a file or a directory that is not empty, unless keep
 * (the options that go on with them or write over them, named by how in
 * the message). Called before anything is opened; -1 after a message. */
int cli_check_output(const char *output, int keep, const char *how,
                     char *const *paths, size_t n);

/* The pack directory to use (see pack_dir.c); buf holds a found path. */
const char *cli_pack_dir(const char *option, char *buf, size_t cap);

int cmd_tokenize(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_gazetteer(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
