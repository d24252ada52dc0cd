/*-------------------------------------------------------------------------
 * extension/core/walker/wk_unwind_amd64.c
 *	  Finding an amd64 frame's caller: CFI, then the frame pointer chain
 *	  (never on Windows, whose x64 code keeps no frame pointer), then a
 *	  stack scan.
 *
 *	  Frame pointer: caller rbp = *(rbp), caller rip = *(rbp + 8), caller
 *	  rsp = rbp + 16, accepted only if rbp is 8-aligned, the rip is a
 *	  canonical address, and the caller's frame lies above the callee's.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define RBP		5
#define RSP		4
#define RIP		16
#define PC_SP	(WK_BIT(RIP) | WK_BIT(RSP))

/* True if addr is a canonical 48-bit amd64 address. */
static bool
canonical(uint64_t addr)
{
	return addr <= 0x00007fffffffffffULL || addr >= 0xffff800000000000ULL;
}

/* The caller by the rbp chain. */
static bool
by_frame_pointer(wk_ctx *ctx, const wk_regs *callee, wk_regs *caller)
{
	uint64_t	rbp = callee->v[RBP];
	uint64_t	caller_rbp;
	uint64_t	caller_rip;
	uint64_t	unused;

	if (!WK_VALID(callee, RBP) || rbp % 8 != 0 ||
		!wk_read_word(&ctx->mem, rbp, 8, &caller_rbp) ||
		!wk_read_word(&ctx->mem, rbp + 8, 8, &caller_rip) ||
		!canonical(caller_rip) || rbp + 16 <= callee->v[RSP] ||
		caller_rbp < rbp + 16 ||
		!wk_read_word(&ctx->mem, caller_rbp, 8, &unused))
		return false;
	*caller = *callee;
	caller->v[RIP] = caller_rip;
	caller->v[RSP] = rbp + 16;
	caller->v[RBP] = caller_rbp;
	caller->valid = PC_SP | WK_BIT(RBP);
	return true;
}

/* The caller by scanning, guessing its rbp as Breakpad does. */
static bool
by_scan(wk_ctx *ctx, const wk_regs *callee, bool context_frame,
		wk_regs *caller)
{
	uint64_t	at;
	uint64_t	rip;
	uint64_t	rbp = callee->v[RBP];
	uint64_t	saved;

	if (!wk_scan(ctx, callee->v[RSP], context_frame, &at, &rip))
		return false;
	*caller = *callee;
	caller->v[RIP] = rip;
	caller->v[RSP] = at + 8;
	caller->valid = PC_SP;
	if (!WK_VALID(callee, RBP))
		return true;
	if (at - 8 == rbp)
	{
		if (wk_read_word(&ctx->mem, rbp, 8, &saved) && saved > at)
		{
			caller->v[RBP] = saved;
			caller->valid |= WK_BIT(RBP);
		}
	}
	else if (rbp >= at + 8)
		caller->valid |= WK_BIT(RBP);
	return true;
}

/* Find the caller of frame (whose registers are callee). */
bool
wk_caller_amd64(wk_ctx *ctx, const wk_regs *callee, const wk_frame *frame,
				wk_regs *caller, wk_trust *trust)
{
	if (wk_cfi_caller(ctx, callee, frame->instruction, caller) &&
		(caller->valid & PC_SP) == PC_SP)
	{
		*trust = WK_TRUST_CFI;
		return true;
	}
	if (!ctx->windows && by_frame_pointer(ctx, callee, caller))
	{
		*trust = WK_TRUST_FRAME_POINTER;
		return true;
	}
	if (ctx->scanned < WK_MAX_SCANNED_FRAMES &&
		by_scan(ctx, callee, frame->trust == WK_TRUST_CONTEXT, caller))
	{
		*trust = WK_TRUST_SCAN;
		return true;
	}
	return false;
}
