/*-------------------------------------------------------------------------
 * extension/core/siggen/rule_abort.c
 *	  AbortSignature: "Abort | <message> | <sig>" from the AbortMessage
 *	  annotation, with the noisy parts of the message removed (the
 *	  "[pid] ###!!! ABORT:" lead, ": file ..." tails, the localized font
 *	  name of bug 1385966, unprintable characters; 80 characters at most).
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

#define ABORT_MAX 80
#define ABORT_KEEP 77

/* Remove from the first '(' through the last ')' (Python slicing). */
static char *
drop_font_name(const char *msg)
{
	const char *open = strchr(msg, '(');
	const char *close = strrchr(msg, ')');
	sg_buf		b;

	if (!open || !close)
		return sg_strdup(msg);
	sg_buf_init(&b);
	sg_buf_addn(&b, msg, (size_t) (open - msg));
	sg_buf_adds(&b, close + 1);
	return sg_buf_finish(&b);
}

/* The cleaned abort message (not yet shortened). */
static char *
clean_message(const char *msg)
{
	const char *lead = strstr(msg, "###!!! ABORT:");
	const char *file;
	char	   *cut;
	char	   *res;
	char	   *printable;

	if (lead)
		msg = lead + strlen("###!!! ABORT:");
	file = strstr(msg, ": file ");
	cut = file ? sg_strndup(msg, (size_t) (file - msg)) : sg_strdup(msg);
	if (cut && strstr(cut, "unable to find a usable font"))
	{
		res = drop_font_name(cut);
		free(cut);
		cut = res;
	}
	printable = cut ? sg_drop_bad_characters(cut, strlen(cut)) : NULL;
	res = printable ? sg_strip(printable) : NULL;
	free(cut);
	free(printable);
	return res;
}

/* Rule 5 applies when there is an abort message. */
static bool
abort_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) st;
	return jv_truthy(jv_get(ctx->crash_data, "abort_message"));
}

/* Rule 5: "Abort | <msg> | <sig>", or "Abort | <sig>" for file-only. */
static char *
abort_action(const sg_ctx *ctx, sg_state *st)
{
	const char *msg = jv_str(jv_get(ctx->crash_data, "abort_message"));
	char	   *clean;
	char	   *head;

	if (!msg)
		return sg_strdup("argument of type is not iterable");
	if (strstr(msg, "###!!! ABORT: file "))
	{
		sg_prefix_signature(st, "Abort | ", "");
		return NULL;
	}
	if (!(clean = clean_message(msg)))
	{
		st->failed = true;
		return NULL;
	}
	if (strlen(clean) > ABORT_MAX)
		strcpy(clean + ABORT_KEEP, "...");
	head = sg_concat3("Abort | ", clean, " | ");
	if (head)
		sg_prefix_signature(st, head, "");
	else
		st->failed = true;
	free(head);
	free(clean);
	return NULL;
}

const sg_rule sg_rule_abort = {"AbortSignature", abort_predicate, abort_action};
