/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_lookup_stack.c
 *	  Unwind-data lookups in an opened cache: the CFI rules in force at
 *	  an address (the INIT rules plus every delta at or below it, in
 *	  order, for the walker to apply left to right) and the STACK WIN
 *	  record covering it.
 *-------------------------------------------------------------------------
 */
#include "sym_internal.h"

/* The CFI INIT range containing addr and its deltas at or below addr. */
bool
symcache_lookup_cfi(const symcache *c, uint64_t addr, symcache_cfi *out)
{
	int64_t		i = symc_last_le(c, SYMC_CFI_INITS, 0, c->count[SYMC_CFI_INITS],
								 -1, 0, addr);
	const uint8_t *r;
	uint64_t	first;
	uint64_t	end;
	int64_t		j;

	if (i < 0)
		return false;
	r = symc_record(c, SYMC_CFI_INITS, (uint64_t) i);
	if (addr - symc_get64(r) >= symc_get32(r + 8))
		return false;
	first = symc_get32(r + 16);
	end = first + symc_get32(r + 20);
	if (end > c->count[SYMC_CFI_DELTAS])
		end = first = 0;
	j = symc_last_le(c, SYMC_CFI_DELTAS, first, end, -1, 0, addr);
	out->addr = symc_get64(r);
	out->size = symc_get32(r + 8);
	out->init_rules = symc_string(c, symc_get32(r + 12));
	out->delta_first = first;
	out->delta_count = j < 0 ? 0 : (uint32_t) ((uint64_t) j - first + 1);
	return true;
}

/* Delta i (0-based) of a CFI lookup; NULL past the end. */
const char *
symcache_cfi_delta(const symcache *c, const symcache_cfi *cfi, uint32_t i,
				   uint64_t *addr)
{
	const uint8_t *r;

	if (i >= cfi->delta_count)
		return NULL;
	r = symc_record(c, SYMC_CFI_DELTAS, cfi->delta_first + i);
	if (r == NULL)
		return NULL;
	if (addr)
		*addr = symc_get64(r);
	return symc_string(c, symc_get32(r + 8));
}

/* The STACK WIN record of one type containing addr. */
bool
symcache_lookup_win_type(const symcache *c, uint32_t type, uint64_t addr,
						 symcache_win *out)
{
	int64_t		i = symc_last_le(c, SYMC_WINS, 0, c->count[SYMC_WINS], 12,
								 type, addr);
	const uint8_t *r;

	if (i < 0)
		return false;
	r = symc_record(c, SYMC_WINS, (uint64_t) i);
	if (symc_get32(r + 12) != type || addr < symc_get64(r) ||
		addr - symc_get64(r) >= symc_get32(r + 8))
		return false;
	out->addr = symc_get64(r);
	out->size = symc_get32(r + 8);
	out->type = type;
	out->prologue_size = symc_get32(r + 16);
	out->epilogue_size = symc_get32(r + 20);
	out->param_size = symc_get32(r + 24);
	out->saved_regs_size = symc_get32(r + 28);
	out->locals_size = symc_get32(r + 32);
	out->max_stack_size = symc_get32(r + 36);
	out->has_program = (symc_get32(r + 40) & 1) != 0;
	out->allocates_base_pointer = (symc_get32(r + 40) & 2) != 0;
	out->program = symc_string(c, symc_get32(r + 44));
	return true;
}

/* The STACK WIN record for addr: FRAME_DATA (type 4) first, then FPO (0). */
bool
symcache_lookup_win(const symcache *c, uint64_t addr, symcache_win *out)
{
	return symcache_lookup_win_type(c, 4, addr, out) ||
		symcache_lookup_win_type(c, 0, addr, out);
}
