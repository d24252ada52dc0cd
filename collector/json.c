/*-------------------------------------------------------------------------
 * collector/json.c
 *	  A strict JSON validator (RFC 8259) and a JSON string writer.
 *
 *	  The validator accepts what PostgreSQL's jsonb input accepts, so that
 *	  a report we take is never refused by the database for its JSON:
 *	  UTF-8 must be valid, \u0000 is refused (jsonb cannot hold it) and
 *	  surrogate escapes must come in pairs.  Python's json module, which
 *	  Antenna uses, is laxer (NaN, lone surrogates); no crash reporter sends
 *	  those.  Nesting is limited to JSON_MAX_DEPTH so hostile input cannot
 *	  exhaust the stack.
 *-------------------------------------------------------------------------
 */
#include "json.h"

#include <string.h>

typedef struct JsonCursor
{
	const unsigned char *p;		/* next byte */
	const unsigned char *end;	/* one past the last byte */
	int			depth;			/* arrays and objects open */
} JsonCursor;

static bool parse_value(JsonCursor *c, JsonType *type, size_t *members);

/*
 * Length of the valid UTF-8 character at s (1 to 4), or 0 if the bytes
 * there are not one: overlong forms, surrogates and code points above
 * U+10FFFF are refused, as PostgreSQL does.
 */
