#include "batch/input.h"

#include <zlib.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { RAW_CHUNK = 1 << 18, READ_STOPPED = -2 };

static const unsigned char gzip_magic[2] = {0x1f, 0x8b};

int batch_input_open(batch_input *in, const char *path) {
  const volatile sig_atomic_t *stop = in->stop;
  batch_idle_fn idle = in->idle;
  void *idle_ctx = in->idle_ctx;
  memset(in, 0, sizeof *in);
  in->stop = stop;
  in->idle = idle;
  in->idle_ctx = idle_ctx;
  in->gzip = -1; /* not known before the first bytes */
  in->fd = path ? open(path, O_RDONLY | O_CLOEXEC) : dup(STDIN_FILENO);
  if (in->fd < 0)
    return -1;
  in->raw = malloc(RAW_CHUNK);
  in->z = calloc(1, sizeof *in->z);
  if (!in->raw || !in->z) {
    free(in->raw);
    free(in->z);
    in->raw = NULL;
    in->z = NULL;
    close(in->fd);
    in->fd = -1;
    errno = ENOMEM;
    return -1;
  }
  in->raw_cap = RAW_CHUNK;
  return 0;
}

void batch_input_close(batch_input *in) {
  if (in->gzip == 1)
    inflateEnd(in->z);
  if (in->fd >= 0)
    close(in->fd);
  free(in->raw);
  free(in->z);
  in->raw = NULL;
  in->z = NULL;
  in->fd = -1;
}

unsigned long long batch_input_consumed(const batch_input *in) {
  return in->raw_read;
}

static int stopped(const batch_input *in) {
  return in->stop && *in->stop;
}

/* One read(2) into buf: > 0 bytes, 0 at the end of the file, -1 on an
 * error (errno), READ_STOPPED when a stop signal came. While nothing is
 * there to read (a pipe, a terminal), the idle callback runs. */
static ssize_t read_some(batch_input *in, void *buf, size_t cap) {
  for (;;) {
    if (in->idle) {
      struct pollfd p = {in->fd, POLLIN, 0};
      int r = poll(&p, 1, 0);
      while (r == 0 && !stopped(in)) {
        in->idle(in->idle_ctx);
        r = poll(&p, 1, 200);
      }
      if (stopped(in))
        return READ_STOPPED;
    }
    ssize_t n = read(in->fd, buf, cap);
    if (n >= 0) {
      in->raw_read += (unsigned long long)n;
      return n;
    }
    if (errno != EINTR)
      return -1;
    if (stopped(in))
      return READ_STOPPED;
  }
}

/* The data ends early: say why (fmt names the byte offset with %llu). */
static void fail(batch_input *in, unsigned long long offset, const char *fmt,
                 ...) __attribute__((format(printf, 3, 4)));
static void fail(batch_input *in, unsigned long long offset, const char *fmt,
                 ...) {
  va_list ap;
  in->done = 1;
  in->error_offset = offset;
  va_start(ap, fmt);
  vsnprintf(in->error, sizeof in->error, fmt, ap);
  va_end(ap);
}

/* Read more raw bytes after the avail_in not yet inflated (moved to the
 * front); 1 when some came, 0 at the end of the file, -1 when reading
 * stopped (in->done set). */
static int refill(batch_input *in) {
  size_t keep = in->z->avail_in;
  if (keep && in->z->next_in != in->raw)
    memmove(in->raw, in->z->next_in, keep);
  ssize_t n = read_some(in, in->raw + keep, in->raw_cap - keep);
  in->z->next_in = in->raw;
  if (n == READ_STOPPED) {
    in->interrupted = in->done = 1;
    return -1;
  }
  if (n < 0) {
    fail(in, in->raw_read, "read error at byte %llu: %s", in->raw_read,
         strerror(errno));
    return -1;
  }
  in->raw_eof = n == 0;
  in->z->avail_in = (uInt)(keep + (size_t)n);
  return n > 0;
}

