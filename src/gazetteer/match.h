/* Gazetteer matching over a document's tokens (see match.c). */
#ifndef RAWI_GAZETTEER_MATCH_H
#define RAWI_GAZETTEER_MATCH_H

#include "gazetteer/gazetteer.h"
#include "resolve/resolve.h"

/* Append the leftmost-longest mentions of the images (in priority order,
 * later lists win ties) to out. */
int gz_match(const gz_image *const *imgs, size_t n_imgs, const text_doc *d,
             mention_table *out);

#endif
