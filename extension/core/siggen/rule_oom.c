/*-------------------------------------------------------------------------
 * extension/core/siggen/rule_oom.c
 *	  OOMSignature: marks out-of-memory crashes "OOM | small",
 *	  "OOM | large | <sig>" or "OOM | unknown | <sig>" (bug 1007530).
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OOM_SMALL_MAX 262144

static const char *const oom_fragments[] = {
	"NS_ABORT_OOM", "mozalloc_handle_oom", "CrashAtUnhandlableOOM",
	"AutoEnterOOMUnsafeRegion", "alloc::oom::oom"
};

/* Is crash_data[key] exactly the string want? */
static bool
field_is(const sg_ctx *ctx, const char *key, const char *want)
{
	const char *s = jv_str(jv_get(ctx->crash_data, key));

	return s && strcmp(s, want) == 0;
}

/* Does the crashing thread's last error say memory ran out? */
static bool
oom_last_error(const sg_ctx *ctx)
{
	const json_value *t = sg_thread(ctx->crash_data, sg_crashing_thread(ctx->crash_data));
	const char *lev = jv_str(jv_get(t, "last_error_value"));

	return lev && (strcmp(lev, "ERROR_COMMITMENT_LIMIT") == 0 ||
				   strcmp(lev, "ERROR_NOT_ENOUGH_MEMORY") == 0);
}

/* Rule 4 applies when any sign of an OOM is there. */
static bool
oom_predicate(const sg_ctx *ctx, const sg_state *st)
{
	size_t		i;

	if (jv_truthy(jv_get(ctx->crash_data, "oom_allocation_size")))
		return true;
	for (i = 0; i < sizeof(oom_fragments) / sizeof(oom_fragments[0]); i++)
		if (strstr(st->signature, oom_fragments[i]))
			return true;
	return oom_last_error(ctx) ||
		field_is(ctx, "reason", "STATUS_FATAL_MEMORY_EXHAUSTION") ||
		field_is(ctx, "reason", "STATUS_NO_MEMORY") ||
		field_is(ctx, "js_large_allocation_failure", "Reporting");
}

/* d rounded toward zero, like Python's int() of a float. */
static double
truncated(double d)
{
	if (d > -1e18 && d < 1e18)
		return (double) (int64_t) d;
	return d;
}

/* Python's int(size); NULL on success, else the error text. */
static char *
size_as_int(const json_value *v, double *out)
{
	char		msg[160];
	long		n;

	if (v->type == JV_NUMBER || v->type == JV_BOOL ||
		(v->type == JV_STRING && sg_parse_int(v->text, &n)))
	{
		if (v->type == JV_NUMBER)
			*out = v->is_int ? (double) v->ival : truncated(v->dval);
		else
			*out = v->type == JV_BOOL ? (double) v->boolean : (double) n;
		return NULL;
	}
	if (v->type == JV_STRING)
		snprintf(msg, sizeof(msg), "invalid literal for int() with base 10: '%.100s'", v->text);
	else
		snprintf(msg, sizeof(msg), "int() argument must be a string, a bytes-like object or a real number, not '%s'",
				 v->type == JV_ARRAY ? "list" : "dict");
	return sg_strdup(msg);
}

/* Rule 4: prefix or replace by the allocation size. */
static char *
oom_action(const sg_ctx *ctx, sg_state *st)
{
	const json_value *size = jv_get(ctx->crash_data, "oom_allocation_size");
	double		n = 0;
	char	   *err;

	if (field_is(ctx, "js_large_allocation_failure", "Reporting"))
		sg_prefix_signature(st, "OOM | large | ", "");
	else if (jv_is_null(size))
		sg_prefix_signature(st, "OOM | unknown | ", "");
	else if ((err = size_as_int(size, &n)) != NULL)
		return err;
	else if (n <= OOM_SMALL_MAX)
		sg_set_signature(st, sg_strdup("OOM | small"));
	else
		sg_prefix_signature(st, "OOM | large | ", "");
	return NULL;
}

const sg_rule sg_rule_oom = {"OOMSignature", oom_predicate, oom_action};
