/*-------------------------------------------------------------------------
 * extension/pg/siglists_json.c
 *	  Candidate signature lists given as jsonb, for previews of a list
 *	  edit: {"irrelevant": [...], "prefix": [...], "sentinels": [...],
 *	  "signatures_with_line_numbers": [...]}, each an array of entries in
 *	  order (a missing list is empty; crashpipe.signature_preview fills in
 *	  the lists it is not given from crashpipe.siglists).  Entries follow
 *	  the rules of crashpipe.siglists rows: one line, not blank, not a
 *	  # comment, and a regular expression that compiles.
 *
 *	  The compiled lists are cached in the calling expression (fn_extra)
 *	  under a copy of the jsonb they came from, so a query that previews
 *	  one set of lists over many crashes compiles them once.  They are
 *	  malloc'd by the generator and freed when that expression's memory
 *	  context goes away.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "utils/memutils.h"

#include "siglists_cache.h"

/* What one expression caches: the lists' jsonb and their compiled form. */
typedef struct lists_cache
{
	Jsonb	   *source;
	siggen_lists *lists;
	MemoryContextCallback free_callback;
} lists_cache;

/* The index of a list name, or -1. */
static int
list_index(const JsonbValue *key)
{
	int			i;

	for (i = 0; i < SIGGEN_NLISTS; i++)
		if (strlen(crashpipe_siglist_names[i]) == (size_t) key->val.string.len &&
			memcmp(crashpipe_siglist_names[i], key->val.string.val, key->val.string.len) == 0)
			return i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown signature list \"%.*s\"", key->val.string.len, key->val.string.val),
			 errhint("The lists are irrelevant, prefix, sentinels and signatures_with_line_numbers.")));
	return -1;					/* not reached */
}

/* Check one entry (number n of list) and add it to that list's text. */
static void
add_entry(StringInfo text, int list, int n, const JsonbValue *entry)
{
	const char *s;
	int			len;
	int			start = 0;

	if (entry->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("entry %d of signature list \"%s\" is not a string", n,
						crashpipe_siglist_names[list])));
	s = entry->val.string.val;
	len = entry->val.string.len;
	while (start < len && isspace((unsigned char) s[start]))
		start++;
	if (start == len || s[start] == '#' || memchr(s, '\n', len) || memchr(s, '\r', len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("entry %d of signature list \"%s\" is not a single pattern", n,
						crashpipe_siglist_names[list]),
				 errdetail("An entry is one line, not blank and not starting with #.")));
	if (text->len > 0)
		appendStringInfoChar(text, '\n');
	appendBinaryStringInfo(text, s, len);
}

/* Add the entries of one list (an array container) to its text. */
static void
read_list(StringInfo text, int list, const JsonbValue *array)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			n = 0;

	if (array->type != jbvBinary || !JsonContainerIsArray(array->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("signature list \"%s\" must be a JSON array of strings",
						crashpipe_siglist_names[list])));
	it = JsonbIteratorInit(array->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			add_entry(text, list, ++n, &v);
}

/* Fill texts (one per list) from the jsonb object of arrays. */
static void
read_lists(Jsonb *lists, StringInfoData texts[SIGGEN_NLISTS])
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			list = -1;

	if (!JB_ROOT_IS_OBJECT(lists) || JB_ROOT_IS_SCALAR(lists))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("signature lists must be a JSON object of arrays"),
				 errhint("For example {\"prefix\": [\"free$\", \"MyApp::Assert\"]}.")));
	it = JsonbIteratorInit(&lists->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			list = list_index(&v);
		else if (tok == WJB_VALUE)
			read_list(&texts[list], list, &v);
	}
}

/* Compile candidate lists, reporting a bad regex with its list and entry. */
static siggen_lists *
compile_lists(Jsonb *lists)
{
	StringInfoData texts[SIGGEN_NLISTS];
	const char *ptrs[SIGGEN_NLISTS];
	siggen_list_error where;
	siggen_lists *compiled;
	char		err[1024];
	int			i;

	for (i = 0; i < SIGGEN_NLISTS; i++)
		initStringInfo(&texts[i]);
	read_lists(lists, texts);
	for (i = 0; i < SIGGEN_NLISTS; i++)
		ptrs[i] = texts[i].len > 0 || i == SIGGEN_LIST_SENTINELS ? texts[i].data :
			CRASHPIPE_NO_MATCH_REGEX;
	compiled = siggen_lists_compile(ptrs, &where, err, sizeof(err));
	if (compiled == NULL && where.list >= 0 && where.line > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
				 errmsg("invalid regular expression in signature list \"%s\"",
						crashpipe_siglist_names[where.list]),
				 errdetail("Entry %d: %s.", where.line, where.reason),
				 errhint("Fix or remove that entry of the candidate lists.")));
	if (compiled == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
				 errmsg("could not compile the candidate signature lists"),
				 errdetail("The signature generator reported: %s.", err)));
	return compiled;
}

/* Memory context callback: free the compiled lists of a cache. */
static void
free_cached_lists(void *arg)
{
	lists_cache *cache = (lists_cache *) arg;

	siggen_lists_free(cache->lists);
	cache->lists = NULL;
}

/* The compiled form of candidate lists, cached in the calling expression. */
const siggen_lists *
crashpipe_siglists_from_jsonb(FunctionCallInfo fcinfo, Jsonb *lists)
{
	lists_cache *cache = (lists_cache *) fcinfo->flinfo->fn_extra;
	MemoryContext old;

	if (cache && cache->lists && VARSIZE(cache->source) == VARSIZE(lists) &&
		memcmp(cache->source, lists, VARSIZE(lists)) == 0)
		return cache->lists;
	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(lists_cache));
		cache->free_callback.func = free_cached_lists;
		cache->free_callback.arg = cache;
		MemoryContextRegisterResetCallback(fcinfo->flinfo->fn_mcxt, &cache->free_callback);
		fcinfo->flinfo->fn_extra = cache;
	}
	free_cached_lists(cache);
	if (cache->source)
		pfree(cache->source);
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cache->source = (Jsonb *) palloc(VARSIZE(lists));
	MemoryContextSwitchTo(old);
	memcpy(cache->source, lists, VARSIZE(lists));
	cache->lists = compile_lists(lists);
	return cache->lists;
}
