/*-------------------------------------------------------------------------
 * extension/core/walker/wk_unwind_arm.c
 *	  Finding an arm64 or arm frame's caller, in Breakpad's order: CFI,
 *	  then the frame record chain (arm64 always, 32-bit arm only on iOS,
 *	  whose code keeps r7 as the frame pointer), then a stack scan.
 *
 *	  Frame records as Breakpad walks them: the caller's pc is the
 *	  callee's link register, its fp and lr the two words at the callee's
 *	  fp, and its sp just above them.  A frame whose lr the CFI did not
 *	  recover gets the lr saved in its callee's record when the fp saved
 *	  there is the frame's own (Breakpad's CorrectRegLRByFramePointer).
 *	  Pointer authentication bits (arm64e) are not stripped.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

/* Breakpad's CorrectRegLRByFramePointer, on the registers in regs. */
static void
correct_lr(wk_ctx *ctx, wk_regs *regs, const wk_frame *callee)
{
	const wk_arch *a = ctx->arch;
	uint64_t	callee_fp;
	uint64_t	saved_fp = 0;
	uint64_t	saved_lr = 0;

	if (callee == NULL || regs->v[a->fp] <= regs->v[a->sp])
		return;
	callee_fp = callee->regs.v[a->fp];
	if (callee_fp != 0 &&
		!wk_read_word(&ctx->mem, callee_fp, a->word, &saved_fp))
		return;
	if (regs->v[a->fp] != saved_fp ||
		(callee_fp != 0 &&
		 !wk_read_word(&ctx->mem, callee_fp + a->word, a->word, &saved_lr)))
		return;
	regs->v[a->lr] = saved_lr;
}

/* The caller by the frame record at fp; false if it is unreadable. */
static bool
by_frame_pointer(wk_ctx *ctx, const wk_frame *frame, const wk_frame *callee,
				 wk_regs *caller)
{
	const wk_arch *a = ctx->arch;
	wk_regs		last = frame->regs;
	uint64_t	fp;
	uint64_t	caller_fp = 0;
	uint64_t	caller_lr = 0;

	if (!WK_VALID(&last, a->lr))
		correct_lr(ctx, &last, callee);
	fp = last.v[a->fp];
	if (fp != 0 && (!wk_read_word(&ctx->mem, fp, a->word, &caller_fp) ||
					!wk_read_word(&ctx->mem, fp + a->word, a->word,
								  &caller_lr)))
		return false;
	*caller = last;
	caller->v[a->fp] = caller_fp;
	caller->v[a->sp] = fp != 0 ? fp + 2 * (uint64_t) a->word : last.v[a->sp];
	caller->v[a->pc] = last.v[a->lr];
	caller->v[a->lr] = caller_lr;
	caller->valid = WK_BIT(a->pc) | WK_BIT(a->lr) | WK_BIT(a->fp) |
		WK_BIT(a->sp);
	return true;
}

/* The caller by scanning the stack for a return address. */
static bool
by_scan(wk_ctx *ctx, const wk_frame *frame, wk_regs *caller)
{
	const wk_arch *a = ctx->arch;
	uint64_t	at;
	uint64_t	pc;

	if (ctx->scanned >= WK_MAX_SCANNED_FRAMES ||
		!wk_scan(ctx, frame->regs.v[a->sp], frame->trust == WK_TRUST_CONTEXT,
				 &at, &pc))
		return false;
	*caller = frame->regs;
	caller->v[a->pc] = pc;
	caller->v[a->sp] = at + (uint64_t) a->word;
	caller->valid = WK_BIT(a->pc) | WK_BIT(a->sp);
	return true;
}

/* Find the caller of frame; callee is the frame it called, or NULL. */
bool
wk_caller_arm(wk_ctx *ctx, const wk_frame *frame, const wk_frame *callee,
			  wk_regs *caller, wk_trust *trust)
{
	const wk_arch *a = ctx->arch;
	uint64_t	essentials = WK_BIT(a->pc) | WK_BIT(a->sp);

	if (wk_cfi_caller(ctx, &frame->regs, frame->instruction, caller) &&
		(caller->valid & essentials) == essentials)
		*trust = WK_TRUST_CFI;
	else if (a->fp >= 0 && by_frame_pointer(ctx, frame, callee, caller))
		*trust = WK_TRUST_FRAME_POINTER;
	else if (by_scan(ctx, frame, caller))
		*trust = WK_TRUST_SCAN;
	else
		return false;
	return true;
}
