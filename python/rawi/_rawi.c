/*
 * rawi._rawi: the CPython binding of the public C API (include/rawi/rawi.h)
 * and nothing else. A Model holds one rawi_model, shared by every thread,
 * and a pool of sessions: a call takes a session from the pool (or makes
 * one), extracts and writes the record with the GIL released, and puts
 * the session back, so any number of Python threads may call one Model
 * and run in parallel. The record is the text rawi_write() writes, the
 * same bytes as `rawi extract`; the Python layer (rawi/__init__.py)
 * parses JSONL into dicts.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rawi/rawi.h>

static PyObject *Error, *Utf8Error, *FormatError, *FileError, *LimitError,
    *TooBigError, *OutOfMemoryError;

static PyObject *error_class(int code) {
  switch (code) {
  case RAWI_ERR_UTF8:
    return Utf8Error;
  case RAWI_ERR_FORMAT:
    return FormatError;
  case RAWI_ERR_IO:
    return FileError;
  case RAWI_ERR_LIMIT:
    return LimitError;
  case RAWI_ERR_TOO_BIG:
    return TooBigError;
  case RAWI_ERR_NOMEM:
    return OutOfMemoryError;
  default:
    return Error;
  }
}

/* An exception instance for err, its attributes set: status, message,
 * file, line, column (None when unknown), byte_offset (None when
 * unknown). */
static PyObject *make_error(const rawi_error *err) {
  PyObject *cls = error_class(err->code);
  PyObject *e = PyObject_CallFunction(cls, "s", err->message);
  if (!e)
    return NULL;
  PyObject *none = Py_None;
  PyObject *file = err->file[0] ? PyUnicode_DecodeFSDefault(err->file) : none;
  PyObject *line = err->line ? PyLong_FromUnsignedLong(err->line) : none;
  PyObject *col = err->column ? PyLong_FromUnsignedLong(err->column) : none;
  PyObject *off = err->byte_offset != RAWI_NO_OFFSET
                      ? PyLong_FromSize_t(err->byte_offset)
                      : none;
  PyObject *status = PyLong_FromLong(err->code);
  PyObject *msg =
      PyUnicode_DecodeUTF8(err->message, strlen(err->message), "replace");
  int bad = !file || !line || !col || !off || !status || !msg ||
            PyObject_SetAttrString(e, "status", status) ||
            PyObject_SetAttrString(e, "message", msg) ||
            PyObject_SetAttrString(e, "file", file) ||
            PyObject_SetAttrString(e, "line", line) ||
            PyObject_SetAttrString(e, "column", col) ||
            PyObject_SetAttrString(e, "byte_offset", off);
  if (file != none)
    Py_XDECREF(file);
  if (line != none)
    Py_XDECREF(line);
  if (col != none)
    Py_XDECREF(col);
  if (off != none)
    Py_XDECREF(off);
  Py_XDECREF(status);
  Py_XDECREF(msg);
  if (bad) {
    Py_DECREF(e);
    return NULL;
  }
  return e;
}

static PyObject *raise_error(const rawi_error *err) {
  PyObject *e = make_error(err);
  if (e) {
    PyErr_SetObject((PyObject *)Py_TYPE(e), e);
    Py_DECREF(e);
  }
  return NULL;
}

/* --- output collected from rawi_write, outside the GIL ------------------ */

typedef struct buffer {
  char *data;
  size_t len, cap;
} buffer;

