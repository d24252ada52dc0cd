/*-------------------------------------------------------------------------
 * extension/core/json_out.c
 *	  The JSON text writer: buffer growth, separators, string escaping.
 *
 *	  Comma placement needs no stack: a flag says whether a value has been
 *	  written at the current level.  A key or an opening bracket clears it;
 *	  finishing a value or a closing bracket sets it.
 *
 *	  UTF-8 is checked per RFC 3629 (no overlong forms, no surrogates,
 *	  nothing past U+10FFFF); each byte that does not start a valid
 *	  sequence becomes U+FFFD.  U+0000 cannot occur: strings are C strings.
 *-------------------------------------------------------------------------
 */
#include "json_out.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Start an empty writer whose text may grow to limit bytes. */
void
json_init(json_out *out, const md_allocator *allocator, size_t limit)
{
	out->allocator = allocator;
	out->buf = NULL;
	out->len = 0;
	out->cap = 0;
	out->limit = limit < SIZE_MAX / 2 ? limit : SIZE_MAX / 2;
	out->need_comma = false;
	out->status = JSON_OK;
}

/* Make room for n more bytes plus a NUL; false (and status set) if not. */
static bool
reserve(json_out *out, size_t n)
{
	size_t		want;
	char	   *grown;

	if (out->status != JSON_OK)
		return false;
	if (n > out->limit - out->len)
	{
		out->status = JSON_TOO_LARGE;
		return false;
	}
	if (out->len + n < out->cap)
		return true;
	want = out->cap ? out->cap : 1024;
	while (want <= out->len + n)
		want = want > out->limit / 2 ? out->limit + 1 : want * 2;
	grown = md_alloc_raw(out->allocator, want);
	if (grown == NULL)
	{
		out->status = JSON_NOMEM;
		return false;
	}
	if (out->len > 0)
		memcpy(grown, out->buf, out->len);
	md_free_raw(out->allocator, out->buf);
	out->buf = grown;
	out->cap = want;
	return true;
}

/* Append n raw bytes. */
static void
put(json_out *out, const char *s, size_t n)
{
	if (!reserve(out, n))
		return;
	memcpy(out->buf + out->len, s, n);
	out->len += n;
	out->buf[out->len] = '\0';
}

/* Write the comma that goes before a value or key, if one is due. */
static void
separate(json_out *out)
{
	if (out->need_comma)
		put(out, ", ", 2);
	out->need_comma = false;
}

/* Open an object. */
void
json_object_begin(json_out *out)
{
	separate(out);
	put(out, "{", 1);
}

/* Close an object. */
void
json_object_end(json_out *out)
{
	put(out, "}", 1);
	out->need_comma = true;
}

/* Open an array. */
void
json_array_begin(json_out *out)
{
	separate(out);
	put(out, "[", 1);
}

/* Close an array. */
void
json_array_end(json_out *out)
{
	put(out, "]", 1);
	out->need_comma = true;
}

/*
 * Length of the valid UTF-8 sequence at s (1-4), or 0 if s does not start
 * one.  s is NUL-terminated, so a truncated sequence fails on the NUL.
 */
static int
utf8_length(const unsigned char *s)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80;
	unsigned char hi = 0xbf;
	int			n;
	int			i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;				/* overlong */
	else if (c == 0xed)
		hi = 0x9f;				/* surrogates */
	else if (c == 0xf0)
		lo = 0x90;				/* overlong */
	else if (c == 0xf4)
		hi = 0x8f;				/* past U+10FFFF */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* Write one byte that JSON requires escaped. */
static void
put_escape(json_out *out, unsigned char c)
{
	char		buf[8];

	switch (c)
	{
		case '"':
			put(out, "\\\"", 2);
			break;
		case '\\':
			put(out, "\\\\", 2);
			break;
		case '\b':
			put(out, "\\b", 2);
			break;
		case '\f':
			put(out, "\\f", 2);
			break;
		case '\n':
			put(out, "\\n", 2);
			break;
		case '\r':
			put(out, "\\r", 2);
			break;
		case '\t':
			put(out, "\\t", 2);
			break;
		default:
			snprintf(buf, sizeof(buf), "\\u%04x", c);
			put(out, buf, 6);
			break;
	}
}

/* Write a quoted, escaped string (no separator handling). */
static void
put_quoted(json_out *out, const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	put(out, "\"", 1);
	while (*p != '\0' && out->status == JSON_OK)
	{
		size_t		run = 0;
		int			n;

		while (p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
			run++;
		put(out, (const char *) p, run);
		p += run;
		if (*p == '\0')
			break;
		if (*p < 0x80)
			put_escape(out, *p);
		else if ((n = utf8_length(p)) > 0)
		{
			put(out, (const char *) p, n);
			p += n - 1;
		}
		else
			put(out, "\xef\xbf\xbd", 3);
		p++;
	}
	put(out, "\"", 1);
}

/* Write an object key; the value written next belongs to it. */
void
json_key(json_out *out, const char *key)
{
	separate(out);
	put_quoted(out, key);
	put(out, ": ", 2);
}

/* Write a string value, or null for NULL. */
void
json_string(json_out *out, const char *s)
{
	if (s == NULL)
	{
		json_null(out);
		return;
	}
	separate(out);
	put_quoted(out, s);
	out->need_comma = true;
}

/* Write a preformatted scalar (number, literal) as a value. */
static void
put_scalar(json_out *out, const char *text)
{
	separate(out);
	put(out, text, strlen(text));
	out->need_comma = true;
}

/* Write a number given as JSON number text (e.g. from a parsed document). */
void
json_number_text(json_out *out, const char *text)
{
	put_scalar(out, text);
}

/* Write a signed integer. */
void
json_int(json_out *out, int64_t value)
{
	char		buf[32];

	snprintf(buf, sizeof(buf), "%" PRId64, value);
	put_scalar(out, buf);
}

/* Write an unsigned integer. */
void
json_uint(json_out *out, uint64_t value)
{
	char		buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, value);
	put_scalar(out, buf);
}

/* Write a number as a lower-case hex string: "0x1a2b". */
void
json_hex(json_out *out, uint64_t value)
{
	char		buf[32];

	snprintf(buf, sizeof(buf), "\"0x%" PRIx64 "\"", value);
	put_scalar(out, buf);
}

/* Write true or false. */
void
json_bool(json_out *out, bool value)
{
	put_scalar(out, value ? "true" : "false");
}

/* Write null. */
void
json_null(json_out *out)
{
	put_scalar(out, "null");
}

/* Hand over the finished text, or free it and return NULL on failure. */
char *
json_finish(json_out *out)
{
	char	   *text = out->buf;

	out->buf = NULL;
	if (out->status == JSON_OK && text == NULL)
	{
		put(out, "", 0);
		text = out->buf;
		out->buf = NULL;
	}
	if (out->status != JSON_OK)
	{
		md_free_raw(out->allocator, text);
		return NULL;
	}
	return text;
}
