/*
 * Fuzz target: gzip input and document ids. The input (less its last
 * byte) is a JSON Lines file; the harness gzips it and, by the last byte,
 * keeps the stream whole, cuts it, or changes one of its bytes, then reads
 * it through the batch source as rawi extract does. Each record is written
 * as JSON Lines and as N-Triples. What must hold, whatever the input:
 * - a whole stream gives no io error record; a cut one ends with one;
 *   damage gives at most one, last;
 * - the id a record is written with is the id the reader gives it (what
 *   --resume and the duplicate check compare), as JSON writes it;
 * - every IRI of rawi's namespace stays inside it, no "." or ".." segment;
 * - every JSON Lines record is one JSON object (fuzz_check_records).
 */
/* zlib's gz_header and rawi's (src/gazetteer) share a name: zlib's is
 * renamed here, where only deflate is used */
#define gz_header zlib_gz_header
#define gz_headerp zlib_gz_headerp
#include <zlib.h>
#undef gz_header
#undef gz_headerp

#include "fuzz_batch.h"

static const char base[] = OUTPUT_DEFAULT_BASE_IRI;

/* The gzip stream of data into *out (malloc'd); its length. */
static size_t gzip(const uint8_t *data, size_t size, unsigned char **out) {
  z_stream z = {0};
  if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    abort();
  size_t cap = deflateBound(&z, size) + 32;
  *out = malloc(cap);
  if (!*out)
    abort();
  z.next_in = (unsigned char *)data;
  z.avail_in = (uInt)size;
  z.next_out = *out;
  z.avail_out = (uInt)cap;
  if (deflate(&z, Z_FINISH) != Z_STREAM_END)
    abort();
  size_t n = cap - z.avail_out;
  deflateEnd(&z);
  return n;
}

/* An IRI <...> at p (line end at end): under the base IRI, no segment of
 * its path may be "." or ".."; returns past it. */
static const char *check_iri(const char *p, const char *end) {
  const char *close = memchr(p, '>', (size_t)(end - p));
  if (*p != '<' || !close)
    abort();
  size_t k = sizeof base - 1;
  if ((size_t)(close - p - 1) >= k && !memcmp(p + 1, base, k)) {
    for (const char *s = p + 1 + k; s < close;) {
      const char *slash = memchr(s, '/', (size_t)(close - s));
      const char *e = slash ? slash : close;
      const char *hash = memchr(s, '#', (size_t)(e - s));
      e = hash ? hash : e;
      if ((e - s == 1 && s[0] == '.') || (e - s == 2 && !memcmp(s, "..", 2)))
        abort();
      if (!slash || hash)
        break;
      s = slash + 1;
    }
  }
  return close + 1;
}

/* Subject, predicate and an IRI object of every N-Triples line. */
static void check_ntriples(const rawi_strbuf *b) {
  const char *p = b->data, *end = b->data + b->len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      abort();
    p = check_iri(p, nl) + 1;
    p = check_iri(p, nl) + 1;
    if (*p == '<')
      check_iri(p, nl);
    p = nl + 1;
  }
}

/* The JSON Lines record out starts with {"id": and the id as written. */
static void check_id(const rawi_strbuf *out, const rawi_strbuf *id) {
  rawi_strbuf want;
  rawi_strbuf_init(&want, NULL);
  rawi_strbuf_adds(&want, "{\"id\":");
  rawi_strbuf_json(&want, id->data ? id->data : "", id->len);
  if (out->len < want.len || memcmp(out->data, want.data, want.len))
    abort();
  rawi_strbuf_free(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static rawi_session *s;
  if (!s && !(s = rawi_session_new(fuzz_model(), NULL)))
    abort();
  if (size < 1)
    return 0;
  int mode = data[size - 1] % 3; /* 0 whole, 1 cut, 2 a byte changed */
  unsigned char *gz;
  size_t n = gzip(data, size - 1, &gz);
  size_t at =
      10 + (data[size - 1] * 7919u + size) % (n - 10); /* past the header */
  if (mode == 1)
    n = at;
  else if (mode == 2)
    gz[at] ^= (unsigned char)(1 + data[0] % 255);
  char *paths[] = {(char *)fuzz_file(gz, n, ".jsonl")};
  free(gz);
  batch_source_options so = {.format = BATCH_JSONL, .max_doc_bytes = 1u << 20};
  batch_source *src = batch_source_new(paths, 1, &so);
  batch_options jo = {.lang = RAWI_LANG_AUTO,
                      .text_field = "text",
                      .id_field = "id",
                      .format = output_format_find("jsonl")};
  batch_options no = jo;
  no.format = output_format_find("ntriples");
  batch_record rec;
  batch_record_init(&rec);
  rawi_strbuf out, nt, id;
  rawi_strbuf_init(&out, NULL);
  rawi_strbuf_init(&nt, NULL);
  rawi_strbuf_init(&id, NULL);
  int io_errors = 0, last_io = 0;
  while (src && batch_source_next(src, &rec)) {
    batch_counts c = {0};
    out.len = nt.len = id.len = 0;
    batch_record_id(&jo, &rec, &id);
    batch_process(s, &jo, &rec, &out, &c);
    batch_process(s, &no, &rec, &nt, &c);
    fuzz_check_records(&out);
    check_id(&out, &id);
    check_ntriples(&nt);
    last_io = rec.error[0] && rec.error_code == RAWI_ERR_IO;
    io_errors += last_io;
  }
  if ((mode == 0 && io_errors) || (mode == 1 && (io_errors != 1 || !last_io)) ||
      (mode == 2 && io_errors > 1) || (io_errors && !last_io))
    abort();
  rawi_strbuf_free(&id);
  rawi_strbuf_free(&nt);
  rawi_strbuf_free(&out);
  batch_record_free(&rec);
  batch_source_free(src);
  return 0;
}
