/*-------------------------------------------------------------------------
 * tests/unit/test_walker.c
 *	  Unit tests for the portable stack walker (extension/core/walker).
 *
 *	  1. The postfix evaluator CFI rules and STACK WIN programs run on,
 *	     against hand-computed values, and its refusals (unknown names,
 *	     bad tokens, division by zero, unreadable memory, leftovers on
 *	     the stack, assignments to anything but a $ name).
 *	  2. Every real binary dump in ../shared/testdata (Breakpad's and
 *	     rust-minidump's), walked with and without the symbols/ directory
 *	     beside it, against Breakpad's "minidump_stackwalk -m" output line
 *	     by line.  Each matching line is a passed check, and every dump
 *	     must match in full (extension/core/walker/DEVIATIONS.md lists
 *	     none for these outputs now).
 *	  3. The same dumps against Breakpad's human-readable output (without
 *	     -m), counted and checked the same way.
 *	  4. linux_inline with its old- and new-format INLINE symbol files
 *	     installed in a temporary symbol directory, in both formats.
 *	  5. Robustness: every prefix of one real dump is walked without a
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
#include <sys/stat.h>
#include <unistd.h>

#include "wk_internal.h"

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

/* Run a STACK WIN program over $esp = 0x1000 and the small stack. */
static bool
program(const char *prog, wk_dict *d)
{
	static const uint8_t stack[16] = {0x10, 0, 0, 0, 0x20, 0, 0, 0,
	0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0};
	wk_memory	mem = {0x1000, sizeof(stack), stack};

	memset(d, 0, sizeof(*d));
	return wk_dict_add(d, "$esp", 0x1000) && wk_dict_add(d, ".cbParams", 4) &&
		wk_program_eval(prog, d, &mem, 4);
}

/* Program strings: assignments, temporaries, and what makes them fail. */
static void
test_programs(void)
{
	wk_dict		d;
	bool		set;

	CHECK(program("$T0 $esp 8 + = $eip $T0 ^ = $esp $T0 .cbParams + =", &d));
	CHECK_INT(wk_dict_get(&d, "$eip", &set), 0x12345678);
	CHECK(set);
	CHECK_INT(wk_dict_get(&d, "$esp", &set), 0x100c);
	CHECK(set);
	CHECK_INT(wk_dict_get(&d, "$T0", NULL), 0x1008);
	wk_dict_get(&d, ".cbParams", &set);
	CHECK(!set);
	CHECK(program("$ebp $esp 4 + ^ =", &d));
	CHECK_INT(wk_dict_get(&d, "$ebp", NULL), 0x20);
	CHECK(!program(".cbParams 4 =", &d));
	CHECK(!program("4 4 =", &d));
	CHECK(!program("$eip $esp", &d));
	CHECK(!program("$eip $T9 =", &d));
	CHECK(!program("$eip $esp 16 + ^ =", &d));
	CHECK(program("$eip $esp = $ebx $esp 16 + ^ =", &d) == false);
	CHECK_INT(wk_dict_get(&d, "$eip", &set), 0x1000);
	CHECK(set);
}

/* ---------------------------------------------------------------------
 * Real dumps against Breakpad's output
 * ---------------------------------------------------------------------
 */

/* Walk data and return its -m or human output (malloc'd); symdir may be NULL. */
static char *
walk_output(const uint8_t *data, size_t len, const char *symdir, bool human)
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
		if (res && human)
			wk_print_human(res, f);
		else if (res)
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

/* Lines compared so far for one output format. */
typedef struct line_counts
{
	bool		human;
	int			ok;
	int			all;
} line_counts;

/*
 * Compare one dump walked with symdir (or none) against the reference
 * output of that variant; adds to the counts.
 */
static bool
compare_one(const char *dir, const char *name, const uint8_t *data,
			size_t len, const char *variant, const char *symdir,
			line_counts *lines)
{
	char		path[4096];
	size_t		want_len;
	char	   *want;
	char	   *got;
	int			total;
	int			matched;

	snprintf(path, sizeof(path), "%s/%s.stackwalk%s%s.ours-breakpad.out", dir,
			 name, lines->human ? "" : ".machine_readable", variant);
	if ((want = unit_read_file(path, &want_len)) == NULL)
		return false;
	got = walk_output(data, len, symdir, lines->human);
	matched = matching_lines(got, want, &total);
	unit_passed += matched;
	lines->ok += matched;
	lines->all += total;
	printf("  %-40s %-15s %4d/%-4d\n", name, variant[0] ? variant + 1 : "syms",
		   matched, total);
	CHECK_STR(got ? got : "", want);
	free(want);
	free(got);
	return matched == total;
}

/* Compare every binary dump in dir; returns how many matched fully. */
static int
compare_directory(const char *dir, int *dumps, line_counts *lines)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	int			full = 0;

	while (d && (e = readdir(d)) != NULL)
	{
		char		name[256];
		char		path[4096];
		char		symdir[4096];
		size_t		n = strlen(e->d_name);
		size_t		len;
		uint8_t    *data;

		if (n < 5 || n >= sizeof(name) || strcmp(e->d_name + n - 4, ".dmp") != 0 ||
			strncmp(e->d_name, "microdump-", 10) == 0)
			continue;
		memcpy(name, e->d_name, n - 4);
		name[n - 4] = '\0';
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((data = (uint8_t *) unit_read_file(path, &len)) == NULL)
			continue;
		(*dumps)++;
		snprintf(symdir, sizeof(symdir), "%s/symbols", dir);
		full += compare_one(dir, name, data, len, "", symdir, lines) &
			compare_one(dir, name, data, len, ".nosyms", NULL, lines);
		free(data);
	}
	if (d)
		closedir(d);
	return full;
}

