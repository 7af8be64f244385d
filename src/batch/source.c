#include "batch/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conll/conll.h"
#include "output/conll.h"
#include "rawi/rawi.h"

enum { READ_CHUNK = 1 << 18 };

/* One directory being walked: its entries in sorted order. */
typedef struct walk_frame {
  char *dir, *rel; /* path to open; path relative to the argument */
  char **names;
  size_t n, next;
} walk_frame;

struct batch_source {
  char *const *paths;
  size_t npaths, next_path;
  batch_source_options opt;
  walk_frame *stack;
  size_t depth, cap;
  /* the file being read */
  batch_input in;
  int open;
  batch_format format;
  rawi_strbuf name; /* for file:line ids and messages */
  unsigned long line;
  int docstart; /* conll: the last record ended at a -DOCSTART- line */
  char *buf;
  size_t pos, len;
  int eof;
  unsigned long long consumed, total;
};

static void set_error(batch_record *rec, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_error(batch_record *rec, int code, const char *fmt, ...) {
  va_list ap;
  rec->error_code = code;
  va_start(ap, fmt);
  vsnprintf(rec->error, sizeof rec->error, fmt, ap);
  va_end(ap);
}

void batch_record_init(batch_record *rec) {
  memset(rec, 0, sizeof *rec);
  rawi_strbuf_init(&rec->id, NULL);
  rawi_strbuf_init(&rec->data, NULL);
  rawi_strbuf_init(&rec->head, NULL);
}

void batch_record_free(batch_record *rec) {
  rawi_strbuf_free(&rec->id);
  rawi_strbuf_free(&rec->data);
  rawi_strbuf_free(&rec->head);
}

static void record_reset(batch_record *rec) {
  rec->id.len = rec->data.len = rec->head.len = 0;
  rec->error[0] = '\0';
  rec->error_offset = RAWI_NO_OFFSET;
  rec->duplicate_of = 0;
}

static int has_suffix(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && !memcmp(s + n - k, suffix, k);
}

/* The format of a file by its name, looking through a .gz suffix. */
static batch_format format_of(const char *path, batch_format forced) {
  if (forced != BATCH_AUTO)
    return forced;
  size_t n = path ? strlen(path) : 0;
  if (has_suffix(path, n, ".gz"))
    n -= 3;
  if (has_suffix(path, n, ".jsonl") || has_suffix(path, n, ".ndjson"))
    return BATCH_JSONL;
  if (has_suffix(path, n, ".conll"))
    return BATCH_CONLL;
  return BATCH_TEXT;
}

batch_source *batch_source_new(char *const *paths, size_t n,
                               const batch_source_options *opt) {
  batch_source *s = calloc(1, sizeof *s);
  if (!s || !(s->buf = malloc(READ_CHUNK))) {
    free(s);
    return NULL;
  }
  s->paths = paths;
  s->npaths = n;
  s->opt = *opt;
  rawi_strbuf_init(&s->name, NULL);
  /* the total is known when every argument is a regular file */
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (!strcmp(paths[i], "-") || stat(paths[i], &st) || !S_ISREG(st.st_mode)) {
      s->total = 0;
      break;
    }
    s->total += (unsigned long long)st.st_size;
  }
  return s;
}

static void frame_free(walk_frame *f) {
  for (size_t i = 0; i < f->n; i++)
    free(f->names[i]);
  free(f->names);
  free(f->dir);
  free(f->rel);
}

static void close_file(batch_source *s) {
  if (!s->open)
    return;
  s->consumed += batch_input_consumed(&s->in);
  batch_input_close(&s->in);
  s->open = 0;
}

void batch_source_free(batch_source *s) {
  if (!s)
    return;
  close_file(s);
  while (s->depth)
    frame_free(&s->stack[--s->depth]);
  free(s->stack);
  rawi_strbuf_free(&s->name);
  free(s->buf);
  free(s);
}

unsigned long long batch_source_consumed(const batch_source *s) {
  return s->consumed + (s->open ? batch_input_consumed(&s->in) : 0);
}

unsigned long long batch_source_total(const batch_source *s) {
  return s->total;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s%s%s", a, *a ? "/" : "", b);
  return p;
}

/* Push dir's entries, sorted, as a new walk frame; -1 with rec an error
 * record when the directory cannot be read. */
