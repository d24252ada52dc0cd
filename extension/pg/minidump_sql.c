/*-------------------------------------------------------------------------
 * extension/pg/minidump_sql.c
 *	  SQL glue for the portable minidump reader: crashpipe.minidump_info
 *	  (bytea) returns jsonb.
 *
 *	  The core knows nothing of PostgreSQL.  Here it gets a palloc-based
 *	  allocator, so everything it allocates lives in the calling memory
 *	  context and is released with it even if an error unwinds past us;
 *	  its error codes become ereport()s; and its JSON text goes through
 *	  jsonb_in, the same parser a literal would.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/fmgrprotos.h"

#include "minidump.h"

PG_FUNCTION_INFO_V1(crashpipe_minidump_info);

/* Allocator callback: palloc that returns NULL when memory runs out. */
static void *
palloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return palloc_extended(size, MCXT_ALLOC_NO_OOM);
}

/* Allocator callback: pfree. */
static void
palloc_free(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

static const md_allocator palloc_allocator = {palloc_alloc, palloc_free, NULL};

/* Turn a core error into the matching ereport(ERROR). */
static void
report_error(const md_error *error)
{
	if (error->code == MD_ERR_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("%s", error->message)));
	if (error->code == MD_ERR_TOO_LARGE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("minidump summary is too large"),
				 errdetail("%s", error->message)));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid minidump"),
			 errdetail("%s", error->message),
			 errhint("The dump is truncated or is not a minidump (it must start with MDMP).")));
}

/*
 * crashpipe.minidump_info(dump bytea) returns jsonb: header, streams,
 * system info, crash info, threads and modules; see minidump_info.c.
 */
Datum
crashpipe_minidump_info(PG_FUNCTION_ARGS)
{
	bytea	   *raw = PG_GETARG_BYTEA_PP(0);
	md_error	error;
	md_dump    *dump;
	char	   *json;
	Datum		result;

	dump = md_open((const uint8_t *) VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw),
				   &palloc_allocator, &error);
	if (dump == NULL)
		report_error(&error);
	json = md_info_json(dump, &error);
	if (json == NULL)
		report_error(&error);
	md_close(dump);
	result = DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
	pfree(json);
	PG_FREE_IF_COPY(raw, 0);
	PG_RETURN_DATUM(result);
}
