/*-------------------------------------------------------------------------
 * tests/bench/bench_signatures.c
 *	  Signatures per second per core of the portable generator, on two
 *	  sets of crashes: the stacks of every test dump in ../shared/testdata
 *	  (walked here with their symbols, signed as processed crashes with
 *	  crashpipe's own lists), plus the real Firefox ESR crash of
 *	  tests/data; and the crash_data of the pipeline cases of Socorro's
 *	  oracle (cases.json, with Socorro's own lists).
 *
 *	  Socorro's generator (Python) cannot be installed here, so there is
 *	  no peer to run; each rate is printed against the 100,000 per second
 *	  target and against a plain JSON parse of the same input by the same
 *	  parser, measured in the same run.  Times are CPU time of this one
 *	  thread, so they are per core even on a busy machine.
 *
 *	  Usage: bench_signatures REPO TESTDATA [SECONDS]
 *-------------------------------------------------------------------------
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_value.h"
#include "siggen.h"
#include "walker.h"

#define MAX_INPUTS 512

/* One set of inputs: their JSON texts and parsed trees. */
typedef struct input_set
{
	const char *name;
	int			count;
	char	   *texts[MAX_INPUTS];
	size_t		lens[MAX_INPUTS];
	json_value *trees[MAX_INPUTS];
} input_set;

static double budget = 2.0;		/* CPU seconds per measurement */

/* CPU seconds used by this thread. */
static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read a whole file; NULL on failure. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	long		size;

	if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
		fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t) size + 1)) != NULL)
	{
		*len = fread(buf, 1, (size_t) size, f);
		buf[*len] = '\0';
	}
	if (f)
		fclose(f);
	return buf;
}

/* Add a JSON text (taken over) to a set, parsed. */
static void
add_input(input_set *set, char *text)
{
	char		err[256];

	if (set->count == MAX_INPUTS || !text)
	{
		free(text);
		return;
	}
	set->lens[set->count] = strlen(text);
	set->trees[set->count] = jv_parse(text, set->lens[set->count], NULL, err, sizeof(err));
	if (!set->trees[set->count])
	{
		fprintf(stderr, "bench_signatures: %s: %s\n", set->name, err);
		free(text);
		return;
	}
	set->texts[set->count++] = text;
}

/* A dump walked with the symbols beside it, as a processed crash's JSON. */
static char *
walked_dump(const char *dir, const char *file)
{
	char		path[4096];
	char		syms[4096];
	const char *dirs[1] = {syms};
	size_t		len = 0;
	char	   *data;
	md_error	err;
	md_dump    *dump;
	wk_symdir  *symdir;
	wk_result  *res;
	char	   *json = NULL;
	char	   *out = NULL;
	bool		too_large;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(syms, sizeof(syms), "%s/symbols", dir);
	data = slurp(path, &len);
	dump = data ? md_open((const uint8_t *) data, len, NULL, &err) : NULL;
	symdir = dump ? wk_symdir_new(dirs, 1, NULL) : NULL;
	res = symdir ? wk_walk(dump, wk_symdir_lookup, symdir, NULL) : NULL;
	if (res)
		json = wk_json(res, wk_symdir_lookup, symdir, NULL, 64 * 1024 * 1024, &too_large);
	if (json && (out = malloc(strlen(json) + 16)) != NULL)
		sprintf(out, "{\"json_dump\":%s}", json);
	md_free_raw(&md_malloc_allocator, json);
	wk_free(res);
	wk_symdir_free(symdir);
	if (dump)
		md_close(dump);
	free(data);
	return out;
}

/* Every binary test dump (those the walker reads) of one directory. */
static void
add_dumps(input_set *set, const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL)
		if (strlen(e->d_name) > 4 && strcmp(e->d_name + strlen(e->d_name) - 4, ".dmp") == 0)
			add_input(set, walked_dump(dir, e->d_name));
	if (d)
		closedir(d);
}

/* Every line of a JSON-lines file as one input. */
static void
add_lines(input_set *set, const char *path)
{
	size_t		len = 0;
	char	   *text = slurp(path, &len);
	char	   *line = text;

	while (line && *line)
	{
		char	   *nl = strchr(line, '\n');
		size_t		n = nl ? (size_t) (nl - line) : strlen(line);

		if (n > 0)
			add_input(set, strndup(line, n));
		line = nl ? nl + 1 : NULL;
	}
	free(text);
}

