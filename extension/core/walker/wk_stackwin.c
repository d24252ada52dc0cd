/*-------------------------------------------------------------------------
 * extension/core/walker/wk_stackwin.c
 *	  Finding an x86 frame's caller from Windows frame data (STACK WIN
 *	  records), as Breakpad's x86 walker does, with its trust: "cfi".
 *
 *	  The search for the return address starts above the callee's
 *	  parameters and the frame's locals and saved registers
 *	  (.raSearchStart), nudged up to three words by a scan for stack
 *	  alignment.  FRAME_DATA records carry a program string computing
 *	  the caller's registers; FPO records get one of two fixed programs
 *	  (the frame saves %ebp in its saved-register area, or does not touch
 *	  it).  When the program fails, or yields an instruction pointer in
 *	  no module, the stack is scanned (trust "scan" or "cfi_scan"); a
 *	  lost %ebp is looked for in the saved-register area.
 *
 *	  The parameter size of the callee comes from the frame info looked
 *	  up when the callee was unwound (ctx->callee_params).
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define EBX		2
#define EBP		6
#define EIP		7
#define ESP		8
#define WIN_FPO	0

/* FPO frame that saved %ebp among its registers. */
static const char saves_ebp_program[] =
	"$eip .raSearchStart ^ = "
	"$ebp $esp .cbCalleeParams + .cbSavedRegs + 8 - ^ = "
	"$esp .raSearchStart 4 + =";

/* FPO frame that leaves %ebp (and, when known, %ebx) alone. */
static const char keeps_ebp_program[] =
	"$eip .raSearchStart ^ = $esp .raSearchStart 4 + =";

/* What one STACK WIN step works with. */
typedef struct win_step
{
	wk_ctx	   *ctx;
	const wk_frame *frame;
	const symcache_win *info;
	uint32_t	callee_params;
	bool		context_frame;
	wk_dict		dict;
	uint64_t	ra_search;		/* .raSearchStart */
	wk_trust	trust;
} win_step;

/*
 * .raSearchStart: above the callee's parameters and this frame's locals
 * and saved registers, moved up to the first plausible return address
 * within three words.  A context frame of an FPO function whose word
 * there is its own instruction pointer (a system call that returned)
 * skips that word.
 */
static uint64_t
ra_search_start(win_step *st)
{
	const wk_regs *r = &st->frame->regs;
	uint64_t	start = (r->v[ESP] + st->callee_params +
						 st->info->locals_size + st->info->saved_regs_size) &
		UINT32_MAX;
	uint64_t	at = start;
	uint64_t	found;

	if (wk_scan_words(st->ctx, start, 3, &at, &found) && st->context_frame &&
		st->info->type == WIN_FPO && at == start && found == r->v[EIP])
	{
		at += 4;
		wk_scan_words(st->ctx, at, 3, &at, &found);
	}
	return at;
}

/* The variables the program starts with. */
static bool
fill_dict(win_step *st)
{
	const wk_regs *r = &st->frame->regs;
	wk_dict    *d = &st->dict;

	memset(d, 0, sizeof(*d));
	return wk_dict_add(d, "$ebp", r->v[EBP]) &&
		wk_dict_add(d, "$esp", r->v[ESP]) &&
		(!WK_VALID(r, EBX) || wk_dict_add(d, "$ebx", r->v[EBX])) &&
		wk_dict_add(d, ".cbCalleeParams", st->callee_params) &&
		wk_dict_add(d, ".cbSavedRegs", st->info->saved_regs_size) &&
		wk_dict_add(d, ".cbLocals", st->info->locals_size) &&
		wk_dict_add(d, ".cbParams", st->info->param_size) &&
		wk_dict_add(d, ".raSearchStart", st->ra_search) &&
		wk_dict_add(d, ".raSearch", st->ra_search);
}

/* Run the frame's program, or the FPO one; false if it did not give eip/esp. */
static bool
run_program(win_step *st, bool *recover_ebp)
{
	const wk_regs *r = &st->frame->regs;
	const char *prog = st->info->program;
	bool		eip_set;
	bool		esp_set;
	bool		ok;

	*recover_ebp = true;
	if (!st->info->has_program || prog == NULL)
	{
		prog = st->info->allocates_base_pointer ? saves_ebp_program :
			keeps_ebp_program;
		*recover_ebp = st->info->allocates_base_pointer;
	}
	if (WK_VALID(r, EBP) && strchr(prog, '@') != NULL)
		st->ra_search = (r->v[EBP] + 4) & UINT32_MAX;
	if (!fill_dict(st))
		return false;
	ok = wk_program_eval(prog, &st->dict, &st->ctx->mem, 4);
	if (ok && !*recover_ebp && WK_VALID(r, EBX))
		ok = wk_program_eval("$ebx $ebx =", &st->dict, &st->ctx->mem, 4);
	wk_dict_get(&st->dict, "$eip", &eip_set);
	wk_dict_get(&st->dict, "$esp", &esp_set);
	return ok && eip_set && esp_set;
}

