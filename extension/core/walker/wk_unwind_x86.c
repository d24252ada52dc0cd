/*-------------------------------------------------------------------------
 * extension/core/walker/wk_unwind_x86.c
 *	  Finding an x86 frame's caller: CFI, then the traditional %ebp
 *	  frame (caller eip = *(ebp + 4), caller ebp = *(ebp), caller esp =
 *	  ebp + 8), and, when %ebp points at unreadable memory, a stack scan
 *	  that leaves %ebp unchanged.
 *
 *	  STACK WIN records (Windows x86 frame data) are not used yet; see
 *	  DEVIATIONS.md.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#define EBP		6
#define EIP		7
#define ESP		8
#define PC_SP	(WK_BIT(EIP) | WK_BIT(ESP))

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
		caller_ebp = ebp;
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
	if (wk_cfi_caller(ctx, callee, frame->instruction, caller) &&
		(caller->valid & PC_SP) == PC_SP)
	{
		*trust = WK_TRUST_CFI;
		return true;
	}
	return by_ebp(ctx, callee, first, caller, trust);
}
