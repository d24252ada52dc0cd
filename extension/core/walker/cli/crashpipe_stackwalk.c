/*-------------------------------------------------------------------------
 * extension/core/walker/cli/crashpipe_stackwalk.c
 *	  crashpipe-stackwalk [-m] DUMP [SYMBOL_DIR ...]: walk a minidump's
 *	  threads and print them in Breakpad's human-readable format, or with
 *	  -m its machine-readable one, with the same arguments as Breakpad's
 *	  minidump_stackwalk, so the two can be diffed.
 *
 *	  Exits 0 on success, 1 if the dump cannot be read or walked (with
 *	  nothing on stdout, as minidump_stackwalk does), 2 on bad usage.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walker.h"

/* Read a whole file; NULL on failure. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf = NULL;
	long		size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
		fseek(f, 0, SEEK_SET) == 0 &&
		(buf = malloc((size_t) size + 1)) != NULL)
		*len = fread(buf, 1, (size_t) size, f);
	fclose(f);
	return buf;
}

/* Walk the dump with symbols from dirs and print it; the exit status. */
static int
stackwalk(const uint8_t *data, size_t len, const char *const *dirs, int ndirs,
		  bool machine)
{
	md_error	err;
	md_dump    *dump = md_open(data, len, NULL, &err);
	wk_symdir  *syms;
	wk_result  *res;
	int			rc = 1;

	if (dump == NULL)
	{
		fprintf(stderr, "crashpipe-stackwalk: %s\n", err.message);
		return 1;
	}
	syms = wk_symdir_new(dirs, ndirs, NULL);
	res = syms ? wk_walk(dump, ndirs > 0 ? wk_symdir_lookup : NULL, syms,
						 NULL) : NULL;
	if (res && dump->has_thread_list)
	{
		if (machine)
			wk_print_machine(res, stdout);
		else
			wk_print_human(res, stdout);
		rc = 0;
	}
	else
		fprintf(stderr, "crashpipe-stackwalk: dump has no thread list\n");
	wk_free(res);
	wk_symdir_free(syms);
	md_close(dump);
	return rc;
}

/* Parse the arguments, read the dump, walk it. */
int
main(int argc, char **argv)
{
	int			first = 1;
	uint8_t    *data;
	size_t		len = 0;
	int			rc;

	if (argc > 1 && strcmp(argv[1], "-m") == 0)
		first = 2;
	if (argc <= first)
	{
		fprintf(stderr, "usage: crashpipe-stackwalk [-m] DUMP [SYMBOL_DIR ...]\n");
		return 2;
	}
	data = slurp(argv[first], &len);
	if (data == NULL)
	{
		fprintf(stderr, "crashpipe-stackwalk: cannot read %s\n", argv[first]);
		return 1;
	}
	rc = stackwalk(data, len, (const char *const *) argv + first + 1,
				   argc - first - 1, first == 2);
	free(data);
	return rc;
}