static size_t
utf8_char_len(const char *s, size_t avail)
{
	const unsigned char *u = (const unsigned char *) s;
	unsigned char lo = 0x80;
	unsigned char hi = 0xBF;
	size_t		len;

	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		len = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		len = 3;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (avail < len)
		return 0;
	if (u[0] == 0xE0)
		lo = 0xA0;
	else if (u[0] == 0xED)
		hi = 0x9F;
	else if (u[0] == 0xF0)
		lo = 0x90;
	else if (u[0] == 0xF4)
		hi = 0x8F;
	if (u[1] < lo || u[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (u[i] < 0x80 || u[i] > 0xBF)
			return 0;
	return len;
}

/* True if all len bytes are valid UTF-8. */
bool
json_utf8_valid(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		n = utf8_char_len(s + i, len - i);

		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* Skip JSON whitespace. */
static void
skip_ws(JsonCursor *c)
{
	while (c->p < c->end &&
		   (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

/* Consume byte ch if it is next. */
static bool
accept(JsonCursor *c, unsigned char ch)
{
	if (c->p < c->end && *c->p == ch)
	{
		c->p++;
		return true;
	}
	return false;
}

/* Read the four hex digits of a \u escape into *code. */
static bool
parse_hex4(JsonCursor *c, unsigned int *code)
{
	*code = 0;
	if (c->end - c->p < 4)
		return false;
	for (int i = 0; i < 4; i++)
	{
		unsigned char h = *c->p++;

		*code <<= 4;
		if (h >= '0' && h <= '9')
			*code |= h - '0';
		else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
			*code |= (h | 0x20) - 'a' + 10;
		else
			return false;
	}
	return true;
}

/* Check a \u escape (the cursor is just past the 'u'), pairing surrogates. */
static bool
parse_unicode_escape(JsonCursor *c)
{
	unsigned int code;

	if (!parse_hex4(c, &code) || code == 0)
		return false;
	if (code >= 0xDC00 && code <= 0xDFFF)
		return false;
	if (code < 0xD800 || code > 0xDBFF)
		return true;
	if (!accept(c, '\\') || !accept(c, 'u') || !parse_hex4(c, &code))
		return false;
	return code >= 0xDC00 && code <= 0xDFFF;
}

/* Check one escape sequence; the cursor is just past the backslash. */
static bool
parse_escape(JsonCursor *c)
{
	if (c->p >= c->end)
		return false;
	switch (*c->p++)
	{
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			return true;
		case 'u':
			return parse_unicode_escape(c);
		default:
			return false;
	}
}

/* Check a string; the cursor is on the opening quote. */
static bool
parse_string(JsonCursor *c)
{
	c->p++;
	while (c->p < c->end && *c->p != '"')
	{
		size_t		n;

		if (*c->p == '\\')
		{
			c->p++;
			if (!parse_escape(c))
				return false;
			continue;
		}
		if (*c->p < 0x20)
			return false;
		n = utf8_char_len((const char *) c->p, (size_t) (c->end - c->p));
		if (n == 0)
			return false;
		c->p += n;
	}
	return accept(c, '"');
}

/* Consume one or more digits. */
static bool
parse_digits(JsonCursor *c)
{
	const unsigned char *start = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		c->p++;
	return c->p > start;
}

/* Check a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
parse_number(JsonCursor *c)
{
	accept(c, '-');
	if (!accept(c, '0') && !(c->p < c->end && *c->p >= '1' && *c->p <= '9' &&
							 parse_digits(c)))
		return false;
	if (accept(c, '.') && !parse_digits(c))
		return false;
	if (accept(c, 'e') || accept(c, 'E'))
	{
		if (!accept(c, '+'))
			accept(c, '-');
		return parse_digits(c);
	}
	return true;
}

/* Consume the literal word (true, false, null) if it is next. */
static bool
parse_literal(JsonCursor *c, const char *word)
{
	size_t		len = strlen(word);

	if ((size_t) (c->end - c->p) < len || memcmp(c->p, word, len) != 0)
		return false;
	c->p += len;
	return true;
}

/* Check an array; the cursor is on '['. */
static bool
parse_array(JsonCursor *c)
{
	JsonType	type;

	c->p++;
	skip_ws(c);
	if (accept(c, ']'))
		return true;
	do
	{
		if (!parse_value(c, &type, NULL))
			return false;
	} while (accept(c, ','));
	return accept(c, ']');
}

/* Check an object, counting its members; the cursor is on '{'. */
static bool
parse_object(JsonCursor *c, size_t *members)
{
	JsonType	type;
	size_t		count = 0;

	c->p++;
	skip_ws(c);
	if (!accept(c, '}'))
	{
		do
		{
			skip_ws(c);
			if (c->p >= c->end || *c->p != '"' || !parse_string(c))
				return false;
			skip_ws(c);
			if (!accept(c, ':') || !parse_value(c, &type, NULL))
				return false;
			count++;
		} while (accept(c, ','));
		if (!accept(c, '}'))
			return false;
	}
	if (members)
		*members = count;
	return true;
}

/* Check a container, keeping track of the nesting depth. */
static bool
parse_container(JsonCursor *c, size_t *members)
{
	bool		ok;

	if (++c->depth > JSON_MAX_DEPTH)
		return false;
	ok = *c->p == '{' ? parse_object(c, members) : parse_array(c);
	c->depth--;
	return ok;
}

/* Check one value with the whitespace around it, and report its type. */
static bool
parse_value(JsonCursor *c, JsonType *type, size_t *members)
{
	bool		ok;

	skip_ws(c);
	if (c->p >= c->end)
		return false;
	switch (*c->p)
	{
		case '{':
			*type = JSON_OBJECT;
			ok = parse_container(c, members);
			break;
		case '[':
			*type = JSON_ARRAY;
			ok = parse_container(c, NULL);
			break;
		case '"':
			*type = JSON_STRING;
			ok = parse_string(c);
			break;
		case 't':
		case 'f':
		case 'n':
			*type = JSON_LITERAL;
			ok = parse_literal(c, "true") || parse_literal(c, "false") ||
				parse_literal(c, "null");
			break;
		default:
			*type = JSON_NUMBER;
			ok = parse_number(c);
	}
	skip_ws(c);
	return ok;
}

/*
 * Check that text is exactly one JSON value and return its type, or
 * JSON_INVALID.  For an object, *members (if given) gets its member count.
 */
JsonType
json_validate(const char *text, size_t len, size_t *members)
{
	JsonCursor	c = {(const unsigned char *) text,
	(const unsigned char *) text + len, 0};
	JsonType	type;

	if (members)
		*members = 0;
	if (!parse_value(&c, &type, members) || c.p != c.end)
		return JSON_INVALID;
	return type;
}

/* Append one byte of a string as its JSON escape. */
static bool
append_escaped_byte(Buffer *out, unsigned char ch)
{
	static const char hex[] = "0123456789abcdef";
	char		esc[7] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15], '\0'};

	switch (ch)
	{
		case '"':
			return buffer_append_str(out, "\\\"");
		case '\\':
			return buffer_append_str(out, "\\\\");
		case '\n':
			return buffer_append_str(out, "\\n");
		case '\r':
			return buffer_append_str(out, "\\r");
		case '\t':
			return buffer_append_str(out, "\\t");
		default:
			return buffer_append_str(out, esc);
	}
}

/*
 * Append s as a quoted JSON string.  Bytes that are not valid UTF-8, and
 * NUL, become U+FFFD, so the result is always something jsonb accepts;
 * callers that must not alter text check it with json_utf8_valid first.
 */
bool
json_append_string(Buffer *out, const char *s, size_t len)
{
	size_t		i = 0;
	bool		ok = buffer_append(out, "\"", 1);

	while (ok && i < len)
	{
		unsigned char ch = (unsigned char) s[i];
		size_t		n = ch == 0 ? 0 : utf8_char_len(s + i, len - i);

		if (n == 0)
			ok = buffer_append_str(out, "\xEF\xBF\xBD");
		else if (ch < 0x20 || ch == '"' || ch == '\\')
			ok = append_escaped_byte(out, ch);
		else
			ok = buffer_append(out, s + i, n);
		i += n ? n : 1;
	}
	return ok && buffer_append(out, "\"", 1);
}
