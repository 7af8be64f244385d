/* The relation table of a document (doc/relations.h). */
#include "doc/relations.h"
#include "util/mem.h"

void relation_table_free(relation_table *t) {
  rawi_mem_free(t->alloc, t->v);
  rawi_mem_free(t->alloc, t->sentence_view);
  t->sentence_view = NULL;
  rawi_strbuf_free(&t->views);
  t->v = NULL;
  t->n = t->cap = 0;
}
