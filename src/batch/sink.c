#include "batch/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/json.h"
#include "util/error.h"

enum { FLUSH_BYTES = 1 << 20 };

struct batch_sink {
  int fd, is_stdout;
  const char *path;
  rawi_strbuf buf; /* whole records not yet written */
  off_t good;      /* the file's length up to its last whole record */
  FILE *kept;      /* resume: reading the records already there */
  off_t kept_end;
  unsigned long long nkept;
  char *line;
  size_t line_cap;
};

/* The length of the file up to and including its last newline; -1 when
 * it cannot be read. */
static off_t last_newline(int fd, off_t size) {
  char buf[4096];
  for (off_t end = size; end > 0;) {
    off_t start = end > (off_t)sizeof buf ? end - (off_t)sizeof buf : 0;
    ssize_t n = pread(fd, buf, (size_t)(end - start), start);
    if (n <= 0)
      return -1;
    for (ssize_t i = n; i > 0; i--)
      if (buf[i - 1] == '\n')
        return start + i;
    end = start;
  }
  return 0;
}

/* Does the line at offset `at` start as rawi's records do ({"id":)? A
 * line cut shorter than that must at least start so. */
static int record_starts_at(int fd, off_t at, off_t end) {
  static const char start[] = "{\"id\":";
  char buf[sizeof start - 1];
  size_t want = end - at < (off_t)sizeof buf ? (size_t)(end - at) : sizeof buf;
  return want && pread(fd, buf, want, at) == (ssize_t)want &&
         !memcmp(buf, start, want);
}

/* The start of the last whole line of [0, good): after the newline before
 * its own. */
static off_t last_line_start(int fd, off_t good) {
  return good > 1 ? last_newline(fd, good - 1) : 0;
}

/* Keep the whole records of an existing file, count them, and cut a last
 * record that a killed run left half-written: only once the file's first
 * and last lines are seen to be rawi's records, so that a file that is
 * not rawi's output is never changed. */
static int keep_records(batch_sink *s, rawi_error *err) {
  struct stat st;
  if (fstat(s->fd, &st))
    return rawi_error_set(err, RAWI_ERR_IO, "%s: %s", s->path, strerror(errno));
  if ((s->good = last_newline(s->fd, st.st_size)) < 0)
    return rawi_error_set(err, RAWI_ERR_IO, "%s: cannot read: %s", s->path,
                          strerror(errno));
  if (st.st_size &&
      (!record_starts_at(s->fd, 0, st.st_size) ||
       (s->good &&
        !record_starts_at(s->fd, last_line_start(s->fd, s->good), s->good))))
    return rawi_error_set(err, RAWI_ERR_FORMAT,
                          "--resume: %s does not hold rawi's JSON Lines "
                          "records; it is left as it is",
                          s->path);
  if (s->good < st.st_size && ftruncate(s->fd, s->good))
    return rawi_error_set(err, RAWI_ERR_IO, "%s: cannot cut its last line: %s",
                          s->path, strerror(errno));
  if (lseek(s->fd, s->good, SEEK_SET) < 0 || !(s->kept = fopen(s->path, "rb")))
    return rawi_error_set(err, RAWI_ERR_IO, "%s: %s", s->path, strerror(errno));
  s->kept_end = s->good;
  for (off_t i = 0; i < s->good;) { /* count lines */
    char buf[1 << 16];
    ssize_t n = pread(s->fd, buf, sizeof buf, i);
    if (n <= 0)
      break;
    for (ssize_t k = 0; k < n && i + k < s->good; k++)
      s->nkept += buf[k] == '\n';
    i += n;
  }
  return 0;
}

batch_sink *batch_sink_open(const char *path, int resume, rawi_error *err) {
  batch_sink *s = calloc(1, sizeof *s);
  if (!s) {
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  rawi_strbuf_init(&s->buf, NULL);
  s->path = path && strcmp(path, "-") ? path : "stdout";
  if (!path || !strcmp(path, "-")) {
    s->fd = STDOUT_FILENO;
    s->is_stdout = 1;
    return s;
  }
  int flags = O_CREAT | O_CLOEXEC | (resume ? O_RDWR : O_WRONLY | O_TRUNC);
  s->fd = open(path, flags, 0666);
  if (s->fd < 0) {
    rawi_error_set(err, RAWI_ERR_IO, "%s: cannot write: %s", path,
                   strerror(errno));
    free(s);
    return NULL;
  }
  if (resume && keep_records(s, err)) {
    batch_sink_close(s, NULL);
    return NULL;
  }
  return s;
}

/* Write whole records data[0..len); when a write fails, cut the file back
 * to its last whole record: a record cut in the middle must not stay. */
static int write_records(batch_sink *s, const char *data, size_t len,
                         rawi_error *err) {
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(s->fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int e = n < 0 ? errno : ENOSPC;
      if (!s->is_stdout && ftruncate(s->fd, s->good) == 0)
        lseek(s->fd, s->good, SEEK_SET);
      return rawi_error_set(err, RAWI_ERR_IO, "%s: write error: %s", s->path,
                            strerror(e));
    }
    done += (size_t)n;
  }
  s->good += (off_t)done;
  return 0;
}

static int flush(batch_sink *s, rawi_error *err) {
  int rc = write_records(s, s->buf.data, s->buf.len, err);
  s->buf.len = 0;
  return rc;
}

int batch_sink_write(batch_sink *s, const char *data, size_t len,
                     rawi_error *err) {
  /* a large record goes out from the caller's buffer: copied into ours,
   * a document's record (often several times the document) would be in
   * memory twice */
  if (len >= FLUSH_BYTES)
    return flush(s, err) ? -1 : write_records(s, data, len, err);
  rawi_strbuf_add(&s->buf, data, len);
  if (s->buf.failed)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  return s->buf.len >= FLUSH_BYTES ? flush(s, err) : 0;
}

int batch_sink_flush(batch_sink *s, rawi_error *err) {
  return s->buf.len ? flush(s, err) : 0;
}

int batch_sink_close(batch_sink *s, rawi_error *err) {
  if (!s)
    return 0;
  int rc = s->buf.len ? flush(s, err) : 0;
  if (!s->is_stdout && close(s->fd) && !rc)
    rc = rawi_error_set(err, RAWI_ERR_IO, "%s: write error: %s", s->path,
                        strerror(errno));
  if (s->kept)
    fclose(s->kept);
  free(s->line);
  rawi_strbuf_free(&s->buf);
  free(s);
  return rc;
}

int batch_sink_next_kept(batch_sink *s, rawi_strbuf *id) {
  if (!s->kept || ftello(s->kept) >= s->kept_end)
    return 0;
  ssize_t n = getline(&s->line, &s->line_cap, s->kept);
  if (n <= 0)
    return 0;
  /* the id as written: compared as written, it is exact whatever it
   * holds (a NUL, bytes that were not UTF-8) */
  char why[200];
  size_t at;
  json_span v, m;
  if (json_check(s->line, (size_t)n, why, sizeof why, &at) == JSON_OBJECT &&
      json_find(s->line, (size_t)n, "id", &v, &m) == JSON_STRING)
    rawi_strbuf_add(id, s->line + v.start, v.end - v.start);
  return 1;
}

unsigned long long batch_sink_kept(const batch_sink *s) {
  return s->nkept;
}
