/*-------------------------------------------------------------------------
 * collector/crashid.h
 *	  Crash ids made by the collector when a report arrives, so that the
 *	  one id travels with the report through every retry and the database
 *	  stores it once however often the call is repeated.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_CRASHID_H
#define COLLECTOR_CRASHID_H

#include <stdbool.h>
#include <time.h>

#define CRASHID_LEN 36

extern bool crashid_new(time_t now, char out[CRASHID_LEN + 1]);

#endif							/* COLLECTOR_CRASHID_H */
