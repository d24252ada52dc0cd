/*-------------------------------------------------------------------------
 * extension/pg/crashpipe.h
 *	  Settings and entry points shared by the PostgreSQL side of crashpipe:
 *	  the GUC variables defined in init.c and the background workers in
 *	  bgworker/.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_H
#define CRASHPIPE_H

#include "postgres.h"

/* GUC variables (see init.c for their meaning) */
extern char *crashpipe_database;
extern int	crashpipe_processor_workers;
extern int	crashpipe_processor_naptime;
extern int	crashpipe_processor_time_limit;
extern int	crashpipe_stackwalk_time_limit;
extern int	crashpipe_processor_max_attempts;
extern int	crashpipe_processor_backoff;
extern bool crashpipe_scheduler_enabled;
extern int	crashpipe_scheduler_naptime;
extern int	crashpipe_retention_days;
extern int	crashpipe_job_retry_after;
extern char *crashpipe_symbol_paths;

/* extension/pg/alert_gucs.c */
extern void crashpipe_define_alert_gucs(void);

/* bgworker/status.c */
extern void crashpipe_status_init(void);
extern void crashpipe_status_attach(int index);
extern void crashpipe_status_begin(const char *crash_id);
extern void crashpipe_status_end(bool ok);

/* bgworker/scheduler.c */
extern void crashpipe_register_scheduler(void);
extern PGDLLEXPORT void crashpipe_scheduler_main(Datum main_arg);

/* bgworker/processor.c */
extern void crashpipe_register_processors(int count);
extern PGDLLEXPORT void crashpipe_processor_main(Datum main_arg);

#endif
