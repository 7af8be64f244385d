/*
 * The edges of one document, each kept once: a hash set over (subject,
 * object, predicate) that add_edge asks before appending, so that keeping
 * n edges costs time linear in n (a scan of the edges so far made a
 * document of 200 000 relations take half a minute).
 */
#ifndef RAWI_RELATE_EDGES_H
#define RAWI_RELATE_EDGES_H

#include <stdint.h>

#include "util/hash.h"

struct relation_table;

typedef struct edge_set {
  rawi_map map; /* a key derived from the triple -> index in the table */
} edge_set;

void edge_set_init(edge_set *set, const rawi_allocator *alloc);
void edge_set_free(edge_set *set);

/* Is the edge in t already? 0 when it is, with *kept its index in t; 1
 * when it is not, and then it is recorded as t's next edge (index t->n),
 * which the caller appends; RAWI_ERR_NOMEM. */
int edge_set_add(edge_set *set, const struct relation_table *t,
                 uint32_t subject, uint32_t object, uint16_t predicate,
                 uint32_t *kept);

#endif
