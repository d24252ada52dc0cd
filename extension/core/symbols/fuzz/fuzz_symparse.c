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
#include "symcache_poke.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
			symcache_poke(&c, f.funcs.items[i].addr + i);
		for (i = 0; i < 64; i++)
			symcache_poke(&c, (uint64_t) i * 0x101);
		free(bytes);
	}
	sym_file_free(&f);
	return 0;
}
