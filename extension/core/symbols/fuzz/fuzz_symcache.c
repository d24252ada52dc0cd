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
#include "symcache_poke.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
			symcache_poke(&c, a);
	free(copy);
	return 0;
}
