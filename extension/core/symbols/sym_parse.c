/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_parse.c
 *	  One pass over a Breakpad .sym text: split lines, dispatch on the
 *	  record keyword, append each record to its growable array.
 *
 *	  Malformed lines are skipped and counted, never fatal.  This is what
 *	  Breakpad does (BasicSourceLineResolver logs the line, marks the
 *	  module corrupt and keeps loading, so module3_bad/module4_bad still
 *	  load), and rust-minidump's parser likewise skips lines it cannot
 *	  read: a single bad line from a buggy dump_syms should not throw away
 *	  a whole module's symbols.  Callers see sym_file.bad_lines and
 *	  first_bad_line and can treat the module as corrupt.  Only running out
 *	  of memory or text of 4 GB or more (string offsets are 32-bit) fails
 *	  the parse.  Line records and INLINE before any FUNC (or after a
 *	  PUBLIC or a malformed FUNC) and CFI deltas before any INIT have no
 *	  owner and count as malformed.
 *
 *	  Arrays grow by doubling, so there is no allocation per line.
 *-------------------------------------------------------------------------
 */
#include "sym_parse_internal.h"

#include <string.h>

/* Append one zero-filled slot to an array; NULL (and nomem) on failure. */
void *
sym_push(sym_parser *ps, void *items_ptr, uint32_t *count, uint32_t *cap,
		 size_t elem)
{
	char	   *items;
	char	   *grown;
	uint32_t	newcap;

	memcpy(&items, items_ptr, sizeof(items));
	if (*count == *cap)
	{
		newcap = *cap ? *cap * 2 : 64;
		if (*cap >= UINT32_MAX / 2 || newcap > SIZE_MAX / elem)
			grown = NULL;
		else
			grown = md_alloc_raw(ps->file->allocator, newcap * elem);
		if (grown == NULL)
		{
			ps->nomem = true;
			return NULL;
		}
		if (items)
			memcpy(grown, items, (size_t) *count * elem);
		md_free_raw(ps->file->allocator, items);
		items = grown;
		*cap = newcap;
		memcpy(items_ptr, &items, sizeof(items));
	}
	memset(items + (size_t) *count * elem, 0, elem);
	return items + (size_t) (*count)++ * elem;
}

/* Note a malformed line. */
void
sym_bad_line(sym_parser *ps)
{
	if (ps->file->bad_lines == 0)
		ps->file->first_bad_line = ps->line_no;
	ps->file->bad_lines++;
}

/* If the line starts with keyword and a separator, skip both. */
static bool
sym_keyword(sym_cursor *c, const char *keyword, size_t len)
{
	if ((size_t) (c->end - c->p) <= len || memcmp(c->p, keyword, len) != 0 ||
		(c->p[len] != ' ' && c->p[len] != '\t'))
		return false;
	c->p += len;
	return true;
}

/* Dispatch a line whose first byte is an upper-case letter. */
static bool
sym_parse_keyword_line(sym_parser *ps, sym_cursor *c)
{
	if (sym_keyword(c, "FUNC", 4))
		return sym_parse_func(ps, c);
	if (sym_keyword(c, "INLINE", 6))
		return sym_parse_inline(ps, c);
	if (sym_keyword(c, "STACK", 5))
		return sym_parse_stack(ps, c);
	if (sym_keyword(c, "FILE", 4))
		return sym_parse_idname(ps, c, &ps->file->files.items,
								&ps->file->files.count, &ps->file->files.cap);
	if (sym_keyword(c, "INLINE_ORIGIN", 13))
		return sym_parse_idname(ps, c, &ps->file->origins.items,
								&ps->file->origins.count,
								&ps->file->origins.cap);
	if (sym_keyword(c, "PUBLIC", 6))
		return sym_parse_public(ps, c);
	if (sym_keyword(c, "MODULE", 6))
		return sym_parse_module(ps, c);
	if (sym_keyword(c, "INFO", 4))
		return sym_parse_info(ps, c);
	ps->file->unknown_lines++;
	return true;
}

/* Parse one line (without its newline) and account for failures. */
static void
sym_parse_line(sym_parser *ps, const char *p, const char *end)
{
	sym_cursor	c;
	bool		ok;

	if (end > p && end[-1] == '\r')
		end--;
	c.p = p;
	c.end = end;
	if (sym_at_end(&c))
		return;
	if (*c.p >= 'A' && *c.p <= 'Z' &&
		(c.end - c.p < 2 || sym_hex_digit(c.p[1]) < 0))
		ok = sym_parse_keyword_line(ps, &c);
	else
		ok = sym_parse_line_record(ps, &c);
	if (!ok && !ps->nomem)
		sym_bad_line(ps);
}

/* Parse a whole .sym text into out (see the header for ownership). */
sym_status
sym_parse(const char *text, size_t len, const md_allocator *allocator,
		  sym_file *out)
{
	sym_parser	ps;
	const char *p = text;
	const char *end = text + len;
	const char *nl;

	memset(out, 0, sizeof(*out));
	out->text = text;
	out->len = len;
	out->allocator = allocator;
	if (len >= UINT32_MAX)
		return SYM_ERR_TOO_LARGE;
	memset(&ps, 0, sizeof(ps));
	ps.file = out;
	while (p < end && !ps.nomem)
	{
		nl = memchr(p, '\n', (size_t) (end - p));
		if (nl == NULL)
			nl = end;
		ps.line_no++;
		sym_parse_line(&ps, p, nl);
		p = nl + 1;
	}
	if (ps.nomem)
	{
		sym_file_free(out);
		return SYM_ERR_NOMEM;
	}
	return SYM_OK;
}

/* Free the arrays of a parse (the text belongs to the caller). */
void
sym_file_free(sym_file *f)
{
	md_free_raw(f->allocator, f->infos.items);
	md_free_raw(f->allocator, f->files.items);
	md_free_raw(f->allocator, f->origins.items);
	md_free_raw(f->allocator, f->funcs.items);
	md_free_raw(f->allocator, f->lines.items);
	md_free_raw(f->allocator, f->inlines.items);
	md_free_raw(f->allocator, f->publics.items);
	md_free_raw(f->allocator, f->cfi_inits.items);
	md_free_raw(f->allocator, f->cfi_deltas.items);
	md_free_raw(f->allocator, f->wins.items);
	memset(f, 0, sizeof(*f));
}
