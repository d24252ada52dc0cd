/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_parse_stack.c
 *	  The unwind records:
 *		STACK CFI INIT <addr> <size> <rules>
 *		STACK CFI <addr> <rules>			(a delta, owned by the last INIT)
 *		STACK WIN <type> <rva> <code size> <prologue> <epilogue> <params>
 *				  <saved regs> <locals> <max stack> <has program>
 *				  <program string | allocates base pointer>
 *
 *	  Rule and program strings are kept verbatim for the stack walker to
 *	  evaluate; all numbers are hex, as Breakpad writes and reads them.
 *-------------------------------------------------------------------------
 */
#include "sym_parse_internal.h"

#include <string.h>

/* STACK CFI INIT <addr> <size> <rules> */
static bool
sym_parse_cfi_init(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_cfi_init rec = {0};
	sym_cfi_init *slot;

	ps->in_cfi = false;
	if (!sym_hex64(c, &rec.addr) || !sym_hex32(c, &rec.size) ||
		!sym_rest(c, f->text, &rec.rules))
		return false;
	rec.delta_first = f->cfi_deltas.count;
	slot = sym_push(ps, &f->cfi_inits.items, &f->cfi_inits.count,
					&f->cfi_inits.cap, sizeof(sym_cfi_init));
	if (slot == NULL)
		return false;
	*slot = rec;
	ps->in_cfi = true;
	return true;
}

/* STACK CFI <addr> <rules> */
static bool
sym_parse_cfi_delta(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_cfi_delta rec;
	sym_cfi_delta *slot;

	if (!ps->in_cfi || !sym_hex64(c, &rec.addr) ||
		!sym_rest(c, f->text, &rec.rules))
		return false;
	slot = sym_push(ps, &f->cfi_deltas.items, &f->cfi_deltas.count,
					&f->cfi_deltas.cap, sizeof(sym_cfi_delta));
	if (slot == NULL)
		return false;
	*slot = rec;
	f->cfi_inits.items[f->cfi_inits.count - 1].delta_count++;
	return true;
}

/* The fields of STACK WIN after the type, up to the last one. */
static bool
sym_parse_win_fields(sym_cursor *c, sym_win *rec)
{
	uint32_t	has_program;

	if (!sym_hex64(c, &rec->addr) || !sym_hex32(c, &rec->size) ||
		!sym_hex32(c, &rec->prologue_size) ||
		!sym_hex32(c, &rec->epilogue_size) ||
		!sym_hex32(c, &rec->param_size) ||
		!sym_hex32(c, &rec->saved_regs_size) ||
		!sym_hex32(c, &rec->locals_size) ||
		!sym_hex32(c, &rec->max_stack_size) ||
		!sym_hex32(c, &has_program) || has_program > 1)
		return false;
	rec->has_program = has_program == 1;
	return true;
}

/* STACK WIN, see the file header. */
static bool
sym_parse_win(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_win		rec = {0};
	sym_win    *slot;
	uint32_t	abp;

	if (!sym_hex32(c, &rec.type) || !sym_parse_win_fields(c, &rec))
		return false;
	if (rec.has_program)
	{
		if (!sym_rest(c, f->text, &rec.program))
			return false;
	}
	else
	{
		if (!sym_hex32(c, &abp) || abp > 1 || !sym_at_end(c))
			return false;
		rec.allocates_base_pointer = abp == 1;
	}
	slot = sym_push(ps, &f->wins.items, &f->wins.count, &f->wins.cap,
					sizeof(sym_win));
	if (slot == NULL)
		return false;
	*slot = rec;
	return true;
}

/* STACK CFI INIT, STACK CFI or STACK WIN. */
bool
sym_parse_stack(sym_parser *ps, sym_cursor *c)
{
	sym_str		kind;

	if (!sym_token(c, ps->file->text, &kind))
		return false;
	if (kind.len == 3 && memcmp(ps->file->text + kind.off, "WIN", 3) == 0)
		return sym_parse_win(ps, c);
	if (kind.len != 3 || memcmp(ps->file->text + kind.off, "CFI", 3) != 0)
		return false;
	sym_skip_space(c);
	if (c->end - c->p > 4 && memcmp(c->p, "INIT", 4) == 0 &&
		(c->p[4] == ' ' || c->p[4] == '\t'))
	{
		c->p += 4;
		return sym_parse_cfi_init(ps, c);
	}
	return sym_parse_cfi_delta(ps, c);
}
