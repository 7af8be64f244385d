/*
 * One input file (or stdin) read as its bytes arrive: plain, or gzip when
 * it starts with gzip's magic bytes, whatever its name. The batch source
 * splits what it returns into records.
 *
 * Why not zlib's gzread: it fills the whole buffer it is given before it
 * returns, so records already sent down a pipe waited for 256 KiB more;
 * it drops what it decoded in the call that meets damage, so a CRC error
 * lost up to 256 KiB of intact records; and it reports a gzip stream cut
 * short only as a short read. Here a read returns what one read(2) gave
 * (decoded), every byte decoded before damage is returned, and the end of
 * the data says why it came: the end of the file, damage or a cut at a
 * byte offset, a read error, or a stop signal.
 */
#ifndef RAWI_BATCH_INPUT_H
#define RAWI_BATCH_INPUT_H

#include <signal.h>
#include <stddef.h>

/* Waiting for input: called while stdin (or a pipe) has nothing to read,
 * every 200 ms, so that records already done can be written meanwhile. */
typedef void (*batch_idle_fn)(void *ctx);

typedef struct batch_input {
  int fd;
  int gzip;             /* inflating */
  int in_member;        /* gzip: inside a member (its end not yet met) */
  int raw_eof;          /* read(2) returned 0 */
  int done;             /* no more data: the end, or why it came early */
  struct z_stream_s *z; /* zlib's state (zlib.h stays out of this header) */
  unsigned char *raw;   /* bytes read, not yet inflated (gzip) */
  size_t raw_cap;
  unsigned long long raw_read; /* bytes read from the file so far */
  char error[200]; /* set when the data ended early; the file's byte offset
                      is in error_offset */
  unsigned long long error_offset;
  int interrupted; /* a stop signal came while waiting */
  const volatile sig_atomic_t *stop;
  batch_idle_fn idle;
  void *idle_ctx;
} batch_input;

/* Open path (NULL: stdin, which is not closed). -1 with errno set. */
int batch_input_open(batch_input *in, const char *path);

/* Up to cap bytes of data into buf; 0 at the end, which came early when
 * in->error[0] (damage, a cut, a read error) or in->interrupted. */
size_t batch_input_read(batch_input *in, char *buf, size_t cap);

/* Bytes of the file consumed (compressed bytes for gzip), for progress. */
unsigned long long batch_input_consumed(const batch_input *in);

void batch_input_close(batch_input *in);

#endif
