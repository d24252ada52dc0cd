/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_parse_inline.c
 *	  The INLINE record, owned by the last FUNC:
 *		INLINE <depth> <call line> <call file id> <origin id> (<addr> <size>)+
 *	  or, in the older format without the call-site file,
 *		INLINE <depth> <call line> <origin id> (<addr> <size>)+
 *
 *	  The two are told apart by the field count's parity (odd without the
 *	  file id), which needs no state; the first INLINE also records the
 *	  format in sym_file so the builder knows that the matching
 *	  INLINE_ORIGIN lines carry a file id before the name.  Each range
 *	  becomes one sym_inline.
 *-------------------------------------------------------------------------
 */
#include "sym_parse_internal.h"

/* Number of fields left on the line. */
static uint32_t
sym_count_fields(sym_cursor c)
{
	uint32_t	n = 0;

	for (;;)
	{
		sym_skip_space(&c);
		if (c.p == c.end)
			return n;
		n++;
		while (!sym_at_field_end(&c))
			c.p++;
	}
}

/* Read the fields before the ranges into rec. */
static bool
sym_inline_head(sym_cursor *c, bool old_format, sym_inline *rec)
{
	rec->call_file = 0;
	if (!sym_dec32(c, &rec->depth) || !sym_dec32(c, &rec->call_line))
		return false;
	if (!old_format && !sym_dec32(c, &rec->call_file))
		return false;
	return sym_dec32(c, &rec->origin);
}

/* INLINE: one sym_inline per address range. */
bool
sym_parse_inline(sym_parser *ps, sym_cursor *c)
{
	sym_file   *f = ps->file;
	uint32_t	nfields = sym_count_fields(*c);
	bool		old_format = (nfields % 2) == 1;
	uint32_t	start = f->inlines.count;
	sym_inline	rec;
	sym_inline *slot;

	if (!ps->in_func || nfields < 5 || !sym_inline_head(c, old_format, &rec))
		return false;
	if (!ps->inline_format_known)
	{
		f->inline_old_format = old_format;
		ps->inline_format_known = true;
	}
	while (!sym_at_end(c))
	{
		if (!sym_hex64(c, &rec.addr) || !sym_hex32(c, &rec.size))
		{
			f->inlines.count = start;
			return false;
		}
		slot = sym_push(ps, &f->inlines.items, &f->inlines.count,
						&f->inlines.cap, sizeof(sym_inline));
		if (slot == NULL)
			return false;
		*slot = rec;
	}
	f->funcs.items[f->funcs.count - 1].inline_count += f->inlines.count - start;
	return true;
}
