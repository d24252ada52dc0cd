/*-------------------------------------------------------------------------
 * extension/core/symbols/bench/bench_symbols.c
 *	  A throughput figure, not a test: parse a .sym file 20 times and
 *	  print MB/s, then build its cache and time 10 million lookups
 *	  (function + line) at random addresses inside the module.
 *
 *	  Usage: bench_symbols [file.sym]  (default: rust-minidump's
 *	  crash-client.sym under ../shared/testdata)
 *	  Build: cc -std=gnu11 -O2 -Iextension/core -Iextension/core/symbols
 *		extension/core/symbols/bench/bench_symbols.c
 *		extension/core/symbols/ *.c extension/core/md_alloc.c
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "symcache.h"

#define DEFAULT_SYM "../shared/testdata/rust-minidump/testdata/symbols/" \
	"crash-client/509C0610949836F7B70BD88BCF03E5400/crash-client.sym"

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

/* Parse 20 times; return the last parse. */
static void
bench_parse(const char *text, size_t len, sym_file *out)
{
	double		t0 = now();
	int			i;

	for (i = 0; i < 20; i++)
	{
		if (i > 0)
			sym_file_free(out);
		if (sym_parse(text, len, NULL, out) != SYM_OK)
			exit(1);
	}
	printf("parse: %.1f MB x 20 in %.3f s = %.0f MB/s (%u funcs, %u lines, %u inlines)\n",
		   len / 1e6, now() - t0, 20 * len / 1e6 / (now() - t0),
		   out->funcs.count, out->lines.count, out->inlines.count);
}

/* 10 million function + line lookups at pseudo-random addresses. */
static void
bench_lookups(const symcache *c, uint64_t lo, uint64_t hi)
{
	uint64_t	x = 88172645463325252ULL;
	uint64_t	found = 0;
	double		t0 = now();
	double		t;
	int			i;
	symcache_func fn;
	symcache_line l;

	for (i = 0; i < 10000000; i++)
	{
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		found += symcache_lookup_func(c, lo + x % (hi - lo + 1), &fn);
		found += symcache_lookup_line(c, lo + x % (hi - lo + 1), &l);
	}
	t = now() - t0;
	printf("lookups: 10M x (function + line) in %.3f s = %.1f M lookups/s (%.0f%% hit)\n",
		   t, 20 / t, found / 2e5);
}

int
main(int argc, char **argv)
{
	size_t		len;
	char	   *text = slurp(argc > 1 ? argv[1] : DEFAULT_SYM, &len);
	sym_file	f;
	uint8_t    *bytes;
	size_t		blen;
	symcache	c;
	double		t0;

	bench_parse(text, len, &f);
	t0 = now();
	if (symcache_build(&f, NULL, &bytes, &blen) != SYM_OK ||
		symcache_open(bytes, blen, &c) != SYM_OK || f.funcs.count == 0)
		return 1;
	printf("build: %.3f s, cache %zu bytes (text %zu)\n", now() - t0, blen, len);
	bench_lookups(&c, f.funcs.items[0].addr,
				  f.funcs.items[f.funcs.count - 1].addr);
	free(bytes);
	sym_file_free(&f);
	free(text);
	return 0;
}
