/*-------------------------------------------------------------------------
 * extension/core/processor/pc_breadcrumbs.c
 *	  BreadcrumbsRule: the Breadcrumbs annotation (Sentry's breadcrumbs,
 *	  as a bare list or a {"values": [...]} object, which is what the
 *	  Android crash reporter sends) checked and kept as breadcrumbs: a
 *	  list of objects, each with a timestamp.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdio.h>
#include <string.h>

/* Why data is not a list of breadcrumbs, or NULL when it is one. */
static const char *
malformed(pc_ctx *ctx, const json_value *data)
{
	const json_value *ts;
	size_t		i;

	if (data->type != JV_ARRAY)
		return "not a list";
	for (i = 0; i < data->count; i++)
	{
		if (data->items[i]->type != JV_OBJECT)
			return pc_printf(ctx, "item %zu not a dict", i);
		ts = jv_get(data->items[i], "timestamp");
		if (ts == NULL)
			return pc_printf(ctx, "item %zu missing keys: timestamp", i);
		if (ts->type != JV_STRING && ts->type != JV_NUMBER)
			return pc_printf(ctx, "item %zu timestamp is not a string or number", i);
	}
	return NULL;
}

/* BreadcrumbsRule. */
void
pc_rule_breadcrumbs(pc_ctx *ctx)
{
	const json_value *raw = pc_raw(ctx, "Breadcrumbs");
	const json_value *data = raw;
	const json_value *values;
	const char *why;
	char		err[128];

	if (!jv_truthy(raw))
		return;
	if (raw->type == JV_STRING &&
		(data = pc_parse(ctx, raw->text, raw->len, err, sizeof(err))) == NULL)
	{
		if (!ctx->nomem)
			pc_note(ctx, "malformed: not valid json");
		return;
	}
	if (data->type == JV_OBJECT && (values = jv_get(data, "values")) != NULL)
		data = values;
	if ((why = malformed(ctx, data)) != NULL)
		pc_note(ctx, "malformed: %s", why);
	else
		pc_set(ctx, "breadcrumbs", data);
}
