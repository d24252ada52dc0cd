/*-------------------------------------------------------------------------
 * collector/buffer.c
 *	  A growable byte buffer.  Appends report allocation failure by
 *	  returning false instead of aborting: a collector that runs out of
 *	  memory on one huge report should refuse that report, not die.
 *-------------------------------------------------------------------------
 */
#include "buffer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Start with an empty buffer that owns no memory. */
void
buffer_init(Buffer *buf)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
}

/* Make room for len more bytes plus the trailing NUL. */
static bool
buffer_reserve(Buffer *buf, size_t len)
{
	size_t		need;
	size_t		cap;
	char	   *data;

	if (len > SIZE_MAX - buf->len - 1)
		return false;
	need = buf->len + len + 1;
	if (need <= buf->cap)
		return true;
	cap = buf->cap ? buf->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	data = realloc(buf->data, cap);
	if (data == NULL)
		return false;
	buf->data = data;
	buf->cap = cap;
	return true;
}

/* Append len bytes; false if memory ran out (the buffer is unchanged). */
bool
buffer_append(Buffer *buf, const void *data, size_t len)
{
	if (!buffer_reserve(buf, len))
		return false;
	if (len > 0)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return true;
}

/* Append a C string without its NUL. */
bool
buffer_append_str(Buffer *buf, const char *str)
{
	return buffer_append(buf, str, strlen(str));
}

/* The contents as a C string; "" for a buffer that never grew. */
const char *
buffer_str(const Buffer *buf)
{
	return buf->data ? buf->data : "";
}

/* Empty the buffer but keep its memory for reuse. */
void
buffer_reset(Buffer *buf)
{
	buf->len = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

/* Release the memory and leave an empty buffer. */
void
buffer_free(Buffer *buf)
{
	free(buf->data);
	buffer_init(buf);
}
