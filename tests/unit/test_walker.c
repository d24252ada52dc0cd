/*-------------------------------------------------------------------------
 * tests/unit/test_walker.c
 *	  Unit tests for the portable stack walker (extension/core/walker).
 *
 *	  1. The postfix evaluator CFI rules run on, against hand-computed
 *	     values, and its refusals (unknown names, bad tokens, division by
 *	     zero, unreadable memory, leftovers on the stack).
 *	  2. Every real binary dump in ../shared/testdata (Breakpad's and
 *	     rust-minidump's), walked with and without the symbols/ directory
 *	     beside it, against Breakpad's "minidump_stackwalk -m" output line
 *	     by line.  Each matching line is a passed check.  Dumps listed in
 *	     known_deviations (see extension/core/walker/DEVIATIONS.md) must
 *	     match exactly their recorded number of lines, so any change shows;
 *	     every other dump must match in full.
 *	  3. Robustness: every prefix of one real dump is walked without a
 *	     crash or an out-of-bounds read (run under ASan).
 *
 *	  Build and run from the repository root:
 *	    cc -std=gnu11 -g -O1 -Wall -Wextra -Wshadow -Werror \
 *	       -fsanitize=address,undefined -Iextension/core \
 *	       -Iextension/core/symbols -Iextension/core/walker \
 *	       -o /tmp/test_walker tests/unit/test_walker.c \
 *	       extension/core/walker/[a-z]*.c extension/core/symbols/[a-z]*.c \
 *	       extension/core/[a-z]*.c && /tmp/test_walker
 *	  CRASHPIPE_TESTDATA overrides where the shared test data is looked for.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>

#include "wk_internal.h"

/* A dump and variant known to differ from Breakpad, and how much matches. */
typedef struct known_deviation
{
	const char *dump;
	bool		symbols;
	int			matched;
	int			total;
} known_deviation;

/* Keep in step with extension/core/walker/DEVIATIONS.md. */
static const known_deviation known_deviations[] = {
	{"pipeline-inlines-macos-segv", true, 52, 242}
};

/* ---------------------------------------------------------------------
 * Postfix evaluator
 * ---------------------------------------------------------------------
 */

/* Evaluate expr over a small stack and two registers; -1 on failure. */
static int64_t
eval(const char *expr, int word)
{
	static const uint8_t stack[16] = {0x10, 0, 0, 0, 0, 0, 0, 0,
	0x78, 0x56, 0x34, 0x12, 0xf0, 0xde, 0xbc, 0x9a};
	wk_memory	mem = {0x1000, sizeof(stack), stack};
	wk_var		vars[2] = {{"$rsp", 0x1000}, {".cfa", 0x1010}};
	uint64_t	v;

	if (!wk_postfix_eval(expr, strlen(expr), vars, 2, &mem, word, &v))
		return -1;
	return (int64_t) v;
}

/* Arithmetic, names, memory reads and every refusal. */
static void
test_postfix(void)
{
	CHECK_INT(eval("$rsp 8 +", 8), 0x1008);
	CHECK_INT(eval(".cfa -16 + ^", 8), 0x10);
	CHECK_INT(eval("$rsp 8 + ^", 8), (int64_t) 0x9abcdef012345678);
	CHECK_INT(eval("$rsp 8 + ^", 4), 0x12345678);
	CHECK_INT(eval("7 3 - 4 * 5 / 3 %", 8), 0);
	CHECK_INT(eval("0x1017 16 @", 8), 0x1010);
	CHECK_INT(eval("0 1 -", 4), 0xffffffff);
	CHECK_INT(eval("$rbx", 8), -1);
	CHECK_INT(eval("1 0 /", 8), -1);
	CHECK_INT(eval("1 +", 8), -1);
	CHECK_INT(eval("1 2", 8), -1);
	CHECK_INT(eval("12z", 8), -1);
	CHECK_INT(eval("$rsp 4096 + ^", 8), -1);
	CHECK_INT(eval("", 8), -1);
}

/* ---------------------------------------------------------------------
 * Real dumps against Breakpad's output
 * ---------------------------------------------------------------------
 */

/* A whole file, NUL-terminated; NULL if it cannot be read. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	long		n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
		fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(n + 1)) != NULL)
	{
		*len = fread(buf, 1, n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* Walk data and return the -m output (malloc'd); symdir may be NULL. */
static char *
walk_output(const uint8_t *data, size_t len, const char *symdir)
{
	md_dump    *dump = md_open(data, len, NULL, NULL);
	wk_symdir  *syms = symdir ? wk_symdir_new(&symdir, 1, NULL) : NULL;
	wk_result  *res;
	char	   *out = NULL;
	size_t		out_len = 0;
	FILE	   *f = open_memstream(&out, &out_len);

	if (dump && f)
	{
		res = wk_walk(dump, syms ? wk_symdir_lookup : NULL, syms, NULL);
		if (res)
			wk_print_machine(res, f);
		wk_free(res);
	}
	if (f)
		fclose(f);
	wk_symdir_free(syms);
	md_close(dump);
	return out;
}