static int push_dir(batch_source *s, const char *dir, const char *rel,
                    batch_record *rec) {
  DIR *d = opendir(dir);
  if (!d) {
    set_error(rec, RAWI_ERR_IO, "cannot open directory: %s", strerror(errno));
    return -1;
  }
  walk_frame f = {strdup(dir), strdup(rel), NULL, 0, 0};
  size_t cap = 0;
  struct dirent *e;
  int oom = !f.dir || !f.rel;
  while (!oom && (e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (f.n == cap) {
      char **nn = realloc(f.names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
      if (!nn)
        break;
      f.names = nn;
    }
    oom = !(f.names[f.n] = strdup(e->d_name));
    f.n += !oom;
  }
  closedir(d);
  if (s->depth == s->cap) {
    walk_frame *ns =
        realloc(s->stack, (s->cap = s->cap ? s->cap * 2 : 8) * sizeof *ns);
    oom |= !ns;
    if (ns)
      s->stack = ns;
  }
  if (oom) {
    frame_free(&f);
    set_error(rec, RAWI_ERR_NOMEM, "out of memory listing the directory");
    return -1;
  }
  if (f.n)
    qsort(f.names, f.n, sizeof *f.names, compare_names);
  s->stack[s->depth++] = f;
  return 0;
}

/* Does a file found while walking pass --glob? A pattern with a slash is
 * matched against the path relative to the argument, else the file name. */
static int glob_ok(const batch_source *s, const char *rel, const char *name) {
  const char *g = s->opt.glob;
  if (!g)
    return 1;
  return fnmatch(g, strchr(g, '/') ? rel : name, FNM_PATHNAME) == 0;
}

/* Is st the output file or directory (-o), or its settings file? */
static int is_output(const batch_source *s, const struct stat *st) {
  for (int i = 0; i < s->opt.n_outputs && i < 2; i++)
    if (st->st_dev == s->opt.output_dev[i] &&
        st->st_ino == s->opt.output_ino[i])
      return 1;
  return 0;
}

/* What a directory entry at path p is, as next_walked acts on it: 1 a
 * file to read, 2 a directory to walk, 0 nothing to read (a link to a
 * directory, a file --glob leaves out), -1 with rec an error record (it
 * cannot be read, or is no file). */
static int classify(const batch_source *s, const char *p, const char *rel,
                    const char *name, batch_record *rec) {
  struct stat st, lst;
  int wanted = glob_ok(s, rel, name);
  if (lstat(p, &lst)) { /* a path too long, a directory without x */
    set_error(rec, RAWI_ERR_IO, "cannot read: %s", strerror(errno));
    return -1;
  }
  if (stat(p, &st)) {
    if (!wanted)
      return 0;
    if (S_ISLNK(lst.st_mode) && errno == ENOENT)
      set_error(rec, RAWI_ERR_IO, "dangling symbolic link");
    else
      set_error(rec, RAWI_ERR_IO, "cannot read: %s", strerror(errno));
    return -1;
  }
  if (is_output(s, &st)) {
    set_error(rec, RAWI_ERR_IO, "the output (-o): not read as input");
    return -1;
  }
  if (S_ISDIR(st.st_mode))
    return S_ISLNK(lst.st_mode) ? 0 : 2;
  if (!wanted)
    return 0;
  if (S_ISREG(st.st_mode))
    return 1;
  set_error(rec, RAWI_ERR_IO, "not a regular file or directory");
  return -1;
}

/* The next file to read from the innermost directory being walked:
 * 1 with *path and rec->id set, 0 when the walk is over, -1 with rec an
 * error record. Symbolic links to directories are not followed, so a
 * cycle cannot make the walk endless. */
static int next_walked(batch_source *s, char **path, batch_record *rec) {
  while (s->depth) {
    walk_frame *f = &s->stack[s->depth - 1];
    if (f->next == f->n) {
      frame_free(f);
      s->depth--;
      continue;
    }
    const char *name = f->names[f->next++];
    char *p = join(f->dir, name), *rel = join(f->rel, name);
    int rc = 0;
    if (!p || !rel) {
      set_error(rec, RAWI_ERR_NOMEM, "out of memory");
      rc = -1;
    } else if ((rc = classify(s, p, rel, name, rec)) == 2) {
      rc = push_dir(s, p, rel, rec);
    } else if (rc == 1) {
      rawi_strbuf_adds(&rec->id, rel);
      *path = p;
      p = NULL;
    }
    if (rc < 0)
      rawi_strbuf_adds(&rec->id, rel ? rel : name);
    free(p);
    free(rel);
    if (rc)
      return rc;
  }
  return 0;
}

/* The next file: 1 with *path (malloc'd; NULL for stdin) and rec->id,
 * 0 at the end, -1 with rec an error record. */
static int next_file(batch_source *s, char **path, batch_record *rec) {
  for (;;) {
    int rc = next_walked(s, path, rec);
    if (rc)
      return rc;
    if (s->next_path >= s->npaths) {
      if (s->npaths || s->next_path)
        return 0;
      s->next_path = 1; /* no arguments: stdin, once */
      *path = NULL;
      rawi_strbuf_adds(&rec->id, "stdin");
      return 1;
    }
    const char *arg = s->paths[s->next_path++];
    struct stat st;
    if (strcmp(arg, "-") && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
      if (push_dir(s, arg, "", rec)) {
        rawi_strbuf_adds(&rec->id, arg);
        return -1;
      }
      continue;
    }
    int is_stdin = !strcmp(arg, "-");
    rawi_strbuf_adds(&rec->id, is_stdin ? "stdin" : arg);
    *path = is_stdin ? NULL : strdup(arg);
    if (!is_stdin && !*path) {
      set_error(rec, RAWI_ERR_NOMEM, "out of memory");
      return -1;
    }
    return 1;
  }
}

/* Refill the read buffer with what the input has now; 0 at the end of
 * the file, or when its data ended early (ended_early() says so). */
static int fill(batch_source *s) {
  if (s->eof)
    return 0;
  size_t n = batch_input_read(&s->in, s->buf, READ_CHUNK);
  if (n == 0) {
    s->eof = 1;
    return 0;
  }
  s->pos = 0;
  s->len = n;
  return 1;
}

/* Did the file's data end before its end: damage, a cut, a read error or a
 * stop signal? What was read up to a record's end stands; a record the end
 * came inside is incomplete and is not one. */
static int ended_early(const batch_source *s) {
  return s->in.error[0] || s->in.interrupted;
}

/* What stdin holds, from its first bytes: JSON Lines ('{' first), CoNLL
 * (-DOCSTART- first), else text. */
static batch_format sniff(batch_source *s) {
  if (!fill(s))
    return BATCH_TEXT;
  size_t i = s->len >= 3 && !memcmp(s->buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < s->len && strchr(" \t\r\n", s->buf[i]))
    i++;
  if (i < s->len && s->buf[i] == '{')
    return BATCH_JSONL;
  if (s->len - i >= 10 && !memcmp(s->buf + i, "-DOCSTART-", 10))
    return BATCH_CONLL;
  return BATCH_TEXT;
}

static int open_file(batch_source *s, const char *path, batch_record *rec) {
  s->in.stop = s->opt.stop;
  s->in.idle = s->opt.idle;
  s->in.idle_ctx = s->opt.idle_ctx;
  if (batch_input_open(&s->in, path)) {
    set_error(rec, RAWI_ERR_IO, "cannot open: %s", strerror(errno));
    return -1;
  }
  s->open = 1;
  struct stat st;
  if (fstat(s->in.fd, &st) == 0 && S_ISREG(st.st_mode) && is_output(s, &st)) {
    close_file(s);
    set_error(rec, RAWI_ERR_IO, "the output (-o): not read as input");
    return -1;
  }
  s->name.len = 0;
  rawi_strbuf_adds(&s->name, path ? path : "stdin");
  s->line = 0;
  s->docstart = 0;
  s->pos = s->len = 0;
  s->eof = 0;
  s->format = path || s->opt.format != BATCH_AUTO
                  ? format_of(path, s->opt.format)
                  : sniff(s);
  return 0;
}

/* Append the next line (without its newline) to out, keeping at most max
 * bytes; *cut says more were dropped. 0 at the end of the file, or when
 * the data ended early inside the line (which is then not appended). */
static int read_line(batch_source *s, rawi_strbuf *out, size_t max, int *cut) {
  *cut = 0;
  int any = 0, whole = 0;
  size_t start = out->len;
  for (;;) {
    if (s->pos == s->len && !fill(s))
      break;
    any = 1;
    const char *p = s->buf + s->pos;
    const char *nl = memchr(p, '\n', s->len - s->pos);
    size_t n = nl ? (size_t)(nl - p) : s->len - s->pos;
    size_t room = max > out->len ? max - out->len : 0;
    rawi_strbuf_add(out, p, n < room ? n : room);
    *cut |= n > room;
    s->pos += n + (nl != NULL);
    if ((whole = nl != NULL))
      break;
  }
  if (any && !whole && ended_early(s)) {
    out->len = start; /* a line the damage cut is no line */
    return 0;
  }
  if (any)
    s->line++;
  return any;
}

static void trim_end(rawi_strbuf *b, size_t from) {
  while (b->len > from &&
         (b->data[b->len - 1] == '\r' || b->data[b->len - 1] == ' ' ||
          b->data[b->len - 1] == '\t'))
    b->len--;
}

static void too_big(batch_record *rec, size_t max) {
  rec->data.len = 0;
  set_error(rec, RAWI_ERR_TOO_BIG,
            "document is longer than --max-doc-bytes (%zu bytes)", max);
}

static void line_id(batch_source *s, batch_record *rec, unsigned long line) {
  rec->id.len = 0;
  rawi_strbuf_add(&rec->id, s->name.data, s->name.len);
  rawi_strbuf_addc(&rec->id, ':');
  rawi_strbuf_addu(&rec->id, line);
}

/* A whole text file is one document. */
static int next_text(batch_source *s, batch_record *rec) {
  size_t max = s->opt.max_doc_bytes;
  int cut = 0;
  while (s->pos < s->len || fill(s)) {
    size_t room = max > rec->data.len ? max - rec->data.len : 0;
    size_t n = s->len - s->pos;
    rawi_strbuf_add(&rec->data, s->buf + s->pos, n < room ? n : room);
    s->pos = s->len;
    if ((cut = n > room))
      break;
  }
  s->eof = 1;
  if (cut)
    too_big(rec, max);
  return 1;
}

/* One JSON line; blank lines are not records. */
static int next_jsonl(batch_source *s, batch_record *rec) {
  int cut;
  for (;;) {
    rec->data.len = 0;
    if (!read_line(s, &rec->data, s->opt.max_doc_bytes, &cut))
      return 0;
    trim_end(&rec->data, 0);
    if (rec->data.len || cut)
      break;
  }
  line_id(s, rec, s->line);
  if (cut)
    too_big(rec, s->opt.max_doc_bytes);
  return 1;
}

/* A -DOCSTART- line (its end trimmed), read as rawi extract reads lines. */
static int is_docstart(const char *p, size_t n) {
  return conll_is_docstart(p, conll_first_column(p, n));
}

/* CoNLL lines up to the next -DOCSTART- (or the end of the file). The
 * -DOCSTART- and blank lines before the first token go to rec->head, so
 * that CoNLL output keeps every line of the input. */
static int next_conll(batch_source *s, batch_record *rec) {
  unsigned long first = 0;
  int cut = 0, c;
  if (s->docstart)
    rawi_strbuf_addc(&rec->head, OUTPUT_CONLL_DOCSTART);
  s->docstart = 0;
  for (;;) {
    size_t start = rec->data.len;
    if (!read_line(s, &rec->data, s->opt.max_doc_bytes, &c))
      break;
    cut |= c;
    trim_end(&rec->data, start);
    if (is_docstart(rec->data.data + start, rec->data.len - start)) {
      rec->data.len = start;
      if (first) {
        s->docstart = 1;
        break;
      }
      rawi_strbuf_addc(&rec->head, OUTPUT_CONLL_DOCSTART);
      continue;
    }
    if (!first && rec->data.len > start)
      first = s->line;
    if (first) {
      rawi_strbuf_addc(&rec->data, '\n');
    } else { /* a blank line before the first token */
      rec->data.len = start;
      rawi_strbuf_addc(&rec->head, OUTPUT_CONLL_BLANK);
    }
  }
  if (!first || ended_early(s)) /* no document, or not all of it */
    return 0;
  line_id(s, rec, first);
  if (cut)
    too_big(rec, s->opt.max_doc_bytes);
  return 1;
}

/* The record that says why the file's data ended early, in place of the
 * record the end came inside; after line, when lines came before it. */
static void early_end(batch_source *s, batch_record *rec, unsigned long line) {
  unsigned long long at = s->in.error_offset;
  record_reset(rec);
  rawi_strbuf_add(&rec->id, s->name.data, s->name.len);
  if (line)
    set_error(rec, RAWI_ERR_IO, "%.180s, after line %lu", s->in.error, line);
  else
    set_error(rec, RAWI_ERR_IO, "%s", s->in.error);
  rec->error_offset = (size_t)at;
}

int batch_source_next(batch_source *s, batch_record *rec) {
  for (;;) {
    record_reset(rec);
    if (s->open) { /* a JSONL or CoNLL file being read record by record */
      rec->format = s->format;
      if ((s->format == BATCH_JSONL ? next_jsonl : next_conll)(s, rec))
        return 1;
      int failed = s->in.error[0] != '\0', stopped = s->in.interrupted;
      if (failed) /* the file's data ended early: say so in a record */
        early_end(s, rec, s->line);
      close_file(s);
      if (failed || stopped)
        return failed;
      continue;
    }
    char *path = NULL;
    int rc = next_file(s, &path, rec);
    if (rc <= 0) {
      free(path);
      return rc < 0; /* an error record, or the end */
    }
    rc = open_file(s, path, rec);
    free(path);
    if (rc)
      return 1;
    if (s->format == BATCH_TEXT) { /* one document, id set by next_file */
      rec->format = BATCH_TEXT;
      next_text(s, rec);
      int stopped = s->in.interrupted;
      if (s->in.error[0]) { /* not the whole text: no document */
        rec->data.len = 0;
        set_error(rec, RAWI_ERR_IO, "%s", s->in.error);
        rec->error_offset = (size_t)s->in.error_offset;
      }
      close_file(s);
      return !stopped; /* a text a signal cut is no document */
    }
  }
}
