/*
 * Stage timers for benchmark builds (docs/benchmarks.md): configure with
 * -DRAWI_STAGE_TIMES=ON and every run prints, on stderr at exit, the time
 * spent in each stage of rawi_extract and in writing the records, summed
 * over all threads. In other builds the macros are empty: nothing is
 * timed and nothing is printed.
 */
#ifndef RAWI_API_STAGES_H
#define RAWI_API_STAGES_H

#include <stdint.h>

typedef enum rawi_stage {
  RAWI_STAGE_TEXT,      /* tokens, readings, sentences, reading hashes */
  RAWI_STAGE_LISTS,     /* list look-ups and their candidates */
  RAWI_STAGE_RULES,     /* entity rules */
  RAWI_STAGE_RESOLVE,   /* conflicts, winners' names, aliases, entities */
  RAWI_STAGE_RELATIONS, /* relation rules, discourse, edges */
  RAWI_STAGE_WRITING,   /* a document's record in the output format */
  RAWI_STAGE_COUNT
} rawi_stage;

#ifdef RAWI_STAGE_TIMES
uint64_t rawi_stage_clock(void);
void rawi_stage_add(rawi_stage stage, uint64_t since);
#define RAWI_STAGE_BEGIN(var) uint64_t var = rawi_stage_clock()
/* charge the time since var to stage; var starts the next stage */
#define RAWI_STAGE_END(var, stage)                                             \
  (rawi_stage_add((stage), (var)), (var) = rawi_stage_clock())
#else
#define RAWI_STAGE_BEGIN(var) ((void)0)
#define RAWI_STAGE_END(var, stage) ((void)0)
#endif

#endif
