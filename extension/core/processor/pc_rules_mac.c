/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules_mac.c
 *	  macOS rules over what the stack walk found: MacBootArgsRule
 *	  (mac_boot_args, protected, and has_mac_boot_args) and
 *	  MacCrashInfoRule (the __crash_info records as JSON text).
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"
#include "pc_text.h"

/* MacBootArgsRule. */
void
pc_rule_mac_boot_args(pc_ctx *ctx)
{
	const json_value *v = pc_dump_at(ctx, "mac_boot_args");
	size_t		skip, end;

	if (!jv_truthy(v))
		return;
	if (v->type != JV_STRING)
	{
		pc_note(ctx, "mac_boot_args is not a string");
		return;
	}
	skip = pc_lstrip_skip(v->text, v->len);
	end = pc_rstrip_len(v->text, v->len);
	if (end <= skip)
		return;
	pc_set(ctx, "mac_boot_args", pc_string_n(ctx, v->text + skip, end - skip));
	pc_set(ctx, "has_mac_boot_args", pc_bool(ctx, true));
}

/* MacCrashInfoRule: json_dump.mac_crash_info, keys sorted, when it has records. */
void
pc_rule_mac_crash_info(pc_ctx *ctx)
{
	const json_value *info = pc_dump_at(ctx, "mac_crash_info");
	const json_value *records = jv_get(info, "num_records");

	if (records == NULL || records->type != JV_NUMBER || records->dval <= 0)
		return;
	pc_set(ctx, "mac_crash_info", pc_string(ctx, pc_to_text(ctx, info, true)));
}
