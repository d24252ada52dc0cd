/*-------------------------------------------------------------------------
 * extension/pg/signature_sql.c
 *	  SQL glue for the portable signature generator (extension/core/siggen):
 *	  crashpipe.signature_generate(jsonb), which crashpipe.signature calls,
 *	  and the trigger that checks and stamps crashpipe.siglists edits.
 *
 *	  The generator knows nothing of PostgreSQL and allocates with malloc,
 *	  so the crash is handed over as JSON text, and everything it returns
 *	  is copied into palloc'd Datums and freed before anything can ereport.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "siglists_cache.h"

PG_FUNCTION_INFO_V1(crashpipe_signature_generate);
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

/* The result row (signature, proto_signature, notes) of one generation. */
static Datum
result_row(FunctionCallInfo fcinfo, const siggen_result *res)
{
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, res->proto_signature == NULL, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = CStringGetTextDatum(res->signature ? res->signature : "");
	values[1] = res->proto_signature ? CStringGetTextDatum(res->proto_signature) : (Datum) 0;
	values[2] = notes_array(res);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}

/* Parse the crash (a jsonb object) into the generator's JSON tree. */
static json_value *
crash_data_tree(Jsonb *crash)
{
	char	   *text;
	char		err[256];
	json_value *tree;

	if (!JB_ROOT_IS_OBJECT(crash) || JB_ROOT_IS_SCALAR(crash))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("crash data must be a JSON object"),
				 errhint("Pass a crash_data object or a processed crash.")));
	text = JsonbToCString(NULL, &crash->root, VARSIZE(crash));
	tree = jv_parse(text, strlen(text), NULL, err, sizeof(err));
	pfree(text);
	if (tree == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("crash data is too large or too deeply nested for signature generation"),
				 errdetail("The signature generator's JSON reader said: %s.", err)));
	return tree;
}

/*
 * crashpipe.signature_generate(crash_data jsonb) returns (signature,
 * proto_signature, notes): Socorro's signature of one crash_data object
 * with the lists in crashpipe.siglists.
 */
Datum
crashpipe_signature_generate(PG_FUNCTION_ARGS)
{
	Jsonb	   *crash = PG_GETARG_JSONB_P(0);
	const siggen_lists *lists = crashpipe_siglists_current();
	json_value *tree = crash_data_tree(crash);
	siggen_result res;
	int			rc;
	Datum		row;

	rc = siggen_generate(lists, tree, &res);
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
	PG_RETURN_DATUM(row);
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