/* Plain or gzip, from the first two bytes (or fewer, at the end). */
static int detect(batch_input *in) {
  while (in->z->avail_in < 2 && !in->raw_eof)
    if (refill(in) < 0)
      return -1;
  in->gzip = in->z->avail_in >= 2 && !memcmp(in->raw, gzip_magic, 2);
  if (in->gzip && inflateInit2(in->z, 16 + MAX_WBITS) != Z_OK) {
    in->gzip = 0;
    fail(in, 0, "out of memory");
    return -1;
  }
  return 0;
}

static size_t read_plain(batch_input *in, char *buf, size_t cap) {
  if (in->z->avail_in) { /* the bytes detect() read first */
    size_t n = in->z->avail_in < cap ? in->z->avail_in : cap;
    memcpy(buf, in->z->next_in, n);
    in->z->next_in += n;
    in->z->avail_in -= (uInt)n;
    return n;
  }
  if (in->raw_eof) {
    in->done = 1;
    return 0;
  }
  ssize_t n = read_some(in, buf, cap);
  if (n == READ_STOPPED) {
    in->interrupted = in->done = 1;
    return 0;
  }
  if (n < 0) {
    fail(in, in->raw_read, "read error at byte %llu: %s", in->raw_read,
         strerror(errno));
    return 0;
  }
  in->raw_eof = n == 0;
  in->done = n == 0;
  return (size_t)n;
}

/* Between members: the end of the data, or another member (gzip files may
 * be concatenated). Anything else after a member is reported, not
 * ignored as zlib's gzread does. 0 to go on inflating, -1 at the end. */
static int next_member(batch_input *in) {
  while (in->z->avail_in < 2 && !in->raw_eof)
    if (refill(in) < 0)
      return -1;
  if (in->z->avail_in == 0) {
    in->done = 1;
    return -1;
  }
  if (in->z->avail_in < 2 || memcmp(in->z->next_in, gzip_magic, 2)) {
    unsigned long long at = in->raw_read - in->z->avail_in;
    fail(in, at,
         "data that is not gzip after the compressed stream, at byte %llu", at);
    return -1;
  }
  inflateReset(in->z);
  in->in_member = 1;
  return 0;
}

/* More compressed bytes: -1 (in->done set) when there are none, the file
 * ending inside a member. */
static int more_gzip(batch_input *in) {
  if (in->raw_eof || in->z->avail_in == in->raw_cap) {
    fail(in, in->raw_read,
         "gzip data cut short: the file ends at byte %llu, inside the "
         "compressed stream",
         in->raw_read);
    return -1;
  }
  return refill(in) < 0 ? -1 : 0;
}

static size_t read_gzip(batch_input *in, char *buf, size_t cap) {
  for (;;) {
    if (!in->in_member && next_member(in))
      return 0;
    if (in->z->avail_in == 0) {
      if (more_gzip(in) < 0)
        return 0;
      continue;
    }
    in->z->next_out = (unsigned char *)buf;
    in->z->avail_out = (uInt)cap;
    int rc = inflate(in->z, Z_NO_FLUSH);
    size_t got = cap - in->z->avail_out;
    unsigned long long at = in->raw_read - in->z->avail_in;
    if (rc == Z_STREAM_END) {
      in->in_member = 0;
    } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
      /* what was decoded before the damage is returned all the same */
      fail(in, at, "damaged gzip data at byte %llu: %s", at,
           in->z->msg ? in->z->msg : "invalid data");
    } else if (rc == Z_MEM_ERROR) {
      fail(in, at, "out of memory");
    } else if (rc == Z_BUF_ERROR && !got && more_gzip(in) < 0) {
      return 0; /* the bytes at hand end inside a block */
    }
    if (got || in->done)
      return got;
  }
}

size_t batch_input_read(batch_input *in, char *buf, size_t cap) {
  if (in->done)
    return 0;
  if (cap > UINT32_MAX)
    cap = UINT32_MAX;
  if (in->gzip < 0 && detect(in))
    return 0;
  if (in->gzip)
    return read_gzip(in, buf, cap);
  return read_plain(in, buf, cap);
}
