/* Filling the public rawi_error. All helpers accept err == NULL. */
#ifndef RAWI_UTIL_ERROR_H
#define RAWI_UTIL_ERROR_H

#include "rawi/rawi.h"

#if defined(__GNUC__)
#define RAWI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RAWI_PRINTF(f, a)
#endif

/* Reset err to "no error". */
void rawi_error_clear(rawi_error *err);

/* Set code and a printf-style message; returns code for `return` chaining. */
int rawi_error_set(rawi_error *err, int code, const char *fmt, ...)
    RAWI_PRINTF(3, 4);

/* Same, with a location in a file (line/column 1-based, 0 if unknown). */
int rawi_error_at(rawi_error *err, int code, const char *file,
                  unsigned long line, unsigned long column, const char *fmt,
                  ...) RAWI_PRINTF(6, 7);

#endif
