/*-------------------------------------------------------------------------
 * web/body.h
 *	  The body of a POST request, spooled to an unlinked temporary file as
 *	  it arrives so a large upload never sits in memory, with a size limit
 *	  checked on every chunk.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_BODY_H
#define CRASHPIPE_WEB_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Body
{
	int			fd;				/* -1 until opened */
	uint64_t	size;			/* bytes kept so far */
	uint64_t	limit;			/* more than this is refused */
	bool		too_large;		/* the limit was passed; the rest is dropped */
	bool		failed;			/* the temporary file could not be written */
} Body;

extern bool body_open(Body *body, uint64_t limit);
extern void body_append(Body *body, const char *data, size_t len);
extern char *body_read_all(const Body *body, size_t max, size_t *len);
extern void body_close(Body *body);

#endif							/* CRASHPIPE_WEB_BODY_H */
