/*-------------------------------------------------------------------------
 * extension/core/siggen/json_value.c
 *	  Recursive-descent parser from JSON text (RFC 8259, strict) to the
 *	  json_value tree of json_value.h.
 *
 *	  Strict means: no trailing commas, no comments, no NaN, no leading
 *	  zeros, no raw control characters in strings, valid UTF-8 only, no
 *	  lone surrogates, and nothing but whitespace after the value.  The
 *	  depth limit is checked before each descent, so a "[[[[..." bomb
 *	  fails cleanly.  Errors name the byte offset.
 *-------------------------------------------------------------------------
 */
#include "json_value.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JV_DEFAULT_MAX_INPUT ((size_t) 64 * 1024 * 1024)
#define JV_DEFAULT_MAX_DEPTH 128

typedef struct jv_parser
{
	const unsigned char *p;
	const unsigned char *start;
	const unsigned char *end;
	int			depth;
	int			max_depth;
	char	   *err;
	size_t		errlen;
	bool		failed;
} jv_parser;

/* Growable byte buffer used while decoding one string. */
typedef struct jv_bytes
{
	char	   *data;
	size_t		len;
	size_t		cap;
} jv_bytes;

static json_value *parse_value(jv_parser *ps);

#if defined(__GNUC__)
static bool fail(jv_parser *ps, const char *fmt,...) __attribute__((format(printf, 2, 3)));
#endif

/* Record the first error with its byte offset; returns false. */
static bool
fail(jv_parser *ps, const char *fmt,...)
{
	va_list		ap;
	char		msg[160];

	if (ps->failed)
		return false;
	ps->failed = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->err && ps->errlen > 0)
		snprintf(ps->err, ps->errlen, "%s at offset %zu", msg,
				 (size_t) (ps->p - ps->start));
	return false;
}

