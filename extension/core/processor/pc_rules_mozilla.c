/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules_mozilla.c
 *	  Rules over Firefox's own annotations: PluginRule, ProcessTypeRule,
 *	  AccessibilityRule, PHCRule, MozCrashReasonRule,
 *	  UtilityActorsNameRule, ReportTypeRule and DistributionIdRule.
 *	  Other crash reporters simply do not send these annotations, and then
 *	  the rules fill their defaults.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"
#include "pc_text.h"

#include <inttypes.h>
#include <string.h>

/* An annotation's string value, or dflt. */
static const char *
raw_or(const pc_ctx *ctx, const char *annotation, const char *dflt)
{
	const char *s = pc_raw_str(ctx, annotation);

	return s ? s : dflt;
}

/* PluginRule: plugin file, name and version of plugin process crashes. */
void
pc_rule_plugin(pc_ctx *ctx)
{
	if (!pc_str_eq(pc_raw(ctx, "ProcessType"), "plugin"))
		return;
	pc_set(ctx, "plugin_filename", pc_string(ctx, raw_or(ctx, "PluginFilename", "")));
	pc_set(ctx, "plugin_name", pc_string(ctx, raw_or(ctx, "PluginName", "")));
	pc_set(ctx, "plugin_version", pc_string(ctx, raw_or(ctx, "PluginVersion", "")));
}

/* ProcessTypeRule: the crashing process's type; main and none are parent. */
void
pc_rule_process_type(pc_ctx *ctx)
{
	const char *type = raw_or(ctx, "ProcessType", "parent");

	pc_set(ctx, "process_type", pc_string(ctx, strcmp(type, "main") == 0 ? "parent" : type));
}

/* AccessibilityRule: true when the accessibility service was active. */
void
pc_rule_accessibility(pc_ctx *ctx)
{
	pc_set(ctx, "accessibility", pc_bool(ctx, pc_str_eq(pc_raw(ctx, "Accessibility"), "Active")));
}

/* PHCRule: the probabilistic heap checker's findings, base address in hex. */
void
pc_rule_phc(pc_ctx *ctx)
{
	const char *base = pc_raw_str(ctx, "PHCBaseAddress");
	const char *size = pc_raw_str(ctx, "PHCUsableSize");
	int64_t		v;

	if (pc_raw(ctx, "PHCKind") == NULL)
		return;
	pc_set(ctx, "phc_kind", pc_raw(ctx, "PHCKind"));
	if (base && pc_parse_int(base, strlen(base), &v))
		pc_set(ctx, "phc_base_address",
			   pc_string(ctx, v < 0 ? pc_printf(ctx, "-0x%" PRIx64, (uint64_t) 0 - (uint64_t) v)
						 : pc_printf(ctx, "0x%" PRIx64, (uint64_t) v)));
	if (size && pc_parse_int(size, strlen(size), &v))
		pc_set(ctx, "phc_usable_size", pc_int(ctx, v));
	if (pc_raw(ctx, "PHCAllocStack") != NULL)
		pc_set(ctx, "phc_alloc_stack", pc_raw(ctx, "PHCAllocStack"));
	if (pc_raw(ctx, "PHCFreeStack") != NULL)
		pc_set(ctx, "phc_free_stack", pc_raw(ctx, "PHCFreeStack"));
}

/* MozCrashReasonRule: MozCrashReason, with dynamic (maybe private) texts hidden. */
void
pc_rule_moz_crash_reason(pc_ctx *ctx)
{
	static const char *const hidden[] = {
		"Failed to load module", "byte index", "do not use eval with system privileges"
	};
	const char *reason = pc_raw_str(ctx, "MozCrashReason");
	size_t		i;

	if (reason == NULL || *reason == '\0')
		return;
	pc_set(ctx, "moz_crash_reason_raw", pc_raw(ctx, "MozCrashReason"));
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
		if (pc_starts_with(reason, hidden[i]))
		{
			pc_set(ctx, "moz_crash_reason", pc_string(ctx, "sanitized--see moz_crash_reason_raw"));
			return;
		}
	pc_set(ctx, "moz_crash_reason", pc_raw(ctx, "MozCrashReason"));
}

/* UtilityActorsNameRule: the comma-separated actor names as a list. */
void
pc_rule_utility_actors_name(pc_ctx *ctx)
{
	const char *names = pc_raw_str(ctx, "UtilityActorsName");
	json_value *list;
	const char *p;

	if (names == NULL)
		return;
	if ((list = pc_array(ctx, strlen(names) / 2 + 1)) == NULL)
		return;
	for (p = names;; p++)
	{
		size_t		len = strcspn(p, ",");
		size_t		skip = pc_lstrip_skip(p, len);
		size_t		end = pc_rstrip_len(p, len);

		if (end > skip)
			pc_push(list, pc_string_n(ctx, p + skip, end - skip));
		p += len;
		if (*p == '\0')
			break;
	}
	pc_set(ctx, "utility_actors_name", list);
}

/* Does a frame of the crashing thread run a watchdog (a hang)? */
static bool
watchdog_on_stack(const pc_ctx *ctx)
{
	const json_value *ct = pc_dump_at(ctx, "crash_info.crashing_thread");
	int64_t		index = ct && ct->type == JV_NUMBER && ct->is_int ? ct->ival : 0;
	const json_value *frames = index >= 0 ? pc_path(jv_at(pc_dump_at(ctx, "threads"),
														  (size_t) index), "frames") : NULL;
	size_t		i;

	for (i = 0; frames != NULL && frames->type == JV_ARRAY && i < frames->count; i++)
	{
		const char *f = jv_str(jv_get(frames->items[i], "function"));

		if (f != NULL && strstr(f, "RunWatchdog") != NULL)
			return true;
	}
	return false;
}

/* ReportTypeRule: hang (IPC channel error, shutdown timeout, watchdog) or crash. */
void
pc_rule_report_type(pc_ctx *ctx)
{
	bool		hang = pc_get(ctx, "ipc_channel_error") != NULL ||
		pc_get(ctx, "async_shutdown_timeout") != NULL || watchdog_on_stack(ctx);

	pc_set(ctx, "report_type", pc_string(ctx, hang ? "hang" : "crash"));
}

/* DistributionIdRule: who built the product: DistributionID, else telemetry's. */
void
pc_rule_distribution_id(pc_ctx *ctx)
{
	const json_value *id = pc_raw(ctx, "DistributionID");

	if (!jv_truthy(id))
	{
		const json_value *telemetry = pc_get(ctx, "telemetry_environment");
		const json_value *partner = jv_get(telemetry, "partner");

		id = partner && jv_get(partner, "distributionId") ? jv_get(partner, "distributionId")
			: pc_string(ctx, "unknown");
	}
	pc_set(ctx, "distribution_id", jv_truthy(id) ? id : pc_string(ctx, "mozilla"));
}
