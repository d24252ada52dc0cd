/*-------------------------------------------------------------------------
 * bgworker/processor.c
 *	  The processor workers: each one loops claiming a queued crash, turning
 *	  it into a processed crash, and sleeping on its latch when the queue is
 *	  empty.  The queue protocol itself (claim under a lease, process and
 *	  delete in one transaction, record failures with back-off) is in
 *	  extension/sql/35_queue.sql; this file only drives it.
 *
 *	  Every step is its own short transaction, so no transaction is held
 *	  across a wait, and an error in one crash is recorded against that crash
 *	  while the worker goes on with the next.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timeout.h"
#include "utils/uuid.h"

#include "crashpipe.h"
#include "worker_common.h"

/* A claimed crash: its id and how many times it has been claimed. */
typedef struct ClaimedCrash
{
	char		id[UUID_LEN * 2 + 5];
	int			attempts;
} ClaimedCrash;

static MemoryContext worker_context = NULL;

/* Register the processor workers; called from _PG_init while preloading. */
void
crashpipe_register_processors(int count)
{
	BackgroundWorker worker;

	for (int i = 0; i < count; i++)
	{
		memset(&worker, 0, sizeof(worker));
		worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
		worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
		worker.bgw_restart_time = 5;
		snprintf(worker.bgw_library_name, BGW_MAXLEN, "crashpipe");
		snprintf(worker.bgw_function_name, BGW_MAXLEN, "crashpipe_processor_main");
		snprintf(worker.bgw_name, BGW_MAXLEN, "crashpipe processor %d", i + 1);
		snprintf(worker.bgw_type, BGW_MAXLEN, "crashpipe processor");
		worker.bgw_main_arg = Int32GetDatum(i + 1);
		RegisterBackgroundWorker(&worker);
	}
}

/* Claim the most urgent ready crash; false when the queue has none. */
static bool
claim_crash(ClaimedCrash *claim)
{
	Oid			argtypes[2] = {INT4OID, INTERVALOID};
	Datum		args[2];
	char		lease[64];
	bool		isnull;
	bool		found = false;

	snprintf(lease, sizeof(lease), "%d ms", crashpipe_processor_time_limit + 60000);
	worker_begin_step("crashpipe: claiming a crash");
	args[0] = Int32GetDatum(MyProcPid);
	args[1] = DirectFunctionCall3(interval_in, CStringGetDatum(lease),
								  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	if (SPI_execute_with_args("SELECT crash_id, attempts FROM crashpipe.claim_crash($1, $2)",
							  2, argtypes, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not claim a crash");
	if (SPI_processed == 1)
	{
		char	   *id = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (id == NULL)
			elog(ERROR, "crashpipe.claim_crash returned a null crash id");
		strlcpy(claim->id, id, sizeof(claim->id));
		claim->attempts = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0],
													  SPI_tuptable->tupdesc, 2, &isnull));
		found = true;
	}
	worker_end_step();
	return found;
}

