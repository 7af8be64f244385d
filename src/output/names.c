/*
 * How the outputs name things, in one place so that JSONL, RDF and the
 * property-graph formats agree: type labels, relationship types, rule
 * names and confidences.
 */
#include <stdio.h>
#include <string.h>

#include "output/output.h"

void output_type_label(rawi_strbuf *b, const char *type) {
  for (size_t i = 0; type[i]; i++) {
    char c = type[i];
    if (i && c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    rawi_strbuf_addc(b, c);
  }
}

void output_rel_type(rawi_strbuf *b, const char *predicate) {
  for (size_t i = 0; predicate[i]; i++) {
    char c = predicate[i];
    if (c >= 'a' && c <= 'z')
      c = (char)(c - 'a' + 'A');
    else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      c = '_';
    rawi_strbuf_addc(b, c);
  }
}

void output_rule_name(char *buf, size_t size, const rawi_relation *r) {
  snprintf(buf, size, "%s:%s", r->rule_file, r->rule);
}

void output_confidence(char *buf, size_t size, double confidence) {
  snprintf(buf, size, "%.2f", confidence);
}
