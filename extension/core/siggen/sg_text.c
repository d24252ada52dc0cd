/*-------------------------------------------------------------------------
 * extension/core/siggen/sg_text.c
 *	  The text helpers of Socorro's socorro/signature/utils.py: bracket
 *	  slices, collapsing template and argument lists, dropping the prefix
 *	  and return type, source-file paths, hex offsets, printable text and
 *	  crash ids.
 *
 *	  The slice replacers see (text before the slice, the slice, the rest)
 *	  like Socorro's replace_enclosed_slices; the "keep" tests below are
 *	  the exceptions spelled out in siggen-spec.md section 3.2.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum slice_mode
{
	SLICE_TYPES,				/* C++ <...> */
	SLICE_TYPES_RUST,			/* Rust <...> */
	SLICE_ARGS,					/* C++ (...) */
	SLICE_ARGS_ALL				/* Rust (...): remove every one */
} slice_mode;

static void replace_slices(const char *s, char open, char close,
						   slice_mode mode, sg_buf *out);

/* Store slice number n if there is room for it. */
static void
store_slice(size_t (*slices)[2], int max, int n, size_t start, size_t end)
{
	if (n < max)
	{
		slices[n][0] = start;
		slices[n][1] = end;
	}
}

/*
 * Find the top-level slices of s delimited by open/close: up to max
 * [start, end) pairs.  Returns how many there are (may exceed max).
 */
int
sg_find_enclosed_slices(const char *s, char open, char close,
						size_t (*slices)[2], int max)
{
	int			depth = 0;
	int			n = 0;
	size_t		start = 0;
	size_t		i;

	for (i = 0; s[i]; i++)
	{
		if (s[i] == open)
		{
			if (depth++ == 0)
				start = i;
		}
		else if (s[i] == close && depth > 0 && --depth == 0)
		{
			store_slice(slices, max, n++, start, i + 1);
		}
	}
	if (depth > 0)
	{
		store_slice(slices, max, n++, start, i);
	}
	return n;
}

/* Does the text before[0..n) end with word? */
static bool
before_ends(const char *before, size_t n, const char *word)
{
	size_t		m = strlen(word);

	return n >= m && memcmp(before + n - m, word, m) == 0;
}

/* Is "needle" inside slice[0..n)? */
static bool
slice_has(const char *slice, size_t n, const char *needle)
{
	size_t		m = strlen(needle);
	size_t		i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(slice + i, needle, m) == 0)
			return true;
	return false;
}

/* Write the replacement of one <...> slice. */
static void
replace_type_slice(const char *before, size_t bn, const char *slice, size_t n,
				   slice_mode mode, sg_buf *out)
{
	bool		keep = slice_has(slice, n, " as ");

	if (mode == SLICE_TYPES)
		keep = keep || (n == 14 && memcmp(slice, "<name omitted>", 14) == 0) ||
			slice_has(slice, n, " in ") || before_ends(before, bn, "operator");
	if (keep)
		sg_buf_addn(out, slice, n);
	else if (mode == SLICE_TYPES && before_ends(before, bn, "IPC::ParamTraits") && n >= 2)
	{
		char	   *inner = sg_strndup(slice + 1, n - 2);

		sg_buf_addc(out, '<');
		if (inner)
			replace_slices(inner, '<', '>', SLICE_TYPES, out);
		else
			out->failed = true;
		sg_buf_addc(out, '>');
		free(inner);
	}
	else
		sg_buf_adds(out, "<T>");
}

/* Write the replacement of one (...) slice. */
static void
replace_arg_slice(const char *before, size_t bn, const char *slice, size_t n,
				  slice_mode mode, sg_buf *out)
{
	if (mode == SLICE_ARGS &&
		((n == 21 && memcmp(slice, "(anonymous namespace)", 21) == 0) ||
		 before_ends(before, bn, "operator")))
		sg_buf_addn(out, slice, n);
}

/* Copy s to out, replacing each top-level slice as mode says. */
static void
replace_slices(const char *s, char open, char close, slice_mode mode, sg_buf *out)
{
	size_t		len = strlen(s);
	size_t		(*sl)[2] = malloc((len + 1) * sizeof(*sl));
	int			n = sl ? sg_find_enclosed_slices(s, open, close, sl, (int) len + 1) : 0;
	size_t		prev = 0;
	int			i;

	if (!sl)
		out->failed = true;
	for (i = 0; sl && i < n; i++)
	{
		const char *before = s + prev;
		size_t		bn = sl[i][0] - prev;

		sg_buf_addn(out, before, bn);
		if (open == '<')
			replace_type_slice(before, bn, s + sl[i][0], sl[i][1] - sl[i][0], mode, out);
		else
			replace_arg_slice(before, bn, s + sl[i][0], sl[i][1] - sl[i][0], mode, out);
		prev = sl[i][1];
	}
	sg_buf_adds(out, s + prev);
	free(sl);
}

