/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_build_funcs.c
 *	  Stage the function section and, per kept function, its line records
 *	  (sorted by address) and inline ranges (sorted by depth, then
 *	  address) as contiguous slices of the line and inline sections.
 *
 *	  Empty and overlapping functions, lines and same-depth inline ranges
 *	  are dropped (see sym_sort.c); FILE and INLINE_ORIGIN ids become
 *	  string-table offsets so lookups need no id tables.
 *-------------------------------------------------------------------------
 */
#include "sym_build_internal.h"

/* Stage the lines of one function; returns how many were kept. */
static uint32_t
sym_build_func_lines(sym_builder *b, const sym_func *fn, uint8_t *out)
{
	const sym_line *lines;
	sym_range  *r = b->scratch;
	uint32_t	n;
	uint32_t	i;

	if (fn->line_count == 0)
		return 0;
	lines = b->file->lines.items + fn->line_first;
	for (i = 0; i < fn->line_count; i++)
	{
		r[i].group = 0;
		r[i].start = lines[i].addr;
		r[i].end = sym_range_end(lines[i].addr, lines[i].size);
		r[i].idx = i;
	}
	n = sym_sort_ranges(r, fn->line_count, true);
	for (i = 0; i < n; i++, out += SYMC_LINE_SIZE)
	{
		const sym_line *l = &lines[r[i].idx];

		symc_put64(out, l->addr);
		symc_put32(out + 8, l->size);
		symc_put32(out + 12, l->line);
		symc_put32(out + 16, sym_idmap_find(b->files, b->nfiles, l->file));
	}
	return n;
}

/* Stage the inline ranges of one function; returns how many were kept. */
static uint32_t
sym_build_func_inlines(sym_builder *b, const sym_func *fn, uint8_t *out)
{
	const sym_inline *inl;
	sym_range  *r = b->scratch;
	uint32_t	n;
	uint32_t	i;

	if (fn->inline_count == 0)
		return 0;
	inl = b->file->inlines.items + fn->inline_first;
	for (i = 0; i < fn->inline_count; i++)
	{
		r[i].group = inl[i].depth;
		r[i].start = inl[i].addr;
		r[i].end = sym_range_end(inl[i].addr, inl[i].size);
		r[i].idx = i;
	}
	n = sym_sort_ranges(r, fn->inline_count, true);
	for (i = 0; i < n; i++, out += SYMC_INLINE_SIZE)
	{
		const sym_inline *x = &inl[r[i].idx];

		symc_put64(out, x->addr);
		symc_put32(out + 8, x->size);
		symc_put32(out + 12, x->depth);
		symc_put32(out + 16, x->call_line);
		symc_put32(out + 20, b->file->inline_old_format ? SYMC_NO_STRING :
				   sym_idmap_find(b->files, b->nfiles, x->call_file));
		symc_put32(out + 24, sym_idmap_find(b->origins, b->norigins, x->origin));
	}
	return n;
}

/* Write one function record with its line and inline slices. */
static void
sym_build_one_func(sym_builder *b, const sym_func *fn, uint8_t *out)
{
	uint8_t    *lines = b->sect[SYMC_LINES] + b->count[SYMC_LINES] * SYMC_LINE_SIZE;
	uint8_t    *inl = b->sect[SYMC_INLINES] + b->count[SYMC_INLINES] * SYMC_INLINE_SIZE;
	uint32_t	nlines = sym_build_func_lines(b, fn, lines);
	uint32_t	ninl = sym_build_func_inlines(b, fn, inl);

	symc_put64(out, fn->addr);
	symc_put64(out + 8, fn->size);
	symc_put32(out + 16, fn->param_size);
	symc_put32(out + 20, sym_build_str(b, fn->name));
	symc_put32(out + 24, (uint32_t) b->count[SYMC_LINES]);
	symc_put32(out + 28, nlines);
	symc_put32(out + 32, (uint32_t) b->count[SYMC_INLINES]);
	symc_put32(out + 36, ninl);
	symc_put32(out + 40, fn->multiple ? SYMC_FLAG_MULTIPLE : 0);
	b->count[SYMC_LINES] += nlines;
	b->count[SYMC_INLINES] += ninl;
}

/* Stage functions sorted by address, each with its lines and inlines. */
void
sym_build_funcs(sym_builder *b)
{
	const sym_file *f = b->file;
	sym_range  *r;
	uint32_t	n;
	uint32_t	i;
	uint8_t    *out = sym_build_stage(b, SYMC_FUNCS, f->funcs.count);

	if (out == NULL || !sym_build_stage(b, SYMC_LINES, f->lines.count) ||
		!sym_build_stage(b, SYMC_INLINES, f->inlines.count))
		return;
	r = md_alloc_raw(b->allocator, (size_t) f->funcs.count * sizeof(sym_range) + 1);
	if (r == NULL)
	{
		b->nomem = true;
		return;
	}
	for (i = 0; i < f->funcs.count; i++)
	{
		r[i].group = 0;
		r[i].start = f->funcs.items[i].addr;
		r[i].end = sym_range_end(f->funcs.items[i].addr, f->funcs.items[i].size);
		r[i].idx = i;
	}
	n = sym_sort_ranges(r, f->funcs.count, true);
	for (i = 0; i < n; i++)
		sym_build_one_func(b, &f->funcs.items[r[i].idx],
						   out + (size_t) i * SYMC_FUNC_SIZE);
	b->count[SYMC_FUNCS] = n;
	md_free_raw(b->allocator, r);
}
