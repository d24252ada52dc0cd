/*-------------------------------------------------------------------------
 * web/body.c
 *	  Spooling a POST body to an unlinked temporary file (in $TMPDIR, else
 *	  /tmp): libmicrohttpd hands the body over in chunks, each is written
 *	  out at once, and a handler then reads the whole of a small body
 *	  (forms, JSON) into memory, or streams a large one (symbol uploads)
 *	  from the file.  The file has no name, so it vanishes with the request
 *	  or a crash of the program.
 *-------------------------------------------------------------------------
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "body.h"

/* The directory for temporary files. */
static const char *
temp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return (dir != NULL && dir[0] != '\0') ? dir : "/tmp";
}

/* Open an unnamed temporary file; -1 on failure. */
static int
open_temp(void)
{
	const char *dir = temp_dir();
	char		path[4096];
	int			fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != ENOENT))
		return fd;
	/* File systems without O_TMPFILE: a named file, unlinked at once. */
	if ((size_t) snprintf(path, sizeof(path), "%s/crashpipe-web-XXXXXX", dir) >= sizeof(path))
		return -1;
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0)
		unlink(path);
	return fd;
}

/* Start a body of at most limit bytes; false if no temporary file. */
bool
body_open(Body *body, uint64_t limit)
{
	memset(body, 0, sizeof(*body));
	body->limit = limit;
	body->fd = open_temp();
	return body->fd >= 0;
}

/* Add a chunk; past the limit, or after a write error, chunks are dropped. */
void
body_append(Body *body, const char *data, size_t len)
{
	if (body->too_large || body->failed)
		return;
	if (len > body->limit - body->size)
	{
		body->too_large = true;
		return;
	}
	while (len > 0)
	{
		ssize_t		n = write(body->fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
		{
			body->failed = true;
			return;
		}
		data += n;
		len -= (size_t) n;
		body->size += (uint64_t) n;
	}
}

/*
 * The whole body in memory, NUL-terminated, its length in *len; NULL when
 * it is longer than max bytes or cannot be read.  The caller frees it.
 */
char *
body_read_all(const Body *body, size_t max, size_t *len)
{
	char	   *data;
	size_t		done = 0;

	if (body->fd < 0 || body->size > max)
		return NULL;
	if ((data = malloc(body->size + 1)) == NULL)
		return NULL;
	while (done < body->size)
	{
		ssize_t		n = pread(body->fd, data + done, body->size - done, (off_t) done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
		{
			free(data);
			return NULL;
		}
		done += (size_t) n;
	}
	data[done] = '\0';
	*len = done;
	return data;
}

/* Close the file, which removes it. */
void
body_close(Body *body)
{
	if (body->fd >= 0)
		close(body->fd);
	body->fd = -1;
}
