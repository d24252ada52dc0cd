/*-------------------------------------------------------------------------
 * extension/core/symbols/symcache.h
 *	  Breakpad text symbol files (.sym): a one-pass parser over untrusted
 *	  bytes, and a compact, versioned binary symbol cache built from the
 *	  parse that is looked up in place (from memory or an mmap).
 *
 *	  The parser never copies: every string in a sym_file is an offset and
 *	  length into the caller's text, which must outlive the sym_file.  The
 *	  cache is the form the symbolicator keeps: it holds sorted,
 *	  little-endian, fixed-width arrays plus a string table, so opening it
 *	  is a header check and every lookup is a binary search.
 *
 *	  Portable C with no PostgreSQL dependency; memory comes from an
 *	  md_allocator (NULL means malloc) so the glue can pass palloc.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SYMCACHE_H
#define CRASHPIPE_SYMCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "md_alloc.h"

typedef enum sym_status
{
	SYM_OK = 0,
	SYM_ERR_NOMEM,				/* the allocator failed */
	SYM_ERR_TOO_LARGE,			/* text of 4 GB or more, or a count overflows */
	SYM_ERR_TRUNCATED,			/* cache shorter than its header says */
	SYM_ERR_BAD_MAGIC,			/* not a symbol cache */
	SYM_ERR_BAD_VERSION,		/* a cache format this code cannot read */
	SYM_ERR_BAD_CHECKSUM,		/* header checksum mismatch */
	SYM_ERR_BAD_LAYOUT			/* a section lies outside the buffer */
} sym_status;

/* Bytes [off, off + len) of the parsed text. */
typedef struct sym_str
{
	uint32_t	off;
	uint32_t	len;
} sym_str;

/* FILE and INLINE_ORIGIN: a numeric id and a name. */
typedef struct sym_idname
{
	uint32_t	id;
	sym_str		name;
} sym_idname;

/* FUNC; its line records and inline ranges are slices of the file's arrays. */
typedef struct sym_func
{
	uint64_t	addr;
	uint64_t	size;
	uint32_t	param_size;
	bool		multiple;		/* the "m" flag */
	sym_str		name;
	uint32_t	line_first;
	uint32_t	line_count;
	uint32_t	inline_first;
	uint32_t	inline_count;
} sym_func;

/* A line record: address, size, line number, FILE id. */
typedef struct sym_line
{
	uint64_t	addr;
	uint32_t	size;
	uint32_t	line;
	uint32_t	file;
} sym_line;

/* One address range of an INLINE record (one entry per range). */
typedef struct sym_inline
{
	uint64_t	addr;
	uint32_t	size;
	uint32_t	depth;
	uint32_t	call_line;
	uint32_t	call_file;		/* FILE id; 0 in the old format */
	uint32_t	origin;			/* INLINE_ORIGIN id */
} sym_inline;

/* PUBLIC. */
typedef struct sym_public
{
	uint64_t	addr;
	uint32_t	param_size;
	bool		multiple;
	sym_str		name;
} sym_public;

/* STACK CFI INIT; its deltas are a slice of the file's delta array. */
typedef struct sym_cfi_init
{
	uint64_t	addr;
	uint32_t	size;
	sym_str		rules;
	uint32_t	delta_first;
	uint32_t	delta_count;
} sym_cfi_init;

/* STACK CFI (a delta rule). */
typedef struct sym_cfi_delta
{
	uint64_t	addr;
	sym_str		rules;
} sym_cfi_delta;

/* STACK WIN with every field. */
typedef struct sym_win
{
	uint64_t	addr;
	uint32_t	size;
	uint32_t	type;
	uint32_t	prologue_size;
	uint32_t	epilogue_size;
	uint32_t	param_size;
	uint32_t	saved_regs_size;
	uint32_t	locals_size;
	uint32_t	max_stack_size;
	bool		has_program;
	bool		allocates_base_pointer; /* when !has_program */
	sym_str		program;		/* when has_program */
} sym_win;

/* A growable array of one record type. */
#define SYM_ARRAY(type) struct { type *items; uint32_t count; uint32_t cap; }

