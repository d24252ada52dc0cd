/*-------------------------------------------------------------------------
 * extension/core/siggen/rules_prefix.c
 *	  The simple rules that add to or replace the signature from one
 *	  crash_data field: StackwalkerErrorSignatureRule, BadHardware,
 *	  SignatureIPCChannelError, SignatureIPCMessageName,
 *	  StackOverflowSignature and HungProcess.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

#define IPC_ERROR_MAX_CHARS 100

/* crash_data[key] as a string, or NULL. */
static const char *
field(const sg_ctx *ctx, const char *key)
{
	return jv_str(jv_get(ctx->crash_data, key));
}

/* Is crash_data[key] truthy? */
static bool
truthy(const sg_ctx *ctx, const char *key)
{
	return jv_truthy(jv_get(ctx->crash_data, key));
}

/* signature + sep + str(crash_data[key]) + tail, or prefix form. */
static char *
combine(sg_state *st, const char *head, const json_value *v, const char *tail)
{
	char	   *text = sg_line_text(v);
	char	   *res = text ? sg_concat3(head, text, tail) : NULL;

	free(text);
	sg_set_signature(st, res);
	return NULL;
}

/* Rule 2 applies to EMPTY signatures when the stackwalker said why. */
static bool
stackwalker_predicate(const sg_ctx *ctx, const sg_state *st)
{
	return sg_starts(st->signature, "EMPTY") && truthy(ctx, "mdsw_status_string");
}

/* Rule 2: "<sig>; <status>". */
static char *
stackwalker_action(const sg_ctx *ctx, sg_state *st)
{
	char	   *head = sg_concat3(st->signature, "; ", "");

	if (head)
		combine(st, head, jv_get(ctx->crash_data, "mdsw_status_string"), "");
	else
		st->failed = true;
	free(head);
	return NULL;
}

/* Rule 3 applies when the reason mentions STATUS_DEVICE_DATA_ERROR. */
static bool
bad_hardware_predicate(const sg_ctx *ctx, const sg_state *st)
{
	const char *reason = field(ctx, "reason");

	(void) st;
	return reason && strstr(reason, "STATUS_DEVICE_DATA_ERROR");
}

/* Rule 3: "bad hardware | <sig>". */
static char *
bad_hardware_action(const sg_ctx *ctx, sg_state *st)
{
	(void) ctx;
	sg_prefix_signature(st, "bad hardware | ", "");
	return NULL;
}

/* Rule 8 applies when there is an IPC channel error. */
static bool
ipc_error_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) st;
	return truthy(ctx, "ipc_channel_error");
}

/* Was the browser's minidump among the additional ones? */
static bool
has_browser_dump(const sg_ctx *ctx)
{
	const json_value *dumps = jv_get(ctx->crash_data, "additional_minidumps");
	size_t		i;

	for (i = 0; dumps && dumps->type == JV_ARRAY && i < dumps->count; i++)
	{
		const char *s = jv_str(dumps->items[i]);

		if (s && strcmp(s, "upload_file_minidump_browser") == 0)
			return true;
	}
	return false;
}

/* Rule 8: replace with "IPCError-<process> | <first 100 chars>". */
static char *
ipc_error_action(const sg_ctx *ctx, sg_state *st)
{
	char	   *text = sg_line_text(jv_get(ctx->crash_data, "ipc_channel_error"));
	char	   *cut = text ? sg_utf8_prefix(text, IPC_ERROR_MAX_CHARS) : NULL;

	sg_set_signature(st, cut ? sg_concat3(has_browser_dump(ctx) ? "IPCError-browser | "
										  : "IPCError-content | ", cut, "") : NULL);
	sg_note(st, "SignatureIPCChannelError", "IPC Channel Error stomped on signature");
	free(text);
	free(cut);
	return NULL;
}

/* Rule 9 applies when the IPC message name is known. */
static bool
ipc_name_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) st;
	return truthy(ctx, "ipc_message_name");
}

/* Rule 9: "<sig> | IPC_Message_Name=<name>". */
static char *
ipc_name_action(const sg_ctx *ctx, sg_state *st)
{
	char	   *head = sg_concat3(st->signature, " | IPC_Message_Name=", "");

	if (head)
		combine(st, head, jv_get(ctx->crash_data, "ipc_message_name"), "");
	else
		st->failed = true;
	free(head);
	return NULL;
}

/* Rule 10 applies to EXCEPTION_STACK_OVERFLOW crashes. */
static bool
overflow_predicate(const sg_ctx *ctx, const sg_state *st)
{
	const char *reason = field(ctx, "reason");

	(void) st;
	return reason && strcmp(reason, "EXCEPTION_STACK_OVERFLOW") == 0;
}

/* Rule 10: "stackoverflow | <sig>". */
static char *
overflow_action(const sg_ctx *ctx, sg_state *st)
{
	(void) ctx;
	sg_prefix_signature(st, "stackoverflow | ", "");
	return NULL;
}

/* Rule 11 applies when "hang" is present and not null. */
static bool
hung_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) st;
	return !jv_is_null(jv_get(ctx->crash_data, "hang"));
}

/* Rule 11: "hang: <hang> | <sig>". */
static char *
hung_action(const sg_ctx *ctx, sg_state *st)
{
	char	   *tail = sg_concat3(" | ", st->signature, "");

	if (tail)
		combine(st, "hang: ", jv_get(ctx->crash_data, "hang"), tail);
	else
		st->failed = true;
	free(tail);
	return NULL;
}

const sg_rule sg_rule_stackwalker_error = {"StackwalkerErrorSignatureRule",
stackwalker_predicate, stackwalker_action};
const sg_rule sg_rule_bad_hardware = {"BadHardware", bad_hardware_predicate, bad_hardware_action};
const sg_rule sg_rule_ipc_channel_error = {"SignatureIPCChannelError",
ipc_error_predicate, ipc_error_action};
const sg_rule sg_rule_ipc_message_name = {"SignatureIPCMessageName",
ipc_name_predicate, ipc_name_action};
const sg_rule sg_rule_stack_overflow = {"StackOverflowSignature", overflow_predicate, overflow_action};
const sg_rule sg_rule_hung_process = {"HungProcess", hung_predicate, hung_action};
