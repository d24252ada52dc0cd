/*-------------------------------------------------------------------------
 * extension/core/siggen/java.c
 *	  Java signatures: JavaSignatureTool (from the java_stack_trace text)
 *	  and JavaExceptionSignatureTool (from the structured java_exception
 *	  annotation), siggen-spec.md section 4.
 *
 *	  The stack-trace form reproduces Socorro's historic joining (bug
 *	  865142): description and method are joined by a space, not by the
 *	  delimiter, unless the description ends with an <addr>.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

#define JAVA_TRACE_BAD "EMPTY: Java stack trace not in expected format"
#define JAVA_EXC_BAD "EMPTY: Java exception not in expected format"

/* Is c a line break for Python's str.splitlines (ASCII part)? */
static bool
is_line_break(char c)
{
	return c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
		(c >= 0x1c && c <= 0x1e);
}

/* Split into stripped lines the way Python's splitlines() does. */
static void
split_lines(const char *s, sg_list *lines)
{
	while (*s)
	{
		size_t		n = 0;
		char	   *raw;

		while (s[n] && !is_line_break(s[n]))
			n++;
		raw = sg_strndup(s, n);
		sg_list_push(lines, raw ? sg_strip(raw) : NULL);
		free(raw);
		s += n;
		if (s[0] == '\r' && s[1] == '\n')
			s++;
		if (*s)
			s++;
	}
}

/* Replace "@" + 8 lower-case hex digits with "@<addr>". */
static char *
replace_addresses(const char *s)
{
	sg_buf		b;

	sg_buf_init(&b);
	while (*s)
	{
		if (*s == '@' && strspn(s + 1, "0123456789abcdef") >= 8)
		{
			sg_buf_adds(&b, "@<addr>");
			s += 9;
		}
		else
			sg_buf_addc(&b, *s++);
	}
	return sg_buf_finish(&b);
}

/* The first n bytes of s followed by tail. */
static char *
concat_n(const char *s, size_t n, const char *tail)
{
	sg_buf		b;

	sg_buf_init(&b);
	sg_buf_addn(&b, s, n);
	sg_buf_adds(&b, tail);
	return sg_buf_finish(&b);
}

/* Rewrite a trailing ".java:<digits>)" to ".java)". */
static char *
drop_java_line(const char *m)
{
	size_t		n = strlen(m);
	size_t		d = n;

	if (n < 2 || m[n - 1] != ')')
		return sg_strdup(m);
	d = n - 1;
	while (d > 0 && m[d - 1] >= '0' && m[d - 1] <= '9')
		d--;
	if (d == n - 1 || d < 6 || strncmp(m + d - 6, ".java:", 6) != 0)
		return sg_strdup(m);
	return concat_n(m, d - 1, ")");
}

/* Join the non-empty parts with delim. */
static char *
join_nonempty(const char *delim, const char *a, const char *b, const char *c)
{
	const char *parts[3] = {a, b, c};
	sg_buf		buf;
	int			i;
	bool		any = false;

	sg_buf_init(&buf);
	for (i = 0; i < 3; i++)
	{
		if (!parts[i] || !parts[i][0])
			continue;
		if (any)
			sg_buf_adds(&buf, delim);
		sg_buf_adds(&buf, parts[i]);
		any = true;
	}
	return sg_buf_finish(&buf);
}

/* Number of UTF-8 code points in s. */
static size_t
utf8_chars(const char *s)
{
	size_t		n = 0;

	for (; *s; s++)
		n += ((unsigned char) *s & 0xC0) != 0x80;
	return n;
}

/* Split line 1 into class and description (NULL desc: no colon). */
static void
split_first_line(const char *line, char **cls, char **desc)
{
	const char *colon = strchr(line, ':');
	char	   *raw;

	*desc = NULL;
	if (!colon)
	{
		*cls = sg_strdup(line);
		return;
	}
	raw = sg_strndup(line, (size_t) (colon - line));
	*cls = raw ? sg_strip(raw) : NULL;
	free(raw);
	raw = sg_strip(colon + 1);
	*desc = raw ? replace_addresses(raw) : NULL;
	free(raw);
}

