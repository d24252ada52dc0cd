/*-------------------------------------------------------------------------
 * extension/pg/signature_sql.c
 *	  SQL glue for the portable signature generator (extension/core/siggen):
 *	  crashpipe.signature (with the lists of crashpipe.siglists),
 *	  crashpipe.signature_with_lists (with candidate lists, for previews),
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
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "jsonb_jv.h"
#include "siglists_cache.h"

PG_FUNCTION_INFO_V1(crashpipe_signature);
PG_FUNCTION_INFO_V1(crashpipe_signature_with_lists);
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

/* The raw annotations argument as a tree (or NULL), freeing crash on error. */
static json_value *
annotations_tree(Jsonb *annotations, json_value *crash)
{
	json_value *tree = NULL;

	if (annotations == NULL)
		return NULL;
	PG_TRY();
	{
		tree = crashpipe_crash_to_jv(annotations, "annotations");
	}
	PG_CATCH();
	{
		jv_free(crash);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return tree;
}

/*
 * The (signature, proto_signature, notes) row of a crash (and its raw
 * annotations, or NULL) with the given lists.
 */
static Datum
signature_row(FunctionCallInfo fcinfo, const siggen_lists *lists,
			  Jsonb *annotations, Jsonb *crash)
{
	json_value *crash_tree = crashpipe_crash_to_jv(crash, "crash");
	json_value *ann_tree = annotations_tree(annotations, crash_tree);
	json_value *crash_data = siggen_crash_data(crash_tree, ann_tree);
	siggen_result res;
	int			rc = crash_data ? siggen_generate(lists, crash_data, &res) : -1;
	Datum		row;

	siggen_crash_data_free(crash_data);
	jv_free(ann_tree);
	jv_free(crash_tree);
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
 * crashpipe.signature([annotations jsonb,] crash jsonb) returns (signature,
 * proto_signature, notes): Socorro's signature of a crash with the lists
 * in crashpipe.siglists.
 */
Datum
crashpipe_signature(PG_FUNCTION_ARGS)
{
	const siggen_lists *lists = crashpipe_siglists_current();

	if (PG_NARGS() == 2)
		PG_RETURN_DATUM(signature_row(fcinfo, lists, PG_GETARG_JSONB_P(0), PG_GETARG_JSONB_P(1)));
	PG_RETURN_DATUM(signature_row(fcinfo, lists, NULL, PG_GETARG_JSONB_P(0)));
}

/*
 * crashpipe.signature_with_lists(annotations jsonb, crash jsonb, lists
 * jsonb): the same with candidate lists (see siglists_json.c).
 */
Datum
crashpipe_signature_with_lists(PG_FUNCTION_ARGS)
{
	const siggen_lists *lists = crashpipe_siglists_from_jsonb(fcinfo, PG_GETARG_JSONB_P(2));

	PG_RETURN_DATUM(signature_row(fcinfo, lists, PG_GETARG_JSONB_P(0), PG_GETARG_JSONB_P(1)));
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
