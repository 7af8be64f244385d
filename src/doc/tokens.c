/* The token tables of a document (doc/tokens.h). */
#include "doc/tokens.h"
#include "util/mem.h"

void text_doc_free(text_doc *d) {
  rawi_mem_free(d->alloc, d->hashes);
  rawi_mem_free(d->alloc, d->tokens);
  rawi_mem_free(d->alloc, d->readings);
  rawi_mem_free(d->alloc, d->sentences);
  rawi_mem_free(d->alloc, d->pool);
}
