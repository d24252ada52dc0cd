/*-------------------------------------------------------------------------
 * extension/core/processor/pc_signature.c
 *	  SignatureGeneratorRule (the processed crash turned into the
 *	  signature generator's crash_data, as Socorro's convert_to_crash_data
 *	  does, then signature, proto_signature, signature_debug and the
 *	  generator's notes) and ShutDownHangCrashingThreadRule.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <string.h>

/* crash_data field name and where it comes from (a json_dump path or a pc key). */
typedef struct pc_crash_data_field
{
	const char *name;
	const char *dump_path;		/* NULL: from the processed crash */
	const char *pc_key;
} pc_crash_data_field;

static const pc_crash_data_field crash_data_fields[] = {
	{"crashing_thread", "crash_info.crashing_thread", NULL},
	{"reason", "crash_info.type", NULL},
	{"threads", "threads", NULL},
	{"os", "system_info.os", NULL},
	{"java_stack_trace", NULL, "java_stack_trace"},
	{"java_exception", NULL, "java_exception"},
	{"oom_allocation_size", NULL, "oom_allocation_size"},
	{"js_large_allocation_failure", NULL, "js_large_allocation_failure"},
	{"abort_message", NULL, "abort_message"},
	{"async_shutdown_timeout", NULL, "async_shutdown_timeout"},
	{"ipc_channel_error", NULL, "ipc_channel_error"},
	{"ipc_message_name", NULL, "ipc_message_name"},
	{"additional_minidumps", NULL, "additional_minidumps"},
	{"mdsw_status_string", NULL, "mdsw_status_string"},
	{"hang", NULL, "hang"},
	{"original_signature", NULL, "signature"}
};

#define PC_NCRASH_DATA (sizeof(crash_data_fields) / sizeof(crash_data_fields[0]))

/* The crash_data object the generator reads, sharing the processed crash's values. */
static json_value *
crash_data(pc_ctx *ctx)
{
	pc_object	cd;
	size_t		i;

	if (!pc_object_init(ctx, &cd, PC_NCRASH_DATA))
		return NULL;
	for (i = 0; i < PC_NCRASH_DATA; i++)
	{
		const pc_crash_data_field *f = &crash_data_fields[i];
		const json_value *v = f->dump_path ? pc_dump_at(ctx, f->dump_path) : pc_get(ctx, f->pc_key);

		pc_object_set(ctx, &cd, f->name, strlen(f->name), v ? v : pc_null(ctx));
	}
	return cd.v;
}

/* SignatureGeneratorRule. */
void
pc_rule_signature_generator(pc_ctx *ctx)
{
	json_value *data = crash_data(ctx);
	siggen_result res;
	int			i;

	if (data == NULL)
		return;
	if (ctx->in->siglists == NULL || siggen_generate(ctx->in->siglists, data, &res) != 0)
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
