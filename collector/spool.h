/*-------------------------------------------------------------------------
 * collector/spool.h
 *	  Reports accepted while the database is down: written durably to a
 *	  spool directory before the client hears its crash id, and stored by
 *	  a replay thread once the database answers again.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_SPOOL_H
#define COLLECTOR_SPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "pgpool.h"
#include "report.h"
#include "spool_file.h"

typedef struct Spool Spool;

extern Spool *spool_start(const char *dir, PgPool *pool);
extern void spool_stop(Spool *spool);
extern bool spool_write(Spool *spool, const char *crash_id, const Report *report,
						const char *metadata, char *error, size_t errcap);

#endif							/* COLLECTOR_SPOOL_H */