/* Set $name in the step's variables (it is already there). */
static void
set_var(win_step *st, const char *name, uint64_t value)
{
	wk_dict_add(&st->dict, name, value);
}

/* Scan from start for a return address; sets $eip, $esp and the trust. */
static bool
scan_for_caller(win_step *st, uint64_t start, wk_trust trust,
				uint64_t *found_at)
{
	uint64_t	ip;

	if (st->ctx->scanned >= WK_MAX_SCANNED_FRAMES ||
		!wk_scan(st->ctx, start, st->context_frame, found_at, &ip))
		return false;
	set_var(st, "$eip", ip);
	set_var(st, "$esp", (*found_at + 4) & UINT32_MAX);
	st->trust = trust;
	return true;
}

/*
 * The caller's %ebp, when the program's is unreadable or frames were
 * skipped by a scan: the highest word of the saved-register area (grown
 * by how far the scan went) that points into the stack.
 */
static void
recover_ebp(win_step *st, uint64_t offset)
{
	const wk_memory *mem = &st->ctx->mem;
	uint64_t	ebp = wk_dict_get(&st->dict, "$ebp", NULL);
	uint64_t	end = (st->frame->regs.v[ESP] + st->callee_params) & UINT32_MAX;
	uint64_t	at;
	uint64_t	v;

	if (!(st->trust != WK_TRUST_CFI && ebp <= st->ra_search + offset) &&
		wk_read_word(mem, ebp, 4, &v))
		return;
	for (at = end + st->info->saved_regs_size + offset; at >= end; at -= 4)
	{
		if (!wk_read_word(mem, at, 4, &ebp))
			break;
		if (wk_read_word(mem, ebp, 4, &v))
		{
			set_var(st, "$ebp", ebp);
			break;
		}
	}
}

/* The caller's registers from the step's variables. */
static void
take_registers(win_step *st, wk_regs *caller)
{
	static const struct
	{
		const char *name;
		int			reg;
	}			saved[] = {{"$ebx", EBX}, {"$esi", 1}, {"$edi", 0}};
	bool		set;
	size_t		i;

	*caller = st->frame->regs;
	caller->v[EIP] = wk_dict_get(&st->dict, "$eip", NULL);
	caller->v[ESP] = wk_dict_get(&st->dict, "$esp", NULL);
	caller->v[EBP] = wk_dict_get(&st->dict, "$ebp", NULL);
	caller->valid = WK_BIT(EIP) | WK_BIT(ESP) | WK_BIT(EBP);
	for (i = 0; i < sizeof(saved) / sizeof(saved[0]); i++)
	{
		uint64_t	v = wk_dict_get(&st->dict, saved[i].name, &set);

		if (set)
		{
			caller->v[saved[i].reg] = v;
			caller->valid |= WK_BIT(saved[i].reg);
		}
	}
}

/* The caller of frame by its STACK WIN record info; false if none found. */
bool
wk_stackwin_caller(wk_ctx *ctx, const wk_frame *frame,
				   const symcache_win *info, uint32_t callee_params,
				   wk_regs *caller, wk_trust *trust)
{
	win_step	st;
	uint64_t	offset = 0;
	uint64_t	at;
	bool		want_ebp;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.frame = frame;
	st.info = info;
	st.callee_params = callee_params;
	st.context_frame = frame->trust == WK_TRUST_CONTEXT;
	st.trust = WK_TRUST_CFI;
	st.ra_search = ra_search_start(&st);
	if (!run_program(&st, &want_ebp) &&
		!scan_for_caller(&st, frame->regs.v[ESP], WK_TRUST_SCAN, &at))
		return false;
	if (wk_dict_get(&st.dict, "$eip", NULL) != 0 ||
		wk_dict_get(&st.dict, "$ebp", NULL) != 0)
	{
		uint64_t	start = (st.ra_search + 4) & UINT32_MAX;

		if (wk_module_for(ctx->res, wk_dict_get(&st.dict, "$eip", NULL)) < 0 &&
			scan_for_caller(&st, start, WK_TRUST_CFI_SCAN, &at))
			offset = at - start;
		if (want_ebp)
			recover_ebp(&st, offset);
	}
	take_registers(&st, caller);
	*trust = st.trust;
	return true;
}