/* The method part from line 2, noting a missing or empty line. */
static char *
method_of(const sg_list *lines, sg_list *notes)
{
	if (lines->count < 2)
	{
		sg_list_pushs(notes, "JavaSignatureTool: stack trace line 2 is missing");
		return sg_strdup("");
	}
	if (lines->items[1][0] == '\0')
		sg_list_pushs(notes, "JavaSignatureTool: stack trace line 2 is empty");
	return drop_java_line(lines->items[1]);
}

/* Assemble the signature from class, description and method. */
static char *
assemble(const char *delim, const char *cls, const char *desc,
		 const char *method, sg_list *notes)
{
	char	   *sig;

	if (sg_ends(desc, "<addr>"))
		sig = join_nonempty(delim, cls, desc, method);
	else
	{
		char	   *both = sg_concat3(desc, " ", method);
		char	   *stripped = both ? sg_strip(both) : NULL;

		sig = stripped ? join_nonempty(delim, cls, stripped, NULL) : NULL;
		free(both);
		free(stripped);
	}
	if (sig && utf8_chars(sig) > SIGGEN_MAX_LENGTH)
	{
		free(sig);
		sig = sg_concat3(cls, delim, method);
		sg_list_pushs(notes, "JavaSignatureTool: dropped Java exception description due to length");
	}
	return sig;
}

/* JavaSignatureTool.generate on the java_stack_trace value. */
char *
sg_java_stack_trace(const json_value *trace, const char *delim, sg_list *notes)
{
	sg_list		lines = {NULL, 0, 0, false};
	char	   *cls = NULL;
	char	   *desc = NULL;
	char	   *method;
	char	   *sig;

	if (jv_str(trace))
		split_lines(jv_str(trace), &lines);
	if (lines.count == 0)
	{
		sg_list_free(&lines);
		sg_list_pushs(notes, "JavaSignatureTool: stack trace not in expected format");
		return sg_strdup(JAVA_TRACE_BAD);
	}
	split_first_line(lines.items[0], &cls, &desc);
	if (!desc)
		sg_list_pushs(notes, "JavaSignatureTool: stack trace line 1 is not in the expected format");
	method = method_of(&lines, notes);
	sig = cls && method ? assemble(delim, cls, desc ? desc : "", method, notes) : NULL;
	free(cls);
	free(desc);
	free(method);
	sg_list_free(&lines);
	return sig;
}

/* "module.function(filename)" for a java_exception frame. */
char *
sg_java_exception_frame(const json_value *frame)
{
	const char *module = jv_str(jv_get(frame, "module"));
	const char *function = jv_str(jv_get(frame, "function"));
	const char *filename = jv_str(jv_get(frame, "filename"));
	char	   *name = join_nonempty(".", module, function, NULL);
	char	   *res;

	if (name && !name[0])
	{
		free(name);
		name = sg_strdup("unknown");
	}
	if (!name || !filename || !filename[0])
		return name;
	res = sg_concat3(name, "(", filename);
	free(name);
	name = res ? sg_concat3(res, ")", "") : NULL;
	free(res);
	return name;
}

/* JavaExceptionSignatureTool.generate on the java_exception value. */
char *
sg_java_exception(const json_value *exc, sg_list *notes)
{
	const json_value *st = jv_get(jv_at(jv_get(jv_get(exc, "exception"), "values"), 0),
								  "stacktrace");
	const char *type;
	const char *module;
	const json_value *frames;
	char	   *cls;
	char	   *frame;
	char	   *sig;

	if (!st || st->type != JV_OBJECT)
	{
		sg_list_pushs(notes, "JavaExceptionSignatureTool: value not in expected format");
		return sg_strdup(JAVA_EXC_BAD);
	}
	type = jv_str(jv_get(st, "type"));
	module = jv_str(jv_get(st, "module"));
	cls = join_nonempty(".", module, type && type[0] ? type : "Unknown", NULL);
	frames = jv_get(st, "frames");
	if (!cls || !frames || frames->type != JV_ARRAY || frames->count == 0)
		return cls;
	frame = sg_java_exception_frame(frames->items[0]);
	sig = frame ? sg_concat3(cls, ": at ", frame) : NULL;
	free(frame);
	free(cls);
	return sig;
}
