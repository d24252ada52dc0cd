/*-------------------------------------------------------------------------
 * extension/pg/stackwalk_sql.c
 *	  SQL glue for the portable stack walker: crashpipe.stackwalk(dump
 *	  bytea, options jsonb) returns jsonb, the document rust-minidump's
 *	  "minidump-stackwalk --json" writes (see wk_json.c).
 *
 *	  Symbols come from the supplier of symbol_supplier.c.  Everything the
 *	  reader, the walker and the symbol supplier allocate lives in one
 *	  memory context made for the call and deleted at its end (or with
 *	  its parent when an error unwinds past us), so parsed .sym files do
 *	  not outlive the call.  The walker's frame and scan limits bound the
 *	  work, so no interrupt checks are needed inside it.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "core_glue.h"
#include "symbol_supplier.h"

/* Longest JSON text one walk may produce. */
#define STACKWALK_MAX_JSON	((size_t) 128 * 1024 * 1024)

PG_FUNCTION_INFO_V1(crashpipe_stackwalk);

/* Refuse options: none are defined yet, and a typo must not pass silently. */
static void
check_options(Jsonb *options)
{
	if (!JB_ROOT_IS_OBJECT(options) || JB_ROOT_IS_SCALAR(options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stackwalk options must be a jsonb object")));
	if (JB_ROOT_COUNT(options) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized stackwalk option"),
				 errdetail("No stackwalk options are defined yet; pass '{}'.")));
}

/* Walk the dump and return its JSON text (in the current context). */
static char *
walk_to_json(const uint8_t *bytes, size_t len)
{
	md_error	error;
	md_dump    *dump = md_open(bytes, len, &crashpipe_palloc_allocator, &error);
	crashpipe_symbols symbols;
	wk_result  *res;
	char	   *text;
	bool		too_large;

	if (dump == NULL)
		crashpipe_report_md_error(&error);
	symbols = crashpipe_symbols_open();
	CHECK_FOR_INTERRUPTS();
	res = wk_walk(dump, symbols.lookup, symbols.ctx, &crashpipe_palloc_allocator);
	if (res == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	text = wk_json(res, &crashpipe_palloc_allocator, STACKWALK_MAX_JSON,
				   &too_large);
	if (text == NULL && !too_large)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	if (text == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stack walk result is too large"),
				 errdetail("The JSON text would exceed %zu bytes.",
						   STACKWALK_MAX_JSON)));
	return text;
}

/*
 * crashpipe.stackwalk(dump bytea, options jsonb) returns jsonb: every
 * thread's stack, symbolized from crashpipe.symbol_paths.
 */
Datum
crashpipe_stackwalk(PG_FUNCTION_ARGS)
{
	bytea	   *raw = PG_GETARG_BYTEA_PP(0);
	MemoryContext walk_cxt;
	MemoryContext old;
	char	   *text;
	Datum		result;

	check_options(PG_GETARG_JSONB_P(1));
	walk_cxt = AllocSetContextCreate(CurrentMemoryContext,
									 "crashpipe stackwalk",
									 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(walk_cxt);
	text = walk_to_json((const uint8_t *) VARDATA_ANY(raw),
						VARSIZE_ANY_EXHDR(raw));
	MemoryContextSwitchTo(old);
	result = DirectFunctionCall1(jsonb_in, CStringGetDatum(text));
	MemoryContextDelete(walk_cxt);
	PG_FREE_IF_COPY(raw, 0);
	PG_RETURN_DATUM(result);
}
