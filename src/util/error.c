#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void rawi_error_clear(rawi_error *err) {
  if (!err)
    return;
  memset(err, 0, sizeof *err);
  err->byte_offset = RAWI_NO_OFFSET;
}

/* Fill err (which must not be NULL) with code, message and location. */
static int error_v(rawi_error *err, int code, const char *file,
                   unsigned long line, unsigned long column, const char *fmt,
                   va_list ap) {
  rawi_error_clear(err);
  err->code = code;
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  if (file)
    snprintf(err->file, sizeof err->file, "%s", file);
  err->line = line;
  err->column = column;
  return code;
}

int rawi_error_set(rawi_error *err, int code, const char *fmt, ...) {
  if (!err)
    return code;
  va_list ap;
  va_start(ap, fmt);
  error_v(err, code, NULL, 0, 0, fmt, ap);
  va_end(ap);
  return code;
}

int rawi_error_at(rawi_error *err, int code, const char *file,
                  unsigned long line, unsigned long column, const char *fmt,
                  ...) {
  if (!err)
    return code;
  va_list ap;
  va_start(ap, fmt);
  error_v(err, code, file, line, column, fmt, ap);
  va_end(ap);
  return code;
}

const char *rawi_strerror(int code) {
  switch (code) {
  case RAWI_OK:
    return "no error";
  case RAWI_ERR_NOMEM:
    return "out of memory";
  case RAWI_ERR_INVALID:
    return "invalid argument";
  case RAWI_ERR_UTF8:
    return "invalid utf-8";
  case RAWI_ERR_TOO_BIG:
    return "input too large";
  case RAWI_ERR_IO:
    return "input/output error";
  case RAWI_ERR_FORMAT:
    return "malformed file";
  case RAWI_ERR_UNICODE:
    return "unicode service failed";
  case RAWI_ERR_LIMIT:
    return "resource limit reached";
  default:
    return "unknown error";
  }
}

const char *rawi_version(void) {
  return RAWI_VERSION_STRING;
}
