/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_build_internal.h
 *	  State of one symbol-cache build, shared by the files that fill its
 *	  sections: sym_build.c (layout and header), sym_build_funcs.c
 *	  (functions, lines, inlines), sym_build_stack.c (publics, CFI, STACK
 *	  WIN), sym_strtab.c and sym_sort.c.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SYM_BUILD_INTERNAL_H
#define CRASHPIPE_SYM_BUILD_INTERNAL_H

#include "sym_internal.h"

/* A deduplicating string table under construction. */
typedef struct sym_strtab
{
	const md_allocator *allocator;
	char	   *data;
	uint32_t	size;
	uint32_t	cap;
	uint32_t   *slots;			/* open addressing: offset + 1, 0 = empty */
	uint32_t	nslots;			/* a power of two */
	uint32_t	used;
	bool		nomem;
} sym_strtab;

/* A record to sort: by group, then start, then input order. */
typedef struct sym_range
{
	uint64_t	group;
	uint64_t	start;
	uint64_t	end;			/* exclusive, saturated */
	uint32_t	idx;
} sym_range;

/* An id -> string-table offset pair (FILE and INLINE_ORIGIN). */
typedef struct sym_idmap
{
	uint32_t	id;
	uint32_t	str;
} sym_idmap;

/* Everything one build owns. */
typedef struct sym_builder
{
	const sym_file *file;
	const md_allocator *allocator;
	bool		nomem;
	sym_strtab	strtab;
	uint8_t    *sect[SYMC_NSECT - 1];	/* staged sections, not strtab */
	uint64_t	count[SYMC_NSECT];
	sym_range  *scratch;		/* sort space, as large as any array */
	sym_idmap  *files;
	uint32_t	nfiles;
	sym_idmap  *origins;
	uint32_t	norigins;
} sym_builder;

/* sym_strtab.c */
extern void sym_strtab_init(sym_strtab *st, const md_allocator *allocator);
extern uint32_t sym_strtab_add(sym_strtab *st, const char *s, uint32_t len);
extern void sym_strtab_free(sym_strtab *st);

/* sym_sort.c */
extern uint64_t sym_range_end(uint64_t start, uint64_t size);
extern uint32_t sym_sort_ranges(sym_range *r, uint32_t n, bool drop_overlaps);
extern uint32_t sym_idmap_build(sym_builder *b, const sym_idname *items,
								uint32_t n, bool skip_file_id,
								sym_idmap **out);
extern uint32_t sym_idmap_find(const sym_idmap *map, uint32_t n, uint32_t id);

/* sym_build.c */
extern uint32_t sym_build_str(sym_builder *b, sym_str s);
extern uint8_t *sym_build_stage(sym_builder *b, int sect, uint32_t n);

/* sym_build_funcs.c */
extern void sym_build_funcs(sym_builder *b);

/* sym_build_stack.c */
extern void sym_build_publics(sym_builder *b);
extern void sym_build_cfi(sym_builder *b);
extern void sym_build_wins(sym_builder *b);

#endif							/* CRASHPIPE_SYM_BUILD_INTERNAL_H */
