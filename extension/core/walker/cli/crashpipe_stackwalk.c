/*-------------------------------------------------------------------------
 * extension/core/walker/cli/crashpipe_stackwalk.c
 *	  crashpipe-stackwalk [--json|--human|-m] [--symbols-dir DIR ...]
 *	  [--symbol-cache DIR] DUMP [SYMBOL_DIR ...]: walk a minidump's threads and print them as
 *	  rust-minidump's JSON, Breakpad's human-readable format (the
 *	  default) or Breakpad's -m machine-readable one.  Symbol directories
 *	  may also follow the dump, as minidump_stackwalk takes them, so the
 *	  two programs can be run with the same arguments and diffed.
 *
 *	  Exits 0 on success, 1 if the dump cannot be read or walked (with
 *	  nothing on stdout, as minidump_stackwalk does), 2 on bad usage.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walker.h"

#define MAX_JSON	((size_t) 1 << 30)

typedef enum output_format
{
	FORMAT_HUMAN,
	FORMAT_MACHINE,
	FORMAT_JSON
} output_format;

/* The parsed command line. */
typedef struct options
{
	output_format format;
	const char *dump;
	const char *cache_dir;		/* --symbol-cache, or NULL */
	int			ndirs;
	const char **dirs;
} options;

static const char usage[] =
	"usage: crashpipe-stackwalk [--json|--human|-m] [--symbols-dir DIR ...] [--symbol-cache DIR]\n"
	"                           DUMP [SYMBOL_DIR ...]\n"
	"  --human            Breakpad's human-readable output (the default)\n"
	"  -m                 Breakpad's machine-readable output (minidump_stackwalk -m)\n"
	"  --json             rust-minidump's JSON (minidump-stackwalk --json)\n"
	"  --symbols-dir DIR  a directory of DEBUG_FILE/DEBUG_ID/NAME.sym files;\n"
	"                     repeatable, and directories after DUMP count too\n"
	"  --symbol-cache DIR keep each .sym's built symbol cache in DIR and map it\n"
	"                     on later runs instead of parsing the .sym again\n";

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

/* Print the walk in the chosen format; false if JSON could not be made. */
static bool
print_walk(const wk_result *res, output_format format)
{
	char	   *json;
	bool		too_large;

	if (format == FORMAT_MACHINE)
		wk_print_machine(res, stdout);
	else if (format == FORMAT_HUMAN)
		wk_print_human(res, stdout);
	else
	{
		if ((json = wk_json(res, NULL, MAX_JSON, &too_large)) == NULL)
		{
			fprintf(stderr, "crashpipe-stackwalk: %s\n", too_large ?
					"the JSON output would exceed 1 GiB" : "out of memory");
			return false;
		}
		puts(json);
		free(json);
	}
	return true;
}

/* Walk the dump with symbols from the directories and print it; the exit status. */
static int
stackwalk(const uint8_t *data, size_t len, const options *opt)
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
	syms = wk_symdir_new(opt->dirs, opt->ndirs, NULL);
	if (syms && opt->cache_dir)
		wk_symdir_set_cache(syms, opt->cache_dir);
	res = syms ? wk_walk(dump, opt->ndirs > 0 ? wk_symdir_lookup : NULL, syms,
						 NULL) : NULL;
	if (res == NULL)
		fprintf(stderr, "crashpipe-stackwalk: out of memory\n");
	else if (!dump->has_thread_list)
		fprintf(stderr, "crashpipe-stackwalk: dump has no thread list\n");
	else if (print_walk(res, opt->format))
		rc = 0;
	wk_free(res);
	wk_symdir_free(syms);
	md_close(dump);
	return rc;
}

/* Take one option at argv[*i]; false on a bad one. */
static bool
parse_option(int argc, char **argv, int *i, options *opt)
{
	const char *a = argv[*i];

	if (strcmp(a, "-m") == 0)
		opt->format = FORMAT_MACHINE;
	else if (strcmp(a, "--human") == 0)
		opt->format = FORMAT_HUMAN;
	else if (strcmp(a, "--json") == 0)
		opt->format = FORMAT_JSON;
	else if (strncmp(a, "--symbols-dir=", 14) == 0 && a[14] != '\0')
		opt->dirs[opt->ndirs++] = a + 14;
	else if (strcmp(a, "--symbols-dir") == 0 && *i + 1 < argc)
		opt->dirs[opt->ndirs++] = argv[++*i];
	else if (strcmp(a, "--symbol-cache") == 0 && *i + 1 < argc)
		opt->cache_dir = argv[++*i];
	else
		return false;
	return true;
}

/* Parse the command line into opt; false (after a message) on bad usage. */
static bool
parse_args(int argc, char **argv, options *opt)
{
	int			i;

	memset(opt, 0, sizeof(*opt));
	if ((opt->dirs = calloc((size_t) argc, sizeof(char *))) == NULL)
		return false;
	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
		{
			fputs(usage, stdout);
			exit(0);
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
		{
			if (!parse_option(argc, argv, &i, opt))
			{
				fprintf(stderr, "crashpipe-stackwalk: bad option %s\n%s",
						argv[i], usage);
				return false;
			}
		}
		else if (opt->dump == NULL)
			opt->dump = argv[i];
		else
			opt->dirs[opt->ndirs++] = argv[i];
	}
	if (opt->dump == NULL)
		fputs(usage, stderr);
	return opt->dump != NULL;
}

/* Parse the arguments, read the dump, walk it. */
int
main(int argc, char **argv)
{
	options		opt;
	uint8_t    *data;
	size_t		len = 0;
	int			rc;

	if (!parse_args(argc, argv, &opt))
		return 2;
	data = slurp(opt.dump, &len);
	if (data == NULL)
	{
		fprintf(stderr, "crashpipe-stackwalk: cannot read %s\n", opt.dump);
		return 1;
	}
	rc = stackwalk(data, len, &opt);
	free(data);
	free(opt.dirs);
	return rc;
}
