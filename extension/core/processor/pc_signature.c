/*-------------------------------------------------------------------------
 * extension/core/processor/pc_signature.c
 *	  SignatureGeneratorRule (the processed crash turned into the
 *	  signature generator's crash_data by siggen_processed_crash_data, as
 *	  Socorro's convert_to_crash_data does, then signature,
 *	  proto_signature, signature_debug and the generator's notes) and
 *	  ShutDownHangCrashingThreadRule.  crashpipe.resignature reads a
 *	  stored processed crash the same way, so both sign alike.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <string.h>

/* SignatureGeneratorRule. */
void
pc_rule_signature_generator(pc_ctx *ctx)
{
	json_value *data = siggen_processed_crash_data(ctx->pc.v, NULL, pc_get(ctx, "json_dump"));
	siggen_result res;
	int			rc;
	int			i;

	if (data == NULL)
	{
		ctx->nomem = true;
		return;
	}
	rc = ctx->in->siglists ? siggen_generate(ctx->in->siglists, data, &res) : -1;
	siggen_crash_data_free(data);
	if (rc != 0)
	{
		ctx->nomem |= ctx->in->siglists != NULL;
		if (ctx->in->siglists == NULL)
			pc_note(ctx, "no signature lists were given; the signature was not generated");
		return;
	}
	pc_set(ctx, "signature", pc_string(ctx, res.signature ? res.signature : ""));
	if (res.proto_signature != NULL)
		pc_set(ctx, "proto_signature", pc_string(ctx, res.proto_signature));
	pc_set(ctx, "signature_debug",
		   pc_string(ctx, pc_join(ctx, (const char *const *) res.debug, res.ndebug, "\n")));
	for (i = 0; i < res.nnotes; i++)
		pc_note_text(ctx, res.notes[i]);
	siggen_result_free(&res);
}

/* ShutDownHangCrashingThreadRule: shutdown hangs are about the main thread. */
void
pc_rule_shutdown_hang_crashing_thread(pc_ctx *ctx)
{
	const char *signature = jv_str(pc_get(ctx, "signature"));

	if (pc_starts_with(signature, "shutdownhang") &&
		!(pc_get(ctx, "crashing_thread") && pc_get(ctx, "crashing_thread")->is_int &&
		  pc_get(ctx, "crashing_thread")->ival == 0))
	{
		pc_set(ctx, "crashing_thread", pc_int(ctx, 0));
		pc_note(ctx, "set crashing_thread to 0 (the main thread) for a shutdown hang");
	}
}
