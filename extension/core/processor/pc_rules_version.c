/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules_version.c
 *	  Identity and version rules: FenixVersionRewriteRule,
 *	  ESRVersionRewrite, SubmittedFromRule, IdentifierRule,
 *	  MinidumpSha256HashRule and MajorVersionRule.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <string.h>

/* FenixVersionRewriteRule: Fenix nightlies say "Nightly YYMMDD HH:MM"; use 0.0a1. */
void
pc_rule_fenix_version_rewrite(pc_ctx *ctx)
{
	const char *version = pc_raw_str(ctx, "Version");

	if (!pc_str_eq(pc_raw(ctx, "ProductName"), "Fenix") ||
		!pc_starts_with(version, "Nightly "))
		return;
	pc_set(ctx, "version", pc_string(ctx, "0.0a1"));
	pc_note(ctx, "Changed version from '%s' to 0.0a1", version);
}

/* ESRVersionRewrite: versions on the esr channel end in "esr". */
void
pc_rule_esr_version_rewrite(pc_ctx *ctx)
{
	const char *version = jv_str(pc_get(ctx, "version"));

	if (!pc_str_eq(pc_raw(ctx, "ReleaseChannel"), "esr"))
		return;
	if (version == NULL)
	{
		pc_note(ctx, "\"Version\" missing from esr release raw_crash");
		return;
	}
	pc_set(ctx, "version", pc_string(ctx, pc_printf(ctx, "%sesr", version)));
	pc_note(ctx, "appended esr to version");
}

/* Is the annotation value one of "1", "true" or JSON true? */
static bool
is_true(const json_value *v)
{
	return pc_str_eq(v, "1") || pc_str_eq(v, "true") ||
		(v != NULL && v->type == JV_BOOL && v->boolean);
}

/* SubmittedFromRule: how the report was sent (Client, Infobar, Auto, ...). */
void
pc_rule_submitted_from(pc_ctx *ctx)
{
	const json_value *infobar = pc_raw(ctx, "SubmittedFromInfobar");
	const char *from;

	if (infobar != NULL)
		from = is_true(infobar) ? "Infobar" : "Unknown";
	else if ((from = pc_raw_str(ctx, "SubmittedFrom")) == NULL)
		from = "Unknown";
	pc_set(ctx, "submitted_from", pc_string(ctx, from));
	pc_set(ctx, "submitted_from_infobar", pc_bool(ctx, strcmp(from, "Infobar") == 0));
}

/* IdentifierRule: crash_id and uuid. */
void
pc_rule_identifier(pc_ctx *ctx)
{
	pc_set(ctx, "crash_id", pc_string(ctx, ctx->in->crash_id));
	pc_set(ctx, "uuid", pc_string(ctx, ctx->in->crash_id));
}

/* MinidumpSha256HashRule: the collector's SHA-256 of upload_file_minidump. */
void
pc_rule_minidump_sha256_hash(pc_ctx *ctx)
{
	const json_value *meta = pc_get(ctx, "collector_metadata");
	const char *hash = jv_str(pc_path(meta, "dump_checksums.upload_file_minidump"));

	pc_set(ctx, "minidump_sha256_hash", pc_string(ctx, hash ? hash : ""));
}

/* MajorVersionRule: the whole number before the first dot of Version, or 0. */
void
pc_rule_major_version(pc_ctx *ctx)
{
	const char *version = pc_raw_str(ctx, "Version");
	const char *dot;
	int64_t		major = 0;

	if (version != NULL)
	{
		dot = strchr(version, '.');
		if (!pc_parse_int(version, dot ? (size_t) (dot - version) : strlen(version), &major) ||
			major < INT32_MIN || major > INT32_MAX)
			major = 0;
	}
	pc_set(ctx, "major_version", pc_int(ctx, major));
}
