/*-------------------------------------------------------------------------
 * extension/core/siggen/rules.c
 *	  The rule pipeline: Socorro's DEFAULT_RULESET in order, the shared
 *	  state the rules work on, and the public siggen_generate.
 *
 *	  Each rule's predicate runs first and its action only if that is
 *	  true.  An action that fails (Python would raise) leaves the
 *	  signature as it was and adds "<Rule>: Rule failed: <reason>".
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

/* DEFAULT_RULESET, in the order of socorro/signature/generator.py. */
static const sg_rule *const default_rules[] = {
	&sg_rule_generation,
	&sg_rule_stackwalker_error,
	&sg_rule_bad_hardware,
	&sg_rule_oom,
	&sg_rule_abort,
	&sg_rule_shutdown_timeout,
	&sg_rule_run_watchdog,
	&sg_rule_ipc_channel_error,
	&sg_rule_ipc_message_name,
	&sg_rule_stack_overflow,
	&sg_rule_hung_process,
	&sg_rule_printable,
	&sg_rule_whitespace,
	&sg_rule_truncate,
};

#define N_RULES ((int) (sizeof(default_rules) / sizeof(default_rules[0])))

/* The rule with this class name, or NULL. */
const sg_rule *
sg_rule_find(const char *name)
{
	int			i;

	for (i = 0; i < N_RULES; i++)
		if (strcmp(default_rules[i]->name, name) == 0)
			return default_rules[i];
	return NULL;
}

/* Whether a note line starts with "<rule name>: " for a rule of the pipeline. */
bool
siggen_is_note(const char *line, size_t len)
{
	int			i;

	for (i = 0; i < N_RULES; i++)
	{
		size_t		n = strlen(default_rules[i]->name);

		if (len > n + 1 && memcmp(line, default_rules[i]->name, n) == 0 &&
			line[n] == ':' && line[n + 1] == ' ')
			return true;
	}
	return false;
}

/* Add the note "<rule>: <text>". */
void
sg_note(sg_state *st, const char *rule, const char *text)
{
	char	   *n = sg_concat3(rule, ": ", text);

	sg_list_push(&st->notes, n);
}

/* Replace the signature (taking ownership; NULL means out of memory). */
void
sg_set_signature(sg_state *st, char *owned)
{
	if (!owned)
	{
		st->failed = true;
		return;
	}
	free(st->signature);
	st->signature = owned;
	st->sig_len = strlen(owned);
}

/* signature = a + signature + b. */
void
sg_prefix_signature(sg_state *st, const char *a, const char *b)
{
	sg_set_signature(st, sg_concat3(a, st->signature, b));
}

/* Debug record "<rule>: signature: "<old>" -> "<new>"" for a change. */
static void
debug_change(sg_state *st, const char *rule, const char *old)
{
	sg_buf		b;

	if (!old || strcmp(old, st->signature) == 0)
		return;
	sg_buf_init(&b);
	sg_buf_adds(&b, rule);
	sg_buf_adds(&b, ": signature: \"");
	sg_buf_adds(&b, old);
	sg_buf_adds(&b, "\" -> \"");
	sg_buf_adds(&b, st->signature);
	sg_buf_adds(&b, "\"");
	sg_list_push(&st->debug, sg_buf_finish(&b));
}

/* Run one rule (its predicate first when check_predicate). */
void
sg_run_rule(const sg_rule *rule, const sg_ctx *ctx, sg_state *st,
			bool check_predicate)
{
	char	   *err;
	char	   *old;

	if (check_predicate && rule->predicate && !rule->predicate(ctx, st))
		return;
	old = sg_strdup(st->signature);
	err = rule->action(ctx, st);
	debug_change(st, rule->name, old);
	free(old);
	if (err)
	{
		char	   *text = sg_concat3("Rule failed: ", err, "");

		sg_note(st, rule->name, text ? text : "Rule failed");
		free(text);
		free(err);
	}
}

/* Free everything the state owns. */
void
sg_state_free(sg_state *st)
{
	free(st->signature);
	sg_list_free(&st->notes);
	sg_list_free(&st->debug);
	sg_list_free(&st->frames);
	memset(st, 0, sizeof(*st));
}

/* Move a list's strings into a result array. */
static void
take_list(sg_list *l, char ***items, int *count)
{
	*items = l->items;
	*count = l->count;
	memset(l, 0, sizeof(*l));
}

/* Run DEFAULT_RULESET over crash_data. */
int
siggen_generate(const siggen_lists *lists, const json_value *crash_data,
				siggen_result *out)
{
	sg_ctx		ctx = {lists, crash_data};
	sg_state	st;
	int			i;

	memset(out, 0, sizeof(*out));
	memset(&st, 0, sizeof(st));
	sg_set_signature(&st, sg_strdup(""));
	for (i = 0; i < N_RULES && !st.failed; i++)
		sg_run_rule(default_rules[i], &ctx, &st, true);
	if (st.failed || st.notes.failed || st.debug.failed || st.frames.failed)
	{
		sg_state_free(&st);
		return -1;
	}
	out->signature = st.signature;
	st.signature = NULL;
	if (st.has_extra)
		out->proto_signature = sg_list_join(&st.frames, 0, " | ");
	take_list(&st.frames, &out->frames, &out->nframes);
	take_list(&st.notes, &out->notes, &out->nnotes);
	take_list(&st.debug, &out->debug, &out->ndebug);
	sg_state_free(&st);
	return 0;
}

/* Free a string array of n items. */
static void
free_strings(char **items, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* Free what siggen_generate put in res. */
void
siggen_result_free(siggen_result *res)
{
	free(res->signature);
	free(res->proto_signature);
	free_strings(res->frames, res->nframes);
	free_strings(res->notes, res->nnotes);
	free_strings(res->debug, res->ndebug);
	memset(res, 0, sizeof(*res));
}
