/* The table of output formats that --format chooses from. */
#include <string.h>

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

static const output_format formats[] = {
    {"jsonl", jsonl_record, jsonl_error, NULL, NULL},
    {"html", output_html, output_html_error, output_html_header,
     output_html_footer},
};

const output_format *output_format_find(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(formats[i].name, name))
      return &formats[i];
  return NULL;
}

const char *output_format_names(void) { return "jsonl|html"; }
