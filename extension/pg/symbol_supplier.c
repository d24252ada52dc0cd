/*-------------------------------------------------------------------------
 * extension/pg/symbol_supplier.c
 *	  The symbol supplier of the walks run inside PostgreSQL: Breakpad's
 *	  SimpleSymbolSupplier over the directories of crashpipe.symbol_paths
 *	  (wk_symdir), each .sym parsed once per call and kept in the current
 *	  memory context.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/varlena.h"

#include "core_glue.h"
#include "crashpipe.h"
#include "symbol_supplier.h"

/* The directories of crashpipe.symbol_paths, as an array; count in *n. */
static const char **
symbol_dirs(int *n)
{
	List	   *dirs = NIL;
	const char **out;
	ListCell   *lc;

	*n = 0;
	if (crashpipe_symbol_paths == NULL || crashpipe_symbol_paths[0] == '\0')
		return NULL;
	if (!SplitDirectoriesString(pstrdup(crashpipe_symbol_paths), ',', &dirs))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid list syntax in parameter \"%s\"",
						"crashpipe.symbol_paths")));
	out = palloc(sizeof(char *) * (list_length(dirs) + 1));
	foreach(lc, dirs)
		out[(*n)++] = lfirst(lc);
	return out;
}

/* A supplier over crashpipe.symbol_paths, or none when it is empty. */
crashpipe_symbols
crashpipe_symbols_open(void)
{
	crashpipe_symbols s = {NULL, NULL};
	int			ndirs;
	const char **dirs = symbol_dirs(&ndirs);

	if (ndirs == 0)
		return s;
	s.ctx = wk_symdir_new(dirs, ndirs, &crashpipe_palloc_allocator);
	if (s.ctx == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	s.lookup = wk_symdir_lookup;
	return s;
}
