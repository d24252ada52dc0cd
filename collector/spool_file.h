/*-------------------------------------------------------------------------
 * collector/spool_file.h
 *	  One spooled report as a file: writing its bytes, reading it back.
 *	  Kept apart from spool.h so it builds without libpq (unit tests).
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_SPOOL_FILE_H
#define COLLECTOR_SPOOL_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "buffer.h"
#include "report.h"

extern bool spool_encode(const Report *report, const char *metadata, Buffer *out);
extern bool spool_read(const char *path, Report *report, char **metadata,
					   char *error, size_t errcap);

#endif							/* COLLECTOR_SPOOL_FILE_H */
