/*-------------------------------------------------------------------------
 * extension/core/walker/wk_internal.h
 *	  What the walker's source files share: register sets per CPU, the
 *	  stack memory of the thread being walked, the per-walk state, and
 *	  one entry point per step (context, memory, modules, symbols, CFI,
 *	  the per-CPU unwinders, the crash reason).
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WK_INTERNAL_H
#define CRASHPIPE_WK_INTERNAL_H

#include "walker.h"

/* One register as CFI rules name it. */
typedef struct wk_regdef
{
	const char *name;			/* as CFI rules name it: "$rsp", "x29" */
	const char *alt;			/* ".cfa", ".ra" or NULL */
	bool		callee_saves;
	const char *print;			/* as the printers name it: "rsp", "fp" */
} wk_regdef;

/* A CPU the walker knows: its word size, registers and special ones. */
typedef struct wk_arch
{
	uint32_t	cpu;			/* MD_CPU_AMD64, _X86, _ARM or _ARM64 */
	int			word;			/* bytes in a stack word */
	int			nregs;
	const wk_regdef *regs;
	int			pc;
	int			sp;
	int			fp;				/* -1 when frame pointers are not walked */
	int			lr;				/* link register, or -1 */
	int			call_size;		/* return address - this = the call */
	bool		prints_call;	/* Breakpad prints the call, not the return */
	uint32_t	context_size;	/* minimum CONTEXT bytes */
	const int  *print_order;	/* Breakpad's register order in its output */
	int			print_count;
	int			caller_print_count; /* of which caller frames print */
} wk_arch;

/* The stack memory of one thread: [base, base + size). */
typedef struct wk_memory
{
	uint64_t	base;
	uint64_t	size;
	const uint8_t *bytes;
} wk_memory;

/* State of one walk, shared by every thread's walk. */
typedef struct wk_ctx
{
	const md_dump *dump;
	wk_result  *res;
	const wk_arch *arch;
	wk_symbol_fn symbols;
	void	   *symbols_ctx;
	wk_stop_fn	stop;			/* NULL: never stop early */
	void	   *stop_ctx;
	const symcache **caches;	/* per dump module, once asked */
	wk_frame   *scratch;		/* WK_MAX_FRAMES frames for one thread */
	wk_memory	mem;			/* the current thread's stack */
	bool		windows;
	uint32_t	scanned;		/* frames found by scanning so far */
	bool		callee_has_params;	/* STACK WIN: the callee's parameter */
	uint32_t	callee_params;	/* size, when its frame info had one */
} wk_ctx;

#define WK_BIT(i)		((uint64_t) 1 << (i))
#define WK_VALID(r, i)	(((r)->valid >> (i)) & 1)

/* wk_context.c */
extern const wk_arch *wk_arch_for(const md_dump *dump);
extern bool wk_read_context(const md_dump *dump, const wk_arch *arch,
							md_location where, wk_regs *out);

/* wk_memory.c */
extern uint32_t wk_u32(const uint8_t *p);
extern uint64_t wk_u64(const uint8_t *p);
extern const uint8_t *wk_bytes_at(const md_dump *dump, md_location where);
extern bool wk_thread_memory(const md_dump *dump, const md_thread *thread,
							 wk_memory *out);
extern bool wk_read_word(const wk_memory *mem, uint64_t addr, int word,
						 uint64_t *out);

/* wk_modules.c */
extern bool wk_modules_build(wk_result *res);
extern int64_t wk_module_for(const wk_result *res, uint64_t addr);

/* wk_symbolize.c */
extern const symcache *wk_symbols_for(wk_ctx *ctx, int64_t module);
extern void wk_symbolize(wk_ctx *ctx, wk_frame *frame);
extern void wk_add_inlines(wk_ctx *ctx, wk_frame *frame);
extern bool wk_address_seems_valid(wk_ctx *ctx, uint64_t addr);

/* wk_postfix.c: a variable the postfix evaluator can read. */
typedef struct wk_var
{
	const char *name;
	uint64_t	value;
} wk_var;

#define WK_TOKEN_MAX	64
#define WK_DICT_MAX		24

/* The variables of a STACK WIN program; bit i of assigned: set by it. */
typedef struct wk_dict
{
	int			count;
	uint32_t	assigned;
	wk_var		vars[WK_DICT_MAX];
	char		names[WK_DICT_MAX][WK_TOKEN_MAX + 1];
} wk_dict;

extern bool wk_postfix_eval(const char *expr, size_t len, const wk_var *vars,
							int nvars, const wk_memory *mem, int word,
							uint64_t *out);
extern bool wk_dict_add(wk_dict *dict, const char *name, uint64_t value);
extern uint64_t wk_dict_get(const wk_dict *dict, const char *name,
							bool *assigned);
extern bool wk_program_eval(const char *prog, wk_dict *dict,
							const wk_memory *mem, int word);

/* wk_cfi.c */
extern bool wk_cfi_caller(wk_ctx *ctx, const wk_regs *callee,
						  uint64_t instruction, wk_regs *caller);

/* wk_scan.c */
extern bool wk_scan(wk_ctx *ctx, uint64_t start, bool context_frame,
					uint64_t *found_at, uint64_t *ip);
extern bool wk_scan_words(wk_ctx *ctx, uint64_t start, uint64_t words,
						  uint64_t *found_at, uint64_t *ip);

/* wk_stackwin.c */
extern bool wk_stackwin_caller(wk_ctx *ctx, const wk_frame *frame,
							   const symcache_win *info,
							   uint32_t callee_params, wk_regs *caller,
							   wk_trust *trust);

/* wk_unwind_amd64.c, wk_unwind_x86.c and wk_unwind_arm.c */
extern bool wk_caller_amd64(wk_ctx *ctx, const wk_regs *callee,
							const wk_frame *frame, wk_regs *caller,
							wk_trust *trust);
extern bool wk_caller_x86(wk_ctx *ctx, const wk_regs *callee,
						  const wk_frame *frame, bool first,
						  wk_regs *caller, wk_trust *trust);
extern bool wk_caller_arm(wk_ctx *ctx, const wk_frame *callee,
						  const wk_frame *callee_callee, wk_regs *caller,
						  wk_trust *trust);

/* wk_cachefile.c: built caches on disk for crashpipe-stackwalk */
extern const uint8_t *wk_cachefile_map(const char *cache, const char *sym,
									   size_t *len);
extern void wk_cachefile_unmap(const uint8_t *bytes, size_t len);
extern bool wk_cachefile_write(const char *cache, const uint8_t *bytes,
							   size_t len);

/* wk_reason.c */
extern const char *wk_crash_reason(md_arena *arena, const md_dump *dump);

#endif							/* CRASHPIPE_WK_INTERNAL_H */