/* Sign every tree of a set once; false when generation failed. */
static bool
sign_all(const siggen_lists *lists, const input_set *set)
{
	int			i;

	for (i = 0; i < set->count; i++)
	{
		json_value *cd = siggen_crash_data(set->trees[i], NULL);
		siggen_result res;

		if (!cd || siggen_generate(lists, cd, &res) != 0)
		{
			siggen_crash_data_free(cd);
			return false;
		}
		siggen_result_free(&res);
		siggen_crash_data_free(cd);
	}
	return true;
}

/* Parse every text of a set once. */
static bool
parse_all(const input_set *set)
{
	char		err[256];
	int			i;

	for (i = 0; i < set->count; i++)
	{
		json_value *v = jv_parse(set->texts[i], set->lens[i], NULL, err, sizeof(err));

		if (!v)
			return false;
		jv_free(v);
	}
	return true;
}

/* Per-item rate of one of the passes above, over about budget CPU seconds. */
static double
rate(const siggen_lists *lists, const input_set *set, bool parse)
{
	double		start = cpu_now();
	double		elapsed;
	long		rounds = 0;

	do
	{
		if (!(parse ? parse_all(set) : sign_all(lists, set)))
		{
			fprintf(stderr, "bench_signatures: %s failed on %s\n",
					parse ? "parsing" : "signing", set->name);
			exit(1);
		}
		rounds++;
		elapsed = cpu_now() - start;
	} while (elapsed < budget);
	return rounds * set->count / elapsed;
}

/* Measure one set and print its line. */
static void
report(const siggen_lists *lists, const input_set *set)
{
	double		sign = rate(lists, set, false);
	double		parse = rate(lists, set, true);
	size_t		bytes = 0;
	int			i;

	for (i = 0; i < set->count; i++)
		bytes += set->lens[i];
	printf("%-44s %4d inputs, %7zu bytes of JSON on average\n", set->name, set->count,
		   set->count ? bytes / set->count : 0);
	printf("  signatures:        %10.0f per second per core = %5.2fx the 100,000/s target\n",
		   sign, sign / 100000.0);
	printf("  parse of its JSON: %10.0f per second per core: a signature costs %.2f parses\n",
		   parse, parse / sign);
	printf("  parse + signature: %10.0f per second per core\n", 1.0 / (1.0 / sign + 1.0 / parse));
}

/* Load one directory of Socorro-format lists or die. */
static siggen_lists *
lists_or_die(const char *dir)
{
	char		err[512];
	siggen_lists *lists = siggen_lists_load_dir(dir, err, sizeof(err));

	if (!lists)
	{
		fprintf(stderr, "bench_signatures: lists in %s: %s\n", dir, err);
		exit(1);
	}
	return lists;
}

int
main(int argc, char **argv)
{
	static input_set dumps = {.name = "stacks of the test dumps + Firefox ESR crash"};
	static input_set cases = {.name = "crash_data of Socorro's pipeline cases"};
	char		path[4096];
	siggen_lists *own;
	siggen_lists *socorro;
	size_t		len;

	if (argc < 4)
	{
		fprintf(stderr, "usage: bench_signatures REPO TESTDATA CASES.jsonl [SECONDS]\n");
		return 2;
	}
	if (argc > 4)
		budget = atof(argv[4]);
	snprintf(path, sizeof(path), "%s/siglists", argv[1]);
	own = lists_or_die(path);
	snprintf(path, sizeof(path), "%s/siggen/siglists", argv[2]);
	socorro = lists_or_die(path);
	snprintf(path, sizeof(path), "%s/breakpad", argv[2]);
	add_dumps(&dumps, path);
	snprintf(path, sizeof(path), "%s/rust-minidump/testdata", argv[2]);
	add_dumps(&dumps, path);
	snprintf(path, sizeof(path), "%s/tests/data/firefox-esr-crash.json", argv[1]);
	add_input(&dumps, slurp(path, &len));
	add_lines(&cases, argv[3]);
	report(own, &dumps);
	report(socorro, &cases);
	siggen_lists_free(own);
	siggen_lists_free(socorro);
	return 0;
}
