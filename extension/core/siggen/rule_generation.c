/*-------------------------------------------------------------------------
 * extension/core/siggen/rule_generation.c
 *	  SignatureGenerationRule (the signature from the Java trace, the
 *	  Java exception, or the C/C++/Rust stack) and SignatureRunWatchDog,
 *	  which reruns it on thread 0 for shutdown hangs.
 *
 *	  Divergence: Socorro's watchdog rerun always uses its bundled lists;
 *	  here it uses the lists the generator was given.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

#define GEN_RULE "SignatureGenerationRule"

/* Move tool notes into the state, prefixed with the rule name. */
static void
add_tool_notes(sg_state *st, sg_list *notes)
{
	int			i;

	for (i = 0; i < notes->count; i++)
		sg_note(st, GEN_RULE, notes->items[i]);
	if (notes->failed)
		st->failed = true;
	sg_list_free(notes);
}

/* Keep a tool's signature unless it is empty. */
static void
keep_signature(sg_state *st, char *sig)
{
	if (!sig)
		st->failed = true;
	else if (sig[0] == '\0')
		free(sig);
	else
		sg_set_signature(st, sig);
}

/* The C path: frames of the given thread, then the list walk. */
static char *
generate_c(const sg_ctx *ctx, sg_state *st, long thread, sg_list *notes)
{
	sg_list		frames = {NULL, 0, 0, false};
	const char *os = jv_str(jv_get(ctx->crash_data, "os"));
	char	   *sig;

	sg_create_frame_list(ctx->lists, sg_thread(ctx->crash_data, thread),
						 os && strcmp(os, "Windows NT") == 0, &frames);
	sig = frames.failed ? NULL : sg_c_generate(ctx->lists, &frames, thread, notes);
	if (frames.count > 0 && !frames.failed)
	{
		sg_list_free(&st->frames);
		st->frames = frames;
		st->has_extra = true;
	}
	else
		sg_list_free(&frames);
	return sig;
}

/* Generate from crash_data using the given crashing thread. */
static void
generate(const sg_ctx *ctx, sg_state *st, long thread)
{
	const json_value *cd = ctx->crash_data;
	sg_list		notes = {NULL, 0, 0, false};
	char	   *sig;

	if (jv_truthy(jv_get(cd, "java_stack_trace")))
		sig = sg_java_stack_trace(jv_get(cd, "java_stack_trace"), ": ", &notes);
	else if (jv_truthy(jv_get(cd, "java_exception")))
		sig = sg_java_exception(jv_get(cd, "java_exception"), &notes);
	else
		sig = generate_c(ctx, st, thread, &notes);
	add_tool_notes(st, &notes);
	keep_signature(st, sig);
}

/* Rule 1: always runs. */
static char *
generation_action(const sg_ctx *ctx, sg_state *st)
{
	generate(ctx, st, sg_crashing_thread(ctx->crash_data));
	return NULL;
}

/* Rule 7 applies to signatures mentioning RunWatchdog. */
static bool
watchdog_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) ctx;
	return strstr(st->signature, "RunWatchdog") != NULL;
}

/* Rule 7: regenerate from thread 0 and mark as a shutdown hang. */
static char *
watchdog_action(const sg_ctx *ctx, sg_state *st)
{
	generate(ctx, st, 0);
	sg_prefix_signature(st, "shutdownhang | ", "");
	return NULL;
}

const sg_rule sg_rule_generation = {GEN_RULE, NULL, generation_action};
const sg_rule sg_rule_run_watchdog = {"SignatureRunWatchDog", watchdog_predicate, watchdog_action};
