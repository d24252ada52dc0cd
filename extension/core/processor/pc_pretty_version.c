/*-------------------------------------------------------------------------
 * extension/core/processor/pc_pretty_version.c
 *	  OSPrettyVersionRule: the one readable OS version, e.g. "Windows 10",
 *	  "Windows 11" (10.0 builds from 21996), "macOS 14", "OS X 10.15",
 *	  the Linux distribution's LSB description, or "Android 34".
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Windows version names by major.minor. */
static const char *const windows_versions[][2] = {
	{"3.5", "Windows NT"}, {"4.0", "Windows NT"}, {"4.1", "Windows 98"},
	{"4.9", "Windows Me"}, {"5.0", "Windows 2000"}, {"5.1", "Windows XP"},
	{"5.2", "Windows Server 2003"}, {"6.0", "Windows Vista"}, {"6.1", "Windows 7"},
	{"6.2", "Windows 8"}, {"6.3", "Windows 8.1"}, {"10.0", "Windows 10"}
};

/* major and minor from a version starting "<digits>.<digits>"; false if not. */
static bool
major_minor(const char *v, long *major, long *minor)
{
	char	   *end;

	if (v == NULL || *v < '0' || *v > '9')
		return false;
	*major = strtol(v, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return false;
	*minor = strtol(end + 1, NULL, 10);
	return true;
}

/* The Windows name for os_version. */
static const char *
windows_pretty(pc_ctx *ctx, const char *name, const char *version)
{
	long		major, minor;
	const char *key;
	size_t		i;

	if (!major_minor(version, &major, &minor))
		return name;
	if (major == 10 && minor == 0 && strcmp(version, "10.0.21996") >= 0)
		return "Windows 11";
	key = pc_printf(ctx, "%ld.%ld", major, minor);
	for (i = 0; key != NULL && i < sizeof(windows_versions) / sizeof(windows_versions[0]); i++)
		if (strcmp(key, windows_versions[i][0]) == 0)
			return windows_versions[i][1];
	return "Windows Unknown";
}

/* The macOS name for os_version. */
static const char *
macos_pretty(pc_ctx *ctx, const char *name, const char *version)
{
	long		major, minor;

	if (!major_minor(version, &major, &minor))
		return name;
	if (major >= 11)
		return pc_printf(ctx, "macOS %ld", major);
	if (major >= 10)
		return pc_printf(ctx, "OS X %ld.%ld", major, minor);
	return "OS X Unknown";
}

/* OSPrettyVersionRule. */
void
pc_rule_os_pretty_version(pc_ctx *ctx)
{
	const char *name = jv_str(pc_get(ctx, "os_name"));
	const char *version = jv_str(pc_get(ctx, "os_version"));
	const char *lsb = pc_dump_str(ctx, "lsb_release.description");
	const char *pretty = name;

	if (name == NULL)
		pretty = NULL;
	else if (pc_starts_with(name, "Windows"))
		pretty = windows_pretty(ctx, name, version);
	else if (strcmp(name, "Mac OS X") == 0)
		pretty = macos_pretty(ctx, name, version);
	else if (strcmp(name, "Linux") == 0)
		pretty = lsb && *lsb ? lsb : "Linux";
	else if (strcmp(name, "Android") == 0 && version && *version)
		pretty = pc_printf(ctx, "%s %s", name, version);
	pc_set(ctx, "os_pretty_version", pc_string(ctx, pretty));
}
