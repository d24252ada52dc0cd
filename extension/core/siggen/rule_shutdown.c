/*-------------------------------------------------------------------------
 * extension/core/siggen/rule_shutdown.c
 *	  SignatureShutdownTimeout: replaces the signature with
 *	  "AsyncShutdownTimeout | <phase> | <sorted condition names>" from the
 *	  AsyncShutdownTimeout annotation, which is itself JSON text.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

#define RULE_NAME "SignatureShutdownTimeout"

/* qsort comparator for C strings. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * Collect the condition names as Python's str() prints them; false
 * when an object condition has no "name" (Python's KeyError).
 */
static bool
condition_names(const json_value *conds, sg_list *names)
{
	size_t		i;

	for (i = 0; conds && conds->type == JV_ARRAY && i < conds->count; i++)
	{
		const json_value *c = conds->items[i];

		if (c->type == JV_OBJECT)
		{
			if (!(c = jv_get(c, "name")))
				return false;
		}
		sg_list_push(names, sg_line_text(c));
	}
	return true;
}

/* Append " | <conditions>" (or " | UNKNOWN" with a note). */
static void
add_conditions(sg_state *st, const json_value *data, sg_buf *sig)
{
	sg_list		names = {NULL, 0, 0, false};
	char	   *joined;

	if (!condition_names(jv_get(data, "conditions"), &names))
	{
		sg_buf_adds(sig, " | UNKNOWN");
		sg_note(st, RULE_NAME, "Error parsing AsyncShutdownTimeout: 'name'");
	}
	else if (names.count == 0)
		sg_buf_adds(sig, " | (none)");
	else
	{
		qsort(names.items, (size_t) names.count, sizeof(char *), cmp_str);
		joined = sg_list_join(&names, 0, ",");
		sg_buf_adds(sig, " | ");
		sg_buf_adds(sig, joined ? joined : "");
		sig->failed |= joined == NULL || names.failed;
		free(joined);
	}
	sg_list_free(&names);
}

/* Rule 6 applies when the annotation is there. */
static bool
shutdown_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) st;
	return jv_truthy(jv_get(ctx->crash_data, "async_shutdown_timeout"));
}

/* Parse the annotation; NULL with a note added when it is not JSON. */
static json_value *
parse_annotation(sg_state *st, const char *text)
{
	char		err[200];
	json_value *data = jv_parse(text, strlen(text), NULL, err, sizeof(err));

	if (!data)
	{
		char	   *note = sg_concat3("Error parsing AsyncShutdownTimeout: ", err, "");

		sg_note(st, RULE_NAME, note ? note : "Error parsing AsyncShutdownTimeout");
		free(note);
	}
	return data;
}

/* "AsyncShutdownTimeout | <phase> | <conditions>" (data NULL: bad JSON). */
static void
build_signature(sg_state *st, const json_value *data, sg_buf *sig)
{
	const char *phase = jv_str(jv_get(data, "phase"));

	sg_buf_adds(sig, "AsyncShutdownTimeout");
	if (!data)
	{
		sg_buf_adds(sig, " | UNKNOWN");
		return;
	}
	sg_buf_adds(sig, " | ");
	sg_buf_adds(sig, phase ? phase : "(unknown)");
	add_conditions(st, data, sig);
}

/* Rule 6: replace the signature. */
static char *
shutdown_action(const sg_ctx *ctx, sg_state *st)
{
	const char *text = jv_str(jv_get(ctx->crash_data, "async_shutdown_timeout"));
	json_value *data;
	sg_buf		sig;
	char	   *was;

	if (!text)
		return sg_strdup("the JSON object must be str, bytes or bytearray");
	data = parse_annotation(st, text);
	if (data && data->type != JV_OBJECT)
	{
		jv_free(data);
		return sg_strdup("the AsyncShutdownTimeout JSON is not an object");
	}
	sg_buf_init(&sig);
	build_signature(st, data, &sig);
	jv_free(data);
	was = sg_concat3("Signature replaced with a Shutdown Timeout signature, was: \"",
					 st->signature, "\"");
	sg_note(st, RULE_NAME, was ? was : "Signature replaced");
	free(was);
	sg_set_signature(st, sg_buf_finish(&sig));
	return NULL;
}

const sg_rule sg_rule_shutdown_timeout = {RULE_NAME, shutdown_predicate, shutdown_action};
