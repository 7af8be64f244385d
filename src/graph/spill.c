#include "graph/spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "util/mem.h"

enum { SPILL_BUFFER = 1 << 20 };

struct spill {
  const rawi_allocator *alloc;
  FILE *f;
  char *buf; /* stdio's buffer */
  uint64_t size;
  int reading;
  /* the strings of the items read: two sets for documents, used in turn,
   * so that a document's strings outlive the next document's reading */
  rawi_strbuf doc[2][4], text;
  int turn;
};

static int io_error(rawi_error *err, const char *what) {
  return rawi_error_set(err, RAWI_ERR_IO, "temporary file: %s: %s", what,
                        errno ? strerror(errno) : "unexpected end of file");
}

spill *spill_new(const char *dir, const rawi_allocator *alloc,
                 rawi_error *err) {
  if (!dir)
    dir = getenv("TMPDIR");
  if (!dir || !*dir)
    dir = "/tmp";
  spill *s = rawi_mem_calloc(alloc, 1, sizeof *s);
  for (int t = 0; s && t < 2; t++)
    for (int k = 0; k < 4; k++)
      rawi_strbuf_init(&s->doc[t][k], alloc);
  if (s)
    rawi_strbuf_init(&s->text, alloc);
  char *path = rawi_mem_alloc(alloc, strlen(dir) + 32);
  char *buf = rawi_mem_alloc(alloc, SPILL_BUFFER);
  if (!s || !path || !buf) {
    rawi_mem_free(alloc, s);
    rawi_mem_free(alloc, path);
    rawi_mem_free(alloc, buf);
    rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
    return NULL;
  }
  sprintf(path, "%s/rawi-graph-XXXXXX", dir);
  int fd = mkstemp(path);
  if (fd >= 0)
    unlink(path); /* gone from the directory; the data lives until close */
  s->alloc = alloc;
  s->buf = buf;
  if (fd < 0 || !(s->f = fdopen(fd, "w+b"))) {
    rawi_error_set(err, RAWI_ERR_IO, "cannot create a temporary file in %s: %s",
                   dir, strerror(errno));
    if (fd >= 0)
      close(fd);
    rawi_mem_free(alloc, path);
    spill_free(s);
    return NULL;
  }
  rawi_mem_free(alloc, path);
  setvbuf(s->f, s->buf, _IOFBF, SPILL_BUFFER);
  return s;
}

void spill_free(spill *s) {
  if (!s)
    return;
  if (s->f)
    fclose(s->f);
  for (int t = 0; t < 2; t++)
    for (int k = 0; k < 4; k++)
      rawi_strbuf_free(&s->doc[t][k]);
  rawi_strbuf_free(&s->text);
  rawi_mem_free(s->alloc, s->buf);
  rawi_mem_free(s->alloc, s);
}

uint64_t spill_size(const spill *s) {
  return s->size;
}

/* --- writing ---------------------------------------------------------------
 */

static void put(spill *s, const void *p, size_t n) {
  if (n && fwrite(p, 1, n, s->f) == n)
    s->size += n;
}

static void put_u32(spill *s, uint32_t v) {
  put(s, &v, sizeof v);
}
static void put_u64(spill *s, uint64_t v) {
  put(s, &v, sizeof v);
}

/* A string: its length (u64), then its bytes. */
static void put_str(spill *s, const char *p, size_t n) {
  put_u64(s, n);
  put(s, p, n);
}

static int put_done(spill *s, rawi_error *err) {
  errno = 0;
  return ferror(s->f) ? io_error(err, "write error") : 0;
}

int spill_doc_add(spill *s, const spill_doc *d, rawi_error *err) {
  put(s, "D", 1);
  put_u64(s, d->seq);
  put_str(s, d->id, d->id_len);
  put_str(s, d->lang, strlen(d->lang));
  put_str(s, d->code ? d->code : "", d->code ? strlen(d->code) : 0);
  put_str(s, d->message ? d->message : "", d->message ? strlen(d->message) : 0);
  return put_done(s, err);
}

int spill_mention_add(spill *s, uint32_t entity, uint64_t count,
                      rawi_error *err) {
  put(s, "M", 1);
  put_u32(s, entity);
  put_u64(s, count);
  return put_done(s, err);
}

int spill_evidence_add(spill *s, const spill_evidence *ev, rawi_error *err) {
  put(s, "E", 1);
  put_u32(s, ev->edge);
  put_u32(s, ev->number);
  put_u32(s, ev->rule);
  put_u64(s, ev->start);
  put_u64(s, ev->end);
  put(s, &ev->confidence, sizeof ev->confidence);
  put_str(s, ev->text, ev->text_len);
  return put_done(s, err);
}

/* --- reading ---------------------------------------------------------------
 */

int spill_rewind(spill *s, rawi_error *err) {
  errno = 0;
  if (fflush(s->f) || fseek(s->f, 0, SEEK_SET))
    return io_error(err, "write error");
  s->reading = 1;
  return 0;
}

static int get(spill *s, void *p, size_t n) {
  return n == 0 || fread(p, 1, n, s->f) == n;
}

static int get_str(spill *s, rawi_strbuf *b) {
  uint64_t n;
  if (!get(s, &n, sizeof n) || n > s->size)
    return 0;
  b->len = 0;
  if (b->failed ||
      rawi_mem_grow(b->alloc, (void **)&b->data, &b->cap, (size_t)n + 1, 1)) {
    b->failed = 1;
    return 0;
  }
  if (!get(s, b->data, (size_t)n))
    return 0;
  b->len = (size_t)n;
  b->data[n] = '\0';
  return 1;
}

static int read_doc(spill *s, spill_doc *d) {
  rawi_strbuf *b = s->doc[s->turn ^= 1]; /* id, lang, code, message */
  if (!get(s, &d->seq, sizeof d->seq))
    return 0;
  for (int k = 0; k < 4; k++)
    if (!get_str(s, &b[k]))
      return 0;
  d->id = b[0].data;
  d->id_len = b[0].len;
  d->lang = b[1].data;
  d->code = b[2].len ? b[2].data : NULL;
  d->message = b[3].data;
  return 1;
}

static int read_evidence(spill *s, spill_evidence *ev) {
  if (!get(s, &ev->edge, 4) || !get(s, &ev->number, 4) ||
      !get(s, &ev->rule, 4) || !get(s, &ev->start, 8) || !get(s, &ev->end, 8) ||
      !get(s, &ev->confidence, 8) || !get_str(s, &s->text))
    return 0;
  ev->text = s->text.data;
  ev->text_len = s->text.len;
  return 1;
}

int spill_next(spill *s, spill_item *it, rawi_error *err) {
  char kind;
  errno = 0;
  if (!get(s, &kind, 1))
    return ferror(s->f) ? io_error(err, "read error") : 0;
  it->kind = kind;
  int ok = kind == 'D'   ? read_doc(s, &it->doc)
           : kind == 'M' ? get(s, &it->entity, 4) && get(s, &it->count, 8)
           : kind == 'E' ? read_evidence(s, &it->ev)
                         : 0;
  if (ok)
    return 1;
  int failed = s->text.failed;
  for (int t = 0; t < 2; t++)
    for (int k = 0; k < 4; k++)
      failed |= s->doc[t][k].failed;
  if (failed)
    return rawi_error_set(err, RAWI_ERR_NOMEM, "out of memory");
  return io_error(err, "read error");
}