static int append(void *ctx, const char *data, size_t len) {
  buffer *b = ctx;
  if (b->len + len + 1 > b->cap) {
    size_t cap = (b->len + len + 1) * 2;
    char *d = realloc(b->data, cap);
    if (!d)
      return RAWI_ERR_NOMEM;
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return 0;
}

/* --- Model --------------------------------------------------------------- */

typedef struct {
  PyObject_HEAD rawi_model *model;
  pthread_mutex_t lock; /* guards the pool; never held while waiting for
                           the GIL */
  rawi_session **pool;
  size_t n_pool, cap_pool;
  PyObject *warnings; /* list of the problems a lenient load skipped */
} Model;

static rawi_session *take_session(Model *m, rawi_error *err) {
  rawi_session *s = NULL;
  pthread_mutex_lock(&m->lock);
  if (m->n_pool)
    s = m->pool[--m->n_pool];
  pthread_mutex_unlock(&m->lock);
  return s ? s : rawi_session_new(m->model, err);
}

static void give_session(Model *m, rawi_session *s) {
  pthread_mutex_lock(&m->lock);
  if (m->n_pool == m->cap_pool) {
    size_t cap = m->cap_pool ? m->cap_pool * 2 : 8;
    rawi_session **p = realloc(m->pool, cap * sizeof *p);
    if (!p) {
      pthread_mutex_unlock(&m->lock);
      rawi_session_free(s);
      return;
    }
    m->pool = p;
    m->cap_pool = cap;
  }
  m->pool[m->n_pool++] = s;
  pthread_mutex_unlock(&m->lock);
}

static void Model_dealloc(Model *m) {
  for (size_t i = 0; i < m->n_pool; i++)
    rawi_session_free(m->pool[i]);
  free(m->pool);
  rawi_model_free(m->model);
  pthread_mutex_destroy(&m->lock);
  Py_XDECREF(m->warnings);
  Py_TYPE(m)->tp_free((PyObject *)m);
}

/* Problems of a lenient load, kept until the GIL is back. */
typedef struct warnings {
  rawi_error *v;
  size_t n, cap;
} warnings;

static void on_warning(void *ctx, const rawi_error *w) {
  warnings *ws = ctx;
  if (ws->n == ws->cap) {
    size_t cap = ws->cap ? ws->cap * 2 : 8;
    rawi_error *v = realloc(ws->v, cap * sizeof *v);
    if (!v)
      return;
    ws->v = v;
    ws->cap = cap;
  }
  ws->v[ws->n++] = *w;
}

/* Add (path, lang) pairs from a Python sequence to cfg. */
static int add_files(rawi_config *cfg, PyObject *seq, int rules) {
  PyObject *fast = PySequence_Fast(seq, "expected a list of (path, lang)");
  if (!fast)
    return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *path = NULL;
    int lang;
    if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(fast, i), "O&i",
                          PyUnicode_FSConverter, &path, &lang)) {
      Py_DECREF(fast);
      return -1;
    }
    const char *p = PyBytes_AS_STRING(path);
    int rc = rules ? rawi_config_add_rules_lang(cfg, p, (rawi_lang)lang)
                   : rawi_config_add_gazetteer_lang(cfg, p, (rawi_lang)lang);
    Py_DECREF(path);
    if (rc) {
      Py_DECREF(fast);
      PyErr_SetString(PyExc_ValueError, rc == RAWI_ERR_NOMEM
                                            ? "out of memory"
                                            : "invalid path or language");
      return -1;
    }
  }
  Py_DECREF(fast);
  return 0;
}

