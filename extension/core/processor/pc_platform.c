/*-------------------------------------------------------------------------
 * extension/core/processor/pc_platform.c
 *	  Machine rules: CPUInfoRule and OSInfoRule (from the minidump's system
 *	  info), AndroidCPUInfoRule and AndroidOSInfoRule (from Android_*
 *	  annotations when the dump says nothing), PlatformInfoRule (from the
 *	  CPUArchitecture, CPUInfo, OS and OSVersion annotations when there is
 *	  still nothing, e.g. a crash report without a minidump).
 *
 *	  A null in json_dump counts as absent (Socorro's glom would hand the
 *	  null on); "unknown", "Unknown" and "" mean no value, as in Socorro.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"
#include "pc_text.h"

#include <string.h>
#include <strings.h>

/* A json_dump value, or a default string when it is absent or null. */
static const json_value *
dump_or(pc_ctx *ctx, const char *path, const char *dflt)
{
	const json_value *v = pc_dump_at(ctx, path);

	return jv_is_null(v) ? pc_string(ctx, dflt) : v;
}

/* A string json_dump value with white space stripped, or dflt. */
static json_value *
dump_stripped(pc_ctx *ctx, const char *path, const char *dflt)
{
	const char *s = pc_dump_str(ctx, path);
	size_t		len = s ? strlen(s) : 0;
	size_t		skip = s ? pc_lstrip_skip(s, len) : 0;

	if (s == NULL)
		return pc_string(ctx, dflt);
	len = pc_rstrip_len(s, len);
	return pc_string_n(ctx, s + skip, len > skip ? len - skip : 0);
}

/* CPUInfoRule: cpu_info, cpu_count, cpu_arch and cpu_microcode_version. */
void
pc_rule_cpu_info(pc_ctx *ctx)
{
	const json_value *microcode = pc_dump_at(ctx, "system_info.cpu_microcode_version");

	pc_set(ctx, "cpu_info", dump_or(ctx, "system_info.cpu_info", "unknown"));
	pc_set(ctx, "cpu_count", jv_is_null(pc_dump_at(ctx, "system_info.cpu_count"))
		   ? pc_int(ctx, 0) : pc_dump_at(ctx, "system_info.cpu_count"));
	pc_set(ctx, "cpu_arch", dump_or(ctx, "system_info.cpu_arch", "unknown"));
	if (!jv_is_null(microcode))
		pc_set(ctx, "cpu_microcode_version", microcode);
}

/* AndroidCPUInfoRule: cpu_arch from Android_CPU_ABI when the dump had none. */
void
pc_rule_android_cpu_info(pc_ctx *ctx)
{
	static const char *const abis[][2] = {
		{"armeabi-v7a", "arm"}, {"arm64-v8a", "arm64"}, {"x86_64", "amd64"}
	};
	const json_value *abi = pc_raw(ctx, "Android_CPU_ABI");
	size_t		i;

	if (abi == NULL || !pc_str_eq(pc_get(ctx, "cpu_arch"), "unknown"))
		return;
	for (i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		if (pc_str_eq(abi, abis[i][0]))
		{
			pc_set(ctx, "cpu_arch", pc_string(ctx, abis[i][1]));
			return;
		}
	pc_set(ctx, "cpu_arch", abi);
}

/* OSInfoRule: os_name and os_version from the dump's system info. */
void
pc_rule_os_info(pc_ctx *ctx)
{
	pc_set(ctx, "os_name", dump_stripped(ctx, "system_info.os", "Unknown"));
	pc_set(ctx, "os_version", dump_stripped(ctx, "system_info.os_ver", ""));
}

/* AndroidOSInfoRule: Android and its SDK version from Android_Version ("23 (REL)"). */
void
pc_rule_android_os_info(pc_ctx *ctx)
{
	const char *version = pc_raw_str(ctx, "Android_Version");
	const char *os = jv_str(pc_get(ctx, "os_name"));
	size_t		len;
	int64_t		sdk;

	if (version == NULL || (os != NULL && strcasecmp(os, "unknown") != 0 &&
							strcasecmp(os, "android") != 0))
		return;
	pc_set(ctx, "os_name", pc_string(ctx, "Android"));
	len = strcspn(version, " ");
	if (len > 0 && pc_parse_int(version, len, &sdk))
		pc_set(ctx, "os_version", pc_string_n(ctx, version, len));
}

/* Fill key from annotation when key still holds the no-value string. */
static void
fill(pc_ctx *ctx, const char *key, const char *none, const char *annotation)
{
	const json_value *v = pc_raw(ctx, annotation);

	if (v != NULL && v->type == JV_STRING && pc_str_eq(pc_get(ctx, key), none))
		pc_set(ctx, key, v);
}

/* PlatformInfoRule: the platform annotations where the minidump said nothing. */
void
pc_rule_platform_info(pc_ctx *ctx)
{
	fill(ctx, "cpu_arch", "unknown", "CPUArchitecture");
	fill(ctx, "cpu_info", "unknown", "CPUInfo");
	fill(ctx, "os_name", "Unknown", "OS");
	fill(ctx, "os_version", "", "OSVersion");
}
