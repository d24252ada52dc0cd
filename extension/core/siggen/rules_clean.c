/*-------------------------------------------------------------------------
 * extension/core/siggen/rules_clean.c
 *	  The closing rules: SigPrintableCharsOnly (printable ASCII only),
 *	  SigFixWhitespace (single spaces, trimmed) and SigTruncate (at most
 *	  255 characters, ending in "..." when cut).
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

/* Rule 12: trim, keep ASCII 0x20-0x7E, note when anything changed. */
static char *
printable_action(const sg_ctx *ctx, sg_state *st)
{
	const char *s = st->signature;
	size_t		n = st->sig_len;
	char	   *res;

	(void) ctx;
	while (n > 0 && sg_isspace((unsigned char) *s))
	{
		s++;
		n--;
	}
	while (n > 0 && sg_isspace((unsigned char) s[n - 1]))
		n--;
	res = sg_drop_bad_characters(s, n);
	if (res && (strlen(res) != st->sig_len || memcmp(res, st->signature, st->sig_len) != 0))
		sg_note(st, "SigPrintableCharsOnly", "unprintable characters removed");
	sg_set_signature(st, res);
	return NULL;
}

/* Rule 13: whitespace runs to one space, trimmed. */
static char *
whitespace_action(const sg_ctx *ctx, sg_state *st)
{
	const char *s = st->signature;
	sg_buf		b;
	bool		pending = false;

	(void) ctx;
	sg_buf_init(&b);
	for (; *s; s++)
	{
		if (sg_isspace((unsigned char) *s))
		{
			pending = b.len > 0;
			continue;
		}
		if (pending)
			sg_buf_addc(&b, ' ');
		pending = false;
		sg_buf_addc(&b, *s);
	}
	sg_set_signature(st, sg_buf_finish(&b));
	return NULL;
}

/* Number of code points in the signature. */
static size_t
sig_chars(const char *s)
{
	size_t		n = 0;

	for (; *s; s++)
		n += ((unsigned char) *s & 0xC0) != 0x80;
	return n;
}

/* Rule 14 applies past 255 characters. */
static bool
truncate_predicate(const sg_ctx *ctx, const sg_state *st)
{
	(void) ctx;
	return sig_chars(st->signature) > SIGGEN_MAX_LENGTH;
}

/* Rule 14: keep 252 characters and append "...". */
static char *
truncate_action(const sg_ctx *ctx, sg_state *st)
{
	char	   *head = sg_utf8_prefix(st->signature, SIGGEN_MAX_LENGTH - 3);

	(void) ctx;
	sg_set_signature(st, head ? sg_concat3(head, "...", "") : NULL);
	free(head);
	sg_note(st, "SigTruncate", "SigTrunc: signature truncated due to length");
	return NULL;
}

const sg_rule sg_rule_printable = {"SigPrintableCharsOnly", NULL, printable_action};
const sg_rule sg_rule_whitespace = {"SigFixWhitespace", NULL, whitespace_action};
const sg_rule sg_rule_truncate = {"SigTruncate", truncate_predicate, truncate_action};
