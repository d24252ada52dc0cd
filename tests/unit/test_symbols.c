/*-------------------------------------------------------------------------
 * tests/unit/test_symbols.c
 *	  Unit tests for the Breakpad .sym parser and the symbol cache
 *	  (extension/core/symbols): exact lookups on small hand-written files,
 *	  every real .sym in ../shared/testdata parsed and round-tripped
 *	  through a cache, cross-checks against Breakpad's own stackwalk
 *	  output, and malformed input (bad .sym lines, truncations, random
 *	  bytes, corrupted caches) that must never crash or read out of bounds.
 *
 *	  Real test data is read from ../shared/testdata relative to the repo
 *	  (or $CRASHPIPE_TESTDATA); those groups are skipped when it is absent.
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "symcache.h"
#include "fuzz/symcache_poke.h"

/* A parse, the cache built from it, and the cache opened in place. */
typedef struct test_cache
{
	sym_file	file;
	uint8_t    *bytes;
	size_t		len;
	symcache	cache;
} test_cache;

/* Parse text, build and open its cache; false (and a failure) on error. */
static int
test_cache_open(test_cache *t, const char *text, size_t len)
{
	memset(t, 0, sizeof(*t));
	if (sym_parse(text, len, NULL, &t->file) != SYM_OK ||
		symcache_build(&t->file, NULL, &t->bytes, &t->len) != SYM_OK ||
		symcache_open(t->bytes, t->len, &t->cache) != SYM_OK)
	{
		CHECK(!"parse, build and open");
		return 0;
	}
	return 1;
}

/* Free what test_cache_open made. */
static void
test_cache_close(test_cache *t)
{
	sym_file_free(&t->file);
	free(t->bytes);
	memset(t, 0, sizeof(*t));
}

static char test_buf[4096];

/* Name of the function at addr, or NULL. */
static const char *
test_func_name(const symcache *c, uint64_t addr)
{
	symcache_func fn;

	return symcache_lookup_func(c, addr, &fn) ? fn.name : NULL;
}

/* "file:line" at addr ("?" for an unknown file), or NULL. */
static const char *
test_line_at(const symcache *c, uint64_t addr)
{
	symcache_line l;

	if (!symcache_lookup_line(c, addr, &l))
		return NULL;
	snprintf(test_buf, sizeof(test_buf), "%s:%u", l.file ? l.file : "?", l.line);
	return test_buf;
}

/* "origin@file:line/..." for the inline chain at addr, outermost first. */
static const char *
test_inline_chain(const symcache *c, uint64_t addr)
{
	symcache_inline inl[16];
	int			n = symcache_lookup_inlines(c, addr, inl, 16);
	size_t		used = 0;
	int			i;

	test_buf[0] = '\0';
	for (i = 0; i < n && used < sizeof(test_buf); i++)
		used += snprintf(test_buf + used, sizeof(test_buf) - used, "%s%s@%s:%u",
						 i ? "/" : "", inl[i].origin ? inl[i].origin : "?",
						 inl[i].call_file ? inl[i].call_file : "?",
						 inl[i].call_line);
	return test_buf;
}

/* Name of the PUBLIC fallback at addr, or NULL. */
static const char *
test_public_name(const symcache *c, uint64_t addr)
{
	symcache_public p;

	return symcache_lookup_public(c, addr, &p) ? p.name : NULL;
}

/* The CFI rules at addr joined with " | ", or NULL. */
static const char *
test_cfi_at(const symcache *c, uint64_t addr)
{
	symcache_cfi cfi;
	const char *rule;
	size_t		used;
	uint32_t	i;

	if (!symcache_lookup_cfi(c, addr, &cfi))
		return NULL;
	used = snprintf(test_buf, sizeof(test_buf), "%s", cfi.init_rules);
	for (i = 0; (rule = symcache_cfi_delta(c, &cfi, i, NULL)) != NULL &&
		 used < sizeof(test_buf); i++)
		used += snprintf(test_buf + used, sizeof(test_buf) - used, " | %s", rule);
	return test_buf;
}

