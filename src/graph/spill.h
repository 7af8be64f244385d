/*
 * The spill file of rawi graph: what grows with the documents (each
 * document, the entities it mentions, the evidence of each relation) is
 * appended here while records are read, then read back in the same order
 * when the graph is written. An anonymous temporary file (removed by the
 * system however rawi ends), written and read through 1 MiB buffers.
 *
 * Items, in the order they were added; a document's mentions and evidence
 * follow it:
 *   D  seq, id, lang, error code, error message (both empty: no error)
 *   M  entity, name mentions in the document
 *   E  edge, relation number in the record (1-based), start, end, rule,
 *      confidence, sentence
 * Numbers are written in the machine's own byte order: the file never
 * leaves the process that wrote it.
 */
#ifndef RAWI_GRAPH_SPILL_H
#define RAWI_GRAPH_SPILL_H

#include <stddef.h>
#include <stdint.h>

#include "rawi/rawi.h"
#include "util/strbuf.h"

typedef struct spill spill;

#define SPILL_NO_OFFSET UINT64_MAX

typedef struct spill_doc {
  uint64_t seq;
  const char *id, *lang, *code, *message; /* code NULL: no error */
  size_t id_len;
} spill_doc;

typedef struct spill_evidence {
  uint32_t edge, number, rule;
  uint64_t start, end; /* SPILL_NO_OFFSET when not given */
  double confidence;   /* negative when not given */
  const char *text;
  size_t text_len;
} spill_evidence;

typedef struct spill_item {
  char kind; /* 'D', 'M', 'E' */
  spill_doc doc;
  uint32_t entity;
  uint64_t count;
  spill_evidence ev;
} spill_item;

/* A new spill file in dir (NULL: $TMPDIR, else /tmp). NULL with err. */
spill *spill_new(const char *dir, const rawi_allocator *alloc, rawi_error *err);
void spill_free(spill *s);

/* Append items; -1 with err set when the file cannot be written. */
int spill_doc_add(spill *s, const spill_doc *d, rawi_error *err);
int spill_mention_add(spill *s, uint32_t entity, uint64_t count,
                      rawi_error *err);
int spill_evidence_add(spill *s, const spill_evidence *ev, rawi_error *err);

/* Read from the start (after the last append). The strings of an item
 * stay valid until the next call, a document's until the next document
 * but one (so that the last one's can be used when the next is read).
 * 1 with an item, 0 at the end, a negative status with err set. */
int spill_rewind(spill *s, rawi_error *err);
int spill_next(spill *s, spill_item *it, rawi_error *err);

/* Bytes written so far. */
uint64_t spill_size(const spill *s);

#endif
