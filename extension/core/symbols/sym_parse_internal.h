/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_parse_internal.h
 *	  State shared by the .sym line dispatcher (sym_parse.c) and the
 *	  record parsers (sym_parse_records.c, sym_parse_stack.c).
 *
 *	  Each record parser returns false for a malformed line; the
 *	  dispatcher counts it.  A parser that fails to allocate sets nomem.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SYM_PARSE_INTERNAL_H
#define CRASHPIPE_SYM_PARSE_INTERNAL_H

#include "symcache.h"
#include "sym_text.h"

/* Parse state: the output and which records later lines attach to. */
typedef struct sym_parser
{
	sym_file   *file;
	uint32_t	line_no;
	bool		nomem;
	bool		in_func;		/* the last FUNC owns line/INLINE records */
	bool		in_cfi;			/* the last CFI INIT owns deltas */
	bool		inline_format_known;
} sym_parser;

/* sym_parse.c */
extern void *sym_push(sym_parser *ps, void *items_ptr, uint32_t *count,
					  uint32_t *cap, size_t elem);
extern void sym_bad_line(sym_parser *ps);

/* sym_parse_records.c */
extern bool sym_parse_module(sym_parser *ps, sym_cursor *c);
extern bool sym_parse_info(sym_parser *ps, sym_cursor *c);
extern bool sym_parse_idname(sym_parser *ps, sym_cursor *c, void *items_ptr,
							 uint32_t *count, uint32_t *cap);
extern bool sym_parse_func(sym_parser *ps, sym_cursor *c);
extern bool sym_parse_public(sym_parser *ps, sym_cursor *c);
extern bool sym_parse_line_record(sym_parser *ps, sym_cursor *c);

/* sym_parse_inline.c */
extern bool sym_parse_inline(sym_parser *ps, sym_cursor *c);

/* sym_parse_stack.c */
extern bool sym_parse_stack(sym_parser *ps, sym_cursor *c);

#endif							/* CRASHPIPE_SYM_PARSE_INTERNAL_H */
