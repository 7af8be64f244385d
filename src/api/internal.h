/* The handles behind the public API. */
#ifndef RAWI_API_INTERNAL_H
#define RAWI_API_INTERNAL_H

#include "rawi/rawi.h"
#include "text/text.h"

struct rawi_config {
  rawi_allocator alloc;
  rawi_tokenizer tokenizer;
};

struct rawi_model {
  rawi_allocator alloc;
  text_model text;
};

struct rawi_session {
  const rawi_model *model;
  text_scratch text;
  text_doc norm_doc; /* buffers behind rawi_normalize */
};

struct rawi_doc {
  const rawi_model *model;
  char *text; /* private copy of the input */
  text_doc t;
};

#endif