/* Skip JSON whitespace. */
static void
skip_ws(jv_parser *ps)
{
	while (ps->p < ps->end &&
		   (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* Allocate a zeroed node of the given type. */
static json_value *
new_node(jv_parser *ps, jv_type type)
{
	json_value *v = calloc(1, sizeof(json_value));

	if (!v)
		fail(ps, "out of memory");
	else
		v->type = type;
	return v;
}

/* Append n bytes to a string buffer; false when out of memory. */
static bool
bytes_add(jv_bytes *b, const void *src, size_t n)
{
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = b->cap ? b->cap * 2 : 32;
		char	   *d;

		while (cap < b->len + n + 1)
			cap *= 2;
		d = realloc(b->data, cap);
		if (!d)
			return false;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, src, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

/* Encode one code point as UTF-8 into out; returns the byte count. */
static size_t
utf8_encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80)
	{
		out[0] = (unsigned char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (unsigned char) (0xC0 | (cp >> 6));
		out[1] = (unsigned char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (unsigned char) (0xE0 | (cp >> 12));
		out[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char) (0xF0 | (cp >> 18));
	out[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char) (0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Length of the valid UTF-8 sequence at p (at most n bytes available),
 * or 0 if it is invalid (overlong, surrogate, past U+10FFFF, truncated).
 */
static size_t
utf8_valid_len(const unsigned char *p, size_t n)
{
	size_t		len;
	uint32_t	cp;
	size_t		i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4;
	else
		return 0;
	cp = p[0] & (0x7F >> len);
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		(cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

/* Read 4 hex digits after "\u"; -1 if they are not there. */
static long
read_hex4(jv_parser *ps)
{
	long		v = 0;
	int			i;

	if (ps->end - ps->p < 4)
		return -1;
	for (i = 0; i < 4; i++)
	{
		int			c = ps->p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	ps->p += 4;
	return v;
}

/* Decode a \uXXXX escape (with its surrogate pair) into b. */
static bool
parse_unicode_escape(jv_parser *ps, jv_bytes *b)
{
	long		hi = read_hex4(ps);
	uint32_t	cp;
	unsigned char enc[4];

	if (hi < 0)
		return fail(ps, "bad \\u escape");
	cp = (uint32_t) hi;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return fail(ps, "lone low surrogate");
	if (hi >= 0xD800 && hi <= 0xDBFF)
	{
		long		lo;

		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return fail(ps, "lone high surrogate");
		ps->p += 2;
		lo = read_hex4(ps);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return fail(ps, "bad surrogate pair");
		cp = 0x10000 + (((uint32_t) hi - 0xD800) << 10) + ((uint32_t) lo - 0xDC00);
	}
	if (!bytes_add(b, enc, utf8_encode(cp, enc)))
		return fail(ps, "out of memory");
	return true;
}

/* Decode one backslash escape (the backslash already consumed). */
static bool
parse_escape(jv_parser *ps, jv_bytes *b)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	char		c;

	if (ps->p >= ps->end)
		return fail(ps, "truncated escape");
	c = (char) *ps->p++;
	if (c == 'u')
		return parse_unicode_escape(ps, b);
	hit = strchr(from, c);
	if (c == '\0' || hit == NULL)
		return fail(ps, "bad escape");
	if (!bytes_add(b, &to[hit - from], 1))
		return fail(ps, "out of memory");
	return true;
}

/* Parse a string body after its opening quote into b. */
static bool
parse_string_body(jv_parser *ps, jv_bytes *b)
{
	while (ps->p < ps->end && *ps->p != '"')
	{
		size_t		n;

		if (*ps->p == '\\')
		{
			ps->p++;
			if (!parse_escape(ps, b))
				return false;
			continue;
		}
		if (*ps->p < 0x20)
			return fail(ps, "control character in string");
		n = utf8_valid_len(ps->p, (size_t) (ps->end - ps->p));
		if (n == 0)
			return fail(ps, "invalid UTF-8 in string");
		if (!bytes_add(b, ps->p, n))
			return fail(ps, "out of memory");
		ps->p += n;
	}
	if (ps->p >= ps->end)
		return fail(ps, "unterminated string");
	ps->p++;
	return true;
}

/* Parse a quoted string into a freshly allocated buffer. */
static char *
parse_string_raw(jv_parser *ps, size_t *len)
{
	jv_bytes	b = {NULL, 0, 0};

	ps->p++;					/* opening quote */
	if (!parse_string_body(ps, &b))
	{
		free(b.data);
		return NULL;
	}
	if (!b.data && !bytes_add(&b, "", 0))
	{
		fail(ps, "out of memory");
		return NULL;
	}
	*len = b.len;
	return b.data;
}

/* Skip a run of digits; returns how many. */
static size_t
skip_digits(jv_parser *ps)
{
	const unsigned char *s = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return (size_t) (ps->p - s);
}

/* Check the JSON number grammar at ps->p and advance past it. */
static bool
scan_number(jv_parser *ps, bool *is_int)
{
	*is_int = true;
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (skip_digits(ps) == 0)
		return fail(ps, "bad number");
	if (ps->p < ps->end && *ps->p == '.')
	{
		ps->p++;
		*is_int = false;
		if (skip_digits(ps) == 0)
			return fail(ps, "bad number fraction");
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
	{
		ps->p++;
		*is_int = false;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (skip_digits(ps) == 0)
			return fail(ps, "bad number exponent");
	}
	return true;
}

/* Parse a number, keeping its text, int64 (when exact) and double. */
static json_value *
parse_number(jv_parser *ps)
{
	const unsigned char *s = ps->p;
	bool		is_int;
	json_value *v;

	if (!scan_number(ps, &is_int) || !(v = new_node(ps, JV_NUMBER)))
		return NULL;
	v->len = (size_t) (ps->p - s);
	v->text = malloc(v->len + 1);
	if (!v->text)
	{
		free(v);
		fail(ps, "out of memory");
		return NULL;
	}
	memcpy(v->text, s, v->len);
	v->text[v->len] = '\0';
	v->dval = strtod(v->text, NULL);
	errno = 0;
	v->ival = is_int ? strtoll(v->text, NULL, 10) : (int64_t) 0;
	v->is_int = is_int && errno == 0;
	return v;
}

/* Match a literal keyword such as "true". */
static json_value *
parse_literal(jv_parser *ps, const char *word, jv_type type, bool b)
{
	size_t		n = strlen(word);
	json_value *v;

	if ((size_t) (ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
	{
		fail(ps, "unexpected character");
		return NULL;
	}
	ps->p += n;
	v = new_node(ps, type);
	if (v)
		v->boolean = b;
	return v;
}

/* Grow a pointer array to hold one more element. */
static bool
grow(void **arr, size_t elem, size_t count, size_t *cap)
{
	void	   *n;

	if (count < *cap)
		return true;
	*cap = *cap ? *cap * 2 : 4;
	n = realloc(*arr, *cap * elem);
	if (!n)
		return false;
	*arr = n;
	return true;
}

/* Parse the elements of an array after its '['. */
static bool
parse_array_items(jv_parser *ps, json_value *v)
{
	size_t		cap = 0;

	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']')
	{
		ps->p++;
		return true;
	}
	for (;;)
	{
		json_value *item;

		if (!grow((void **) &v->items, sizeof(json_value *), v->count, &cap))
			return fail(ps, "out of memory");
		if (!(item = parse_value(ps)))
			return false;
		v->items[v->count++] = item;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',')
			ps->p++;
		else if (ps->p < ps->end && *ps->p == ']')
		{
		ps->p++;
		return true;
	}
		else
			return fail(ps, "expected ',' or ']'");
	}
}

/* Parse one "key": value pair into m. */
static bool
parse_member(jv_parser *ps, jv_member *m)
{
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != '"')
		return fail(ps, "expected object key");
	if (!(m->key = parse_string_raw(ps, &m->key_len)))
		return false;
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':')
		return fail(ps, "expected ':'");
	ps->p++;
	m->value = parse_value(ps);
	return m->value != NULL;
}

/* Parse the members of an object after its '{'. */
static bool
parse_object_members(jv_parser *ps, json_value *v)
{
	size_t		cap = 0;

	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}')
	{
		ps->p++;
		return true;
	}
	for (;;)
	{
		jv_member  *m;

		if (!grow((void **) &v->members, sizeof(jv_member), v->count, &cap))
			return fail(ps, "out of memory");
		m = &v->members[v->count++];
		memset(m, 0, sizeof(*m));
		if (!parse_member(ps, m))
			return false;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',')
			ps->p++;
		else if (ps->p < ps->end && *ps->p == '}')
		{
		ps->p++;
		return true;
	}
		else
			return fail(ps, "expected ',' or '}'");
	}
}

/* Parse an array or object, enforcing the depth limit. */
static json_value *
parse_container(jv_parser *ps, jv_type type)
{
	json_value *v;
	bool		ok;

	if (ps->depth >= ps->max_depth)
	{
		fail(ps, "nesting deeper than %d", ps->max_depth);
		return NULL;
	}
	if (!(v = new_node(ps, type)))
		return NULL;
	ps->p++;
	ps->depth++;
	ok = type == JV_ARRAY ? parse_array_items(ps, v) : parse_object_members(ps, v);
	ps->depth--;
	if (!ok)
	{
		jv_free(v);
		return NULL;
	}
	return v;
}

/* Parse a string value node. */
static json_value *
parse_string_value(jv_parser *ps)
{
	json_value *v = new_node(ps, JV_STRING);

	if (v && !(v->text = parse_string_raw(ps, &v->len)))
	{
		free(v);
		return NULL;
	}
	return v;
}

/* Parse any value at the current position. */
static json_value *
parse_value(jv_parser *ps)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
	{
		fail(ps, "unexpected end of input");
		return NULL;
	}
	switch (*ps->p)
	{
		case '{':
			return parse_container(ps, JV_OBJECT);
		case '[':
			return parse_container(ps, JV_ARRAY);
		case '"':
			return parse_string_value(ps);
		case 't':
			return parse_literal(ps, "true", JV_BOOL, true);
		case 'f':
			return parse_literal(ps, "false", JV_BOOL, false);
		case 'n':
			return parse_literal(ps, "null", JV_NULL, false);
		default:
			if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
				return parse_number(ps);
			fail(ps, "unexpected character");
			return NULL;
	}
}

/* Parse a complete JSON text; NULL with a message in err on failure. */
json_value *
jv_parse(const char *text, size_t len, const jv_limits *limits,
		 char *err, size_t errlen)
{
	jv_parser	ps;
	json_value *v;
	size_t		max_input = limits && limits->max_input ? limits->max_input : JV_DEFAULT_MAX_INPUT;

	memset(&ps, 0, sizeof(ps));
	ps.start = ps.p = (const unsigned char *) text;
	ps.end = ps.p + len;
	ps.max_depth = limits && limits->max_depth > 0 ? limits->max_depth : JV_DEFAULT_MAX_DEPTH;
	ps.err = err;
	ps.errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	if (len > max_input)
	{
		fail(&ps, "input larger than %zu bytes", max_input);
		return NULL;
	}
	v = parse_value(&ps);
	skip_ws(&ps);
	if (v && ps.p != ps.end)
	{
		fail(&ps, "trailing characters after the value");
		jv_free(v);
		return NULL;
	}
	return v;
}
