/*-------------------------------------------------------------------------
 * extension/core/walker/wk_walk.c
 *	  The walk: which threads Breakpad walks (all but the one that wrote
 *	  the dump), which one asked for it (the exception's thread, walked
 *	  from the exception's context), and, per thread, the loop from the
 *	  context frame through each caller until no strategy finds one, the
 *	  caller is implausible (instruction below 4 KiB, stack pointer not
 *	  moving up), or the frame limit is reached.
 *
 *	  Caller frames are symbolized inside the call instruction (return
 *	  address - 1 on x86 and amd64, - 2 on arm, - 4 on arm64) but print
 *	  the return address itself, as Breakpad does (on arm and arm64,
 *	  whose frames have no ReturnAddress of their own there, it prints the
 *	  call).  Each frame keeps the registers it was found with
 *	  (the printers show them) and its inline frames.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

/* Breakpad's TerminateWalk: is the recovered caller implausible? */
static bool
terminate_walk(const wk_arch *arch, const wk_regs *caller,
			   const wk_regs *callee, bool first)
{
	uint64_t	caller_sp = caller->v[arch->sp];
	uint64_t	callee_sp = callee->v[arch->sp];

	if (caller->v[arch->pc] < 4096)
		return true;
	return first ? caller_sp < callee_sp : caller_sp <= callee_sp;
}

/*
 * Breakpad's leaf-function rule on Windows x64: a context frame without
 * CFI whose caller the scan found at the very stack pointer is a leaf
 * that pushed nothing, so its caller keeps every register of the
 * context but the instruction and stack pointers.
 */
static bool
leaf_return(const wk_ctx *ctx, const wk_frame *callee, const wk_regs *caller,
			bool first)
{
	const wk_arch *arch = ctx->arch;

	return ctx->windows && first && arch->cpu == MD_CPU_AMD64 &&
		caller->v[arch->sp] == callee->regs.v[arch->sp] + 8;
}

/* The caller of callee by the CPU's unwinder; prev is callee's callee. */
static bool
find_caller(wk_ctx *ctx, const wk_frame *callee, const wk_frame *prev,
			wk_regs *caller, wk_trust *trust)
{
	switch (ctx->arch->cpu)
	{
		case MD_CPU_AMD64:
			return wk_caller_amd64(ctx, &callee->regs, callee, caller, trust);
		case MD_CPU_X86:
			return wk_caller_x86(ctx, &callee->regs, callee, prev == NULL,
								 caller, trust);
		default:
			return wk_caller_arm(ctx, callee, prev, caller, trust);
	}
}

/*
 * Find the caller of the last frame (callee; prev is the one before it,
 * NULL for the context frame); false when the walk ends.
 */
static bool
next_frame(wk_ctx *ctx, const wk_frame *callee, const wk_frame *prev,
		   wk_frame *out)
{
	const wk_arch *arch = ctx->arch;
	bool		first = prev == NULL;
	wk_regs		caller;
	bool		found;

	memset(out, 0, sizeof(*out));
	found = find_caller(ctx, callee, prev, &caller, &out->trust);
	if (!found || terminate_walk(arch, &caller, &callee->regs, first))
		return false;
	if (out->trust == WK_TRUST_SCAN)
	{
		ctx->scanned++;
		out->leaf = leaf_return(ctx, callee, &caller, first);
	}
	out->regs = out->leaf ? callee->regs : caller;
	out->regs.v[arch->pc] = caller.v[arch->pc];
	out->regs.v[arch->sp] = caller.v[arch->sp];
	out->instruction = caller.v[arch->pc] - (uint64_t) arch->call_size;
	out->return_address = arch->prints_call ? out->instruction :
		caller.v[arch->pc];
	return true;
}

/* Does the caller want the walk to end now? (wk_walk_until) */
static bool
stop_now(wk_ctx *ctx)
{
	if (!ctx->res->stopped && ctx->stop != NULL && ctx->stop(ctx->stop_ctx))
		ctx->res->stopped = true;
	return ctx->res->stopped;
}

/* Walk one thread from regs into stack (frames kept in ctx->scratch). */
static void
walk_thread(wk_ctx *ctx, const wk_regs *regs, wk_stack *stack)
{
	wk_frame   *frames = ctx->scratch;
	uint32_t	n = 0;

	memset(&frames[0], 0, sizeof(wk_frame));
	frames[0].regs = *regs;
	frames[0].instruction = frames[0].return_address = regs->v[ctx->arch->pc];
	frames[0].trust = WK_TRUST_CONTEXT;
	ctx->scanned = 0;
	ctx->callee_has_params = false;
	do
	{
		wk_symbolize(ctx, &frames[n]);
		wk_add_inlines(ctx, &frames[n]);
		n++;
	} while (n < WK_MAX_FRAMES && !stop_now(ctx) &&
			 next_frame(ctx, &frames[n - 1], n >= 2 ? &frames[n - 2] : NULL,
						&frames[n]));
	stack->frames = md_arena_array(&ctx->res->arena, n, sizeof(wk_frame));
	if (stack->frames == NULL)
		return;
	memcpy(stack->frames, frames, n * sizeof(wk_frame));
	stack->frame_count = n;
}

/* Where the thread's starting registers are: its own or the exception's. */
static md_location
thread_context(const md_dump *dump, const md_thread *t, bool requesting)
{
	if (requesting && dump->exception &&
		dump->exception->thread_context.rva != 0)
		return dump->exception->thread_context;
	return t->thread_context;
}

