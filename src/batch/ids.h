/*
 * The ids of a run, so that an id given to two input documents is warned
 * about (on the later one's record): in N-Triples two documents with one
 * id share one provenance node, and their facts' evidence mixes.
 *
 * A map from a 64-bit hash of each id to the first document that had it:
 * 16 to 32 bytes a document. Memory must not grow with the input, so the
 * first BATCH_IDS_MAX ids are checked (about 50 MB) and the run says when
 * there were more. Two ids with one hash would be taken for one: at three
 * million ids, a chance of about one in four million.
 */
#ifndef RAWI_BATCH_IDS_H
#define RAWI_BATCH_IDS_H

#include <stddef.h>

#include "util/hash.h"

#define BATCH_IDS_MAX 3000000ull

typedef struct batch_ids {
  rawi_map seen;
  int full; /* BATCH_IDS_MAX ids are held: later ones are not checked */
} batch_ids;

void batch_ids_init(batch_ids *ids);
void batch_ids_free(batch_ids *ids);

/* Input document doc (1-based) has id[0..len): the earlier document with
 * that id, or 0 when it is the first (or when ids are no longer checked:
 * full, or out of memory). */
unsigned long long batch_ids_check(batch_ids *ids, const char *id, size_t len,
                                   unsigned long long doc);

#endif