static const char small_sym[] =
"MODULE Linux x86_64 ABCDEF0123456789 libtest.so\n"
"INFO CODE_ID 0123ABCD libtest.so.1\n"
"INFO GENERATOR mozilla/dump_syms 2.0\r\n"
"FILE 0 a.c\n"
"FILE 1 b.h\n"
"FILE 7 c.h\n"
"INLINE_ORIGIN 0 inlined_outer\n"
"INLINE_ORIGIN 1 inlined inner with spaces\n"
"FUNC 2000 100 8 second(int, char)\n"
"2080 80 20 0\n"
"2000 80 10 0\n"
"FUNC m 1000 40 0 first\n"
"1000 10 5 0\n"
"1010 30 6 1\n"
"INLINE 0 7 0 0 1010 20 1038 8\n"
"INLINE 1 30 1 1 1018 4\n"
"FUNC 1020 10 0 overlaps_first\n"
"FUNC 3000 0 0 zero_size\n"
"PUBLIC 2f00 4 public_after_second\n"
"PUBLIC m 1800 0 public_between\n"
"PUBLIC 1020 0 public_inside_first\n"
"PUBLIC 1800 0 duplicate_address\n"
"STACK CFI INIT 1000 40 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n"
"STACK CFI 1004 .cfa: $rsp 16 +\n"
"STACK CFI 1001 $rbp: .cfa -16 + ^\n"
"STACK CFI 1010 .cfa: $rbp 16 +\n"
"STACK WIN 4 2000 100 5 0 8 4 10 0 1 $T0 $ebp = $eip $T0 4 + ^ =\n"
"STACK WIN 0 1000 40 3 1 0 0 0 0 0 1\n"
"STACK WIN 0 1020 40 3 1 0 0 0 0 0 0\n";

/* Parse and build the small file into t. */
static int
open_small(test_cache *t)
{
	return test_cache_open(t, small_sym, sizeof(small_sym) - 1);
}

/* Module and INFO records. */
static void
test_small_module(void)
{
	test_cache	t;

	CHECK(open_small(&t));
	CHECK_INT(t.file.bad_lines, 0);
	CHECK_INT(t.file.infos.count, 1);
	CHECK_STR(symcache_module(&t.cache, SYMCACHE_OS), "Linux");
	CHECK_STR(symcache_module(&t.cache, SYMCACHE_ARCH), "x86_64");
	CHECK_STR(symcache_module(&t.cache, SYMCACHE_DEBUG_ID), "ABCDEF0123456789");
	CHECK_STR(symcache_module(&t.cache, SYMCACHE_DEBUG_FILE), "libtest.so");
	CHECK_STR(symcache_module(&t.cache, SYMCACHE_CODE_ID), "0123ABCD");
	CHECK_STR(symcache_module(&t.cache, SYMCACHE_CODE_FILE), "libtest.so.1");
	test_cache_close(&t);
}

/* Functions and lines, at range boundaries, with unsorted input. */
static void
test_small_funcs(void)
{
	test_cache	t;

	CHECK(open_small(&t));
	CHECK_STR(test_func_name(&t.cache, 0xfff), NULL);
	CHECK_STR(test_func_name(&t.cache, 0x1000), "first");
	CHECK_STR(test_func_name(&t.cache, 0x103f), "first");
	CHECK_STR(test_func_name(&t.cache, 0x1040), NULL);
	CHECK_STR(test_func_name(&t.cache, 0x2000), "second(int, char)");
	CHECK_STR(test_func_name(&t.cache, 0x20ff), "second(int, char)");
	CHECK_STR(test_func_name(&t.cache, 0x2100), NULL);
	CHECK_STR(test_func_name(&t.cache, 0x3000), NULL);
	CHECK_STR(test_line_at(&t.cache, 0x1000), "a.c:5");
	CHECK_STR(test_line_at(&t.cache, 0x100f), "a.c:5");
	CHECK_STR(test_line_at(&t.cache, 0x1010), "b.h:6");
	CHECK_STR(test_line_at(&t.cache, 0x103f), "b.h:6");
	CHECK_STR(test_line_at(&t.cache, 0x2000), "a.c:10");
	CHECK_STR(test_line_at(&t.cache, 0x2080), "a.c:20");
	CHECK_STR(test_line_at(&t.cache, 0x1040), NULL);
	test_cache_close(&t);
}

