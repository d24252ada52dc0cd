/*-------------------------------------------------------------------------
 * extension/core/walker/wk_modules.c
 *	  The module map: the dump's modules sorted by base address, without
 *	  the ones Breakpad's range map refuses (empty, wrapping past the top
 *	  of the address space, or starting where a module already kept
 *	  starts), and the lookup of the module containing an address.
 *
 *	  Overlapping modules are all kept, and an address in the overlap
 *	  belongs to the higher-based one: Breakpad's range map truncates the
 *	  lower range (Android dumps have such overlaps, e.g. Adreno drivers
 *	  in microdump-multiple).  Sorting keeps this O(n log n) for hostile
 *	  module lists.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <stdlib.h>

/* qsort order: by base address, then by position in the dump. */
static const md_module *sort_modules;

/* Compare two module indexes for qsort. */
static int
compare_modules(const void *a, const void *b)
{
	uint32_t	ia = *(const uint32_t *) a;
	uint32_t	ib = *(const uint32_t *) b;
	uint64_t	ba = sort_modules[ia].base_of_image;
	uint64_t	bb = sort_modules[ib].base_of_image;

	if (ba != bb)
		return ba < bb ? -1 : 1;
	return ia < ib ? -1 : (ia > ib);
}

/* True if the module's range is one Breakpad can store. */
static bool
module_storable(const md_module *m)
{
	return m->size_of_image != 0 &&
		m->base_of_image + m->size_of_image - 1 >= m->base_of_image;
}

/* Build res->module_order; false only when out of memory. */
bool
wk_modules_build(wk_result *res)
{
	const md_dump *dump = res->dump;
	uint32_t	n = dump->module_count;
	uint32_t	kept = 0;
	uint64_t	last_base = 0;
	uint32_t	i;

	res->module_order = md_arena_array(&res->arena, n ? n : 1,
									   sizeof(uint32_t));
	if (res->module_order == NULL)
		return false;
	for (i = 0; i < n; i++)
		res->module_order[i] = i;
	sort_modules = dump->modules;
	qsort(res->module_order, n, sizeof(uint32_t), compare_modules);
	for (i = 0; i < n; i++)
	{
		const md_module *m = &dump->modules[res->module_order[i]];

		if (!module_storable(m) ||
			(kept > 0 && m->base_of_image == last_base))
			continue;
		res->module_order[kept++] = res->module_order[i];
		last_base = m->base_of_image;
	}
	res->module_count = kept;
	return true;
}

/* Index (into dump->modules) of the module containing addr, or -1. */
int64_t
wk_module_for(const wk_result *res, uint64_t addr)
{
	const md_module *mods = res->dump->modules;
	uint32_t	lo = 0;
	uint32_t	hi = res->module_count;

	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (mods[res->module_order[mid]].base_of_image <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	lo = res->module_order[lo - 1];
	if (addr - mods[lo].base_of_image >= mods[lo].size_of_image)
		return -1;
	return lo;
}
