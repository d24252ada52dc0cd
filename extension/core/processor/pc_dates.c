/*-------------------------------------------------------------------------
 * extension/core/processor/pc_dates.c
 *	  DatesAndTimesRule: when the crash was submitted and happened, how
 *	  long the process ran (uptime), how old the installation was
 *	  (install_age) and the time since the last crash, from CrashTime,
 *	  StartupTime, InstallTime and SecondsSinceLastCrash, with Socorro's
 *	  defaults and notes for missing or malformed values.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Epoch seconds as ISO 8601 in UTC (Python's isoformat), or NULL when out of range. */
static char *
iso_time(pc_ctx *ctx, int64_t epoch)
{
	time_t		t = (time_t) epoch;
	struct tm	tm;

	if (epoch < -62135596800 || epoch > 253402300799 || gmtime_r(&t, &tm) == NULL)
		return NULL;
	return pc_printf(ctx, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year + 1900,
					 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* CrashTime as Socorro reads it: its first 10 characters as an integer. */
static int64_t
crash_time(pc_ctx *ctx)
{
	const json_value *v = pc_raw(ctx, "CrashTime");
	int64_t		t;

	if (v == NULL)
	{
		pc_note(ctx, "WARNING: raw_crash missing CrashTime");
		return ctx->in->submitted_epoch;
	}
	if (v->type == JV_NUMBER && v->is_int)
		return v->ival;
	if (v->type != JV_STRING)
	{
		pc_note(ctx, "WARNING: raw_crash[CrashTime] contains unexpected value");
		return ctx->in->submitted_epoch;
	}
	if (!pc_parse_int(v->text, v->len < 10 ? v->len : 10, &t))
	{
		pc_note(ctx, "non-integer value of \"CrashTime\"");
		return 0;
	}
	return t;
}

/* InstallTime, defaulting to the startup time; 0 with a note when malformed. */
static int64_t
install_time(pc_ctx *ctx, int64_t startup)
{
	const json_value *v = pc_raw(ctx, "InstallTime");
	int64_t		t;

	if (v == NULL)
		return startup;
	if ((v->type == JV_NUMBER && v->is_int && (t = v->ival, true)) ||
		(v->type == JV_STRING && pc_parse_int(v->text, v->len, &t)))
		return t;
	pc_note(ctx, "non-integer value of \"InstallTime\"");
	return 0;
}

/* last_crash from SecondsSinceLastCrash: absent is null, malformed null with a note. */
static json_value *
last_crash(pc_ctx *ctx)
{
	const json_value *v = pc_raw(ctx, "SecondsSinceLastCrash");
	int64_t		t;

	if (v == NULL)
		return pc_null(ctx);
	if ((v->type == JV_NUMBER && v->is_int && (t = v->ival, true)) ||
		(v->type == JV_STRING && pc_parse_int(v->text, v->len, &t)))
		return pc_int(ctx, t);
	pc_note(ctx, "non-integer value of \"SecondsSinceLastCrash\"");
	return pc_null(ctx);
}

/* a - b, or null with a note when it does not fit 64 bits. */
static json_value *
difference(pc_ctx *ctx, int64_t a, int64_t b, bool at_least_zero, const char *what)
{
	int64_t		d;

	if (__builtin_sub_overflow(a, b, &d))
	{
		pc_note(ctx, "%s is out of range", what);
		return pc_null(ctx);
	}
	return pc_int(ctx, at_least_zero && d < 0 ? 0 : d);
}

/* DatesAndTimesRule. */
void
pc_rule_dates_and_times(pc_ctx *ctx)
{
	const json_value *startup_v = pc_get(ctx, "startup_time");
	int64_t		crash = crash_time(ctx);
	int64_t		startup = startup_v && startup_v->is_int ? startup_v->ival : crash;
	int64_t		install = install_time(ctx, startup);
	char	   *client = iso_time(ctx, crash);

	pc_set(ctx, "submitted_timestamp", pc_string(ctx, ctx->in->submitted_timestamp));
	pc_set(ctx, "date_processed", pc_string(ctx, ctx->in->submitted_timestamp));
	pc_set(ctx, "crash_time", pc_int(ctx, crash));
	if (crash == ctx->in->submitted_epoch)
		pc_note(ctx, "client_crash_date is unknown");
	if (client == NULL)
		pc_note(ctx, "CrashTime is out of range; client_crash_date is unknown");
	else
		pc_set(ctx, "client_crash_date", pc_string(ctx, client));
	pc_set(ctx, "install_age", difference(ctx, crash, install, false, "install_age"));
	pc_set(ctx, "uptime", difference(ctx, crash, startup, true, "uptime"));
	pc_set(ctx, "last_crash", last_crash(ctx));
}
