/*-------------------------------------------------------------------------
 * extension/core/symbols/bench/bench_symbols.c
 *	  Throughput figures, not a test (make bench runs it): for each .sym
 *	  file given, the MB/s of parsing it, and of parsing it into a symbol
 *	  cache (parse + build, the work of a symbol upload), then lookups per
 *	  second from the built cache at pseudo-random addresses inside the
 *	  module: function + line where it has FUNC records, and the CFI rules
 *	  the walker asks for where it has STACK CFI.
 *
 *	  Usage: bench_symbols FILE.sym ...
 *	  Build: cc -std=gnu11 -O2 -Iextension/core -Iextension/core/symbols
 *		extension/core/symbols/bench/bench_symbols.c
 *		extension/core/symbols/ *.c extension/core/md_alloc.c
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "symcache.h"

#define LOOKUPS		10000000

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read a whole file; exits on failure. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t) size)) == NULL ||
		fread(buf, 1, (size_t) size, f) != (size_t) size)
	{
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	*len = (size_t) size;
	return buf;
}

/* Repetitions that make about 200 MB of text, at least 3. */
static int
reps_for(size_t len)
{
	size_t		n = 200000000 / (len ? len : 1);

	return n < 3 ? 3 : (int) n;
}

/* Parse reps times, and parse + build reps times; the last cache. */
static void
bench_parse(const char *text, size_t len, uint8_t **cache, size_t *cache_len)
{
	int			reps = reps_for(len);
	sym_file	f;
	double		t0 = now();
	double		parse;
	int			i;

	for (i = 0; i < reps; i++)
	{
		if (sym_parse(text, len, NULL, &f) != SYM_OK)
			exit(1);
		sym_file_free(&f);
	}
	parse = now() - t0;
	t0 = now();
	for (i = 0; i < reps; i++)
	{
		if (i > 0)
			free(*cache);
		if (sym_parse(text, len, NULL, &f) != SYM_OK ||
			symcache_build(&f, NULL, cache, cache_len) != SYM_OK)
			exit(1);
		sym_file_free(&f);
	}
	printf("  parse: %.1f MB x %d: %.0f MB/s; parse into cache: %.0f MB/s "
		   "(cache %zu bytes)\n", len / 1e6, reps, reps * len / 1e6 / parse,
		   reps * len / 1e6 / (now() - t0), *cache_len);
}

/* The next pseudo-random number (xorshift64). */
static uint64_t
next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Function + line lookups at addresses in [lo, hi]. */
static void
bench_func_lookups(const symcache *c, uint64_t lo, uint64_t hi)
{
	uint64_t	x = 88172645463325252ULL;
	uint64_t	found = 0;
	double		t0 = now();
	double		t;
	symcache_func fn;
	symcache_line l;
	int			i;

	for (i = 0; i < LOOKUPS / 2; i++)
	{
		uint64_t	a = lo + next(&x) % (hi - lo + 1);

		found += symcache_lookup_func(c, a, &fn);
		found += symcache_lookup_line(c, a, &l);
	}
	t = now() - t0;
	printf("  lookups: %d function + line in %.3f s = %.1f M lookups/s "
		   "(%.0f%% found)\n", LOOKUPS, t, LOOKUPS / t / 1e6,
		   100.0 * found / LOOKUPS);
}

/* CFI lookups at addresses in [lo, hi]. */
static void
bench_cfi_lookups(const symcache *c, uint64_t lo, uint64_t hi)
{
	uint64_t	x = 88172645463325252ULL;
	uint64_t	found = 0;
	double		t0 = now();
	double		t;
	symcache_cfi cfi;
	int			i;

	for (i = 0; i < LOOKUPS; i++)
		found += symcache_lookup_cfi(c, lo + next(&x) % (hi - lo + 1), &cfi);
	t = now() - t0;
	printf("  lookups: %d CFI in %.3f s = %.1f M lookups/s (%.0f%% found)\n",
		   LOOKUPS, t, LOOKUPS / t / 1e6, 100.0 * found / LOOKUPS);
}

/* The lowest and highest FUNC and STACK CFI INIT addresses of f. */
static void
address_ranges(const sym_file *f, uint64_t fr[2], uint64_t cr[2])
{
	uint32_t	i;

	fr[0] = cr[0] = UINT64_MAX;
	fr[1] = cr[1] = 0;
	for (i = 0; i < f->funcs.count; i++)
	{
		fr[0] = f->funcs.items[i].addr < fr[0] ? f->funcs.items[i].addr : fr[0];
		fr[1] = f->funcs.items[i].addr > fr[1] ? f->funcs.items[i].addr : fr[1];
	}
	for (i = 0; i < f->cfi_inits.count; i++)
	{
		cr[0] = f->cfi_inits.items[i].addr < cr[0] ? f->cfi_inits.items[i].addr : cr[0];
		cr[1] = f->cfi_inits.items[i].addr > cr[1] ? f->cfi_inits.items[i].addr : cr[1];
	}
}

/* Every figure for one .sym file. */
static void
bench_file(const char *path)
{
	size_t		len;
	char	   *text = slurp(path, &len);
	sym_file	f;
	uint8_t    *bytes = NULL;
	size_t		blen;
	symcache	c;
	uint64_t	funcs[2];
	uint64_t	cfi[2];

	printf("%s\n", path);
	bench_parse(text, len, &bytes, &blen);
	if (symcache_open(bytes, blen, &c) != SYM_OK ||
		sym_parse(text, len, NULL, &f) != SYM_OK)
		exit(1);
	address_ranges(&f, funcs, cfi);
	if (f.funcs.count > 0)
		bench_func_lookups(&c, funcs[0], funcs[1]);
	if (f.cfi_inits.count > 0)
		bench_cfi_lookups(&c, cfi[0], cfi[1]);
	sym_file_free(&f);
	free(bytes);
	free(text);
}

int
main(int argc, char **argv)
{
	int			i;

	if (argc < 2)
	{
		fprintf(stderr, "usage: bench_symbols FILE.sym ...\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		bench_file(argv[i]);
	return 0;
}
