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

#include "core_glue.h"
#include "minidump.h"

PG_FUNCTION_INFO_V1(crashpipe_minidump_info);

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
				   &crashpipe_palloc_allocator, &error);
	if (dump == NULL)
		crashpipe_report_md_error(&error);
	json = md_info_json(dump, &error);
	if (json == NULL)
		crashpipe_report_md_error(&error);
	md_close(dump);
	result = DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
	pfree(json);
	PG_FREE_IF_COPY(raw, 0);
	PG_RETURN_DATUM(result);
}
