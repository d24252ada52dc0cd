/*-------------------------------------------------------------------------
 * extension/core/processor/pc_stackwalk.c
 *	  MinidumpStackwalkRule: the walk of every upload_file_minidump* part.
 *	  Socorro runs minidump-stackwalk --json per dump; here pc_walk_dump
 *	  runs the core walker (before the rules, see processor.h) and the
 *	  rule files its output: upload_file_minidump's as json_dump with
 *	  mdsw_* fields at the top, every other one under its own name and in
 *	  additional_minidumps.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdio.h>
#include <string.h>

#define PC_MAIN_DUMP "upload_file_minidump"

/* Version of this stack walker, stored as stackwalk_version. */
#define PC_STACKWALK_VERSION "crashpipe-stackwalk 1"

/* A walk that found nothing to walk: status, return code and why. */
static void
walk_failed(pc_walk *out, const char *status, int rc, const char *detail)
{
	out->status = status;
	out->return_code = rc;
	snprintf(out->detail, sizeof(out->detail), "%s", detail);
}

/* See processor.h. */
bool
pc_walk_dump(const pc_dump *dump, wk_symbol_fn symbols, void *symbols_ctx,
			 wk_stop_fn stop, void *stop_ctx, const md_allocator *allocator,
			 pc_walk *out)
{
	md_error	error;
	md_dump    *md;
	wk_result  *res;
	bool		too_large = false;

	memset(out, 0, sizeof(*out));
	out->name = dump->name;
	if (dump->len == 0)
	{
		walk_failed(out, "EmptyMinidump", 0, "Shortcut for 0-bytes minidump.");
		return true;
	}
	if ((md = md_open(dump->data, dump->len, allocator, &error)) == NULL)
	{
		walk_failed(out, "ERROR_NO_MINIDUMP_HEADER", 1, error.message);
		return error.code != MD_ERR_NOMEM;
	}
	res = wk_walk_until(md, symbols, symbols_ctx, stop, stop_ctx, allocator);
	if (res != NULL)
		out->json = wk_json(res, allocator, PC_MAX_JSON / 2, &too_large);
	if (out->json != NULL && res->stopped)
		walk_failed(out, "ERROR_TIMEOUT", -9, "the stack walk was stopped at its time limit");
	else if (out->json != NULL)
		walk_failed(out, "OK", 0, "");
	else if (too_large)
		walk_failed(out, "ERROR_TOO_LARGE", 1, "the stack walk's JSON would be too large");
	wk_free(res);
	md_close(md);
	return out->json != NULL || too_large;
}

/* The stackwalker fields of one walk, as Socorro files them. */
static void
file_walk(pc_ctx *ctx, pc_object *into, const pc_walk *w)
{
	char		err[128];
	json_value *dump = NULL;

	if (w->json != NULL &&
		(dump = pc_parse(ctx, w->json, strlen(w->json), err, sizeof(err))) == NULL)
		pc_note(ctx, "%s: the walk's JSON did not load: %s", w->name, err);
	if (strcmp(w->status, "EmptyMinidump") != 0)
		pc_object_set(ctx, into, "json_dump", 9, dump ? dump : pc_empty_object(ctx));
	pc_object_set(ctx, into, "mdsw_return_code", 16, pc_int(ctx, w->return_code));
	pc_object_set(ctx, into, "mdsw_status_string", 18, pc_string(ctx, w->status));
	pc_object_set(ctx, into, "success", 7, pc_bool(ctx, strcmp(w->status, "OK") == 0));
	pc_object_set(ctx, into, "stackwalk_version", 17, pc_string(ctx, PC_STACKWALK_VERSION));
	pc_object_set(ctx, into, "mdsw_stderr", 11, pc_string(ctx, w->detail));
}

/* The processor note for a walk that did not end OK. */
static void
note_walk(pc_ctx *ctx, const pc_walk *w)
{
	if (strcmp(w->status, "EmptyMinidump") == 0)
		pc_note(ctx, "%s is empty--skipping minidump processing", w->name);
	else if (strcmp(w->status, "ERROR_TIMEOUT") == 0)
		pc_note(ctx, "%s: timeout: %s; the threads after it have no frames", w->name, w->detail);
	else if (strcmp(w->status, "OK") != 0)
		pc_note(ctx, "%s: failed: %d: %s: %s", w->name, w->return_code, w->status, w->detail);
}

/* MinidumpStackwalkRule: file every walk; list the extra minidumps. */
void
pc_rule_minidump_stackwalk(pc_ctx *ctx)
{
	json_value *additional = pc_array(ctx, (size_t) ctx->in->nwalks);
	pc_object	sub;
	int			i;

	for (i = 0; i < ctx->in->nwalks && additional != NULL; i++)
	{
		const pc_walk *w = &ctx->in->walks[i];

		note_walk(ctx, w);
		if (strcmp(w->name, PC_MAIN_DUMP) == 0)
			file_walk(ctx, &ctx->pc, w);
		else if (pc_object_init(ctx, &sub, 8))
		{
			file_walk(ctx, &sub, w);
			pc_set(ctx, w->name, sub.v);
			pc_push(additional, pc_string(ctx, w->name));
		}
	}
	pc_set(ctx, "additional_minidumps", additional);
}