/* Walk one dump thread into the next stack slot. */
static void
add_thread(wk_ctx *ctx, const md_thread *t, bool requesting)
{
	wk_result  *res = ctx->res;
	wk_stack   *stack = &res->stacks[res->stack_count];
	wk_regs		regs;

	stack->thread_id = t->thread_id;
	if (requesting && res->requesting_thread < 0)
		res->requesting_thread = res->stack_count;
	res->stack_count++;
	if (ctx->arch == NULL ||
		!wk_read_context(ctx->dump, ctx->arch,
						 thread_context(ctx->dump, t, requesting), &regs))
		return;
	if (!wk_thread_memory(ctx->dump, t, &ctx->mem))
		memset(&ctx->mem, 0, sizeof(ctx->mem));
	walk_thread(ctx, &regs, stack);
}

/* Walk every thread Breakpad walks. */
static void
walk_threads(wk_ctx *ctx)
{
	const md_dump *dump = ctx->dump;
	const md_breakpad_info *bi = dump->breakpad_info;
	bool		has_req = dump->exception ||
		(bi && bi->has_requesting_thread_id);
	uint32_t	req = dump->exception ? dump->exception->thread_id :
		(bi ? bi->requesting_thread_id : 0);
	uint32_t	i;

	for (i = 0; i < dump->thread_count && !stop_now(ctx); i++)
	{
		const md_thread *t = &dump->threads[i];

		if (bi && bi->has_dump_thread_id && t->thread_id == bi->dump_thread_id)
			continue;
		add_thread(ctx, t, has_req && t->thread_id == req);
	}
}

/* Set up the per-walk state; false when out of memory. */
static bool
init_ctx(wk_ctx *ctx, wk_result *res, wk_symbol_fn symbols, void *sctx)
{
	uint32_t	n = res->dump->module_count ? res->dump->module_count : 1;

	memset(ctx, 0, sizeof(*ctx));
	ctx->dump = res->dump;
	ctx->res = res;
	ctx->arch = wk_arch_for(res->dump);
	ctx->symbols = symbols;
	ctx->symbols_ctx = sctx;
	ctx->windows = res->dump->system_info &&
		(res->dump->system_info->platform_id == MD_OS_WIN32_NT ||
		 res->dump->system_info->platform_id == MD_OS_WIN32_WINDOWS);
	res->has_supplier = symbols != NULL;
	ctx->caches = md_arena_array(&res->arena, n, sizeof(symcache *));
	res->symbols = md_arena_array(&res->arena, n, sizeof(wk_symbol_status));
	ctx->scratch = md_arena_array(&res->arena, WK_MAX_FRAMES, sizeof(wk_frame));
	res->stacks = md_arena_array(&res->arena,
								 res->dump->thread_count ? res->dump->thread_count : 1,
								 sizeof(wk_stack));
	if (!ctx->caches || !res->symbols || !ctx->scratch || !res->stacks)
		return false;
	memset(res->symbols, 0, n * sizeof(wk_symbol_status));
	memset(res->stacks, 0, sizeof(wk_stack) *
		   (res->dump->thread_count ? res->dump->thread_count : 1));
	return true;
}

/* Walk every thread of dump; NULL only when out of memory. */
wk_result *
wk_walk(const md_dump *dump, wk_symbol_fn symbols, void *symbols_ctx,
		const md_allocator *allocator)
{
	return wk_walk_until(dump, symbols, symbols_ctx, NULL, NULL, allocator);
}

/*
 * The same, asking stop before each frame: when it says so the walk ends
 * there (res->stopped), the threads after it without frames.
 */
wk_result *
wk_walk_until(const md_dump *dump, wk_symbol_fn symbols, void *symbols_ctx,
			  wk_stop_fn stop, void *stop_ctx, const md_allocator *allocator)
{
	const md_allocator *a = allocator ? allocator : &md_malloc_allocator;
	wk_result  *res = md_alloc_raw(a, sizeof(wk_result));
	wk_ctx		ctx;

	if (res == NULL)
		return NULL;
	memset(res, 0, sizeof(*res));
	md_arena_init(&res->arena, a);
	res->dump = dump;
	res->requesting_thread = -1;
	res->crashed = dump->exception != NULL;
	if (res->crashed)
	{
		res->crash_reason = wk_crash_reason(&res->arena, dump);
		res->crash_address = dump->exception->crash_address;
	}
	if (!wk_modules_build(res) || !init_ctx(&ctx, res, symbols, symbols_ctx) ||
		(res->crashed && res->crash_reason == NULL))
	{
		wk_free(res);
		return NULL;
	}
	ctx.stop = stop;
	ctx.stop_ctx = stop_ctx;
	walk_threads(&ctx);
	return res;
}

/* Free a walk result and everything it owns. */
void
wk_free(wk_result *result)
{
	const md_allocator *a;

	if (result == NULL)
		return;
	a = result->arena.allocator;
	md_arena_free_all(&result->arena);
	md_free_raw(a, result);
}

/* The name Breakpad's JSON and rust-minidump use for a trust level. */
const char *
wk_trust_name(wk_trust trust)
{
	static const char *const names[] = {
		"none", "scan", "cfi_scan", "frame_pointer", "cfi", "context", "inline"
	};

	return names[trust];
}
