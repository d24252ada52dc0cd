/*-------------------------------------------------------------------------
 * extension/core/symbols/fuzz/symcache_poke.h
 *	  Every lookup kind of a symbol cache at one address, reading each
 *	  string it returns: what the fuzz harnesses and the unit test's
 *	  corruption checks do to prove lookups stay in bounds on any cache.
 *	  Header-only, because each of those is its own program.
 *-------------------------------------------------------------------------
 */
#ifndef SYMCACHE_POKE_H
#define SYMCACHE_POKE_H

#include <string.h>

#include "symcache.h"

/* Run every lookup at addr; returns a sum of string lengths so none is optimized away. */
static inline size_t
symcache_poke(const symcache *c, uint64_t addr)
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

#endif