/* Every real dump against Breakpad's -m or human output. */
static void
test_real_dumps(const char *root, bool human)
{
	char		dir[4096];
	int			dumps = 0;
	int			full;
	line_counts lines = {human, 0, 0};

	snprintf(dir, sizeof(dir), "%s/breakpad", root);
	full = compare_directory(dir, &dumps, &lines);
	snprintf(dir, sizeof(dir), "%s/rust-minidump/testdata", root);
	full += compare_directory(dir, &dumps, &lines);
	CHECK(dumps > 0);
	printf("walker: %d of %d dumps match Breakpad's %s output fully "
		   "(with and without symbols); %d of %d lines match\n",
		   full, dumps, human ? "human" : "-m", lines.ok, lines.all);
}

/* The name of the first entry of dir not starting with '.'; false if none. */
static bool
first_entry(const char *dir, char *out, size_t size)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	bool		found = false;

	while (d && !found && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			found = snprintf(out, size, "%s", e->d_name) < (int) size;
	if (d)
		closedir(d);
	return found;
}

/* Copy file from to to; false on failure. */
static bool
copy_file(const char *from, const char *to)
{
	size_t		len;
	char	   *buf = unit_read_file(from, &len);
	FILE	   *f = buf ? fopen(to, "wb") : NULL;
	bool		ok = f && fwrite(buf, 1, len, f) == len;

	if (f && fclose(f) != 0)
		ok = false;
	free(buf);
	return ok;
}

/*
 * A temporary symbol tree in tmp (a "/tmp/...XXXXXX" template) holding
 * linux_inline.VERSION.sym as linux_inline/ID/linux_inline.sym, the way
 * Breakpad's inline-VERSION-sym reference outputs were made; sym gets
 * the installed file.  False on failure.
 */
static bool
install_inline_sym(const char *root, const char *version, char *tmp,
				   char *sym, size_t size)
{
	char		src[4096];
	char		id[256];

	snprintf(src, sizeof(src), "%s/breakpad/symbols/linux_inline", root);
	if (!first_entry(src, id, sizeof(id)) || mkdtemp(tmp) == NULL)
		return false;
	snprintf(sym, size, "%s/linux_inline", tmp);
	mkdir(sym, 0700);
	snprintf(sym, size, "%s/linux_inline/%s", tmp, id);
	mkdir(sym, 0700);
	snprintf(sym, size, "%s/linux_inline/%s/linux_inline.sym", tmp, id);
	snprintf(src, sizeof(src), "%s/breakpad/symbols/linux_inline/%s/linux_inline.%s.sym",
			 root, id, version);
	return copy_file(src, sym);
}

/* Remove the tree install_inline_sym made (sym, its two parents, tmp). */
static void
remove_inline_sym(char *sym)
{
	char	   *slash;
	int			i;

	unlink(sym);
	for (i = 0; i < 3 && (slash = strrchr(sym, '/')) != NULL; i++)
	{
		*slash = '\0';
		rmdir(sym);
	}
}

/* linux_inline with each of its INLINE symbol files, in both formats. */
static void
test_inline_variants(const char *root)
{
	static const char *const versions[] = {"old", "new"};
	char		dir[4096];
	char		path[4096];
	size_t		len;
	uint8_t    *data;
	int			v;

	snprintf(dir, sizeof(dir), "%s/breakpad", root);
	snprintf(path, sizeof(path), "%s/breakpad/linux_inline.dmp", root);
	if ((data = (uint8_t *) unit_read_file(path, &len)) == NULL)
		return;
	for (v = 0; v < 2; v++)
	{
		char		tmp[] = "/tmp/test_walker_XXXXXX";
		char		sym[4096];
		char		variant[32];
		line_counts machine = {false, 0, 0};
		line_counts human = {true, 0, 0};

		snprintf(variant, sizeof(variant), ".inline-%s-sym", versions[v]);
		CHECK(install_inline_sym(root, versions[v], tmp, sym, sizeof(sym)));
		compare_one(dir, "linux_inline", data, len, variant, tmp, &machine);
		compare_one(dir, "linux_inline", data, len, variant, tmp, &human);
		CHECK(machine.all > 0 && human.all > 0);
		remove_inline_sym(sym);
	}
	free(data);
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
	if ((data = (uint8_t *) unit_read_file(path, &len)) == NULL)
	{
		unit_skip("walker truncations: linux_overflow.dmp not found");
		return;
	}
	for (n = 0; n <= len; n += 7)
	{
		uint8_t    *copy = malloc(n ? n : 1);
		char	   *out;

		memcpy(copy, data, n);
		out = walk_output(copy, n, NULL, false);
		walked += out != NULL;
		free(out);
		out = walk_output(copy, n, NULL, true);
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
	test_programs();
	if (root == NULL)
		unit_skip("walker vs Breakpad: shared test data not found "
				  "(../shared/testdata, or CRASHPIPE_TESTDATA)");
	else
	{
		test_real_dumps(root, false);
		test_real_dumps(root, true);
		test_inline_variants(root);
		test_truncations(root);
	}
	return unit_finish("walker");
}