/* Function fields and the multiple flag. */
static void
test_small_func_fields(void)
{
	test_cache	t;
	symcache_func fn;

	CHECK(open_small(&t));
	CHECK(symcache_lookup_func(&t.cache, 0x1020, &fn));
	CHECK_INT(fn.addr, 0x1000);
	CHECK_INT(fn.size, 0x40);
	CHECK(fn.multiple);
	CHECK(symcache_lookup_func(&t.cache, 0x2050, &fn));
	CHECK_INT(fn.param_size, 8);
	CHECK(!fn.multiple);
	test_cache_close(&t);
}

/* Inline chains, outermost first. */
static void
test_small_inlines(void)
{
	test_cache	t;

	CHECK(open_small(&t));
	CHECK_STR(test_inline_chain(&t.cache, 0x1000), "");
	CHECK_STR(test_inline_chain(&t.cache, 0x1010), "inlined_outer@a.c:7");
	CHECK_STR(test_inline_chain(&t.cache, 0x1018),
			  "inlined_outer@a.c:7/inlined inner with spaces@b.h:30");
	CHECK_STR(test_inline_chain(&t.cache, 0x101b),
			  "inlined_outer@a.c:7/inlined inner with spaces@b.h:30");
	CHECK_STR(test_inline_chain(&t.cache, 0x101c), "inlined_outer@a.c:7");
	CHECK_STR(test_inline_chain(&t.cache, 0x1030), "");
	CHECK_STR(test_inline_chain(&t.cache, 0x1038), "inlined_outer@a.c:7");
	CHECK_STR(test_inline_chain(&t.cache, 0x103f), "inlined_outer@a.c:7");
	test_cache_close(&t);
}

/* PUBLIC fallback with Breakpad's function-range rule. */
static void
test_small_publics(void)
{
	test_cache	t;

	CHECK(open_small(&t));
	CHECK_STR(test_public_name(&t.cache, 0x0fff), NULL);
	CHECK_STR(test_public_name(&t.cache, 0x1020), NULL);	/* in a FUNC */
	CHECK_STR(test_public_name(&t.cache, 0x1040), "public_inside_first");
	CHECK_STR(test_public_name(&t.cache, 0x1800), "public_between");
	CHECK_STR(test_public_name(&t.cache, 0x1fff), "public_between");
	CHECK_STR(test_public_name(&t.cache, 0x2100), NULL);
	CHECK_STR(test_public_name(&t.cache, 0x2f00), "public_after_second");
	CHECK_STR(test_public_name(&t.cache, 0xffffffffffffffffULL),
			  "public_after_second");
	test_cache_close(&t);
}

/* CFI rules: INIT plus the deltas at or below the address, sorted. */
static void
test_small_cfi(void)
{
	test_cache	t;
	const char *init = ".cfa: $rsp 8 + .ra: .cfa -8 + ^";

	CHECK(open_small(&t));
	CHECK_STR(test_cfi_at(&t.cache, 0x0fff), NULL);
	CHECK_STR(test_cfi_at(&t.cache, 0x1000), init);
	CHECK_STR(test_cfi_at(&t.cache, 0x1001), ".cfa: $rsp 8 + .ra: .cfa -8 + ^"
			  " | $rbp: .cfa -16 + ^");
	CHECK_STR(test_cfi_at(&t.cache, 0x1004), ".cfa: $rsp 8 + .ra: .cfa -8 + ^"
			  " | $rbp: .cfa -16 + ^ | .cfa: $rsp 16 +");
	CHECK_STR(test_cfi_at(&t.cache, 0x103f), ".cfa: $rsp 8 + .ra: .cfa -8 + ^"
			  " | $rbp: .cfa -16 + ^ | .cfa: $rsp 16 + | .cfa: $rbp 16 +");
	CHECK_STR(test_cfi_at(&t.cache, 0x1040), NULL);
	test_cache_close(&t);
}

