/*-------------------------------------------------------------------------
 * collector/metrics.c
 *	  Prometheus counters for the collector, the figures Antenna sends to
 *	  statsd: crashes answered by throttle result, discards by reason,
 *	  bytes received, gzip bodies, and a histogram of request time from the
 *	  first header to the answer (which includes the database commit).
 *
 *	  Request threads only ever add to relaxed atomics, so counting costs
 *	  no lock; a scrape reads each value once and may see one request's
 *	  counters half-updated, which Prometheus tolerates.
 *-------------------------------------------------------------------------
 */
#include "metrics.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define NVERDICTS (VERDICT_DATABASE_UNAVAILABLE + 1)
#define NBUCKETS 12

static const char *const results[] = {"accept", "defer", "fakeaccept", "reject"};
#define NRESULTS (sizeof(results) / sizeof(results[0]))

/* upper bounds of the latency buckets, in milliseconds */
static const long bucket_ms[NBUCKETS] = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};

static atomic_uint_fast64_t answered[NRESULTS];
static atomic_uint_fast64_t discarded[NVERDICTS];
static atomic_uint_fast64_t bytes_received;
static atomic_uint_fast64_t gzip_bodies;
static atomic_uint_fast64_t latency_buckets[NBUCKETS + 1];	/* last: +Inf */
static atomic_uint_fast64_t latency_sum_ms;
static atomic_long spool_depth;

/* Count one request's size and time. */
static void
count_request(uint64_t bytes, long ms)
{
	int			b = 0;

	while (b < NBUCKETS && ms > bucket_ms[b])
		b++;
	atomic_fetch_add_explicit(&latency_buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&latency_sum_ms, (uint64_t) (ms > 0 ? ms : 0), memory_order_relaxed);
	atomic_fetch_add_explicit(&bytes_received, bytes, memory_order_relaxed);
}

/* A submission refused with Discarded=<reason>. */
void
metrics_count_discarded(Verdict verdict, uint64_t bytes, long ms)
{
	if (verdict >= 0 && verdict < NVERDICTS)
		atomic_fetch_add_explicit(&discarded[verdict], 1, memory_order_relaxed);
	count_request(bytes, ms);
}

/* A submission the throttler decided (result accept, defer, fakeaccept or reject). */
void
metrics_count_answered(const char *result, uint64_t bytes, bool gzip, long ms)
{
	for (size_t i = 0; i < NRESULTS; i++)
		if (strcmp(result, results[i]) == 0)
			atomic_fetch_add_explicit(&answered[i], 1, memory_order_relaxed);
	if (gzip)
		atomic_fetch_add_explicit(&gzip_bodies, 1, memory_order_relaxed);
	count_request(bytes, ms);
}

/* The number of reports waiting in the spool, as the replay last saw it. */
void
metrics_set_spool_depth(long depth)
{
	atomic_store_explicit(&spool_depth, depth, memory_order_relaxed);
}

/* Append one printf-formatted line; false when out of memory. */
static bool
put(Buffer *out, const char *fmt,...)
{
	char		line[512];
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return n > 0 && (size_t) n < sizeof(line) && buffer_append(out, line, (size_t) n);
}

/* Read a counter. */
static uint64_t
get(atomic_uint_fast64_t *counter)
{
	return atomic_load_explicit(counter, memory_order_relaxed);
}

/* The help and type lines of one metric. */
static bool
header(Buffer *out, const char *name, const char *type, const char *help)
{
	return put(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The latency histogram, cumulative as Prometheus wants it. */
static bool
render_latency(Buffer *out)
{
	const char *name = "crashpipe_collector_request_duration_seconds";
	uint64_t	total = 0;
	bool		ok = header(out, name, "histogram",
							"Time from a submission's headers to its answer, database commit included.");

	for (int b = 0; ok && b < NBUCKETS; b++)
	{
		total += get(&latency_buckets[b]);
		ok = put(out, "%s_bucket{le=\"%g\"} %" PRIu64 "\n", name, bucket_ms[b] / 1000.0, total);
	}
	total += get(&latency_buckets[NBUCKETS]);
	return ok && put(out, "%s_bucket{le=\"+Inf\"} %" PRIu64 "\n", name, total) &&
		put(out, "%s_sum %.3f\n", name, get(&latency_sum_ms) / 1000.0) &&
		put(out, "%s_count %" PRIu64 "\n", name, total);
}

/* Crashes answered by throttle result, and discards by reason. */
static bool
render_outcomes(Buffer *out)
{
	bool		ok = header(out, "crashpipe_collector_crashes_total", "counter",
							"Submissions the throttler decided, by result (accept and defer are stored).");

	for (size_t i = 0; ok && i < NRESULTS; i++)
		ok = put(out, "crashpipe_collector_crashes_total{result=\"%s\"} %" PRIu64 "\n",
				 results[i], get(&answered[i]));
	ok = ok && header(out, "crashpipe_collector_discarded_total", "counter",
					  "Submissions refused before the throttler, by Discarded= reason.");
	for (int v = VERDICT_OK + 1; ok && v < NVERDICTS; v++)
		ok = put(out, "crashpipe_collector_discarded_total{reason=\"%s\"} %" PRIu64 "\n",
				 verdict_reason((Verdict) v), get(&discarded[v]));
	return ok;
}

/* The whole /metrics page. */
bool
metrics_render(Buffer *out)
{
	return render_outcomes(out) &&
		header(out, "crashpipe_collector_received_bytes_total", "counter",
			   "Request body bytes received for submissions, as sent (compressed if gzip).") &&
		put(out, "crashpipe_collector_received_bytes_total %" PRIu64 "\n", get(&bytes_received)) &&
		header(out, "crashpipe_collector_gzip_crashes_total", "counter",
			   "Decided submissions whose body was gzip-compressed.") &&
		put(out, "crashpipe_collector_gzip_crashes_total %" PRIu64 "\n", get(&gzip_bodies)) &&
		header(out, "crashpipe_collector_spool_depth", "gauge",
			   "Reports accepted during a database outage and not stored yet.") &&
		put(out, "crashpipe_collector_spool_depth %ld\n",
			atomic_load_explicit(&spool_depth, memory_order_relaxed)) &&
		render_latency(out);
}