/* The whole parse of one .sym file. */
typedef struct sym_file
{
	const char *text;
	size_t		len;
	const md_allocator *allocator;
	bool		has_module;
	sym_str		os;
	sym_str		arch;
	sym_str		debug_id;
	sym_str		debug_file;
	sym_str		code_id;		/* INFO CODE_ID */
	sym_str		code_file;
	bool		inline_old_format;	/* INLINE without call-site file */
	uint32_t	bad_lines;		/* malformed lines skipped */
	uint32_t	first_bad_line; /* 1-based; 0 when none */
	uint32_t	unknown_lines;	/* unknown record kinds skipped */
	SYM_ARRAY(sym_str) infos;	/* other INFO lines, after "INFO " */
	SYM_ARRAY(sym_idname) files;
	SYM_ARRAY(sym_idname) origins;	/* text after the id, see sym_build.c */
	SYM_ARRAY(sym_func) funcs;
	SYM_ARRAY(sym_line) lines;
	SYM_ARRAY(sym_inline) inlines;
	SYM_ARRAY(sym_public) publics;
	SYM_ARRAY(sym_cfi_init) cfi_inits;
	SYM_ARRAY(sym_cfi_delta) cfi_deltas;
	SYM_ARRAY(sym_win) wins;
} sym_file;

/* A cache opened in place; points into the caller's buffer. */
typedef struct symcache
{
	const uint8_t *base;
	size_t		len;
	uint32_t	bad_lines;
	const uint8_t *sect[8];
	uint64_t	count[8];
	const char *strtab;
	uint32_t	strtab_size;
	uint32_t	module_str[6];
} symcache;

typedef struct symcache_func
{
	uint64_t	addr;
	uint64_t	size;
	uint32_t	param_size;
	bool		multiple;
	const char *name;
} symcache_func;

typedef struct symcache_line
{
	uint64_t	addr;
	uint32_t	size;
	uint32_t	line;
	const char *file;			/* NULL when the FILE id is unknown */
} symcache_line;

typedef struct symcache_inline
{
	uint64_t	addr;			/* the range holding the address */
	uint32_t	size;
	uint32_t	depth;
	uint32_t	call_line;
	const char *call_file;
	const char *origin;
} symcache_inline;

typedef struct symcache_public
{
	uint64_t	addr;
	uint32_t	param_size;
	bool		multiple;
	const char *name;
} symcache_public;

typedef struct symcache_cfi
{
	uint64_t	addr;			/* the INIT range */
	uint32_t	size;
	const char *init_rules;
	uint64_t	delta_first;	/* deltas at addresses <= the lookup */
	uint32_t	delta_count;
} symcache_cfi;

typedef struct symcache_win
{
	uint64_t	addr;
	uint32_t	size;
	uint32_t	type;
	uint32_t	prologue_size;
	uint32_t	epilogue_size;
	uint32_t	param_size;
	uint32_t	saved_regs_size;
	uint32_t	locals_size;
	uint32_t	max_stack_size;
	bool		has_program;
	bool		allocates_base_pointer;
	const char *program;
} symcache_win;

/* Module strings of a cache, for symcache_module. */
typedef enum symcache_module_field
{
	SYMCACHE_OS,
	SYMCACHE_ARCH,
	SYMCACHE_DEBUG_ID,
	SYMCACHE_DEBUG_FILE,
	SYMCACHE_CODE_ID,
	SYMCACHE_CODE_FILE
} symcache_module_field;

/* sym_parse.c */
extern sym_status sym_parse(const char *text, size_t len,
							const md_allocator *allocator, sym_file *out);
extern void sym_file_free(sym_file *file);

/* sym_build.c */
extern sym_status symcache_build(const sym_file *file,
								 const md_allocator *allocator,
								 uint8_t **out, size_t *out_len);

/* sym_open.c */
extern sym_status symcache_open(const void *bytes, size_t len, symcache *out);
extern const char *sym_status_string(sym_status status);
extern const char *symcache_module(const symcache *cache,
								   symcache_module_field field);

/* sym_lookup.c */
extern bool symcache_lookup_func(const symcache *cache, uint64_t addr,
								 symcache_func *out);
extern bool symcache_lookup_line(const symcache *cache, uint64_t addr,
								 symcache_line *out);
extern int	symcache_lookup_inlines(const symcache *cache, uint64_t addr,
									symcache_inline *out, int max);
extern bool symcache_lookup_public(const symcache *cache, uint64_t addr,
								   symcache_public *out);

/* sym_lookup_stack.c */
extern bool symcache_lookup_cfi(const symcache *cache, uint64_t addr,
								symcache_cfi *out);
extern const char *symcache_cfi_delta(const symcache *cache,
									  const symcache_cfi *cfi, uint32_t i,
									  uint64_t *addr);
extern bool symcache_lookup_win_type(const symcache *cache, uint32_t type,
									 uint64_t addr, symcache_win *out);
extern bool symcache_lookup_win(const symcache *cache, uint64_t addr,
								symcache_win *out);

#endif							/* CRASHPIPE_SYMCACHE_H */