static int Model_init(Model *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"pack",    "gazetteers", "rules", "lenient",
                           "explain", "jit",        NULL};
  PyObject *pack_arg = Py_None, *pack = NULL, *gaz = NULL, *rules = NULL;
  int lenient = 0, explain = 0, jit = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOppp", kwlist, &pack_arg, &gaz,
                                   &rules, &lenient, &explain, &jit))
    return -1;
  /* pack: None for the shipped packs, "" for none, else a directory */
  if (pack_arg != Py_None && !PyUnicode_FSConverter(pack_arg, &pack))
    return -1;
  if (self->model) {
    PyErr_SetString(PyExc_RuntimeError, "Model is already initialised");
    Py_XDECREF(pack);
    return -1;
  }
  rawi_config *cfg = rawi_config_new();
  if (!cfg) {
    Py_XDECREF(pack);
    PyErr_NoMemory();
    return -1;
  }
  warnings ws = {0};
  const char *dir = pack ? PyBytes_AS_STRING(pack) : rawi_default_pack_dir();
  int rc = rawi_config_set_pack_dir(cfg, *dir ? dir : NULL);
  Py_XDECREF(pack);
  rawi_config_set_explain(cfg, explain);
  rawi_config_set_jit(cfg, jit);
  rawi_config_set_lenient(cfg, lenient, on_warning, &ws);
  if (rc || (gaz && gaz != Py_None && add_files(cfg, gaz, 0)) ||
      (rules && rules != Py_None && add_files(cfg, rules, 1))) {
    if (rc)
      PyErr_NoMemory();
    rawi_config_free(cfg);
    return -1;
  }
  rawi_error err;
  rawi_model *model;
  PyThreadState *ts = PyEval_SaveThread(); /* the GIL, while it compiles */
  model = rawi_model_new(cfg, &err);
  PyEval_RestoreThread(ts);
  rawi_config_free(cfg);
  if (!model) {
    free(ws.v);
    raise_error(&err);
    return -1;
  }
  self->model = model;
  self->warnings = PyList_New(0);
  for (size_t i = 0; self->warnings && i < ws.n; i++) {
    PyObject *w = make_error(&ws.v[i]);
    if (!w || PyList_Append(self->warnings, w)) {
      Py_XDECREF(w);
      free(ws.v);
      return -1;
    }
    Py_DECREF(w);
  }
  free(ws.v);
  return self->warnings ? 0 : -1;
}

/* The UTF-8 bytes of a str or bytes-like text. A str with lone surrogates
 * is passed on as it is encoded (surrogatepass), so rawi reports where. */
static PyObject *text_bytes(PyObject *text) {
  if (PyUnicode_Check(text)) {
    PyObject *b = PyUnicode_AsUTF8String(text);
    if (b || !PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
      return b;
    PyErr_Clear();
    return PyUnicode_AsEncodedString(text, "utf-8", "surrogatepass");
  }
  if (PyBytes_Check(text)) {
    Py_INCREF(text);
    return text;
  }
  if (PyByteArray_Check(text) || PyMemoryView_Check(text))
    return PyBytes_FromObject(text);
  PyErr_Format(PyExc_TypeError, "text must be str or bytes, not %.80s",
               Py_TYPE(text)->tp_name);
  return NULL;
}

/*
 * extract(text, id="", lang=0, format="jsonl", meta=None, error_record=False)
 * -> str: the record rawi extract writes for the document. A document that
 * fails raises the matching rawi.Error, or with error_record returns its
 * error record instead (as rawi extract writes it).
 */
static PyObject *Model_extract(Model *self, PyObject *args, PyObject *kw) {
  static char *kwlist[] = {"text", "id",           "lang", "format",
                           "meta", "error_record", NULL};
  PyObject *text;
  const char *id = "", *format = "jsonl", *meta = NULL;
  Py_ssize_t id_len = 0;
  int lang = 0, error_record = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|s#isz$p", kwlist, &text, &id,
                                   &id_len, &lang, &format, &meta,
                                   &error_record))
    return NULL;
  if (!self->model) {
    PyErr_SetString(PyExc_RuntimeError, "Model is not initialised");
    return NULL;
  }
  if (lang < RAWI_LANG_AUTO || lang > RAWI_LANG_EN) {
    PyErr_SetString(PyExc_ValueError, "unknown language");
    return NULL;
  }
  PyObject *bytes = text_bytes(text);
  if (!bytes)
    return NULL;
  rawi_write_options o = {.version = RAWI_WRITE_OPTIONS_VERSION,
                          .id = id,
                          .id_len = (size_t)id_len,
                          .meta = meta};
  rawi_error err, doc_err;
  buffer out = {0};
  int rc, failed = 0;
  PyThreadState *ts = PyEval_SaveThread(); /* the GIL, while it extracts */
  rawi_session *s = take_session(self, &err);
  rc = s ? RAWI_OK : err.code;
  if (s) {
    rawi_doc *doc = NULL;
    if (rawi_extract(s, PyBytes_AS_STRING(bytes),
                     (size_t)PyBytes_GET_SIZE(bytes), (rawi_lang)lang, &doc,
                     &doc_err) == RAWI_OK) {
      rc = rawi_write(doc, format, &o, append, &out, &err);
    } else {
      failed = 1;
      rc = error_record ? rawi_write_error(self->model, format, &doc_err, &o,
                                           append, &out, &err)
                        : RAWI_OK;
    }
    rawi_doc_free(doc);
    give_session(self, s);
  }
  PyEval_RestoreThread(ts);
  Py_DECREF(bytes);
  PyObject *result = NULL;
  if (rc)
    raise_error(&err);
  else if (failed && !error_record)
    raise_error(&doc_err);
  else
    result = PyUnicode_DecodeUTF8(out.data ? out.data : "", (Py_ssize_t)out.len,
                                  "replace");
  free(out.data);
  return result;
}

