/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_build_stack.c
 *	  Stage the public-symbol, CFI and STACK WIN sections.
 *
 *	  PUBLICs are sorted by address with duplicates dropped (first wins,
 *	  as Breakpad's AddressMap refuses a second symbol at one address).
 *	  CFI INIT ranges are sorted and de-overlapped; each keeps its deltas,
 *	  sorted by address in file order, as one slice of the delta section.
 *	  STACK WIN records are sorted by (type, address) and de-overlapped
 *	  per type, as Breakpad keeps one range map per type.
 *-------------------------------------------------------------------------
 */
#include "sym_build_internal.h"

/* Stage PUBLIC records. */
void
sym_build_publics(sym_builder *b)
{
	const sym_public *p = b->file->publics.items;
	uint32_t	n = b->file->publics.count;
	uint8_t    *out = sym_build_stage(b, SYMC_PUBLICS, n);
	uint32_t	i;

	if (out == NULL)
		return;
	for (i = 0; i < n; i++)
	{
		b->scratch[i].group = 0;
		b->scratch[i].start = p[i].addr;
		b->scratch[i].end = sym_range_end(p[i].addr, 1);
		b->scratch[i].idx = i;
	}
	n = sym_sort_ranges(b->scratch, n, true);
	for (i = 0; i < n; i++, out += SYMC_PUBLIC_SIZE)
	{
		const sym_public *x = &p[b->scratch[i].idx];

		symc_put64(out, x->addr);
		symc_put32(out + 8, x->param_size);
		symc_put32(out + 12, sym_build_str(b, x->name));
		symc_put32(out + 16, x->multiple ? SYMC_FLAG_MULTIPLE : 0);
	}
	b->count[SYMC_PUBLICS] = n;
}

/* Stage the deltas of one INIT after those already staged. */
static uint32_t
sym_build_cfi_deltas(sym_builder *b, const sym_cfi_init *init)
{
	const sym_cfi_delta *d;
	uint8_t    *out = b->sect[SYMC_CFI_DELTAS] +
		b->count[SYMC_CFI_DELTAS] * SYMC_CFI_DELTA_SIZE;
	uint32_t	i;

	if (init->delta_count == 0)
		return 0;
	d = b->file->cfi_deltas.items + init->delta_first;
	for (i = 0; i < init->delta_count; i++)
	{
		b->scratch[i].group = 0;
		b->scratch[i].start = d[i].addr;
		b->scratch[i].end = d[i].addr;
		b->scratch[i].idx = i;
	}
	sym_sort_ranges(b->scratch, init->delta_count, false);
	for (i = 0; i < init->delta_count; i++, out += SYMC_CFI_DELTA_SIZE)
	{
		symc_put64(out, d[b->scratch[i].idx].addr);
		symc_put32(out + 8, sym_build_str(b, d[b->scratch[i].idx].rules));
	}
	b->count[SYMC_CFI_DELTAS] += init->delta_count;
	return init->delta_count;
}

/* Stage CFI INIT records and their deltas. */
void
sym_build_cfi(sym_builder *b)
{
	const sym_cfi_init *p = b->file->cfi_inits.items;
	uint32_t	n = b->file->cfi_inits.count;
	uint8_t    *out = sym_build_stage(b, SYMC_CFI_INITS, n);
	sym_range  *r;
	uint32_t	i;

	r = md_alloc_raw(b->allocator, (size_t) n * sizeof(sym_range) + 1);
	if (out == NULL || r == NULL ||
		!sym_build_stage(b, SYMC_CFI_DELTAS, b->file->cfi_deltas.count))
	{
		b->nomem = true;
		md_free_raw(b->allocator, r);
		return;
	}
	for (i = 0; i < n; i++)
	{
		r[i].group = 0;
		r[i].start = p[i].addr;
		r[i].end = sym_range_end(p[i].addr, p[i].size);
		r[i].idx = i;
	}
	n = sym_sort_ranges(r, n, true);
	for (i = 0; i < n; i++, out += SYMC_CFI_INIT_SIZE)
	{
		const sym_cfi_init *x = &p[r[i].idx];

		symc_put64(out, x->addr);
		symc_put32(out + 8, x->size);
		symc_put32(out + 12, sym_build_str(b, x->rules));
		symc_put32(out + 16, (uint32_t) b->count[SYMC_CFI_DELTAS]);
		symc_put32(out + 20, sym_build_cfi_deltas(b, x));
	}
	b->count[SYMC_CFI_INITS] = n;
	md_free_raw(b->allocator, r);
}

/* Write one STACK WIN record. */
static void
sym_build_one_win(sym_builder *b, const sym_win *w, uint8_t *out)
{
	symc_put64(out, w->addr);
	symc_put32(out + 8, w->size);
	symc_put32(out + 12, w->type);
	symc_put32(out + 16, w->prologue_size);
	symc_put32(out + 20, w->epilogue_size);
	symc_put32(out + 24, w->param_size);
	symc_put32(out + 28, w->saved_regs_size);
	symc_put32(out + 32, w->locals_size);
	symc_put32(out + 36, w->max_stack_size);
	symc_put32(out + 40, (w->has_program ? 1 : 0) |
			   (w->allocates_base_pointer ? 2 : 0));
	symc_put32(out + 44, w->has_program ? sym_build_str(b, w->program) :
			   SYMC_NO_STRING);
}

/* Stage STACK WIN records. */
void
sym_build_wins(sym_builder *b)
{
	const sym_win *p = b->file->wins.items;
	uint32_t	n = b->file->wins.count;
	uint8_t    *out = sym_build_stage(b, SYMC_WINS, n);
	uint32_t	i;

	if (out == NULL)
		return;
	for (i = 0; i < n; i++)
	{
		b->scratch[i].group = p[i].type;
		b->scratch[i].start = p[i].addr;
		b->scratch[i].end = sym_range_end(p[i].addr, p[i].size);
		b->scratch[i].idx = i;
	}
	n = sym_sort_ranges(b->scratch, n, true);
	for (i = 0; i < n; i++)
		sym_build_one_win(b, &p[b->scratch[i].idx],
						  out + (size_t) i * SYMC_WIN_SIZE);
	b->count[SYMC_WINS] = n;
}
