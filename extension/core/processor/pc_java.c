/*-------------------------------------------------------------------------
 * extension/core/processor/pc_java.c
 *	  JavaStackTraceRule: JavaStackTrace kept as java_stack_trace_raw
 *	  (protected: exception messages may hold personal data) and, as
 *	  java_stack_trace, its public form: the exception class line without
 *	  the message, then its "\tat ..." frames, without "Caused by:" and
 *	  "Suppressed:" sections (they carry messages too).  A trace that does
 *	  not parse as Java's printStackTrace output is "malformed".
 *
 *	  The parser follows Socorro's: the first non-blank line is
 *	  "Class: message" (the message may go on over lines until one starts
 *	  with "\tat "), then stack lines, each starting with a tab.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"
#include "pc_text.h"

#include <string.h>

/* A line of the trace: start and length (without the line break). */
typedef struct pc_line
{
	const char *s;
	size_t		len;
} pc_line;

/* Does a line end at text[i]? (str.splitlines' ASCII line boundaries) */
static bool
line_break(char c)
{
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e);
}

/* Split text into lines as str.splitlines does; count in *n. */
static pc_line *
split_lines(pc_ctx *ctx, const char *text, size_t len, size_t *n)
{
	pc_line    *lines = pc_alloc(ctx, sizeof(pc_line) * (len + 1));
	size_t		i = 0;

	*n = 0;
	while (lines != NULL && i < len)
	{
		size_t		start = i;

		while (i < len && !line_break(text[i]))
			i++;
		lines[*n].s = text + start;
		lines[(*n)++].len = i - start;
		if (i + 1 < len && text[i] == '\r' && text[i + 1] == '\n')
			i++;
		i++;
	}
	return lines;
}

/* Is the line only white space? */
static bool
blank(const pc_line *l)
{
	return pc_rstrip_len(l->s, l->len) == 0;
}

/* Does the line start with "\tat "? */
static bool
frame_line(const pc_line *l)
{
	return l->len >= 4 && memcmp(l->s, "\tat ", 4) == 0;
}

/* Does the line, stripped, start a "Suppressed:" or "Caused by:" section? */
static bool
section_line(const pc_line *l)
{
	size_t		skip = pc_lstrip_skip(l->s, l->len);
	size_t		rest = l->len - skip;

	return (rest >= 11 && memcmp(l->s + skip, "Suppressed:", 11) == 0) ||
		(rest >= 10 && memcmp(l->s + skip, "Caused by:", 10) == 0);
}

/* Append the stack lines from lines[i] on to out; false if one is malformed. */
static bool
append_stack(const pc_line *lines, size_t i, size_t n, char *out, size_t *out_len)
{
	bool		additional = false;
	bool		first = true;

	for (; i < n; i++)
	{
		if (blank(&lines[i]))
			continue;
		if (lines[i].s[0] != '\t')
			return false;
		if (additional)
			continue;
		if (!first)
			out[(*out_len)++] = '\n';
		first = false;
		memcpy(out + *out_len, lines[i].s, lines[i].len);
		*out_len += lines[i].len;
		additional = i + 1 < n && section_line(&lines[i + 1]);
	}
	return true;
}

/*
 * The public form of the trace ("Class\n\tat ...\n\tat ..."), or NULL
 * when it is malformed; size bounds what it can need.
 */
static char *
public_trace(pc_ctx *ctx, const pc_line *lines, size_t n, size_t size)
{
	size_t		i = 0;
	size_t		out_len;
	char	   *out = pc_alloc(ctx, size + 2);
	const char *colon;
	size_t		skip;

	while (i < n && blank(&lines[i]))
		i++;
	if (out == NULL || i == n)
		return i == n ? pc_strdup(ctx, "\n", 1) : NULL;
	if ((colon = memchr(lines[i].s, ':', lines[i].len)) == NULL)
		return NULL;
	out_len = pc_rstrip_len(lines[i].s, (size_t) (colon - lines[i].s));
	skip = pc_lstrip_skip(lines[i].s, out_len);
	memcpy(out, lines[i].s + skip, out_len - skip);
	out_len -= skip;
	for (i++; i < n && lines[i].len > 0 && !frame_line(&lines[i]); i++)
		;						/* the rest of a multi-line message */
	out[out_len++] = '\n';
	if (!append_stack(lines, i, n, out, &out_len))
		return NULL;
	out[out_len] = '\0';
	return out;
}

/* JavaStackTraceRule. */
void
pc_rule_java_stack_trace(pc_ctx *ctx)
{
	const json_value *raw = pc_raw(ctx, "JavaStackTrace");
	pc_line    *lines;
	size_t		n;
	char	   *trace = NULL;

	if (!jv_truthy(raw) || raw->type != JV_STRING)
		return;
	pc_set(ctx, "java_stack_trace_raw", raw);
	if ((lines = split_lines(ctx, raw->text, raw->len, &n)) != NULL)
		trace = public_trace(ctx, lines, n, raw->len);
	if (trace == NULL)
		pc_note(ctx, "malformed JavaStackTrace");
	pc_set(ctx, "java_stack_trace", pc_string(ctx, trace ? trace : "malformed"));
}