/* header(format) and footer(format) -> str ("" when the format has none). */
static PyObject *frame(Model *self, PyObject *args, int footer) {
  const char *format;
  if (!PyArg_ParseTuple(args, "s", &format))
    return NULL;
  buffer out = {0};
  rawi_error err;
  int rc = (footer ? rawi_write_footer : rawi_write_header)(
      self->model, format, NULL, append, &out, &err);
  PyObject *r = rc ? raise_error(&err)
                   : PyUnicode_DecodeUTF8(out.data ? out.data : "",
                                          (Py_ssize_t)out.len, "replace");
  free(out.data);
  return r;
}

static PyObject *Model_header(Model *self, PyObject *args) {
  return frame(self, args, 0);
}

static PyObject *Model_footer(Model *self, PyObject *args) {
  return frame(self, args, 1);
}

static PyObject *Model_sessions(Model *self, PyObject *unused) {
  (void)unused;
  pthread_mutex_lock(&self->lock);
  size_t n = self->n_pool;
  pthread_mutex_unlock(&self->lock);
  return PyLong_FromSize_t(n);
}

/* --- Stream: extract_many's threads ---------------------------------------
 *
 * A ring of `window` slots between the caller (Python, holding the GIL)
 * and `threads` POSIX threads that never touch the GIL: put() copies a
 * document into the slot at the tail, a worker claims the oldest filled
 * slot, extracts and writes its record there, and take() waits (GIL
 * released) for the slot at the head, so records come out in input order
 * and at most `window` documents are held. The caller keeps fewer than
 * `window` in flight (pending()), which is the back-pressure. */

enum { SLOT_EMPTY, SLOT_FILLED, SLOT_CLAIMED, SLOT_DONE };

typedef struct slot {
  int state;
  char *text, *id;
  size_t text_len, id_len;
  buffer out;
  int rc;         /* rawi_write's status (0: out holds the record) */
  int failed;     /* the document failed (doc_err), no error record */
  rawi_error err; /* rawi_write's error, or the document's */
} slot;

typedef struct {
  PyObject_HEAD Model *model; /* a reference: the model outlives the workers */
  pthread_mutex_t lock;
  pthread_cond_t filled, done;
  slot *slots;
  size_t window, head, tail, claim; /* positions, counted from 0 forever */
  pthread_t *workers;
  int n_workers, stop, lang, error_record;
  char format[32];
} Stream;

