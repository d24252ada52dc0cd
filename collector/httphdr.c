/*-------------------------------------------------------------------------
 * collector/httphdr.c
 *	  Media type and parameters of a header value (RFC 9110 section 5.6.6).
 *	  Parameter names match case-insensitively; values are tokens or
 *	  quoted strings with backslash escapes.  Browsers percent-encode
 *	  quotes in form names and curl backslash-escapes them, so both reach
 *	  us; we undo only the backslashes, as Antenna's parser does.
 *
 *	  Anything after a value up to the next ';' is skipped rather than
 *	  refused: crash reporters are not always tidy, and a stray character
 *	  in a parameter we do not read must not lose a crash.
 *-------------------------------------------------------------------------
 */
#include "httphdr.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Skip spaces and tabs. */
static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Copy the media type (before any ';'), trimmed and lower-cased. */
bool
httphdr_media_type(const char *value, char *out, size_t cap)
{
	const char *start = skip_ws(value);
	const char *end = start + strcspn(start, ";");
	size_t		len;

	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	len = (size_t) (end - start);
	if (len >= cap)
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char) tolower((unsigned char) start[i]);
	out[len] = '\0';
	return true;
}

/*
 * Read a quoted string starting just past its opening quote into out.
 * Returns false if it is unterminated or does not fit in out.
 */
static bool
read_quoted(const char *p, char *out, size_t cap)
{
	size_t		len = 0;

	while (*p != '"')
	{
		if (*p == '\\' && p[1] != '\0')
			p++;
		if (*p == '\0' || len + 1 >= cap)
			return false;
		out[len++] = *p++;
	}
	out[len] = '\0';
	return true;
}

/* Read an unquoted value up to ';' or the end, trimmed, into out. */
static bool
read_token(const char *start, char *out, size_t cap)
{
	const char *end = start + strcspn(start, ";");

	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if ((size_t) (end - start) >= cap)
		return false;
	memcpy(out, start, (size_t) (end - start));
	out[end - start] = '\0';
	return true;
}

/* Read the value after "key=" into out; false if malformed or too long. */
static bool
read_value(const char *p, char *out, size_t cap)
{
	p = skip_ws(p);
	if (*p == '"')
		return read_quoted(p + 1, out, cap);
	return read_token(p, out, cap);
}

/* Skip a value we do not want, honouring quotes; stop at ';' or the end. */
static const char *
skip_value(const char *p)
{
	p = skip_ws(p);
	if (*p == '"')
	{
		for (p++; *p != '"'; p++)
		{
			if (*p == '\\' && p[1] != '\0')
				p++;
			if (*p == '\0')
				return p;
		}
		p++;
	}
	return p + strcspn(p, ";");
}

/*
 * Find parameter name in a header value and copy its value to out.
 * A parameter without '=' has the empty value.
 */
HttpHdrStatus
httphdr_param(const char *value, const char *name, char *out, size_t cap)
{
	const char *p = value + strcspn(value, ";");
	size_t		namelen = strlen(name);

	while (*p == ';')
	{
		const char *key = skip_ws(p + 1);
		size_t		keylen = strcspn(key, "=; \t");
		bool		match = keylen == namelen && strncasecmp(key, name, keylen) == 0;

		p = skip_ws(key + keylen);
		if (match && *p != '=')
		{
			out[0] = '\0';
			return HTTPHDR_FOUND;
		}
		if (match)
			return read_value(p + 1, out, cap) ? HTTPHDR_FOUND : HTTPHDR_MALFORMED;
		p = *p == '=' ? skip_value(p + 1) : p + strcspn(p, ";");
	}
	return HTTPHDR_ABSENT;
}