/* Count lines equal at the same position; *total = lines Breakpad printed. */
static int
matching_lines(const char *got, const char *want, int *total)
{
	int			matched = 0;

	*total = 0;
	while (*want)
	{
		const char *we = strchr(want, '\n');
		size_t		wl = we ? (size_t) (we - want) : strlen(want);
		const char *ge = got ? strchr(got, '\n') : NULL;
		size_t		gl = got ? (ge ? (size_t) (ge - got) : strlen(got)) : 0;

		(*total)++;
		if (got && *got && gl == wl && memcmp(got, want, wl) == 0)
			matched++;
		want += wl + (we ? 1 : 0);
		got = got && *got ? got + gl + (ge ? 1 : 0) : got;
	}
	return matched;
}

/* The recorded deviation for this dump and variant, or NULL. */
static const known_deviation *
find_deviation(const char *name, bool symbols)
{
	size_t		i;

	for (i = 0; i < sizeof(known_deviations) / sizeof(known_deviations[0]); i++)
		if (strcmp(known_deviations[i].dump, name) == 0 &&
			known_deviations[i].symbols == symbols)
			return &known_deviations[i];
	return NULL;
}

/* Compare one dump and variant; adds to *lines_ok and *lines_all. */
static bool
compare_one(const char *dir, const char *name, const uint8_t *data,
			size_t len, bool symbols, int *lines_ok, int *lines_all)
{
	char		path[4096];
	char		symdir[4096];
	size_t		want_len;
	char	   *want;
	char	   *got;
	int			total;
	int			matched;
	const known_deviation *dev = find_deviation(name, symbols);

	snprintf(path, sizeof(path), "%s/%s.stackwalk.machine_readable%s.ours-breakpad.out",
			 dir, name, symbols ? "" : ".nosyms");
	snprintf(symdir, sizeof(symdir), "%s/symbols", dir);
	if ((want = read_file(path, &want_len)) == NULL)
		return false;
	got = walk_output(data, len, symbols ? symdir : NULL);
	matched = matching_lines(got, want, &total);
	unit_passed += matched;
	*lines_ok += matched;
	*lines_all += total;
	printf("  %-40s %-7s %4d/%-4d%s\n", name, symbols ? "syms" : "nosyms",
		   matched, total, dev ? " (known deviation)" : "");
	if (dev)
	{
		CHECK_INT(matched, dev->matched);
		CHECK_INT(total, dev->total);
	}
	else
		CHECK_STR(got ? got : "", want);
	free(want);
	free(got);
	return dev == NULL;
}

/* Compare every binary dump in dir; returns how many matched fully. */
static int
compare_directory(const char *dir, int *dumps, int *lines_ok, int *lines_all)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	int			full = 0;

	while (d && (e = readdir(d)) != NULL)
	{
		char		name[256];
		char		path[4096];
		size_t		n = strlen(e->d_name);
		size_t		len;
		uint8_t    *data;

		if (n < 5 || n >= sizeof(name) || strcmp(e->d_name + n - 4, ".dmp") != 0 ||
			strncmp(e->d_name, "microdump-", 10) == 0)
			continue;
		memcpy(name, e->d_name, n - 4);
		name[n - 4] = '\0';
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((data = (uint8_t *) read_file(path, &len)) == NULL)
			continue;
		(*dumps)++;
		full += compare_one(dir, name, data, len, true, lines_ok, lines_all) &
			compare_one(dir, name, data, len, false, lines_ok, lines_all);
		free(data);
	}
	if (d)
		closedir(d);
	return full;
}

/* Every real dump against Breakpad's -m output. */
static void
test_real_dumps(const char *root)
{
	char		dir[4096];
	int			dumps = 0;
	int			full;
	int			lines_ok = 0;
	int			lines_all = 0;

	snprintf(dir, sizeof(dir), "%s/breakpad", root);
	full = compare_directory(dir, &dumps, &lines_ok, &lines_all);
	snprintf(dir, sizeof(dir), "%s/rust-minidump/testdata", root);
	full += compare_directory(dir, &dumps, &lines_ok, &lines_all);
	CHECK(dumps > 0);
	printf("walker: %d of %d dumps match Breakpad's -m output fully "
		   "(with and without symbols); %d of %d lines match\n",
		   full, dumps, lines_ok, lines_all);
}

/* Every prefix of one real dump walks cleanly (ASan checks the reads). */
static void
test_truncations(const char *root)
{
	char		path[4096];
	size_t		len;
	uint8_t    *data;
	size_t		n;
	int			walked = 0;

	snprintf(path, sizeof(path), "%s/breakpad/linux_overflow.dmp", root);
	if ((data = (uint8_t *) read_file(path, &len)) == NULL)
	{
		unit_skip("walker truncations: linux_overflow.dmp not found");
		return;
	}
	for (n = 0; n <= len; n += 7)
	{
		uint8_t    *copy = malloc(n ? n : 1);
		char	   *out;

		memcpy(copy, data, n);
		out = walk_output(copy, n, NULL);
		walked += out != NULL;
		free(out);
		free(copy);
	}
	CHECK(walked > 0);
	free(data);
}

int
main(void)
{
	const char *root = unit_testdata_root();

	test_postfix();
	if (root == NULL)
		unit_skip("walker vs Breakpad: shared test data not found "
				  "(../shared/testdata, or CRASHPIPE_TESTDATA)");
	else
	{
		test_real_dumps(root);
		test_truncations(root);
	}
	return unit_finish("walker");
}