static void *stream_worker(void *arg) {
  Stream *st = arg;
  rawi_error err;
  rawi_session *s = take_session(st->model, &err);
  pthread_mutex_lock(&st->lock);
  for (;;) {
    while (!st->stop && st->claim == st->tail)
      pthread_cond_wait(&st->filled, &st->lock);
    if (st->stop)
      break;
    slot *sl = &st->slots[st->claim++ % st->window];
    sl->state = SLOT_CLAIMED;
    pthread_mutex_unlock(&st->lock);
    rawi_write_options o = {.version = RAWI_WRITE_OPTIONS_VERSION,
                            .id = sl->id,
                            .id_len = sl->id_len};
    rawi_doc *doc = NULL;
    rawi_error doc_err;
    if (!s) {
      sl->rc = err.code;
      sl->err = err;
    } else if (rawi_extract(s, sl->text, sl->text_len, (rawi_lang)st->lang,
                            &doc, &doc_err) == RAWI_OK) {
      sl->rc = rawi_write(doc, st->format, &o, append, &sl->out, &sl->err);
    } else if (st->error_record) {
      sl->rc = rawi_write_error(st->model->model, st->format, &doc_err, &o,
                                append, &sl->out, &sl->err);
    } else {
      sl->failed = 1;
      sl->err = doc_err;
    }
    rawi_doc_free(doc);
    pthread_mutex_lock(&st->lock);
    sl->state = SLOT_DONE;
    pthread_cond_broadcast(&st->done);
  }
  pthread_mutex_unlock(&st->lock);
  if (s)
    give_session(st->model, s);
  return NULL;
}

static void slot_clear(slot *sl) {
  free(sl->text);
  free(sl->id);
  free(sl->out.data);
  memset(sl, 0, sizeof *sl);
}

static void stream_stop(Stream *st) {
  if (!st->workers)
    return;
  PyThreadState *ts = PyEval_SaveThread();
  pthread_mutex_lock(&st->lock);
  st->stop = 1;
  pthread_cond_broadcast(&st->filled);
  pthread_mutex_unlock(&st->lock);
  for (int i = 0; i < st->n_workers; i++)
    pthread_join(st->workers[i], NULL);
  PyEval_RestoreThread(ts);
  free(st->workers);
  st->workers = NULL;
}

static void Stream_dealloc(Stream *st) {
  stream_stop(st);
  for (size_t i = 0; st->slots && i < st->window; i++)
    slot_clear(&st->slots[i]);
  free(st->slots);
  pthread_mutex_destroy(&st->lock);
  pthread_cond_destroy(&st->filled);
  pthread_cond_destroy(&st->done);
  Py_XDECREF(st->model);
  Py_TYPE(st)->tp_free((PyObject *)st);
}

static PyTypeObject StreamType;

/* model.stream(threads, format, lang, error_record) -> Stream */
static PyObject *Model_stream(Model *self, PyObject *args) {
  int threads, lang, error_record;
  const char *format;
  if (!PyArg_ParseTuple(args, "isip", &threads, &format, &lang, &error_record))
    return NULL;
  if (threads < 1 || threads > 256 || strlen(format) >= 32 ||
      lang < RAWI_LANG_AUTO || lang > RAWI_LANG_EN) {
    PyErr_SetString(PyExc_ValueError, "threads, format or lang out of range");
    return NULL;
  }
  Stream *st = PyObject_New(Stream, &StreamType);
  if (!st)
    return NULL;
  st->model = self;
  Py_INCREF(self);
  pthread_mutex_init(&st->lock, NULL);
  pthread_cond_init(&st->filled, NULL);
  pthread_cond_init(&st->done, NULL);
  st->window = 4 * (size_t)threads;
  st->head = st->tail = st->claim = 0;
  st->stop = 0;
  st->lang = lang;
  st->error_record = error_record;
  snprintf(st->format, sizeof st->format, "%s", format);
  st->n_workers = 0;
  st->slots = calloc(st->window, sizeof *st->slots);
  st->workers = calloc((size_t)threads, sizeof *st->workers);
  if (!st->slots || !st->workers) {
    Py_DECREF(st);
    return PyErr_NoMemory();
  }
  for (; st->n_workers < threads; st->n_workers++)
    if (pthread_create(&st->workers[st->n_workers], NULL, stream_worker, st))
      break;
  if (!st->n_workers) {
    Py_DECREF(st);
    PyErr_SetString(PyExc_RuntimeError, "cannot start a thread");
    return NULL;
  }
  return (PyObject *)st;
}

static char *copy_bytes(const char *p, size_t n) {
  char *c = malloc(n + 1);
  if (c) {
    memcpy(c, p, n);
    c[n] = '\0';
  }
  return c;
}

