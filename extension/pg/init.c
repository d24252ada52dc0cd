/*-------------------------------------------------------------------------
 * extension/pg/init.c
 *	  Loading the crashpipe library: the crashpipe.* settings, and, when
 *	  loaded through shared_preload_libraries, the processor workers.
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
int			crashpipe_processor_max_attempts = 3;
int			crashpipe_processor_backoff = 10;

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

/* Library load: settings always, workers only when preloaded. */
void
_PG_init(void)
{
	define_postmaster_gucs();
	define_reloadable_gucs();
	MarkGUCPrefixReserved("crashpipe");

	if (process_shared_preload_libraries_in_progress)
	{
		crashpipe_status_init();
		crashpipe_register_processors(crashpipe_processor_workers);
	}
}