/* Process one claimed crash in its own transaction, under the time limit. */
static void
process_crash(const ClaimedCrash *claim)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	char		activity[128];

	snprintf(activity, sizeof(activity), "crashpipe: processing crash %s", claim->id);
	worker_begin_step(activity);
	enable_timeout_after(STATEMENT_TIMEOUT, crashpipe_processor_time_limit);
	args[0] = CStringGetTextDatum(claim->id);
	if (SPI_execute_with_args("SELECT crashpipe.process_crash($1::uuid)",
							  1, argtypes, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not process crash %s", claim->id);
	disable_timeout(STATEMENT_TIMEOUT, false);
	worker_end_step();
}

/* Record a failed attempt against the crash: back off, or mark it failed. */
static void
record_failure(const ClaimedCrash *claim, const char *error)
{
	Oid			argtypes[4] = {TEXTOID, TEXTOID, INT4OID, INT4OID};
	Datum		args[4];

	worker_begin_step("crashpipe: recording a failed crash");
	args[0] = CStringGetTextDatum(claim->id);
	args[1] = CStringGetTextDatum(error);
	args[2] = Int32GetDatum(crashpipe_processor_max_attempts);
	args[3] = Int32GetDatum(crashpipe_processor_backoff);
	if (SPI_execute_with_args("SELECT crashpipe.crash_failed($1::uuid, $2, $3,"
							  " make_interval(secs => $4))",
							  4, argtypes, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not record the failure of crash %s", claim->id);
	worker_end_step();
}

/*
 * Run process_crash, turning an ERROR into a recorded failure of that crash.
 * FATAL errors (shutdown, lost postmaster) are not caught and end the worker.
 */
static void
process_or_record(const ClaimedCrash *claim)
{
	ErrorData  *edata;
	char	   *error;

	MemoryContextSwitchTo(worker_context);
	crashpipe_status_begin(claim->id);
	PG_TRY();
	{
		process_crash(claim);
		crashpipe_status_end(true);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(worker_context);
		edata = CopyErrorData();
		FlushErrorState();
		disable_timeout(STATEMENT_TIMEOUT, false);
		AbortCurrentTransaction();
		error = edata->detail
			? psprintf("%s: %s", edata->message, edata->detail)
			: pstrdup(edata->message);
		ereport(LOG,
				(errmsg("crashpipe processor failed on crash %s (attempt %d)",
						claim->id, claim->attempts),
				 errdetail("%s", error)));
		record_failure(claim, error);
		crashpipe_status_end(false);
		FreeErrorData(edata);
	}
	PG_END_TRY();
	MemoryContextReset(worker_context);
}

/* Claim and handle one crash; false when the queue had nothing ready. */
static bool
work_once(void)
{
	ClaimedCrash claim;
	char	   *error;

	if (!claim_crash(&claim))
		return false;
	if (claim.attempts > crashpipe_processor_max_attempts)
	{
		/* earlier claimers died or hit the lease: do not try a fourth time */
		MemoryContextSwitchTo(worker_context);
		error = psprintf("a worker stopped while processing this crash %d times",
						 claim.attempts - 1);
		crashpipe_status_begin(claim.id);
		record_failure(&claim, error);
		crashpipe_status_end(false);
		MemoryContextReset(worker_context);
		return true;
	}
	process_or_record(&claim);
	return true;
}

/*
 * On start-up, repair what a crash left behind: crashes claimed by workers
 * that no longer exist are claimable at once rather than when their lease
 * runs out (as pg_cron marks its in-progress runs before its loop).
 */
static void
reclaim_crashes(void)
{
	int			n;
	bool		isnull;

	worker_begin_step("crashpipe: reclaiming crashes of dead workers");
	if (SPI_execute("SELECT crashpipe.reclaim_crashes()", false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not reclaim crashes");
	n = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	worker_end_step();
	if (n > 0)
		ereport(LOG, (errmsg("crashpipe processor reclaimed %d crashes of workers that stopped", n)));
}

/* Sleep until woken, the naptime passes, or the postmaster dies. */
static void
wait_for_work(void)
{
	(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
					 crashpipe_processor_naptime, PG_WAIT_EXTENSION);
	ResetLatch(MyLatch);
}

/* Entry point of a processor worker. */
void
crashpipe_processor_main(Datum main_arg)
{
	bool		ready = false;

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnection(crashpipe_database, NULL, 0);
	worker_context = AllocSetContextCreate(TopMemoryContext, "crashpipe processor",
										   ALLOCSET_DEFAULT_SIZES);
	crashpipe_status_attach(DatumGetInt32(main_arg) - 1);
	elog(LOG, "crashpipe processor %d started in database \"%s\"",
		 DatumGetInt32(main_arg), crashpipe_database);

	for (;;)
	{
		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
		if (!ready && (ready = worker_extension_ready()))
			reclaim_crashes();
		if (!ready || !work_once())
			wait_for_work();
	}
}
