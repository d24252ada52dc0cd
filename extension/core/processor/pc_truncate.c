/*-------------------------------------------------------------------------
 * extension/core/processor/pc_truncate.c
 *	  TruncateStacksRule: a stack of more than 500 frames keeps its first
 *	  250 and last 249 frames around a marker frame saying how many were
 *	  cut, in every json_dump of the processed crash (the main one and
 *	  those of additional minidumps).  The beginning and end of a stack
 *	  are the interesting parts; the middle of a runaway recursion is not.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdio.h>
#include <string.h>

#define PC_MAX_FRAMES	500
#define PC_HALF_FRAMES	(PC_MAX_FRAMES / 2)

/* n with thousands separators, as Python's "{:,}" writes it. */
static void
with_commas(size_t n, char *buf, size_t len)
{
	char		digits[32];
	size_t		nd = (size_t) snprintf(digits, sizeof(digits), "%zu", n);
	size_t		i;
	size_t		o = 0;

	for (i = 0; i < nd && o + 2 < len; i++)
	{
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* The marker frame {"truncated": {"msg": "N frames truncated"}}. */
static json_value *
marker(pc_ctx *ctx, size_t cut)
{
	pc_object	frame;
	pc_object	inner;
	char		num[40];

	with_commas(cut, num, sizeof(num));
	if (!pc_object_init(ctx, &frame, 1) || !pc_object_init(ctx, &inner, 1))
		return NULL;
	pc_object_set(ctx, &inner, "msg", 3, pc_string(ctx, pc_printf(ctx, "%s frames truncated", num)));
	pc_object_set(ctx, &frame, "truncated", 9, inner.v);
	return frame.v;
}

/* A copy of thread with its frames cut down, or NULL if it is short enough. */
static json_value *
truncated_thread(pc_ctx *ctx, const json_value *thread, const char *path)
{
	const json_value *frames = jv_get(thread, "frames");
	json_value *kept;
	pc_object	copy;
	size_t		n;
	size_t		i;

	if (frames == NULL || frames->type != JV_ARRAY || frames->count <= PC_MAX_FRAMES)
		return NULL;
	n = frames->count;
	if ((kept = pc_array(ctx, PC_MAX_FRAMES)) == NULL || !pc_object_copy(ctx, thread, &copy))
		return NULL;
	for (i = 0; i < PC_HALF_FRAMES; i++)
		pc_push(kept, frames->items[i]);
	pc_push(kept, marker(ctx, n - 2 * PC_HALF_FRAMES));
	for (i = n - PC_HALF_FRAMES + 1; i < n; i++)
		pc_push(kept, frames->items[i]);
	pc_object_set(ctx, &copy, "frames", 6, kept);
	pc_object_set(ctx, &copy, "truncated", 9, pc_bool(ctx, true));
	pc_note(ctx, "truncated %s: %zu -> %zu", path, n, kept->count);
	return copy.v;
}

/* A copy of dump with its long stacks cut, or NULL if none was long. */
static json_value *
truncated_dump(pc_ctx *ctx, const json_value *dump, const char *path)
{
	const json_value *threads = jv_get(dump, "threads");
	json_value *crashing = truncated_thread(ctx, jv_get(dump, "crashing_thread"),
											pc_printf(ctx, "%s.crashing_thread.frames", path));
	json_value *copy = NULL;
	pc_object	out;
	size_t		i;

	for (i = 0; threads != NULL && threads->type == JV_ARRAY && i < threads->count; i++)
	{
		json_value *t = truncated_thread(ctx, threads->items[i],
										 pc_printf(ctx, "%s.threads[%zu].frames", path, i));

		if (t != NULL && (copy != NULL || (copy = pc_copy_node(ctx, threads, 0)) != NULL))
			copy->items[i] = t;
	}
	if ((crashing == NULL && copy == NULL) || !pc_object_copy(ctx, dump, &out))
		return NULL;
	pc_object_set(ctx, &out, "crashing_thread", 15, crashing);
	pc_object_set(ctx, &out, "threads", 7, copy);
	return out.v;
}

/* TruncateStacksRule: cut every over-long stack of every json_dump. */
void
pc_rule_truncate_stacks(pc_ctx *ctx)
{
	jv_member  *members = ctx->pc.v->members;
	size_t		i;
	json_value *cut;
	pc_object	holder;

	for (i = 0; i < ctx->pc.v->count; i++)
	{
		const json_value *v = members[i].value;

		if (strcmp(members[i].key, "json_dump") == 0 && v->type == JV_OBJECT)
		{
			if ((cut = truncated_dump(ctx, v, "json_dump")) != NULL)
				members[i].value = cut;
		}
		else if (v->type == JV_OBJECT && jv_get(v, "json_dump") != NULL &&
				 (cut = truncated_dump(ctx, jv_get(v, "json_dump"),
									   pc_printf(ctx, "%s.json_dump", members[i].key))) != NULL &&
				 pc_object_copy(ctx, v, &holder))
		{
			pc_object_set(ctx, &holder, "json_dump", 9, cut);
			members[i].value = holder.v;
		}
	}
}