/* put(text, id): queue a document; the caller keeps pending() < window */
static PyObject *Stream_put(Stream *st, PyObject *args) {
  PyObject *text;
  const char *id;
  Py_ssize_t id_len;
  if (!PyArg_ParseTuple(args, "Os#", &text, &id, &id_len))
    return NULL;
  if (st->tail - st->head >= st->window) {
    PyErr_SetString(PyExc_RuntimeError, "the window is full: take() first");
    return NULL;
  }
  PyObject *bytes = text_bytes(text);
  if (!bytes)
    return NULL;
  slot *sl = &st->slots[st->tail % st->window];
  sl->text_len = (size_t)PyBytes_GET_SIZE(bytes);
  sl->text = copy_bytes(PyBytes_AS_STRING(bytes), sl->text_len);
  sl->id_len = (size_t)id_len;
  sl->id = copy_bytes(id, sl->id_len);
  Py_DECREF(bytes);
  if (!sl->text || !sl->id) {
    slot_clear(sl);
    return PyErr_NoMemory();
  }
  pthread_mutex_lock(&st->lock);
  sl->state = SLOT_FILLED;
  st->tail++;
  pthread_cond_signal(&st->filled);
  pthread_mutex_unlock(&st->lock);
  Py_RETURN_NONE;
}

/* take() -> str: the oldest document's record (waits for it); raises its
 * rawi.Error when it failed and error records were not asked for. */
static PyObject *Stream_take(Stream *st, PyObject *unused) {
  (void)unused;
  if (st->head == st->tail) {
    PyErr_SetString(PyExc_RuntimeError, "nothing to take");
    return NULL;
  }
  slot *sl = &st->slots[st->head % st->window];
  PyThreadState *ts = PyEval_SaveThread();
  pthread_mutex_lock(&st->lock);
  while (sl->state != SLOT_DONE)
    pthread_cond_wait(&st->done, &st->lock);
  pthread_mutex_unlock(&st->lock);
  PyEval_RestoreThread(ts);
  PyObject *r = NULL;
  if (sl->rc || sl->failed)
    raise_error(&sl->err);
  else
    r = PyUnicode_DecodeUTF8(sl->out.data ? sl->out.data : "",
                             (Py_ssize_t)sl->out.len, "replace");
  slot_clear(sl);
  st->head++;
  return r;
}

static PyObject *Stream_pending(Stream *st, PyObject *unused) {
  (void)unused;
  return PyLong_FromSize_t(st->tail - st->head);
}

static PyObject *Stream_close(Stream *st, PyObject *unused) {
  (void)unused;
  stream_stop(st);
  Py_RETURN_NONE;
}

static PyMethodDef Stream_methods[] = {
    {"put", (PyCFunction)Stream_put, METH_VARARGS, "put(text, id)"},
    {"take", (PyCFunction)Stream_take, METH_NOARGS, "take() -> str"},
    {"pending", (PyCFunction)Stream_pending, METH_NOARGS,
     "documents put and not yet taken"},
    {"close", (PyCFunction)Stream_close, METH_NOARGS,
     "stop the threads (documents not taken are dropped)"},
    {NULL, NULL, 0, NULL}};

static PyTypeObject StreamType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "rawi._rawi.Stream",
    .tp_basicsize = sizeof(Stream),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "extract_many's threads (see rawi.Model.extract_many)",
    .tp_dealloc = (destructor)Stream_dealloc,
    .tp_methods = Stream_methods,
};

static PyMethodDef Model_methods[] = {
    {"extract", (PyCFunction)(void (*)(void))Model_extract,
     METH_VARARGS | METH_KEYWORDS,
     "extract(text, id='', lang=0, format='jsonl', meta=None, *, "
     "error_record=False) -> str"},
    {"stream", (PyCFunction)Model_stream, METH_VARARGS,
     "stream(threads, format, lang, error_record) -> Stream"},
    {"header", (PyCFunction)Model_header, METH_VARARGS,
     "header(format) -> str"},
    {"footer", (PyCFunction)Model_footer, METH_VARARGS,
     "footer(format) -> str"},
    {"idle_sessions", (PyCFunction)Model_sessions, METH_NOARGS,
     "sessions waiting in the pool"},
    {NULL, NULL, 0, NULL}};

