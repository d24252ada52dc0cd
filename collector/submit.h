/*-------------------------------------------------------------------------
 * collector/submit.h
 *	  Storing a collected report: the one call to crashpipe.submit(), which
 *	  throttles, stores and queues the crash in a single transaction.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_SUBMIT_H
#define COLLECTOR_SUBMIT_H

#include "pgpool.h"
#include "report.h"
#include "verdict.h"

typedef struct SubmitResult
{
	Verdict		verdict;		/* VERDICT_OK when the function answered */
	char		crash_id[64];	/* the crash id, without "bp-" */
	char		result[16];		/* accept, defer, fakeaccept or reject */
	char		rule[128];		/* the throttle rule that decided */
	char		error[512];		/* why it failed, for the log */
} SubmitResult;

extern void submit_report(PgPool *pool, const Report *report, const char *metadata,
						  const char *crash_id, bool spooled, SubmitResult *out);

#endif							/* COLLECTOR_SUBMIT_H */
