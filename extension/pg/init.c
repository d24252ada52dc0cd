/*-------------------------------------------------------------------------
 * extension/pg/init.c
 *	  Loading the crashpipe library: the crashpipe.* settings, and, when
 *	  loaded through shared_preload_libraries, the processor workers and
 *	  the scheduler.
 *
 *	  Without preloading, the SQL functions (minidump_info, ...) still work;
 *	  only the background processing is missing, and crashes stay queued.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "crashpipe.h"

PG_MODULE_MAGIC;

char	   *crashpipe_database = NULL;
int			crashpipe_processor_workers = 2;
int			crashpipe_processor_naptime = 250;
int			crashpipe_processor_time_limit = 60000;
int			crashpipe_stackwalk_time_limit = 30000;
int			crashpipe_processor_max_attempts = 3;
int			crashpipe_processor_backoff = 10;
bool		crashpipe_scheduler_enabled = true;
int			crashpipe_scheduler_naptime = 60;
int			crashpipe_retention_days = 0;
int			crashpipe_job_retry_after = 300;
char	   *crashpipe_symbol_paths = NULL;

void		_PG_init(void);

/* Settings fixed at server start. */
static void
define_postmaster_gucs(void)
{
	DefineCustomStringVariable("crashpipe.database",
							   "Database in which the crashpipe workers run.",
							   "The crashpipe extension must be created in this database.",
							   &crashpipe_database, "postgres",
							   PGC_POSTMASTER, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.processor_workers",
							"Number of background workers that process queued crashes.",
							NULL,
							&crashpipe_processor_workers, 2, 0, 64,
							PGC_POSTMASTER, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("crashpipe.scheduler_enabled",
							 "Starts the worker that runs the housekeeping jobs of crashpipe.jobs.",
							 NULL,
							 &crashpipe_scheduler_enabled, true,
							 PGC_POSTMASTER, 0, NULL, NULL, NULL);
}

/* Settings of the scheduler and its jobs. */
static void
define_job_gucs(void)
{
	DefineCustomIntVariable("crashpipe.scheduler_naptime",
							"Time between the scheduler's looks for due jobs.",
							NULL,
							&crashpipe_scheduler_naptime, 60, 1, 3600,
							PGC_SIGHUP, GUC_UNIT_S, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.retention_days",
							"Days of crashes the retention job keeps; older partitions are dropped.",
							"0 keeps every crash.",
							&crashpipe_retention_days, 0, 0, 100000,
							PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.job_retry_after",
							"Wait before a failed job is tried again.",
							NULL,
							&crashpipe_job_retry_after, 300, 1, 86400,
							PGC_SIGHUP, GUC_UNIT_S, NULL, NULL, NULL);
}

/* Settings a reload changes. */
static void
define_reloadable_gucs(void)
{
	DefineCustomIntVariable("crashpipe.processor_naptime",
							"Time a processor worker sleeps when the queue is empty.",
							NULL,
							&crashpipe_processor_naptime, 250, 10, 60000,
							PGC_SIGHUP, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.processor_time_limit",
							"Longest time one crash may take to process before it is failed.",
							NULL,
							&crashpipe_processor_time_limit, 60000, 100, 3600000,
							PGC_SIGHUP, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.stackwalk_time_limit",
							"Longest time the stack walks of one crash may take.",
							"Then the walk stops and the crash is kept with the frames found so far and a processor note.",
							&crashpipe_stackwalk_time_limit, 30000, 10, 3600000,
							PGC_SIGHUP, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.processor_max_attempts",
							"Processing attempts after which a crash is marked failed.",
							NULL,
							&crashpipe_processor_max_attempts, 3, 1, 100,
							PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.processor_backoff",
							"Wait before retrying a crash whose processing failed; doubles with each attempt.",
							NULL,
							&crashpipe_processor_backoff, 10, 0, 86400,
							PGC_SIGHUP, GUC_UNIT_S, NULL, NULL, NULL);
}

/* Settings only superusers may change, even per session. */
static void
define_superuser_gucs(void)
{
	DefineCustomStringVariable("crashpipe.symbol_paths",
							   "Comma-separated list of directories crashpipe.stackwalk reads Breakpad symbol files from.",
							   "Each directory is laid out as <debug_file>/<debug_id>/<name>.sym.  Empty means no symbols.",
							   &crashpipe_symbol_paths, "",
							   PGC_SUSET, 0, NULL, NULL, NULL);
}

/* Library load: settings always, workers only when preloaded. */
void
_PG_init(void)
{
	define_postmaster_gucs();
	define_reloadable_gucs();
	define_job_gucs();
	define_superuser_gucs();
	crashpipe_define_alert_gucs();
	MarkGUCPrefixReserved("crashpipe");

	if (process_shared_preload_libraries_in_progress)
	{
		crashpipe_status_init();
		crashpipe_register_processors(crashpipe_processor_workers);
		if (crashpipe_scheduler_enabled)
			crashpipe_register_scheduler();
	}
}
