/*-------------------------------------------------------------------------
 * bgworker/worker_common.c
 *	  Transaction steps for the crashpipe background workers: each step is
 *	  a transaction with SPI and a snapshot, so no worker holds a
 *	  transaction across a wait, and pg_stat_activity says what it does.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "pgstat.h"
#include "utils/snapmgr.h"

#include "worker_common.h"

/* Open a transaction with SPI and a snapshot, reporting what it does. */
void
worker_begin_step(const char *activity)
{
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, activity);
}

/* Close what worker_begin_step opened and commit. */
void
worker_end_step(void)
{
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	pgstat_report_stat(false);
	pgstat_report_activity(STATE_IDLE, NULL);
}

/* Is CREATE EXTENSION crashpipe done in this database? */
bool
worker_extension_ready(void)
{
	bool		ready;

	worker_begin_step("crashpipe: waiting for CREATE EXTENSION crashpipe");
	if (SPI_execute("SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'crashpipe'",
					true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not look up the crashpipe extension");
	ready = SPI_processed == 1;
	worker_end_step();
	return ready;
}
