/*-------------------------------------------------------------------------
 * web/buf.c
 *	  A growable text buffer with HTML and JSON-string escaping.
 *
 *	  Running out of memory aborts the program, as redis does: the bodies
 *	  built here are small and bounded (a page of at most 50 rows, an error
 *	  message), so failing to allocate one means the process is in trouble,
 *	  and half-built HTML or JSON must never be sent.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Start an empty buffer; it allocates on the first append. */
void
buf_init(Buf *buf)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
}

/* Release the buffer's memory and leave it empty. */
void
buf_free(Buf *buf)
{
	free(buf->data);
	buf_init(buf);
}

/* Make room for extra more bytes plus the terminating NUL. */
static void
buf_reserve(Buf *buf, size_t extra)
{
	size_t		need = buf->len + extra + 1;
	size_t		cap = buf->cap ? buf->cap : 256;
	char	   *data;

	if (need <= buf->cap)
		return;
	while (cap < need)
		cap *= 2;
	data = realloc(buf->data, cap);
	if (data == NULL)
	{
		fprintf(stderr, "crashpipe-web: out of memory growing a buffer to %zu bytes\n", cap);
		abort();
	}
	buf->data = data;
	buf->cap = cap;
}

/* Append n bytes of text as they are. */
static void
buf_append_len(Buf *buf, const char *text, size_t n)
{
	buf_reserve(buf, n);
	memcpy(buf->data + buf->len, text, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
}

/* Append text as it is. */
void
buf_append(Buf *buf, const char *text)
{
	buf_append_len(buf, text, strlen(text));
}

/* Append text with the five characters that mean something in HTML escaped. */
void
buf_append_html(Buf *buf, const char *text)
{
	for (const char *p = text; *p != '\0'; p++)
	{
		switch (*p)
		{
			case '&':
				buf_append(buf, "&amp;");
				break;
			case '<':
				buf_append(buf, "&lt;");
				break;
			case '>':
				buf_append(buf, "&gt;");
				break;
			case '"':
				buf_append(buf, "&quot;");
				break;
			case '\'':
				buf_append(buf, "&#39;");
				break;
			default:
				buf_append_len(buf, p, 1);
		}
	}
}

/* Append the JSON escape of one character, or the character itself. */
static void
buf_append_json_char(Buf *buf, unsigned char c)
{
	char		escape[8];

	if (c == '"' || c == '\\')
	{
		escape[0] = '\\';
		escape[1] = (char) c;
		buf_append_len(buf, escape, 2);
	}
	else if (c < 0x20 || c == 0x7f)
	{
		snprintf(escape, sizeof(escape), "\\u%04x", c);
		buf_append(buf, escape);
	}
	else
		buf_append_len(buf, (const char *) &c, 1);
}

/*
 * Append text as a quoted JSON string.  Text is UTF-8 (the database
 * connection asks for it), so bytes above 0x7f are copied as they are.
 */
void
buf_append_json(Buf *buf, const char *text)
{
	buf_append(buf, "\"");
	for (const char *p = text; *p != '\0'; p++)
		buf_append_json_char(buf, (unsigned char) *p);
	buf_append(buf, "\"");
}