/* STACK WIN: every field, type preference, overlap within a type. */
static void
test_small_win(void)
{
	test_cache	t;
	symcache_win w;

	CHECK(open_small(&t));
	CHECK(symcache_lookup_win(&t.cache, 0x2000, &w));
	CHECK_INT(w.type, 4);
	CHECK_INT(w.size, 0x100);
	CHECK_INT(w.prologue_size, 5);
	CHECK_INT(w.epilogue_size, 0);
	CHECK_INT(w.param_size, 8);
	CHECK_INT(w.saved_regs_size, 4);
	CHECK_INT(w.locals_size, 0x10);
	CHECK_INT(w.max_stack_size, 0);
	CHECK(w.has_program);
	CHECK_STR(w.program, "$T0 $ebp = $eip $T0 4 + ^ =");
	CHECK(symcache_lookup_win(&t.cache, 0x103f, &w));
	CHECK_INT(w.type, 0);
	CHECK(!w.has_program && w.allocates_base_pointer);
	CHECK(w.program == NULL);
	CHECK(!symcache_lookup_win(&t.cache, 0x1040, &w));	/* overlap dropped */
	CHECK(!symcache_lookup_win_type(&t.cache, 4, 0x1000, &w));
	test_cache_close(&t);
}

/* Old-format INLINE / INLINE_ORIGIN (no call-site file, file id in origin). */
static void
test_old_inline_format(void)
{
	static const char text[] =
		"FILE 0 x.c\nINLINE_ORIGIN 0 0 outer()\nINLINE_ORIGIN 1 0 inner()\n"
		"FUNC 100 20 0 f\n100 20 3 0\nINLINE 0 11 0 100 10\nINLINE 1 12 1 104 4\n";
	test_cache	t;

	CHECK(test_cache_open(&t, text, sizeof(text) - 1));
	CHECK(t.file.inline_old_format);
	CHECK_INT(t.file.bad_lines, 0);
	CHECK_STR(test_inline_chain(&t.cache, 0x105), "outer()@?:11/inner()@?:12");
	test_cache_close(&t);
}

/* Malformed lines are skipped and counted; the rest still loads. */
static void
test_malformed_lines(void)
{
	static const char text[] =
		"MODULE Linux x86 ID\n"
		"12 4 1 0\n"
		"FUNC 10 zz 0 bad_size\n"
		"FUNC 10 10 0 good\n"
		"10 10 9 0\n"
		"10 ffffffffff 1 0\n"
		"10 10 4294967296 0\n"
		"10 10 2 0 extra\n"
		"INLINE 0 1 0\n"
		"STACK CFI 12 .cfa: $esp 4 +\n"
		"STACK WIN 4 10 10 0 0 0 0 0 0 2 x\n"
		"PUBLIC 1000000000000000000 0 too_big\n"
		"FUTURE_RECORD whatever\n"
		"\n   \n";
	test_cache	t;

	CHECK(test_cache_open(&t, text, sizeof(text) - 1));
	CHECK(!t.file.has_module);
	CHECK_INT(t.file.bad_lines, 10);
	CHECK_INT(t.file.first_bad_line, 1);
	CHECK_INT(t.file.unknown_lines, 1);
	CHECK_INT(t.file.funcs.count, 1);
	CHECK_STR(test_line_at(&t.cache, 0x10), "?:9");
	CHECK_INT(t.cache.bad_lines, 10);
	test_cache_close(&t);
}