static PyObject *Model_get_warnings(Model *self, void *closure) {
  (void)closure;
  PyObject *w = self->warnings ? self->warnings : Py_None;
  Py_INCREF(w);
  return w;
}

static PyGetSetDef Model_getset[] = {
    {"warnings", (getter)Model_get_warnings, NULL,
     "problems skipped by a lenient load", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyObject *Model_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
  (void)args;
  (void)kw;
  Model *m = (Model *)type->tp_alloc(type, 0);
  if (m)
    pthread_mutex_init(&m->lock, NULL);
  return (PyObject *)m;
}

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "rawi._rawi.Model",
    .tp_basicsize = sizeof(Model),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A compiled rawi model shared by threads (see rawi.Model)",
    .tp_new = Model_new,
    .tp_init = (initproc)Model_init,
    .tp_dealloc = (destructor)Model_dealloc,
    .tp_methods = Model_methods,
    .tp_getset = Model_getset,
};

static PyObject *mod_version(PyObject *self, PyObject *unused) {
  (void)self;
  (void)unused;
  return PyUnicode_FromString(rawi_version());
}

static PyObject *mod_default_pack_dir(PyObject *self, PyObject *unused) {
  (void)self;
  (void)unused;
  return PyUnicode_DecodeFSDefault(rawi_default_pack_dir());
}

static PyMethodDef module_methods[] = {
    {"version", mod_version, METH_NOARGS, "the C library's version"},
    {"default_pack_dir", mod_default_pack_dir, METH_NOARGS,
     "where the shipped packs are found (rawi_default_pack_dir)"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "_rawi",
    "The CPython binding of rawi's C API (use the rawi package).",
    -1,
    module_methods,
    NULL,
    NULL,
    NULL,
    NULL};

/* rawi.Error and one subclass per kind of failure. */
static int add_errors(PyObject *m) {
  struct {
    PyObject **cls;
    const char *name, *doc;
  } errs[] = {
      {&Utf8Error, "rawi.Utf8Error", "the text is not valid UTF-8"},
      {&FormatError, "rawi.FormatError", "a malformed list, rule or record"},
      {&FileError, "rawi.FileError", "a file could not be read or written"},
      {&LimitError, "rawi.LimitError", "a resource limit was hit"},
      {&TooBigError, "rawi.TooBigError", "the document is too large"},
      {&OutOfMemoryError, "rawi.OutOfMemoryError", "an allocation failed"},
  };
  Error = PyErr_NewExceptionWithDoc(
      "rawi.Error",
      "An error of rawi, with status, message, file, line, column and "
      "byte_offset (None when they do not apply).",
      NULL, NULL);
  if (!Error || PyModule_AddObjectRef(m, "Error", Error))
    return -1;
  for (size_t i = 0; i < sizeof errs / sizeof *errs; i++) {
    *errs[i].cls =
        PyErr_NewExceptionWithDoc(errs[i].name, errs[i].doc, Error, NULL);
    if (!*errs[i].cls ||
        PyModule_AddObjectRef(m, errs[i].name + 5, *errs[i].cls))
      return -1;
  }
  return 0;
}

PyMODINIT_FUNC PyInit__rawi(void) {
  if (PyType_Ready(&ModelType) < 0 || PyType_Ready(&StreamType) < 0)
    return NULL;
  PyObject *m = PyModule_Create(&module);
  if (!m)
    return NULL;
  if (PyModule_AddObjectRef(m, "Model", (PyObject *)&ModelType) ||
      add_errors(m) ||
      PyModule_AddIntConstant(m, "LANG_AUTO", RAWI_LANG_AUTO) ||
      PyModule_AddIntConstant(m, "LANG_AR", RAWI_LANG_AR) ||
      PyModule_AddIntConstant(m, "LANG_EN", RAWI_LANG_EN)) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
