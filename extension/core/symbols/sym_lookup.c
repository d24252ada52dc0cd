/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_lookup.c
 *	  Symbol lookups by module-relative address in an opened cache:
 *	  the function, its source line, its inline frames, and the PUBLIC
 *	  fallback, with Breakpad's semantics.
 *
 *	  Every index read from a record is range-checked before use, so a
 *	  corrupt cache that passed symcache_open still reads in bounds.
 *-------------------------------------------------------------------------
 */
#include "sym_internal.h"

/* True when addr is inside [start, start + size). */
static bool
sym_contains(uint64_t start, uint64_t size, uint64_t addr)
{
	return addr >= start && addr - start < size;
}

/* The function record containing addr, or NULL. */
static const uint8_t *
sym_find_func(const symcache *c, uint64_t addr)
{
	int64_t		i = symc_last_le(c, SYMC_FUNCS, 0, c->count[SYMC_FUNCS], -1, 0,
								 addr);
	const uint8_t *r;

	if (i < 0)
		return NULL;
	r = symc_record(c, SYMC_FUNCS, (uint64_t) i);
	return sym_contains(symc_get64(r), symc_get64(r + 8), addr) ? r : NULL;
}

/* Read a slice (first, count) at field off of r, checked against a section. */
static bool
sym_slice(const symcache *c, const uint8_t *r, int off, int sect,
		  uint64_t *first, uint64_t *end)
{
	*first = symc_get32(r + off);
	*end = *first + symc_get32(r + off + 4);
	return *end <= c->count[sect];
}

/* The function containing addr. */
bool
symcache_lookup_func(const symcache *c, uint64_t addr, symcache_func *out)
{
	const uint8_t *r = sym_find_func(c, addr);

	if (r == NULL)
		return false;
	out->addr = symc_get64(r);
	out->size = symc_get64(r + 8);
	out->param_size = symc_get32(r + 16);
	out->name = symc_string(c, symc_get32(r + 20));
	out->multiple = (symc_get32(r + 40) & SYMC_FLAG_MULTIPLE) != 0;
	return true;
}

/* The line record of the function containing addr that covers addr. */
bool
symcache_lookup_line(const symcache *c, uint64_t addr, symcache_line *out)
{
	const uint8_t *r = sym_find_func(c, addr);
	uint64_t	first;
	uint64_t	end;
	int64_t		i;

	if (r == NULL || !sym_slice(c, r, 24, SYMC_LINES, &first, &end))
		return false;
	i = symc_last_le(c, SYMC_LINES, first, end, -1, 0, addr);
	if (i < 0)
		return false;
	r = symc_record(c, SYMC_LINES, (uint64_t) i);
	if (!sym_contains(symc_get64(r), symc_get32(r + 8), addr))
		return false;
	out->addr = symc_get64(r);
	out->size = symc_get32(r + 8);
	out->line = symc_get32(r + 12);
	out->file = symc_string(c, symc_get32(r + 16));
	return true;
}

/*
 * The inline frames at addr, outermost (depth 0) first, at most max.
 * Depth d + 1 is searched only when depth d matched, as Breakpad does.
 */
int
symcache_lookup_inlines(const symcache *c, uint64_t addr,
						symcache_inline *out, int max)
{
	const uint8_t *r = sym_find_func(c, addr);
	uint64_t	first;
	uint64_t	end;
	int			n = 0;

	if (r == NULL || !sym_slice(c, r, 32, SYMC_INLINES, &first, &end))
		return 0;
	while (n < max)
	{
		int64_t		i = symc_last_le(c, SYMC_INLINES, first, end, 12,
									 (uint32_t) n, addr);

		if (i < 0)
			break;
		r = symc_record(c, SYMC_INLINES, (uint64_t) i);
		if (symc_get32(r + 12) != (uint32_t) n ||
			!sym_contains(symc_get64(r), symc_get32(r + 8), addr))
			break;
		out[n].addr = symc_get64(r);
		out[n].size = symc_get32(r + 8);
		out[n].depth = (uint32_t) n;
		out[n].call_line = symc_get32(r + 16);
		out[n].call_file = symc_string(c, symc_get32(r + 20));
		out[n].origin = symc_string(c, symc_get32(r + 24));
		n++;
	}
	return n;
}

/*
 * Breakpad's PUBLIC fallback: when no function contains addr, the
 * nearest PUBLIC at or below addr, provided it lies above the start of
 * the nearest function below addr (else that function's range, not the
 * public, is the better guess and Breakpad reports nothing).
 */
bool
symcache_lookup_public(const symcache *c, uint64_t addr, symcache_public *out)
{
	int64_t		fi = symc_last_le(c, SYMC_FUNCS, 0, c->count[SYMC_FUNCS], -1,
								  0, addr);
	int64_t		pi = symc_last_le(c, SYMC_PUBLICS, 0, c->count[SYMC_PUBLICS],
								  -1, 0, addr);
	const uint8_t *f = fi < 0 ? NULL : symc_record(c, SYMC_FUNCS, (uint64_t) fi);
	const uint8_t *p;

	if (pi < 0 || (f && sym_contains(symc_get64(f), symc_get64(f + 8), addr)))
		return false;
	p = symc_record(c, SYMC_PUBLICS, (uint64_t) pi);
	if (f && symc_get64(p) <= symc_get64(f))
		return false;
	out->addr = symc_get64(p);
	out->param_size = symc_get32(p + 8);
	out->name = symc_string(c, symc_get32(p + 12));
	out->multiple = (symc_get32(p + 16) & SYMC_FLAG_MULTIPLE) != 0;
	return true;
}
