/*-------------------------------------------------------------------------
 * bgworker/scheduler.c
 *	  The scheduler worker: every crashpipe.scheduler_naptime it runs the
 *	  housekeeping jobs that are due (crashpipe.jobs), each missed period
 *	  in its own transaction, so a job that backfills a week commits day by
 *	  day and a failure keeps what was done before it.  What "due" means
 *	  and how a run is recorded is in extension/sql/60_jobs.sql.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/latch.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "crashpipe.h"
#include "worker_common.h"

/* At most this many periods of one job per pass, so no job starves the rest. */
#define MAX_PERIODS_PER_PASS 100

/* Register the scheduler worker; called from _PG_init while preloading. */
void
crashpipe_register_scheduler(void)
{
	BackgroundWorker worker;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = 10;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "crashpipe");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "crashpipe_scheduler_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "crashpipe scheduler");
	snprintf(worker.bgw_type, BGW_MAXLEN, "crashpipe scheduler");
	RegisterBackgroundWorker(&worker);
}

/* The names of the jobs due now, dependencies first, in context cxt. */
static List *
due_jobs(MemoryContext cxt)
{
	List	   *names = NIL;

	worker_begin_step("crashpipe: looking for due jobs");
	if (SPI_execute("SELECT name FROM crashpipe.jobs j WHERE crashpipe.job_ready(j)"
					" ORDER BY cardinality(depends_on), name", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not list the due jobs");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		names = lappend(names, pstrdup(SPI_getvalue(SPI_tuptable->vals[i],
													SPI_tuptable->tupdesc, 1)));
		MemoryContextSwitchTo(old);
	}
	worker_end_step();
	return names;
}

/* Run one period of a job in its own transaction; returns its outcome line. */
static char *
run_period(const char *name, MemoryContext cxt)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	char		activity[128];
	char	   *outcome;
	MemoryContext old;

	snprintf(activity, sizeof(activity), "crashpipe: running job %s", name);
	worker_begin_step(activity);
	args[0] = CStringGetTextDatum(name);
	if (SPI_execute_with_args("SELECT crashpipe.run_job_period($1)", 1, argtypes, args,
							  NULL, false, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not run job %s", name);
	old = MemoryContextSwitchTo(cxt);
	outcome = pstrdup(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
	MemoryContextSwitchTo(old);
	worker_end_step();
	return outcome;
}

/* Run the due periods of one job, logging each outcome. */
static void
run_job(const char *name, MemoryContext cxt)
{
	for (int i = 0; i < MAX_PERIODS_PER_PASS; i++)
	{
		char	   *outcome = run_period(name, cxt);

		if (strcmp(outcome, "not due") == 0)
			break;
		ereport(strncmp(outcome, "error: ", 7) == 0 ? WARNING : LOG,
				(errmsg("crashpipe job %s: %s", name, outcome)));
		if (strncmp(outcome, "error: ", 7) == 0)
			break;
		CHECK_FOR_INTERRUPTS();
	}
}

/* Entry point of the scheduler worker. */
void
crashpipe_scheduler_main(Datum main_arg)
{
	MemoryContext cxt;
	bool		ready = false;

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnection(crashpipe_database, NULL, 0);
	cxt = AllocSetContextCreate(TopMemoryContext, "crashpipe scheduler", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		ListCell   *lc;

		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
		if (!ready)
			ready = worker_extension_ready();
		if (ready)
			foreach(lc, due_jobs(cxt))
				run_job(lfirst(lc), cxt);
		MemoryContextReset(cxt);
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 crashpipe_scheduler_naptime * 1000L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
	}
}
