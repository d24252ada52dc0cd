/*-------------------------------------------------------------------------
 * extension/pg/signature_sql.c
 *	  SQL glue for the portable signature generator (extension/core/siggen):
 *	  crashpipe.signature (a crash of any shape, with the lists of
 *	  crashpipe.siglists), crashpipe.processed_signature (a stored
 *	  processed crash, with those lists or candidate ones, for resignature
 *	  and previews),
 *	  crashpipe.signature_crash_data, and the trigger that checks and
 *	  stamps crashpipe.siglists edits.
 *
 *	  The generator knows nothing of PostgreSQL and allocates with malloc,
 *	  so the crash is handed over as a json_value tree (jsonb_jv.c), and
 *	  everything it returns is copied into palloc'd Datums and freed before
 *	  anything can ereport.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "jsonb_jv.h"
#include "siglists_cache.h"

PG_FUNCTION_INFO_V1(crashpipe_signature);
PG_FUNCTION_INFO_V1(crashpipe_processed_signature);
PG_FUNCTION_INFO_V1(crashpipe_signature_crash_data);
PG_FUNCTION_INFO_V1(crashpipe_siglists_changed);

/* The generator's notes as a text[] (empty when there are none). */
static Datum
notes_array(const siggen_result *res)
{
	Datum	   *items;
	int			i;

	if (res->nnotes == 0)
		return PointerGetDatum(construct_empty_array(TEXTOID));
	items = palloc(sizeof(Datum) * res->nnotes);
	for (i = 0; i < res->nnotes; i++)
		items[i] = CStringGetTextDatum(res->notes[i]);
	return PointerGetDatum(construct_array(items, res->nnotes, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

/* The generator's debug lines joined by newlines, as signature_debug holds them. */
static Datum
debug_text(const siggen_result *res)
{
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	for (i = 0; i < res->ndebug; i++)
		appendStringInfo(&out, "%s%s", i > 0 ? "\n" : "", res->debug[i]);
	return PointerGetDatum(cstring_to_text_with_len(out.data, out.len));
}

/*
 * The result row of one generation: (signature, proto_signature, notes),
 * and debug when the function's row type has a fourth column.
 */
static Datum
result_row(FunctionCallInfo fcinfo, const siggen_result *res)
{
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, res->proto_signature == NULL, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = CStringGetTextDatum(res->signature ? res->signature : "");
	values[1] = res->proto_signature ? CStringGetTextDatum(res->proto_signature) : (Datum) 0;
	values[2] = notes_array(res);
	if (tupdesc->natts > 3)
		values[3] = debug_text(res);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}

/*
 * The (signature, proto_signature, notes[, debug]) row of a crash with the
 * given lists: a crash of any shape (siggen_crash_data), or with processed
 * a processed crash read as the processor reads it.
 */
static Datum
signature_row(FunctionCallInfo fcinfo, const siggen_lists *lists, Jsonb *crash, bool processed)
{
	json_value *tree = crashpipe_crash_to_jv(crash, processed ? "processed crash" : "crash");
	json_value *crash_data = processed ?
		siggen_processed_crash_data(tree, NULL, jv_get(tree, "json_dump")) :
		siggen_crash_data(tree, NULL);
	siggen_result res;
	int			rc = crash_data ? siggen_generate(lists, crash_data, &res) : -1;
	volatile Datum row = (Datum) 0;

	siggen_crash_data_free(crash_data);
	jv_free(tree);
	if (rc != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("Signature generation could not allocate memory.")));
	PG_TRY();
	{
		row = result_row(fcinfo, &res);
	}
	PG_FINALLY();
	{
		siggen_result_free(&res);
	}
	PG_END_TRY();
	return row;
}

/*
 * crashpipe.signature(crash jsonb) returns (signature, proto_signature,
 * notes): Socorro's signature of a crash with the lists in crashpipe.siglists.
 */
Datum
crashpipe_signature(PG_FUNCTION_ARGS)
{
	const siggen_lists *lists = crashpipe_siglists_current();

	PG_RETURN_DATUM(signature_row(fcinfo, lists, PG_GETARG_JSONB_P(0), false));
}

/*
 * crashpipe.processed_signature(processed jsonb [, lists jsonb]) returns
 * (signature, proto_signature, notes, debug): a stored processed crash
 * signed as the processor signs it, with crashpipe.siglists or with
 * candidate lists (see siglists_json.c).
 */
Datum
crashpipe_processed_signature(PG_FUNCTION_ARGS)
{
	const siggen_lists *lists = PG_NARGS() > 1 ?
		crashpipe_siglists_from_jsonb(fcinfo, PG_GETARG_JSONB_P(1)) :
		crashpipe_siglists_current();

	PG_RETURN_DATUM(signature_row(fcinfo, lists, PG_GETARG_JSONB_P(0), true));
}

/* crashpipe.signature_crash_data(crash jsonb): the crash_data object it reads. */
Datum
crashpipe_signature_crash_data(PG_FUNCTION_ARGS)
{
	json_value *crash_tree = crashpipe_crash_to_jv(PG_GETARG_JSONB_P(0), "crash");
	json_value *crash_data = siggen_crash_data(crash_tree, NULL);
	Jsonb	   *out = NULL;

	PG_TRY();
	{
		if (crash_data == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory")));
		out = crashpipe_jv_to_jsonb(crash_data);
	}
	PG_FINALLY();
	{
		siggen_crash_data_free(crash_data);
		jv_free(crash_tree);
	}
	PG_END_TRY();
	PG_RETURN_JSONB_P(out);
}

/*
 * Statement trigger on crashpipe.siglists: compile the lists as the
 * statement left them (a bad entry aborts it), then stamp a new version.
 */
Datum
crashpipe_siglists_changed(PG_FUNCTION_ARGS)
{
	int64		version;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("crashpipe.siglists_changed() must be called as a trigger")));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	siggen_lists_free(crashpipe_siglists_compile(false, &version));
	if (SPI_execute("INSERT INTO crashpipe.siglists_version AS v (version)"
					" VALUES (nextval('crashpipe.siglists_version_seq'))"
					" ON CONFLICT (id) DO UPDATE"
					" SET version = excluded.version, changed_at = now()",
					false, 0) != SPI_OK_INSERT)
		elog(ERROR, "cannot stamp crashpipe.siglists_version");
	SPI_finish();
	return PointerGetDatum(NULL);
}
