/*-------------------------------------------------------------------------
 * extension/core/walker/walker.h
 *	  The portable stack walker: turns a parsed minidump (and, when a
 *	  symbol supplier is given, Breakpad .sym files) into one call stack
 *	  per thread, the way Breakpad's minidump_stackwalk does, and prints
 *	  the result in its "-m" machine-readable format or as rust-minidump's
 *	  JSON.
 *
 *	  Each caller frame is recovered by the first strategy that works:
 *	  CFI rules from the symbols, then the frame pointer (not on Windows
 *	  x64), then a bounded stack scan that accepts only addresses inside
 *	  a loaded module.  Every frame records which strategy found it.
 *
 *	  No postgres.h: memory comes from an md_allocator, and the symbol
 *	  supplier is a callback so the glue can load caches its own way.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WALKER_H
#define CRASHPIPE_WALKER_H

#include <stdio.h>

#include "minidump.h"
#include "symcache.h"

/* Hard limits for hostile dumps (Breakpad's defaults where it has one). */
#define WK_MAX_FRAMES			1024
#define WK_MAX_SCANNED_FRAMES	1024
#define WK_SCAN_WORDS			40
#define WK_MAX_INLINES			64	/* inline frames kept per frame */
#define WK_MAX_REGS				34	/* arm64: x0..x30, sp, pc, cpsr */

/* How a frame was found, strongest first as Breakpad ranks them. */
typedef enum wk_trust
{
	WK_TRUST_NONE = 0,
	WK_TRUST_SCAN,
	WK_TRUST_CFI_SCAN,
	WK_TRUST_FRAME_POINTER,
	WK_TRUST_CFI,
	WK_TRUST_CONTEXT,
	WK_TRUST_INLINE				/* a printed inline frame (wk_printed_frame) */
} wk_trust;

/* Register values and which of them are known (bit i for register i). */
typedef struct wk_regs
{
	uint64_t	v[WK_MAX_REGS];
	uint64_t	valid;
} wk_regs;

/*
 * An inline frame inside a physical frame (from an INLINE record): the
 * function inlined, the start of the inlined range, and where in it the
 * frame's instruction is (the line record for the innermost, else the
 * call site of the next inner one).
 */
typedef struct wk_inline
{
	const char *function;		/* NULL when the origin has no name */
	uint64_t	function_base;
	const char *source_file;
	uint32_t	source_line;
} wk_inline;

/*
 * One frame: where it is, how it was found, the registers it was found
 * with, and what symbols say.  When a frame has inline frames, its own
 * source file and line are the outermost call site, as in Breakpad.
 */
typedef struct wk_frame
{
	uint64_t	instruction;	/* the address symbolized */
	uint64_t	return_address; /* the address printed */
	wk_trust	trust;
	bool		leaf;			/* Windows x64 leaf: a simulated return */
	int64_t		module;			/* index into dump->modules or -1 */
	const char *function;		/* NULL when unknown */
	uint64_t	function_base;
	const char *source_file;	/* NULL when unknown */
	uint32_t	source_line;
	uint64_t	source_line_base;
	uint32_t	inline_count;
	wk_inline  *inlines;		/* innermost first */
	wk_regs		regs;
} wk_frame;

/* The walked stack of one thread. */
typedef struct wk_stack
{
	uint32_t	thread_id;
	uint32_t	frame_count;
	wk_frame   *frames;
} wk_stack;

/*
 * Symbol supplier: returns the opened cache for a module, or NULL when
 * it has none.  It is asked at most once per module per walk.
 */
typedef const symcache *(*wk_symbol_fn) (void *ctx, const md_module *module);

/* What the symbol supplier said of a module during the walk. */
typedef enum wk_symbol_status
{
	WK_SYMBOLS_NOT_ASKED = 0,
	WK_SYMBOLS_LOADED,
	WK_SYMBOLS_MISSING
} wk_symbol_status;

/*
 * Asked before each frame of a walk: true stops the walk there (a time
 * limit, a cancel), keeping the frames found so far.
 */
typedef bool (*wk_stop_fn) (void *ctx);

/* Everything one walk of a dump produced; owned by its arena. */
typedef struct wk_result
{
	const md_dump *dump;
	md_arena	arena;
	bool		has_supplier;	/* the walk was given a symbol supplier */
	wk_symbol_status *symbols;	/* per dump module */
	bool		crashed;
	const char *crash_reason;
	uint64_t	crash_address;
	int64_t		requesting_thread;	/* index into stacks, or -1 */
	uint32_t	stack_count;
	wk_stack   *stacks;
	uint32_t	module_count;	/* modules Breakpad keeps, by address */
	uint32_t   *module_order;	/* indexes into dump->modules */
	bool		stopped;		/* the stop callback ended the walk early */
} wk_result;

/* wk_walk.c */
extern wk_result *wk_walk(const md_dump *dump, wk_symbol_fn symbols,
						  void *symbols_ctx, const md_allocator *allocator);
extern wk_result *wk_walk_until(const md_dump *dump, wk_symbol_fn symbols,
								void *symbols_ctx, wk_stop_fn stop, void *stop_ctx,
								const md_allocator *allocator);
extern void wk_free(wk_result *result);
extern const char *wk_trust_name(wk_trust trust);

/* wk_print.c */
extern void wk_print_machine(const wk_result *result, FILE *out);

/* wk_print_human.c: the output without -m. */
extern void wk_print_human(const wk_result *result, FILE *out);

/* wk_frames.c: a frame's inline frames as frames of their own. */
extern uint32_t wk_printed_frames(const wk_frame *frame);
extern void wk_printed_frame(const wk_frame *frame, uint32_t k,
							 wk_frame *out);

/*
 * wk_json.c: rust-minidump's --json document as NUL-terminated text of
 * at most limit bytes, allocated with allocator (NULL: malloc; free it
 * with md_free_raw); NULL when out of memory or, with *too_large set,
 * past the limit.
 */
extern char *wk_json(const wk_result *result, const md_allocator *allocator,
					 size_t limit, bool *too_large);

/* wk_symdir.c: Breakpad's SimpleSymbolSupplier over directories. */
typedef struct wk_symdir wk_symdir;

extern wk_symdir *wk_symdir_new(const char *const *dirs, int dir_count,
								const md_allocator *allocator);
extern void wk_symdir_set_cache(wk_symdir *supplier, const char *cache_dir);
extern const symcache *wk_symdir_lookup(void *ctx, const md_module *module);
extern void wk_symdir_free(wk_symdir *supplier);

#endif							/* CRASHPIPE_WALKER_H */
