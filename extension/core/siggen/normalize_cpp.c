/*-------------------------------------------------------------------------
 * extension/core/siggen/normalize_cpp.c
 *	  Normalizing a C++ or Rust function name into a signature frame:
 *	  qualifiers, prefix and return type, anonymous namespaces, lambdas,
 *	  template and argument lists, [clone .cold] suffixes, line numbers,
 *	  spacing, and Rust hash suffixes.
 *
 *	  The steps and their order are siggen-spec.md section 3.2; each
 *	  step is a function taking a string and returning a new one, and
 *	  run_steps chains them, freeing the intermediates.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef char *(*sg_step) (const char *s);

/* Apply steps in order to a copy of s (NULL on out of memory). */
static char *
run_steps(const char *s, const sg_step *steps, int n)
{
	char	   *cur = sg_strdup(s);
	int			i;

	for (i = 0; i < n && cur; i++)
	{
		char	   *next = steps[i] (cur);

		free(cur);
		cur = next;
	}
	return cur;
}

/* Remove trailing const / & / && qualifiers, one pass each. */
static char *
strip_qualifiers(const char *s)
{
	static const char *const quals[] = {"const", "const&", "const &", "&&", "&"};
	char	   *cur = sg_strdup(s);
	int			i;

	for (i = 0; i < 5 && cur; i++)
	{
		if (sg_ends(cur, quals[i]))
		{
			char	   *next;

			cur[strlen(cur) - strlen(quals[i])] = '\0';
			next = sg_strip(cur);
			free(cur);
			cur = next;
		}
	}
	return cur;
}

/* Drop the prefix and return type unless this is an operator member. */
static char *
drop_prefix_cpp(const char *s)
{
	if (strstr(s, "::operator"))
		return sg_strdup(s);
	return sg_drop_prefix_and_return_type(s);
}

/* `anonymous namespace' -> (anonymous namespace) */
static char *
fix_anonymous_namespace(const char *s)
{
	static const char from[] = "`anonymous namespace'";
	sg_buf		b;
	const char *hit;

	sg_buf_init(&b);
	while ((hit = strstr(s, from)) != NULL)
	{
		sg_buf_addn(&b, s, (size_t) (hit - s));
		sg_buf_adds(&b, "(anonymous namespace)");
		s = hit + strlen(from);
	}
	sg_buf_adds(&b, s);
	return sg_buf_finish(&b);
}

/* Length of a "::$_<digits>::" match at s, or 0. */
static size_t
lambda_at(const char *s)
{
	size_t		i = 4;

	if (strncmp(s, "::$_", 4) != 0 || !isdigit((unsigned char) s[4]))
		return 0;
	while (isdigit((unsigned char) s[i]))
		i++;
	return strncmp(s + i, "::", 2) == 0 ? i + 2 : 0;
}

/* ::$_52:: -> ::$:: (non-overlapping, left to right). */
static char *
anonymize_lambdas(const char *s)
{
	sg_buf		b;

	sg_buf_init(&b);
	while (*s)
	{
		size_t		n = lambda_at(s);

		if (n > 0)
		{
			sg_buf_adds(&b, "::$::");
			s += n;
		}
		else
			sg_buf_addc(&b, *s++);
	}
	return sg_buf_finish(&b);
}

/* C++ argument lists, with the operator() and namespace exceptions. */
static char *
collapse_args_cpp(const char *s)
{
	return sg_collapse_arguments(s, true);
}

/* Rust: remove every argument list. */
static char *
collapse_args_rust(const char *s)
{
	return sg_collapse_arguments(s, false);
}

/* Remove every [...] slice when the name has a [clone .cold...]. */
static char *
drop_clone_cold(const char *s)
{
	size_t		(*sl)[2];
	int			n;
	int			i;
	size_t		prev = 0;
	sg_buf		b;

	if (!strstr(s, "clone .cold"))
		return sg_strdup(s);
	sl = malloc((strlen(s) + 1) * sizeof(*sl));
	if (!sl)
		return NULL;
	n = sg_find_enclosed_slices(s, '[', ']', sl, (int) strlen(s) + 1);
	sg_buf_init(&b);
	for (i = 0; i < n; i++)
	{
		sg_buf_addn(&b, s + prev, sl[i][0] - prev);
		prev = sl[i][1];
	}
	sg_buf_adds(&b, s + prev);
	free(sl);
	return sg_buf_finish(&b);
}

/* Drop a trailing Rust hash "::h<hex>". */
static char *
drop_rust_hash(const char *s)
{
	const char *h = NULL;
	const char *p = s;

	while ((p = strstr(p, "::h")) != NULL)
	{
		h = p;
		p += 3;
	}
	if (h && h[3] && strspn(h + 3, "0123456789abcdefABCDEF") == strlen(h + 3))
		return sg_strndup(s, (size_t) (h - s));
	return sg_strdup(s);
}

/* Append ":<line>" when the name matches the line-number list. */
static char *
add_line_number(const siggen_lists *lists, char *s, const json_value *line)
{
	char	   *lt;
	char	   *res;

	if (!s || !sg_match(lists->line_numbers, s))
		return s;
	lt = sg_line_text(line);
	res = lt ? sg_concat3(s, ":", lt) : NULL;
	free(lt);
	free(s);
	return res;
}

/* Delete a space before '*', '&' or ','; add one after a bare ','. */
char *
sg_space_fixups(const char *s)
{
	sg_buf		b;

	sg_buf_init(&b);
	for (; *s; s++)
	{
		if (*s == ' ' && (s[1] == '*' || s[1] == '&' || s[1] == ','))
			continue;
		sg_buf_addc(&b, *s);
		if (*s == ',' && s[1] != ' ')
			sg_buf_addc(&b, ' ');
	}
	return sg_buf_finish(&b);
}

/* Normalize a C++ function name (spec 3.2, C++ rules). */
char *
sg_normalize_cpp(const siggen_lists *lists, const char *function,
				 const json_value *line)
{
	static const sg_step steps[] = {
		strip_qualifiers, drop_prefix_cpp, fix_anonymous_namespace,
		anonymize_lambdas, sg_collapse_types, collapse_args_cpp, drop_clone_cold
	};
	char	   *s = run_steps(function, steps, 7);
	char	   *res;

	s = add_line_number(lists, s, line);
	res = s ? sg_space_fixups(s) : NULL;
	free(s);
	return res;
}

/* Normalize a Rust function name (spec 3.2, Rust rules). */
char *
sg_normalize_rust(const siggen_lists *lists, const char *function,
				  const json_value *line)
{
	static const sg_step steps[] = {
		sg_drop_prefix_and_return_type, sg_collapse_types_rust, collapse_args_rust
	};
	char	   *s = run_steps(function, steps, 3);
	char	   *fixed;
	char	   *res;

	s = add_line_number(lists, s, line);
	fixed = s ? sg_space_fixups(s) : NULL;
	res = fixed ? drop_rust_hash(fixed) : NULL;
	free(s);
	free(fixed);
	return res;
}
