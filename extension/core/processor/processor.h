/*-------------------------------------------------------------------------
 * extension/core/processor/processor.h
 *	  Socorro's processor rules in portable C: turning a raw crash (the
 *	  annotations, the collector's metadata and the dumps) into the
 *	  processed crash, with Socorro's field names and value formats.
 *
 *	  Processing is two calls.  pc_walk_dump walks one minidump (symbols
 *	  and a stop test come from callbacks, which may do I/O).  pc_process
 *	  then runs the rules of pc_rules.c in their fixed order on the
 *	  annotations and those walks, and writes the processed crash as one
 *	  JSON text; it calls nothing outside the core, so it cannot be
 *	  interrupted half-way with memory of its own still held.
 *
 *	  No postgres.h: memory comes from an md_allocator, so the same code
 *	  runs in the server, the unit tests and the fuzzer.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_PROCESSOR_H
#define CRASHPIPE_PROCESSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "md_alloc.h"
#include "siggen.h"
#include "walker.h"

/* Longest processed crash text pc_process writes. */
#define PC_MAX_JSON			((size_t) 192 * 1024 * 1024)

/* One part of the crash report: its form-part name and bytes. */
typedef struct pc_dump
{
	const char *name;
	const uint8_t *data;
	size_t		len;
} pc_dump;

/*
 * What walking one minidump gave.  status is the mdsw_status_string
 * Socorro stores: "OK", "EmptyMinidump", "ERROR_NO_MINIDUMP_HEADER" (not
 * a readable minidump), "ERROR_TOO_LARGE" or "ERROR_TIMEOUT" (the walk
 * was stopped; json holds what it found).  return_code is what Socorro
 * records as mdsw_return_code: 0, 1 for a failure, -9 for a walker it
 * killed at its time limit.
 */
typedef struct pc_walk
{
	const char *name;			/* the dump's name */
	char	   *json;			/* the walk as rust-minidump JSON, or NULL */
	const char *status;
	int			return_code;
	char		detail[256];	/* why it failed or stopped; "" when OK */
} pc_walk;

/*
 * Walk dump into out (json allocated with allocator).  A dump that is
 * empty or not a minidump, or a walk stopped by stop, is reported in out
 * and is not an error; false only when memory ran out.
 */
extern bool pc_walk_dump(const pc_dump *dump, wk_symbol_fn symbols, void *symbols_ctx,
						 wk_stop_fn stop, void *stop_ctx,
						 const md_allocator *allocator, pc_walk *out);

/* Everything the rules read. */
typedef struct pc_input
{
	const char *crash_id;		/* lower-case UUID */
	const char *submitted_timestamp;	/* ISO 8601, as date_processed */
	int64_t		submitted_epoch;	/* the same in whole seconds */
	const char *started_datetime;	/* ISO 8601: when processing began */
	const char *host;			/* who processes, for the start note */
	const char *annotations;	/* JSON object text */
	const char *metadata;		/* JSON object text, or NULL */
	const pc_dump *dumps;		/* every part of the report */
	int			ndumps;
	const pc_walk *walks;		/* walks of the upload_file_minidump* parts */
	int			nwalks;
	const char *previous_notes; /* processor_notes being replaced, or NULL */
	const char *previous_history;	/* their processor_history (JSON array), or NULL */
	const siggen_lists *siglists;
} pc_input;

typedef enum pc_status
{
	PC_OK = 0,
	PC_NOMEM,					/* an allocation failed */
	PC_TOO_LARGE,				/* the processed crash would pass PC_MAX_JSON */
	PC_BAD_INPUT				/* annotations are not a JSON object */
} pc_status;

/* The processed crash, or why there is none. */
typedef struct pc_result
{
	pc_status	status;
	char	   *json;			/* allocator memory; NULL unless PC_OK */
	char		error[256];
} pc_result;

extern void pc_process(const pc_input *in, const md_allocator *allocator,
					   pc_result *out);

/* The rules in the order pc_process runs them (for documentation and tests). */
extern int	pc_rule_count(void);
extern const char *pc_rule_name(int index);

#endif							/* CRASHPIPE_PROCESSOR_H */
