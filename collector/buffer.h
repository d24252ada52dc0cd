/*-------------------------------------------------------------------------
 * collector/buffer.h
 *	  A growable byte buffer, the one container the collector uses for
 *	  part bodies, dumps and the JSON it builds.  The bytes are always
 *	  followed by a NUL so that text can be used as a C string, but the
 *	  length is what counts: dumps contain NULs.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_BUFFER_H
#define COLLECTOR_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Buffer
{
	char	   *data;			/* NULL until the first append */
	size_t		len;			/* bytes in use, not counting the NUL */
	size_t		cap;			/* bytes allocated */
} Buffer;

extern void buffer_init(Buffer *buf);
extern bool buffer_append(Buffer *buf, const void *data, size_t len);
extern bool buffer_append_str(Buffer *buf, const char *str);
extern const char *buffer_str(const Buffer *buf);
extern void buffer_reset(Buffer *buf);
extern void buffer_free(Buffer *buf);

#endif							/* COLLECTOR_BUFFER_H */
