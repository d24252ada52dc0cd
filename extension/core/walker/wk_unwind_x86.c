/*-------------------------------------------------------------------------
 * extension/core/walker/wk_unwind_x86.c
 *	  Finding an x86 frame's caller, in Breakpad's order: Windows frame
 *	  data (STACK WIN, wk_stackwin.c), then CFI, then the traditional
 *	  %ebp frame (caller eip = *(ebp + 4), caller ebp = *(ebp), caller
 *	  esp = ebp + 8), and, when %ebp points at unreadable memory, a stack
 *	  scan that restores the %ebp chain from the word below the return
 *	  address when that looks like a saved %ebp.
 *
 *	  The frame info of each frame is looked up when the frame is
 *	  unwound; its parameter size is what the STACK WIN step of its
 *	  caller needs (the size of the callee's arguments on the stack).
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define EBP		6
#define EIP		7
#define ESP		8
#define PC_SP	(WK_BIT(EIP) | WK_BIT(ESP))
#define MAX_FRAME_GAP	(128 * 1024)	/* Breakpad's largest plausible frame */

/* A frame's Windows frame info: a full STACK WIN record or a parameter size. */
typedef struct win_info
{
	bool		found;
	bool		full;
	uint32_t	param_size;
	symcache_win record;
} win_info;

/* Breakpad's FindWindowsFrameInfo: STACK WIN, else FUNC or PUBLIC sizes. */
static void
find_win_info(wk_ctx *ctx, const wk_frame *frame, win_info *out)
{
	const symcache *cache = wk_symbols_for(ctx, frame->module);
	symcache_func fn;
	symcache_public pub;
	uint64_t	rel;

	memset(out, 0, sizeof(*out));
	if (cache == NULL)
		return;
	rel = frame->instruction - ctx->dump->modules[frame->module].base_of_image;
	if (symcache_lookup_win(cache, rel, &out->record))
	{
		out->found = out->full = true;
		out->param_size = out->record.param_size;
	}
	else if (symcache_lookup_func(cache, rel, &fn))
	{
		out->found = true;
		out->param_size = fn.param_size;
	}
	else if (symcache_lookup_public(cache, rel, &pub))
	{
		out->found = true;
		out->param_size = pub.param_size;
	}
}

/* The caller's %ebp after a scan found its return address at ra. */
static uint64_t
scanned_ebp(wk_ctx *ctx, uint64_t ra, uint64_t ebp)
{
	uint64_t	at = (ra - 4) & UINT32_MAX;
	uint64_t	saved;

	if (!wk_read_word(&ctx->mem, at, 4, &saved) || saved <= at ||
		saved - at > MAX_FRAME_GAP)
		return ebp;
	return saved;
}

/* The caller by %ebp, or by scanning when %ebp is unreadable. */
static bool
by_ebp(wk_ctx *ctx, const wk_regs *callee, bool first, wk_regs *caller,
	   wk_trust *trust)
{
	uint64_t	ebp = callee->v[EBP];
	uint64_t	eip;
	uint64_t	caller_ebp;
	uint64_t	at;

	*caller = *callee;
	if (wk_read_word(&ctx->mem, ebp + 4, 4, &eip) &&
		wk_read_word(&ctx->mem, ebp, 4, &caller_ebp))
	{
		caller->v[ESP] = (ebp + 8) & UINT32_MAX;
		*trust = WK_TRUST_FRAME_POINTER;
	}
	else
	{
		if (ctx->scanned >= WK_MAX_SCANNED_FRAMES ||
			!wk_scan(ctx, callee->v[ESP], first, &at, &eip))
			return false;
		caller->v[ESP] = (at + 4) & UINT32_MAX;
		caller_ebp = scanned_ebp(ctx, at, ebp);
		*trust = WK_TRUST_SCAN;
	}
	caller->v[EIP] = eip;
	caller->v[EBP] = caller_ebp;
	caller->valid = PC_SP | WK_BIT(EBP);
	return true;
}

/* Find the caller of frame (whose registers are callee). */
bool
wk_caller_x86(wk_ctx *ctx, const wk_regs *callee, const wk_frame *frame,
			  bool first, wk_regs *caller, wk_trust *trust)
{
	uint32_t	callee_params = ctx->callee_has_params ? ctx->callee_params : 0;
	win_info	info;

	find_win_info(ctx, frame, &info);
	ctx->callee_has_params = info.found;
	ctx->callee_params = info.param_size;
	if (info.full &&
		wk_stackwin_caller(ctx, frame, &info.record, callee_params, caller,
						   trust))
		return true;
	if (wk_cfi_caller(ctx, callee, frame->instruction, caller) &&
		(caller->valid & (PC_SP | WK_BIT(EBP))) == (PC_SP | WK_BIT(EBP)))
	{
		*trust = WK_TRUST_CFI;
		return true;
	}
	return by_ebp(ctx, callee, first, caller, trust);
}
