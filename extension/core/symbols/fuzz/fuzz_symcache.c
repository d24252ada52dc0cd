/*-------------------------------------------------------------------------
 * extension/core/symbols/fuzz/fuzz_symcache.c
 *	  libFuzzer harness: arbitrary bytes opened as a symbol cache.  Open
 *	  must reject them cleanly or every lookup must stay in bounds.  The
 *	  harness fixes up the header checksum so the fuzzer gets past it and
 *	  exercises the section checks and the lookups.
 *
 *	  Build: as fuzz_symparse.c, with this file instead.
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include "sym_internal.h"

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

/* Open a copy (checksum fixed when the header is whole) and look up. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t    *copy = malloc(size ? size : 1);
	symcache	c;
	uint64_t	a;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	if (size >= SYMC_HEADER_SIZE && (data[0] & 1) == 0)
		symc_put32(copy + SYMC_CHECKSUM_OFFSET, symc_checksum(copy));
	if (symcache_open(copy, size, &c) == SYM_OK)
		for (a = 0; a < 0x4000; a += 0x7d)
			poke(&c, a);
	free(copy);
	return 0;
}
