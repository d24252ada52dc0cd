/*-------------------------------------------------------------------------
 * extension/pg/process_sql.c
 *	  SQL glue for the processor rules (extension/core/processor):
 *	  crashpipe.processor_rules(crash_id, submitted_at, annotations,
 *	  metadata, dump_names, dumps, previous_notes, previous_history)
 *	  returns the processed crash as jsonb.  crashpipe.process_crash
 *	  (30_process.sql) calls it and stores the result.
 *
 *	  First every upload_file_minidump* dump is walked, with symbols from
 *	  symbol_supplier.c and a stop test that ends the walk when
 *	  crashpipe.stackwalk_time_limit has passed (the crash is then kept
 *	  with what the walk found and a note) or an interrupt is pending (it
 *	  is then served right after, so a cancel or the statement timeout
 *	  of the worker still ends the call).  Then the rules run; they call
 *	  nothing outside the core, so nothing can ereport while the core's
 *	  own (malloc'd) trees are alive.  Everything else lives in a memory
 *	  context deleted at the end.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "postmaster/bgworker.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"

#include "core_glue.h"
#include "crashpipe.h"
#include "processor.h"
#include "siglists_cache.h"
#include "symbol_supplier.h"

PG_FUNCTION_INFO_V1(crashpipe_processor_rules);

/* The dumps of one crash report, as the core takes them. */
typedef struct dump_list
{
	pc_dump    *dumps;
	int			count;
} dump_list;

/* A timestamp as Python's isoformat() writes it in UTC (micro-seconds when not 0). */
static char *
iso_timestamp(TimestampTz t)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (timestamp2tm(t, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	if (fsec == 0)
		return psprintf("%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year, tm.tm_mon,
						tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return psprintf("%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00", tm.tm_year, tm.tm_mon,
					tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int) fsec);
}

/* The names and bytes of the dumps, from two arrays of equal length. */
static dump_list
dumps_of(ArrayType *names, ArrayType *data)
{
	Datum	   *n, *d;
	bool	   *nn, *dn;
	int			count, dcount;
	dump_list	out;

	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &n, &nn, &count);
	deconstruct_array(data, BYTEAOID, -1, false, TYPALIGN_INT, &d, &dn, &dcount);
	if (count != dcount)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("dump_names and dumps differ in length"),
				 errdetail("%d names for %d dumps.", count, dcount)));
	out.count = count;
	out.dumps = palloc0(sizeof(pc_dump) * (count + 1));
	for (int i = 0; i < count; i++)
	{
		bytea	   *b;

		if (nn[i] || dn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("dump names and dumps must not be null")));
		b = DatumGetByteaPP(d[i]);
		out.dumps[i].name = TextDatumGetCString(n[i]);
		out.dumps[i].data = (const uint8_t *) VARDATA_ANY(b);
		out.dumps[i].len = VARSIZE_ANY_EXHDR(b);
	}
	return out;
}

/* Stop test of the walks: the time limit passed, or an interrupt waits. */
static bool
walk_should_stop(void *ctx)
{
	return InterruptPending || GetCurrentTimestamp() >= *(TimestampTz *) ctx;
}

/* Walk every upload_file_minidump* dump; the walks in *walks, their count returned. */
static int
walk_dumps(const dump_list *dl, pc_walk **walks)
{
	crashpipe_symbols symbols = crashpipe_symbols_open();
	TimestampTz deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(),
													   crashpipe_stackwalk_time_limit);
	int			n = 0;

	*walks = palloc0(sizeof(pc_walk) * (dl->count + 1));
	for (int i = 0; i < dl->count; i++)
	{
		if (strncmp(dl->dumps[i].name, "upload_file_minidump", 20) != 0)
			continue;
		if (!pc_walk_dump(&dl->dumps[i], symbols.lookup, symbols.ctx, walk_should_stop,
						  &deadline, &crashpipe_palloc_allocator, &(*walks)[n]))
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory"),
					 errdetail("Walking %s ran out of memory.", dl->dumps[i].name)));
		n++;
		CHECK_FOR_INTERRUPTS();
	}
	return n;
}

