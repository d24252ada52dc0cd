/*-------------------------------------------------------------------------
 * web/buf.h
 *	  A growable text buffer, and appending text to it escaped for HTML or
 *	  as a JSON string, which is all the page and API code needs to build
 *	  a response body.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_BUF_H
#define CRASHPIPE_WEB_BUF_H

#include <stddef.h>

/* Text being built; data is always NUL-terminated once anything is added. */
typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Buf;

extern void buf_init(Buf *buf);
extern void buf_free(Buf *buf);
extern void buf_append(Buf *buf, const char *text);
extern void buf_append_html(Buf *buf, const char *text);
extern void buf_append_json(Buf *buf, const char *text);

#endif							/* CRASHPIPE_WEB_BUF_H */
