/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_sort.c
 *	  Sorting helpers for the cache builder: address ranges (optionally
 *	  dropping empty and overlapping ones) and id -> string maps.
 *
 *	  Overlaps are resolved the way Breakpad's RangeMap does when it
 *	  refuses a conflicting StoreRange: among ranges of one group, the one
 *	  starting first (then the one earlier in the file) is kept and any
 *	  range that starts inside it is dropped.  That keeps every sorted
 *	  array free of overlaps, so one binary search answers a lookup.
 *-------------------------------------------------------------------------
 */
#include "sym_build_internal.h"

#include <stdlib.h>

/* start + size, saturated at UINT64_MAX. */
uint64_t
sym_range_end(uint64_t start, uint64_t size)
{
	return size > UINT64_MAX - start ? UINT64_MAX : start + size;
}

/* qsort order: group, start, input order. */
static int
sym_range_cmp(const void *a, const void *b)
{
	const sym_range *x = a;
	const sym_range *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* True if the ranges are already in sym_range_cmp order. */
static bool
sym_ranges_sorted(const sym_range *r, uint32_t n)
{
	uint32_t	i;

	for (i = 1; i < n; i++)
		if (sym_range_cmp(&r[i - 1], &r[i]) > 0)
			return false;
	return true;
}

/*
 * Sort n ranges; optionally drop empty and overlapping ones.  New count.
 * dump_syms writes most record kinds in address order, so a sorted input
 * skips the sort.
 */
uint32_t
sym_sort_ranges(sym_range *r, uint32_t n, bool drop_overlaps)
{
	uint32_t	kept = 0;
	uint32_t	i;

	if (!sym_ranges_sorted(r, n))
		qsort(r, n, sizeof(sym_range), sym_range_cmp);
	if (!drop_overlaps)
		return n;
	for (i = 0; i < n; i++)
	{
		if (r[i].end == r[i].start)
			continue;
		if (kept > 0 && r[kept - 1].group == r[i].group &&
			r[i].start < r[kept - 1].end)
			continue;
		r[kept++] = r[i];
	}
	return kept;
}

/* qsort order for id maps: id, then the position kept in str. */
static int
sym_idmap_cmp(const void *a, const void *b)
{
	const sym_idmap *x = a;
	const sym_idmap *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->str < y->str ? -1 : x->str > y->str;
}

/* Skip "<digits> " at the start of an old-format INLINE_ORIGIN text. */
static sym_str
sym_skip_file_id(const char *text, sym_str s)
{
	uint32_t	i = 0;

	while (i < s.len && text[s.off + i] >= '0' && text[s.off + i] <= '9')
		i++;
	if (i == 0 || i >= s.len || (text[s.off + i] != ' ' && text[s.off + i] != '\t'))
		return s;
	while (i < s.len && (text[s.off + i] == ' ' || text[s.off + i] == '\t'))
		i++;
	s.off += i;
	s.len -= i;
	return s;
}

/* Sorted id -> string map of FILE or INLINE_ORIGIN records, first wins. */
uint32_t
sym_idmap_build(sym_builder *b, const sym_idname *items, uint32_t n,
				bool skip_file_id, sym_idmap **out)
{
	sym_idmap  *map = md_alloc_raw(b->allocator, (size_t) n * sizeof(sym_idmap) + 1);
	uint32_t	kept = 0;
	uint32_t	i;

	*out = map;
	if (map == NULL)
	{
		b->nomem = true;
		return 0;
	}
	for (i = 0; i < n; i++)
	{
		map[i].id = items[i].id;
		map[i].str = i;
	}
	qsort(map, n, sizeof(sym_idmap), sym_idmap_cmp);
	for (i = 0; i < n; i++)
	{
		sym_str		name = items[map[i].str].name;

		if (kept > 0 && map[kept - 1].id == map[i].id)
			continue;
		if (skip_file_id)
			name = sym_skip_file_id(b->file->text, name);
		map[kept].id = map[i].id;
		map[kept++].str = sym_build_str(b, name);
	}
	return kept;
}

/*
 * String offset for an id, or SYMC_NO_STRING.  Ids are usually 0..n-1 in
 * order, so entry id is tried first; a binary search finds the rest.
 */
uint32_t
sym_idmap_find(const sym_idmap *map, uint32_t n, uint32_t id)
{
	uint32_t	lo = 0;
	uint32_t	hi = n;

	if (id < n && map[id].id == id)
		return map[id].str;
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (map[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && map[lo].id == id ? map[lo].str : SYMC_NO_STRING;
}