/* A jsonb argument as JSON text, or NULL when the argument is null. */
static char *
jsonb_text_arg(FunctionCallInfo fcinfo, int arg)
{
	Jsonb	   *j;

	if (PG_ARGISNULL(arg))
		return NULL;
	j = PG_GETARG_JSONB_P(arg);
	return JsonbToCString(NULL, &j->root, VARSIZE(j));
}

/* Turn a failed pc_process into an ereport. */
static void
report_failure(const pc_result *res)
{
	if (res->status == PC_BAD_INPUT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("annotations must be a JSON object"),
				 errdetail("%s.", res->error)));
	if (res->status == PC_TOO_LARGE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("processed crash is too large"),
				 errdetail("%s.", res->error)));
	ereport(ERROR,
			(errcode(ERRCODE_OUT_OF_MEMORY),
			 errmsg("out of memory"),
			 errdetail("The processor rules could not allocate memory.")));
}

/* The core's input from the call's arguments. */
static pc_input
rules_input(FunctionCallInfo fcinfo, const dump_list *dl, pc_walk *walks, int nwalks)
{
	pc_input	in;
	TimestampTz submitted = PG_GETARG_TIMESTAMPTZ(1);

	memset(&in, 0, sizeof(in));
	in.crash_id = DatumGetCString(DirectFunctionCall1(uuid_out, PG_GETARG_DATUM(0)));
	in.submitted_timestamp = iso_timestamp(submitted);
	in.submitted_epoch = (int64_t) timestamptz_to_time_t(submitted);
	in.started_datetime = iso_timestamp(GetCurrentTimestamp());
	in.host = MyBgworkerEntry ? pstrdup(MyBgworkerEntry->bgw_name) : psprintf("backend %d", MyProcPid);
	in.annotations = jsonb_text_arg(fcinfo, 2);
	in.metadata = jsonb_text_arg(fcinfo, 3);
	in.dumps = dl->dumps;
	in.ndumps = dl->count;
	in.walks = walks;
	in.nwalks = nwalks;
	in.previous_notes = PG_ARGISNULL(6) ? NULL : TextDatumGetCString(PG_GETARG_DATUM(6));
	in.previous_history = jsonb_text_arg(fcinfo, 7);
	in.siglists = crashpipe_siglists_current();
	return in;
}

/*
 * crashpipe.processor_rules(crash_id uuid, submitted_at timestamptz,
 * annotations jsonb, metadata jsonb, dump_names text[], dumps bytea[],
 * previous_notes text, previous_history jsonb) returns jsonb.
 */
Datum
crashpipe_processor_rules(PG_FUNCTION_ARGS)
{
	MemoryContext cxt;
	MemoryContext old;
	dump_list	dl;
	pc_walk    *walks;
	pc_input	in;
	pc_result	res;
	Datum		result;

	for (int i = 0; i < 6; i++)
		if (PG_ARGISNULL(i) && i != 3)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("only metadata, previous_notes and previous_history may be null")));
	cxt = AllocSetContextCreate(CurrentMemoryContext, "crashpipe processor rules",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	dl = dumps_of(PG_GETARG_ARRAYTYPE_P(4), PG_GETARG_ARRAYTYPE_P(5));
	in = rules_input(fcinfo, &dl, NULL, 0);
	in.nwalks = walk_dumps(&dl, &walks);
	in.walks = walks;
	pc_process(&in, &crashpipe_palloc_allocator, &res);
	if (res.json == NULL)
		report_failure(&res);
	MemoryContextSwitchTo(old);
	result = DirectFunctionCall1(jsonb_in, CStringGetDatum(res.json));
	MemoryContextDelete(cxt);
	PG_RETURN_DATUM(result);
}
