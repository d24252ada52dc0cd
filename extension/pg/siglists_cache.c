/*-------------------------------------------------------------------------
 * extension/pg/siglists_cache.c
 *	  crashpipe.siglists compiled through the portable signature generator
 *	  and cached per backend.
 *
 *	  Cache invalidation: every statement that changes crashpipe.siglists
 *	  stamps crashpipe.siglists_version with a fresh value of a sequence
 *	  (trigger crashpipe.siglists_changed).  Stamps are never reused, even
 *	  when the changing transaction aborts, so "same stamp" means "same
 *	  lists".  Each call reads the stamp it can see (one indexed row) and
 *	  recompiles only when it differs from the cached one.  Stamp and lists
 *	  are read by one statement, so they come from the same snapshot: a
 *	  backend never caches new lists under an old stamp or the reverse.
 *
 *	  The compiled lists are malloc'd by the generator (PCRE2 owns its own
 *	  memory), so they live outside any memory context, are freed when
 *	  replaced, and nothing may ereport while a fresh set is unowned.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "siglists_cache.h"

/* Table values of crashpipe.siglists.list, indexed by siggen_list_kind. */
const char *const crashpipe_siglist_names[SIGGEN_NLISTS] = {
	"irrelevant", "prefix", "sentinels", "signatures_with_line_numbers"
};

/*
 * Stamp and the four list texts (entries in position order), one snapshot.
 * A regex list without entries becomes CRASHPIPE_NO_MATCH_REGEX ("(?!)"): the
 * generator, like Socorro, would join no entries into "^(?:)", which
 * matches every frame (every frame irrelevant, say).
 */
static const char *const load_query =
"SELECT (SELECT version FROM crashpipe.siglists_version),"
"       coalesce(string_agg(s.pattern, E'\\n' ORDER BY s.position),"
"                CASE n.list WHEN 'sentinels' THEN '' ELSE '" CRASHPIPE_NO_MATCH_REGEX "' END)"
"  FROM unnest('{irrelevant,prefix,sentinels,signatures_with_line_numbers}'::text[])"
"       WITH ORDINALITY AS n(list, i)"
"  LEFT JOIN crashpipe.siglists s ON s.list = n.list"
" GROUP BY n.i, n.list ORDER BY n.i";

static siggen_lists *cached_lists = NULL;
static int64 cached_version = 0;
static SPIPlanPtr version_plan = NULL;

/* The stamp of crashpipe.siglists this snapshot sees (0 if the row is gone). */
static int64
read_version(void)
{
	bool		isnull;
	Datum		d;

	if (version_plan == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare("SELECT version FROM crashpipe.siglists_version",
									   0, NULL);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		version_plan = plan;
	}
	if (SPI_execute_plan(version_plan, NULL, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "cannot read crashpipe.siglists_version");
	if (SPI_processed == 0)
		return 0;
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? 0 : DatumGetInt64(d);
}

/* Report a list the generator refused, naming the entry's list and position. */
static void
report_bad_list(bool read_only, const siggen_list_error *where, const char *err)
{
	Oid			argtypes[2] = {TEXTOID, INT4OID};
	Datum		args[2];
	int			position = where->line;
	char	   *pattern = NULL;

	if (where->list < 0 || where->line <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
				 errmsg("could not compile the signature lists"),
				 errdetail("The signature generator reported: %s.", err)));
	args[0] = CStringGetTextDatum(crashpipe_siglist_names[where->list]);
	args[1] = Int32GetDatum(where->line - 1);
	if (SPI_execute_with_args("SELECT position, pattern FROM crashpipe.siglists"
							  " WHERE list = $1 ORDER BY position OFFSET $2 LIMIT 1",
							  2, argtypes, args, NULL, read_only, 1) == SPI_OK_SELECT &&
		SPI_processed == 1)
	{
		position = atoi(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
		pattern = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
			 errmsg("invalid regular expression in signature list \"%s\"",
					crashpipe_siglist_names[where->list]),
			 errdetail("Line %d, \"%s\": %s.", position, pattern ? pattern : "?",
					   where->reason),
			 errhint("Fix or delete that entry; the previous lists stay in force.")));
}

/*
 * Compile crashpipe.siglists as this snapshot sees it; a trigger passes
 * read_only false, so SPI takes a snapshot that sees the statement's rows.
 */
siggen_lists *
crashpipe_siglists_compile(bool read_only, int64 *version)
{
	const char *texts[SIGGEN_NLISTS];
	siggen_list_error where;
	siggen_lists *lists;
	char		err[1024];
	bool		isnull;
	int			i;

	if (SPI_execute(load_query, read_only, 0) != SPI_OK_SELECT || SPI_processed != SIGGEN_NLISTS)
		elog(ERROR, "cannot read crashpipe.siglists");
	for (i = 0; i < SIGGEN_NLISTS; i++)
		texts[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
	*version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
										   1, &isnull));
	if (isnull)
		*version = 0;
	lists = siggen_lists_compile(texts, &where, err, sizeof(err));
	if (lists == NULL)
		report_bad_list(read_only, &where, err);
	return lists;
}

/* The lists for this call, recompiled when the committed stamp moved. */
const siggen_lists *
crashpipe_siglists_current(void)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (cached_lists == NULL || read_version() != cached_version)
	{
		int64		version;
		siggen_lists *fresh = crashpipe_siglists_compile(true, &version);

		siggen_lists_free(cached_lists);
		cached_lists = fresh;
		cached_version = version;
	}
	SPI_finish();
	return cached_lists;
}
