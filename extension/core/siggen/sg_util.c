/*-------------------------------------------------------------------------
 * extension/core/siggen/sg_util.c
 *	  String buffer, string list and small text helpers for the signature
 *	  generator (see sg_util.h).
 *-------------------------------------------------------------------------
 */
#include "sg_util.h"

#include <stdlib.h>
#include <string.h>

/* Start an empty buffer. */
void
sg_buf_init(sg_buf *b)
{
	memset(b, 0, sizeof(*b));
}

/* Append n bytes. */
void
sg_buf_addn(sg_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = b->cap ? b->cap * 2 : 64;
		char	   *d;

		while (cap < b->len + n + 1)
			cap *= 2;
		d = realloc(b->data, cap);
		if (!d)
		{
			b->failed = true;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append a NUL-terminated string. */
void
sg_buf_adds(sg_buf *b, const char *s)
{
	sg_buf_addn(b, s, strlen(s));
}

/* Append one byte. */
void
sg_buf_addc(sg_buf *b, char c)
{
	sg_buf_addn(b, &c, 1);
}

/* The finished string (caller frees), or NULL if an allocation failed. */
char *
sg_buf_finish(sg_buf *b)
{
	if (!b->failed && !b->data)
		sg_buf_addn(b, "", 0);
	if (b->failed)
	{
		free(b->data);
		b->data = NULL;
	}
	return b->data;
}

/* Append an owned string (NULL marks the list failed). */
void
sg_list_push(sg_list *l, char *owned)
{
	if (!owned || l->failed)
	{
		l->failed = true;
		free(owned);
		return;
	}
	if (l->count == l->cap)
	{
		int			cap = l->cap ? l->cap * 2 : 8;
		char	  **n = realloc(l->items, (size_t) cap * sizeof(char *));

		if (!n)
		{
			l->failed = true;
			free(owned);
			return;
		}
		l->items = n;
		l->cap = cap;
	}
	l->items[l->count++] = owned;
}

/* Append a copy of s. */
void
sg_list_pushs(sg_list *l, const char *s)
{
	sg_list_push(l, sg_strdup(s));
}

/* Free the strings and the array. */
void
sg_list_free(sg_list *l)
{
	int			i;

	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* Join items from index "from" on with sep. */
char *
sg_list_join(const sg_list *l, int from, const char *sep)
{
	sg_buf		b;
	int			i;

	sg_buf_init(&b);
	for (i = from; i < l->count; i++)
	{
		if (i > from)
			sg_buf_adds(&b, sep);
		sg_buf_adds(&b, l->items[i]);
	}
	return sg_buf_finish(&b);
}

/* strdup that tolerates NULL input (returns NULL). */
char *
sg_strdup(const char *s)
{
	return s ? sg_strndup(s, strlen(s)) : NULL;
}

/* Copy of the first n bytes of s. */
char *
sg_strndup(const char *s, size_t n)
{
	char	   *d = malloc(n + 1);

	if (d)
	{
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* a + b + c as a new string. */
char *
sg_concat3(const char *a, const char *b, const char *c)
{
	sg_buf		buf;

	sg_buf_init(&buf);
	sg_buf_adds(&buf, a);
	sg_buf_adds(&buf, b);
	sg_buf_adds(&buf, c);
	return sg_buf_finish(&buf);
}

/* Does s start with prefix? */
bool
sg_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Does s end with suffix? */
bool
sg_ends(const char *s, const char *suffix)
{
	size_t		n = strlen(s);
	size_t		m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* ASCII whitespace as Python's str.strip() sees it (plus 0x1c-0x1f). */
bool
sg_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* Copy of s without leading and trailing whitespace. */
char *
sg_strip(const char *s)
{
	size_t		n;

	while (*s && sg_isspace((unsigned char) *s))
		s++;
	n = strlen(s);
	while (n > 0 && sg_isspace((unsigned char) s[n - 1]))
		n--;
	return sg_strndup(s, n);
}

/* Copy of the first max_chars code points of the UTF-8 string s. */
char *
sg_utf8_prefix(const char *s, size_t max_chars)
{
	size_t		i = 0;
	size_t		chars = 0;

	while (s[i])
	{
		if (((unsigned char) s[i] & 0xC0) != 0x80)
		{
			if (chars == max_chars)
				break;
			chars++;
		}
		i++;
	}
	return sg_strndup(s, i);
}
