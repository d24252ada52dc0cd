/*-------------------------------------------------------------------------
 * extension/core/symbols/fuzz/fuzz_symparse.c
 *	  libFuzzer harness: arbitrary bytes as a .sym text, through parse,
 *	  cache build, open and every lookup kind at a spread of addresses.
 *
 *	  Build: clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined
 *		-Iextension/core -Iextension/core/symbols
 *		extension/core/symbols/fuzz/fuzz_symparse.c
 *		extension/core/symbols/ *.c extension/core/md_alloc.c
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include "symcache.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every lookup at addr, touching each returned string. */
static size_t
poke(const symcache *c, uint64_t addr)
{
	symcache_func fn;
	symcache_line l;
	symcache_inline inl[8];
	symcache_public p;
	symcache_cfi cfi;
	symcache_win w;
	size_t		sink = 0;
	const char *s;
	uint32_t	i;

	if (symcache_lookup_func(c, addr, &fn) && fn.name)
		sink += strlen(fn.name);
	if (symcache_lookup_line(c, addr, &l) && l.file)
		sink += strlen(l.file);
	sink += (size_t) symcache_lookup_inlines(c, addr, inl, 8);
	if (symcache_lookup_public(c, addr, &p) && p.name)
		sink += strlen(p.name);
	if (symcache_lookup_cfi(c, addr, &cfi))
		for (i = 0; (s = symcache_cfi_delta(c, &cfi, i, NULL)) != NULL; i++)
			sink += strlen(s);
	if (symcache_lookup_win(c, addr, &w) && w.program)
		sink += strlen(w.program);
	return sink;
}

/* Parse, build, open, look up. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sym_file	f;
	uint8_t    *bytes;
	size_t		len;
	symcache	c;
	uint32_t	i;

	if (sym_parse((const char *) data, size, NULL, &f) != SYM_OK)
		return 0;
	if (symcache_build(&f, NULL, &bytes, &len) == SYM_OK)
	{
		if (symcache_open(bytes, len, &c) != SYM_OK)
			abort();			/* a fresh build must always open */
		for (i = 0; i < f.funcs.count && i < 64; i++)
			poke(&c, f.funcs.items[i].addr + i);
		for (i = 0; i < 64; i++)
			poke(&c, (uint64_t) i * 0x101);
		free(bytes);
	}
	sym_file_free(&f);
	return 0;
}
