/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_parse_records.c
 *	  Parsers for the module-level and function-level .sym records:
 *	  MODULE, INFO, FILE / INLINE_ORIGIN, FUNC, PUBLIC and line records.
 *
 *	  Each reads its fields into a local record first and appends only a
 *	  complete one, so a malformed line leaves no trace but the count.
 *	  Field syntax follows Breakpad's docs/symbol_files.md: addresses and
 *	  sizes in hex, line numbers and FILE / INLINE_ORIGIN ids in decimal.
 *-------------------------------------------------------------------------
 */
#include "sym_parse_internal.h"

#include <string.h>

/* MODULE <os> <arch> <debug id> <debug file> */
bool
sym_parse_module(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;

	if (!sym_token(c, f->text, &f->os) ||
		!sym_token(c, f->text, &f->arch) ||
		!sym_token(c, f->text, &f->debug_id) ||
		!sym_rest(c, f->text, &f->debug_file))
		return false;
	f->has_module = true;
	return true;
}

/* INFO CODE_ID <code id> [<code file>], or any other INFO line. */
bool
sym_parse_info(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_cursor	save = *c;
	sym_str		kind;
	sym_str    *slot;

	if (sym_token(c, f->text, &kind) && kind.len == 7 &&
		memcmp(f->text + kind.off, "CODE_ID", 7) == 0)
	{
		if (!sym_token(c, f->text, &f->code_id))
			return false;
		if (!sym_rest(c, f->text, &f->code_file))
			f->code_file.len = 0;
		return true;
	}
	*c = save;
	slot = sym_push(ps, &f->infos.items, &f->infos.count, &f->infos.cap,
					sizeof(sym_str));
	if (slot == NULL)
		return false;
	return sym_rest(c, f->text, slot);
}

/* FILE <id> <name> or INLINE_ORIGIN <id> <text> into the given array. */
bool
sym_parse_idname(sym_parser *ps, sym_cursor *c, void *items_ptr,
				 uint32_t *count, uint32_t *cap)
{
	sym_idname	rec;
	sym_idname *slot;

	if (!sym_dec32(c, &rec.id) || !sym_rest(c, ps->file->text, &rec.name))
		return false;
	slot = sym_push(ps, items_ptr, count, cap, sizeof(sym_idname));
	if (slot == NULL)
		return false;
	*slot = rec;
	return true;
}

/* FUNC [m] <address> <size> <parameter size> <name> */
bool
sym_parse_func(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_func	rec = {0};
	sym_func   *slot;

	ps->in_func = false;
	rec.multiple = sym_multiple_flag(c);
	if (!sym_hex64(c, &rec.addr) || !sym_hex64(c, &rec.size) ||
		!sym_hex32(c, &rec.param_size) || !sym_rest(c, f->text, &rec.name))
		return false;
	rec.line_first = f->lines.count;
	rec.inline_first = f->inlines.count;
	slot = sym_push(ps, &f->funcs.items, &f->funcs.count, &f->funcs.cap,
					sizeof(sym_func));
	if (slot == NULL)
		return false;
	*slot = rec;
	ps->in_func = true;
	return true;
}

/* PUBLIC [m] <address> <parameter size> <name> */
bool
sym_parse_public(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_public	rec = {0};
	sym_public *slot;

	ps->in_func = false;
	rec.multiple = sym_multiple_flag(c);
	if (!sym_hex64(c, &rec.addr) || !sym_hex32(c, &rec.param_size) ||
		!sym_rest(c, f->text, &rec.name))
		return false;
	slot = sym_push(ps, &f->publics.items, &f->publics.count,
					&f->publics.cap, sizeof(sym_public));
	if (slot == NULL)
		return false;
	*slot = rec;
	return true;
}

/* <address> <size> <line> <file id>, owned by the last FUNC. */
bool
sym_parse_line_record(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	sym_line	rec;
	sym_line   *slot;

	if (!ps->in_func || !sym_hex64(c, &rec.addr) ||
		!sym_hex32(c, &rec.size) || !sym_dec32(c, &rec.line) ||
		!sym_dec32(c, &rec.file) || !sym_at_end(c))
		return false;
	slot = sym_push(ps, &f->lines.items, &f->lines.count, &f->lines.cap,
					sizeof(sym_line));
	if (slot == NULL)
		return false;
	*slot = rec;
	f->funcs.items[f->funcs.count - 1].line_count++;
	return true;
}