/* Run replace_slices into a new string. */
static char *
replaced(const char *s, char open, char close, slice_mode mode)
{
	sg_buf		b;

	sg_buf_init(&b);
	replace_slices(s, open, close, mode, &b);
	return sg_buf_finish(&b);
}

/* C++ template arguments to <T>, with Socorro's exceptions. */
char *
sg_collapse_types(const char *s)
{
	return replaced(s, '<', '>', SLICE_TYPES);
}

/* Rust generics to <T>, keeping only "<X as Trait>" slices. */
char *
sg_collapse_types_rust(const char *s)
{
	return replaced(s, '<', '>', SLICE_TYPES_RUST);
}

/* Remove argument lists; keep_special keeps C++'s two exceptions. */
char *
sg_collapse_arguments(const char *s, bool keep_special)
{
	return replaced(s, '(', ')', keep_special ? SLICE_ARGS : SLICE_ARGS_ALL);
}

/* Closing partner of an opening delimiter, or 0. */
static char
closer_of(char c)
{
	switch (c)
	{
		case '(':
			return ')';
		case '{':
			return '}';
		case '[':
			return ']';
		case '<':
			return '>';
		case '`':
			return '\'';
		default:
			return 0;
	}
}

/* Split s into tokens on spaces outside any delimiters. */
static void
tokenize(const char *s, sg_list *tokens)
{
	sg_buf		stack;
	sg_buf		cur;

	sg_buf_init(&stack);
	sg_buf_init(&cur);
	for (; *s; s++)
	{
		if (closer_of(*s))
			sg_buf_addc(&stack, *s);
		else if (strchr(")}]>'", *s) && stack.len > 0 &&
				 closer_of(stack.data[stack.len - 1]) == *s)
			stack.len--;
		else if (*s == ' ' && stack.len == 0)
		{
			sg_list_push(tokens, sg_buf_finish(&cur));
			sg_buf_init(&cur);
			continue;
		}
		sg_buf_addc(&cur, *s);
	}
	if (stack.failed || cur.failed)
		tokens->failed = true;
	if (cur.len > 0)
		sg_list_push(tokens, sg_buf_finish(&cur));
	else
		free(cur.data);
	free(stack.data);
}

/* Drop "static void * " and such; keep the name and its arguments. */
char *
sg_drop_prefix_and_return_type(const char *s)
{
	sg_list		t = {NULL, 0, 0, false};
	char	   *res = NULL;

	tokenize(s, &t);
	while (!t.failed && t.count > 1 &&
		   (t.items[t.count - 1][0] == '(' || sg_starts(t.items[t.count - 1], "[clone")))
	{
		char	   *merged = sg_concat3(t.items[t.count - 2], " ", t.items[t.count - 1]);

		free(t.items[--t.count]);
		free(t.items[t.count - 1]);
		t.items[t.count - 1] = merged;
		t.failed = merged == NULL;
	}
	if (!t.failed)
		res = sg_strdup(t.count > 0 ? t.items[t.count - 1] : "");
	sg_list_free(&t);
	return res;
}

/* Count the ':' characters of s. */
static int
count_colons(const char *s)
{
	int			n = 0;

	for (; *s; s++)
		n += *s == ':';
	return n;
}

/* The bare path of a frame's file (vcs:root:path:rev, c:\path, /path). */
char *
sg_parse_source_file(const char *file)
{
	int			colons;
	const char *p;

	if (!file || !*file)
		return NULL;
	colons = count_colons(file);
	if (colons == 3)
	{
		p = strchr(strchr(file, ':') + 1, ':') + 1;
		return sg_strndup(p, (size_t) (strchr(p, ':') - p));
	}
	if (colons == 1)
		return sg_strdup(strchr(file, ':') + 1);
	if (file[0] == '/')
		return sg_strdup(file);
	return NULL;
}

/* "0x0000032ec0" -> "0x32ec0" (Python's hex(int(text, 16))). */
char *
sg_strip_leading_zeros(const char *text)
{
	char	   *t = sg_strip(text);
	const char *p = t;
	sg_buf		b;

	if (!t)
		return NULL;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (!*p || strspn(p, "0123456789abcdefABCDEF") != strlen(p))
	{
		free(t);
		return sg_strdup(text);
	}
	while (p[0] == '0' && p[1])
		p++;
	sg_buf_init(&b);
	sg_buf_adds(&b, "0x");
	for (; *p; p++)
		sg_buf_addc(&b, (char) tolower((unsigned char) *p));
	free(t);
	return sg_buf_finish(&b);
}

/* Keep only ASCII 0x20-0x7E of the first len bytes of s. */
char *
sg_drop_bad_characters(const char *s, size_t len)
{
	sg_buf		b;
	size_t		i;

	sg_buf_init(&b);
	for (i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x20 && (unsigned char) s[i] <= 0x7E)
			sg_buf_addc(&b, s[i]);
	return sg_buf_finish(&b);
}
