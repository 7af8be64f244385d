/* The table of output formats that --format chooses from. */
#include <string.h>

#include "output/conll.h"
#include "output/output.h"

static void jsonl_record(rawi_strbuf *b, const output_doc *d,
                         const output_options *o) {
  output_jsonl(b, d->doc, d->id, d->id_len, o->explain, d->meta);
}

static void jsonl_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err, const output_options *o) {
  (void)o;
  output_jsonl_error(b, id, id_len, err);
}

/* CoNLL follows the lines of a CoNLL input; other inputs get rawi's own
 * tokens, one a line. */
static void conll_record(rawi_strbuf *b, const output_doc *d,
                         const output_options *o) {
  if (d->source)
    output_conll(b, d->doc, d->source, d->source_len, o->labels, d->docstart);
  else
    output_conll_tokens(b, d->doc, o->labels);
}

static void conll_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err, const output_options *o) {
  (void)o;
  output_conll_error(b, id, id_len, err);
}

static const output_format formats[] = {
    {"jsonl", jsonl_record, jsonl_error, NULL, NULL},
    {"conll", conll_record, conll_error, NULL, NULL},
};

const output_format *output_format_find(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(formats[i].name, name))
      return &formats[i];
  return NULL;
}

const char *output_format_names(void) { return "jsonl, conll"; }
