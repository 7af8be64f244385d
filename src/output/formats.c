/* The table of output formats that --format chooses from. */
#include <stdio.h>
#include <string.h>

#include "output/conll.h"
#include "output/output.h"

static void jsonl_record(rawi_strbuf *b, const output_doc *d,
                         const output_options *o) {
  output_jsonl_doc(b, d, o->explain);
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
    output_conll(b, d->doc, d->source, d->source_len, o->labels, d->head,
                 d->head_len);
  else
    output_conll_tokens(b, d->doc, o->labels);
}

static void conll_error(rawi_strbuf *b, const char *id, size_t id_len,
                        const rawi_error *err, const output_options *o) {
  (void)o;
  output_conll_error(b, id, id_len, err);
}

static const output_format formats[] = {
    /* name, record, error, header, footer, writer */
    {"jsonl", jsonl_record, jsonl_error, NULL, NULL, NULL},
    {"conll", conll_record, conll_error, NULL, NULL, NULL},
    {"ntriples", output_ntriples, output_rdf_error, NULL, NULL, NULL},
    {"turtle", output_turtle, output_turtle_error, output_turtle_header, NULL,
     NULL},
    {"neo4j", output_neo4j, output_neo4j_error, NULL, NULL,
     &output_neo4j_writer},
    {"cypher", output_cypher, output_cypher_error, output_cypher_header, NULL,
     NULL},
    {"kuzu", output_kuzu, output_kuzu_error, output_kuzu_header, NULL, NULL},
    {"html", output_html, output_html_error, output_html_header,
     output_html_footer, NULL},
};

const output_format *output_format_find(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(formats[i].name, name))
      return &formats[i];
  return NULL;
}

void output_format_names(char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof formats / sizeof *formats && n < cap; i++)
    n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? "|" : "",
                          formats[i].name);
}