/* Read a whole file under the test data directory; NULL if missing. */
static char *
read_testdata(const char *rel, size_t *len)
{
	const char *dir = unit_testdata_root();
	char		path[2048];

	*len = 0;
	if (dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return unit_read_file(path, len);
}

/* A deliberately malformed Breakpad input loads with bad lines counted. */
static void
test_bad_module(const char *rel, uint32_t want_bad)
{
	size_t		len;
	char	   *text = read_testdata(rel, &len);
	test_cache	t;

	if (text == NULL)
	{
		unit_skip(rel);
		return;
	}
	CHECK(test_cache_open(&t, text, len));
	CHECK(t.file.has_module);
	CHECK_INT(t.file.bad_lines, want_bad);
	CHECK_INT(t.file.funcs.count, 0);
	CHECK_INT(t.cache.bad_lines, want_bad);
	test_cache_close(&t);
	free(text);
}

/* Name of FILE id in a parse, or "?". */
static const char *
parse_file_name(const sym_file *f, uint32_t id)
{
	static char name[1024];
	uint32_t	i;

	for (i = 0; i < f->files.count; i++)
		if (f->files.items[i].id == id)
		{
			snprintf(name, sizeof(name), "%.*s", (int) f->files.items[i].name.len,
					 f->text + f->files.items[i].name.off);
			return name;
		}
	return "?";
}

/* True when the parse has a line of fn with this cache line's fields. */
static int
parse_has_line(const sym_file *f, const sym_func *fn, const symcache_line *l,
			   uint64_t addr)
{
	uint32_t	i;

	for (i = fn->line_first; i < fn->line_first + fn->line_count; i++)
	{
		const sym_line *x = &f->lines.items[i];

		if (x->addr == l->addr && x->size == l->size && x->line == l->line &&
			addr - x->addr < x->size &&
			strcmp(parse_file_name(f, x->file), l->file ? l->file : "?") == 0)
			return 1;
	}
	return 0;
}

/* The cache's function (and line) at addr must be a parse record covering it. */
static int
check_sample(const test_cache *t, const test_cache *copy, uint64_t addr)
{
	symcache_func fn;
	symcache_func fn2;
	symcache_line l;
	uint32_t	i;

	if (!symcache_lookup_func(&t->cache, addr, &fn))
		return !symcache_lookup_func(&copy->cache, addr, &fn2);
	if (!symcache_lookup_func(&copy->cache, addr, &fn2) || fn2.addr != fn.addr)
		return 0;
	for (i = 0; i < t->file.funcs.count; i++)
	{
		const sym_func *x = &t->file.funcs.items[i];

		if (x->addr != fn.addr || x->size != fn.size ||
			strlen(fn.name) != x->name.len ||
			strncmp(t->file.text + x->name.off, fn.name, x->name.len) != 0)
			continue;
		if (!symcache_lookup_line(&t->cache, addr, &l) ||
			parse_has_line(&t->file, x, &l, addr))
			return 1;
	}
	return 0;
}

/* Sample addresses of every function: start, middle, last byte, just past. */
static void
check_round_trip(const test_cache *t, const char *rel)
{
	test_cache	copy;
	uint32_t	i;
	int			bad = 0;
	int			missing = 0;

	memset(&copy, 0, sizeof(copy));
	copy.bytes = malloc(t->len);
	memcpy(copy.bytes, t->bytes, t->len);
	CHECK(symcache_open(copy.bytes, t->len, &copy.cache) == SYM_OK);
	for (i = 0; i < t->file.funcs.count; i++)
	{
		const sym_func *x = &t->file.funcs.items[i];
		symcache_func fn;

		bad += !check_sample(t, &copy, x->addr);
		bad += !check_sample(t, &copy, x->addr + x->size / 2);
		bad += !check_sample(t, &copy, x->addr + x->size - 1);
		bad += !check_sample(t, &copy, x->addr + x->size);
		missing += x->size > 0 && !symcache_lookup_func(&t->cache, x->addr, &fn);
	}
	if (bad || missing)
		fprintf(stderr, "  %s: %d bad samples, %d uncovered starts\n", rel, bad, missing);
	CHECK_INT(bad, 0);
	CHECK_INT(missing, 0);
	free(copy.bytes);
}

/* Inline chains: depths 0..n-1, each range holding the address. */
static void
check_inlines(const test_cache *t)
{
	uint32_t	i;
	int			bad = 0;

	for (i = 0; i < t->file.inlines.count; i += 7)
	{
		symcache_inline inl[64];
		uint64_t	addr = t->file.inlines.items[i].addr;
		int			n = symcache_lookup_inlines(&t->cache, addr, inl, 64);
		int			k;

		bad += n < 1;
		for (k = 0; k < n; k++)
			bad += inl[k].depth != (uint32_t) k || addr < inl[k].addr ||
				addr - inl[k].addr >= inl[k].size || inl[k].origin == NULL;
	}
	CHECK_INT(bad, 0);
}

static const char *const real_syms[] = {
	"breakpad/module0.out", "breakpad/module1.out", "breakpad/module2.out",
	"breakpad/symbols/linux_inline/BBA6FA10B8AAB33D00000000000000000/linux_inline.old.sym",
	"breakpad/symbols/linux_inline/BBA6FA10B8AAB33D00000000000000000/linux_inline.new.sym",
	"breakpad/symbols/null_read_av/7B7D1968FF0D47AE4366E9C3A7E1B6750/null_read_av.sym",
	"breakpad/symbols/overflow/B0E1FC01EF48E39CAF5C881D2DF0C3840/overflow.sym",
	"breakpad/symbols/microdump/crash_example/8F36148CC4647A8116CAF2A25F591F570/crash_example.sym",
	"breakpad/symbols/microdump/crash_example/6E72E2F1A5F59AB3D51356FDFE394D490/crash_example.sym",
	"breakpad/symbols/microdump/breakpad_unittests/DA7778FB66018A4E9B4110ED06E730D00/breakpad_unittests.sym",
	"breakpad/symbols/microdump/breakpad_unittests/D6D1FEC9A15DE7F38A236898871A2E770/breakpad_unittests.sym",
	"breakpad/symbols/libc-2.13.so/F4F8DFCD5A5FB5A7CE64717E9E6AE3890/libc-2.13.so.sym",
	"breakpad/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
	"breakpad/symbols/kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym",
	"breakpad/symbols/libgcc_s.so.1/18B180F90887D8F8B5C35D185444AF4C0/libgcc_s.so.1.sym",
	"breakpad/symbols/ld-2.13.so/C32AD7E235EA6112E02A5B9D6219C4850/ld-2.13.so.sym",
	"rust-minidump/breakpad-symbols/testdata/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
	"rust-minidump/breakpad-symbols/testdata/symbols/test_app.pdb/6A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
	"rust-minidump/testdata/symbols/crash-client/509C0610949836F7B70BD88BCF03E5400/crash-client.sym",
	"rust-minidump/testdata/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
};

/* Every real .sym parses without bad lines and round-trips its cache. */
static void
test_real_symbol_files(void)
{
	size_t		i;

	for (i = 0; i < sizeof(real_syms) / sizeof(real_syms[0]); i++)
	{
		size_t		len;
		char	   *text = read_testdata(real_syms[i], &len);
		test_cache	t;

		if (text == NULL)
		{
			unit_skip(real_syms[i]);
			continue;
		}
		if (test_cache_open(&t, text, len))
		{
			CHECK_INT(t.file.bad_lines, 0);
			check_round_trip(&t, real_syms[i]);
			check_inlines(&t);
		}
		test_cache_close(&t);
		free(text);
	}
}

/* Breakpad's resolver-test inputs: module1 exact, module3/4 malformed. */
static void
test_breakpad_module_files(void)
{
	size_t		len;
	char	   *text = read_testdata("breakpad/module1.out", &len);
	test_cache	t;

	if (text == NULL)
	{
		unit_skip("breakpad/module1.out not found");
		return;
	}
	CHECK(test_cache_open(&t, text, len));
	CHECK_INT(t.file.bad_lines, 0);
	CHECK_STR(test_func_name(&t.cache, 0x1000), "Function1_1");
	CHECK_STR(test_line_at(&t.cache, 0x1000), "file1_1.cc:44");
	CHECK_STR(test_line_at(&t.cache, 0x1001), "file1_1.cc:44");
	CHECK_STR(test_func_name(&t.cache, 0x1100), "Function1_2");
	CHECK_STR(test_line_at(&t.cache, 0x1104), "file1_2.cc:66");
	CHECK_STR(test_func_name(&t.cache, 0x1200), "Function1_3");
	CHECK_STR(test_line_at(&t.cache, 0x1200), NULL);
	CHECK_STR(test_func_name(&t.cache, 0x2000), NULL);	/* zero size ignored */
	CHECK_STR(test_public_name(&t.cache, 0x2800), "PublicSymbol");
	CHECK_STR(test_line_at(&t.cache, 0x3000), "file1_3.cc:4098359");
	CHECK_STR(test_cfi_at(&t.cache, 0x3d41), ".cfa: $esp 4 + .ra: .cfa 4 - ^"
			  " | .cfa: $esp 8 + ");
	test_cache_close(&t);
	free(text);
	test_bad_module("breakpad/module3_bad.out", 1);
	test_bad_module("breakpad/module4_bad.out", 2);
}

/* One frame of minidump2 as Breakpad's stackwalk printed it. */
typedef struct bp_frame
{
	const char *sym;
	const char *module;
	uint64_t	base;
	uint64_t	eip;
	int			caller;			/* looked up at eip - 1 */
} bp_frame;

/* "module|function|file|line|0xoffset" for one frame, as Breakpad prints. */
static const char *
format_frame(const symcache *c, const bp_frame *fr)
{
	static char out[1024];
	uint64_t	addr = fr->eip - fr->base - (uint64_t) fr->caller;
	symcache_func fn;
	symcache_public pub;
	symcache_line l;

	if (symcache_lookup_func(c, addr, &fn))
	{
		if (symcache_lookup_line(c, addr, &l))
			snprintf(out, sizeof(out), "%s|%s|%s|%u|0x%" PRIx64, fr->module,
					 fn.name, l.file, l.line, fr->eip - fr->base - l.addr);
		else
			snprintf(out, sizeof(out), "%s|%s|||0x%" PRIx64, fr->module,
					 fn.name, fr->eip - fr->base - fn.addr);
	}
	else if (symcache_lookup_public(c, addr, &pub))
		snprintf(out, sizeof(out), "%s|%s|||0x%" PRIx64, fr->module,
				 pub.name, fr->eip - fr->base - pub.addr);
	else
		snprintf(out, sizeof(out), "%s|||", fr->module);
	return out;
}

/* True when Breakpad's output holds "thread|frame|" + line. */
static int
output_has(const char *output, int frame, const char *line)
{
	char		want[1200];

	snprintf(want, sizeof(want), "\n0|%d|%s", frame, line);
	return strstr(output, want) != NULL;
}

/* minidump2: test_app.exe and kernel32 frames equal Breakpad's. */
static void
test_breakpad_minidump2(void)
{
	static const bp_frame frames[] = {
		{"breakpad/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
		"test_app.exe", 0x400000, 0x40429e, 0},
		{"breakpad/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
		"test_app.exe", 0x400000, 0x404200, 1},
		{"breakpad/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym",
		"test_app.exe", 0x400000, 0x4053ec, 1},
		{"breakpad/symbols/kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym",
		"kernel32.dll", 0x7c800000, 0x7c816fd7, 1},
	};
	size_t		len;
	char	   *output = read_testdata("breakpad/minidump2.stackwalk.machine_readable.ours-breakpad.out", &len);
	int			i;

	if (output == NULL)
	{
		unit_skip("minidump2 machine-readable output not found");
		return;
	}
	for (i = 0; i < 4; i++)
	{
		char	   *text = read_testdata(frames[i].sym, &len);
		test_cache	t;
		const char *got;

		if (text == NULL || !test_cache_open(&t, text, len))
		{
			CHECK(!"symbol file for minidump2");
			free(text);
			continue;
		}
		got = format_frame(&t.cache, &frames[i]);
		if (!output_has(output, i, got))
			fprintf(stderr, "  frame %d not in Breakpad's output: %s\n", i, got);
		CHECK(output_has(output, i, got));
		test_cache_close(&t);
		free(text);
	}
	free(output);
}

/* linux_inline: the inline frames at rip equal Breakpad's, in one format. */
static void
check_linux_inline(const char *sym, const char *expected)
{
	size_t		len;
	char	   *text = read_testdata(sym, &len);
	char	   *output = read_testdata(expected, &len);
	symcache_inline inl[16];
	symcache_line l;
	symcache_func fn;
	test_cache	t;
	char		line[1024];
	int			n;
	int			j;

	if (text == NULL || output == NULL || !test_cache_open(&t, text, strlen(text)))
	{
		unit_skip(sym);
		free(text);
		free(output);
		return;
	}
	n = symcache_lookup_inlines(&t.cache, 0x161b6, inl, 16);
	CHECK_INT(n, 3);
	CHECK(symcache_lookup_line(&t.cache, 0x161b6, &l));
	CHECK(symcache_lookup_func(&t.cache, 0x161b6, &fn));
	for (j = 0; j <= n && n == 3; j++)
	{
		const char *name = j < n ? inl[n - 1 - j].origin : fn.name;
		const char *file = j == 0 ? l.file : inl[n - j].call_file;
		uint32_t	lineno = j == 0 ? l.line : inl[n - j].call_line;

		snprintf(line, sizeof(line), "linux_inline|%s|%s|%u|", name,
				 file ? file : l.file, lineno);
		if (!output_has(output, j, line))
			fprintf(stderr, "  %s frame %d: %s\n", sym, j, line);
		CHECK(output_has(output, j, line));
	}
	test_cache_close(&t);
	free(text);
	free(output);
}

/* Cross-checks against Breakpad's minidump_stackwalk outputs. */
static void
test_breakpad_stackwalk(void)
{
	test_breakpad_minidump2();
	check_linux_inline("breakpad/symbols/linux_inline/BBA6FA10B8AAB33D00000000000000000/linux_inline.new.sym",
					   "breakpad/linux_inline.stackwalk.machine_readable.inline-new-sym.ours-breakpad.out");
	check_linux_inline("breakpad/symbols/linux_inline/BBA6FA10B8AAB33D00000000000000000/linux_inline.old.sym",
					   "breakpad/linux_inline.stackwalk.machine_readable.inline-old-sym.ours-breakpad.out");
}

/* Parse, build, open and look up arbitrary text; must not crash. */
static int
survive_text(const char *text, size_t len)
{
	sym_file	f;
	uint8_t    *bytes;
	size_t		blen;
	symcache	c;
	uint64_t	a;

	if (sym_parse(text, len, NULL, &f) != SYM_OK)
		return 0;
	if (symcache_build(&f, NULL, &bytes, &blen) == SYM_OK)
	{
		if (symcache_open(bytes, blen, &c) == SYM_OK)
			for (a = 0; a < 0x3100; a += 0x3f)
				(void) symcache_poke(&c, a);
		free(bytes);
	}
	sym_file_free(&f);
	return 1;
}

/* Truncations of a small file at every length, and random bytes. */
static void
test_fuzzish_inputs(void)
{
	size_t		n;
	int			ok = 1;
	char	   *junk;
	unsigned int seed = 12345;
	int			round;

	for (n = 0; n <= sizeof(small_sym) - 1; n++)
	{
		char	   *copy = malloc(n + 1);	/* exact size: ASan sees overreads */

		memcpy(copy, small_sym, n);
		ok &= survive_text(copy, n);
		free(copy);
	}
	junk = malloc(4096);
	for (round = 0; round < 200; round++)
	{
		for (n = 0; n < 4096; n++)
		{
			seed = seed * 1103515245u + 12345u;
			junk[n] = "FUNCINLE 0123456789abcdef\n\r\tmPSTACKWIN"[(seed >> 16) % 39];
		}
		ok &= survive_text(junk, 4096);
	}
	free(junk);
	CHECK(ok);
}

/* Every single-byte flip and every truncation of a small cache. */
static void
test_corrupt_caches(void)
{
	test_cache	t;
	size_t		i;
	int			opened = 0;

	if (!open_small(&t))
		return;
	for (i = 0; i < t.len; i++)
	{
		uint8_t    *copy = malloc(t.len);
		symcache	c;
		uint64_t	a;

		memcpy(copy, t.bytes, t.len);
		copy[i] ^= 0x5a;
		if (symcache_open(copy, t.len, &c) == SYM_OK)
		{
			opened++;
			for (a = 0xff0; a < 0x3010; a += 3)
				(void) symcache_poke(&c, a);
		}
		free(copy);
		copy = malloc(i + 1);
		memcpy(copy, t.bytes, i);
		CHECK(symcache_open(copy, i, &c) != SYM_OK);
		free(copy);
	}
	CHECK(opened > 0 && (size_t) opened < t.len);
	test_cache_close(&t);
}

int
main(void)
{
	test_small_module();
	test_small_funcs();
	test_small_func_fields();
	test_small_inlines();
	test_small_publics();
	test_small_cfi();
	test_small_win();
	test_old_inline_format();
	test_malformed_lines();
	test_breakpad_module_files();
	test_real_symbol_files();
	test_breakpad_stackwalk();
	test_fuzzish_inputs();
	test_corrupt_caches();
	return unit_finish("symbols");
}
