/*-------------------------------------------------------------------------
 * extension/core/processor/pc_pipeline.c
 *	  pc_process: Socorro's pipeline around the rules.  Before them:
 *	  success false, started_datetime, the placeholder signature and the
 *	  ">>> Start processing" note.  After them: success true (the rules
 *	  ran; a rule that could not do its job said so in a note), the notes
 *	  being replaced pushed onto processor_history, processor_notes and
 *	  completed_datetime.  A crash processed again is built anew from its
 *	  raw crash; only its history carries over.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Now as ISO 8601 with microseconds in UTC, as Socorro's date_to_string. */
static char *
now_iso(pc_ctx *ctx)
{
	struct timespec ts;
	struct tm	tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	return pc_printf(ctx, "%04d-%02d-%02dT%02d:%02d:%02d.%06ld+00:00", tm.tm_year + 1900,
					 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
					 ts.tv_nsec / 1000);
}

/* Parse the annotations into a mutable raw crash; false if they are no object. */
static bool
load_raw(pc_ctx *ctx, pc_result *out)
{
	const json_value *tree;
	size_t		i;

	tree = pc_parse(ctx, ctx->in->annotations, strlen(ctx->in->annotations),
					out->error, sizeof(out->error));
	if (tree == NULL || tree->type != JV_OBJECT)
	{
		out->status = ctx->nomem ? PC_NOMEM : PC_BAD_INPUT;
		if (tree != NULL)
			snprintf(out->error, sizeof(out->error), "annotations are not a JSON object");
		return false;
	}
	if (!pc_object_init(ctx, &ctx->raw, tree->count + 4))
	{
		out->status = PC_NOMEM;
		return false;
	}
	for (i = 0; i < tree->count; i++)
		ctx->raw.v->members[i] = tree->members[i];
	ctx->raw.v->count = tree->count;
	return true;
}

/* What the pipeline sets before the first rule. */
static void
begin(pc_ctx *ctx)
{
	const char *started = ctx->in->started_datetime;
	char	   *shown = pc_strdup(ctx, started, strlen(started));

	if (shown != NULL && strlen(shown) > 10 && shown[10] == 'T')
		shown[10] = ' ';		/* str(datetime), as Socorro's note has it */
	pc_set(ctx, "success", pc_bool(ctx, false));
	pc_set(ctx, "started_datetime", pc_string(ctx, started));
	pc_note_text(ctx, pc_printf(ctx, ">>> Start processing: %s (%s)", shown ? shown : started,
								ctx->in->host ? ctx->in->host : "crashpipe"));
	pc_set(ctx, "signature", pc_string(ctx, "EMPTY: crash failed to process"));
}

/* processor_history: the notes being replaced, then their own history. */
static json_value *
history(pc_ctx *ctx)
{
	char		err[128];
	const char *old = ctx->in->previous_history;
	const json_value *before = old ? pc_parse(ctx, old, strlen(old), err, sizeof(err)) : NULL;
	size_t		n = before && before->type == JV_ARRAY ? before->count : 0;
	json_value *h = pc_array(ctx, n + 1);
	size_t		i;

	if (ctx->in->previous_notes != NULL && ctx->in->previous_notes[0] != '\0')
		pc_push(h, pc_string(ctx, ctx->in->previous_notes));
	for (i = 0; i < n; i++)
		pc_push(h, before->items[i]);
	return h;
}

/* What the pipeline sets after the last rule. */
static void
finish(pc_ctx *ctx)
{
	pc_set(ctx, "success", pc_bool(ctx, true));
	pc_set(ctx, "processor_history", history(ctx));
	pc_set(ctx, "processor_notes",
		   pc_string(ctx, pc_join(ctx, (const char *const *) ctx->notes, ctx->nnotes, "\n")));
	pc_set(ctx, "completed_datetime", pc_string(ctx, now_iso(ctx)));
}

/* Run every rule in order; stop only when memory ran out. */
static void
run_rules(pc_ctx *ctx)
{
	int			n;
	const pc_rule *r = pc_rules(&n);
	int			i;

	for (i = 0; i < n && !ctx->nomem; i++)
	{
		ctx->rule = r[i].name;
		r[i].fn(ctx);
	}
	ctx->rule = "pipeline";
}

/* See processor.h. */
void
pc_process(const pc_input *in, const md_allocator *allocator, pc_result *out)
{
	pc_ctx		ctx;
	int			i;

	memset(&ctx, 0, sizeof(ctx));
	memset(out, 0, sizeof(*out));
	ctx.in = in;
	ctx.allocator = allocator ? allocator : &md_malloc_allocator;
	ctx.rule = "pipeline";
	md_arena_init(&ctx.arena, ctx.allocator);
	if (load_raw(&ctx, out) && pc_object_init(&ctx, &ctx.pc, 256))
	{
		begin(&ctx);
		run_rules(&ctx);
		finish(&ctx);
		out->json = pc_write(&ctx, &out->status);
		if (out->status == PC_NOMEM)
			snprintf(out->error, sizeof(out->error), "out of memory");
		else if (out->status == PC_TOO_LARGE)
			snprintf(out->error, sizeof(out->error), "the processed crash would exceed %zu bytes",
					 PC_MAX_JSON);
	}
	else if (out->status == PC_OK)
		out->status = PC_NOMEM;
	for (i = 0; i < ctx.nparsed; i++)
		jv_free(ctx.parsed[i]);
	md_arena_free_all(&ctx.arena);
}
