/*-------------------------------------------------------------------------
 * collector/metrics.h
 *	  Counters of what the collector answered, kept in atomics by the
 *	  request threads and served in Prometheus' text format at /metrics.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_METRICS_H
#define COLLECTOR_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "buffer.h"
#include "verdict.h"

extern void metrics_count_discarded(Verdict verdict, uint64_t bytes, long ms);
extern void metrics_count_answered(const char *result, uint64_t bytes, bool gzip, long ms);
extern void metrics_set_spool_depth(long depth);
extern bool metrics_render(Buffer *out);

#endif							/* COLLECTOR_METRICS_H */
