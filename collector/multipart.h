/*-------------------------------------------------------------------------
 * collector/multipart.h
 *	  A streaming multipart/form-data and multipart/mixed parser (RFC 2046
 *	  section 5.1, RFC 7578).  It is fed the body in chunks of any size,
 *	  as they arrive, and calls back for each part's headers, each piece of
 *	  its data and its end.  It keeps nothing of a part's data: memory use
 *	  is one header line at most, whatever the body size.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_MULTIPART_H
#define COLLECTOR_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

/* RFC 2046 allows 70; we allow more, for clients that overdo it. */
#define MULTIPART_MAX_BOUNDARY 200
/* Longest part header line, without its CRLF. */
#define MULTIPART_MAX_LINE 8192
/* Most header lines in one part. */
#define MULTIPART_MAX_HEADERS 32
/* Longest name, filename or content type we keep, without the NUL. */
#define MULTIPART_MAX_VALUE 1024

typedef enum MultipartStatus
{
	MULTIPART_OK = 0,
	MULTIPART_BAD_BOUNDARY,		/* empty, too long, or has control bytes */
	MULTIPART_BAD_DELIMITER,	/* boundary not followed by "--" or CRLF */
	MULTIPART_BAD_HEADER,		/* no colon, bare CR or LF, NUL, folded,
								 * bad quoting, value over MULTIPART_MAX_VALUE */
	MULTIPART_HEADER_TOO_LONG,	/* a line over MULTIPART_MAX_LINE */
	MULTIPART_TOO_MANY_HEADERS,
	MULTIPART_TRUNCATED,		/* the body ended before the close delimiter */
	MULTIPART_NO_MEMORY,
	MULTIPART_STOPPED			/* a callback returned false */
} MultipartStatus;

/* What a part's headers say about it. */
typedef struct MultipartPartInfo
{
	bool		has_name;
	bool		has_filename;
	bool		has_content_type;
	char		name[MULTIPART_MAX_VALUE + 1];
	char		filename[MULTIPART_MAX_VALUE + 1];
	char		content_type[MULTIPART_MAX_VALUE + 1];	/* whole value, trimmed */
} MultipartPartInfo;

/* Each callback returns false to stop the parse (MULTIPART_STOPPED). */
typedef struct MultipartCallbacks
{
	bool		(*part_begin) (void *arg, const MultipartPartInfo *info);
	bool		(*part_data) (void *arg, const char *data, size_t len);
	bool		(*part_end) (void *arg);
} MultipartCallbacks;

typedef struct MultipartParser MultipartParser;

extern bool multipart_boundary_valid(const char *boundary);
extern MultipartStatus multipart_create(MultipartParser **parser,
										const char *boundary,
										const MultipartCallbacks *callbacks,
										void *arg);
extern MultipartStatus multipart_feed(MultipartParser *parser,
									  const char *data, size_t len);
extern MultipartStatus multipart_finish(MultipartParser *parser);
extern void multipart_free(MultipartParser *parser);
extern const char *multipart_status_text(MultipartStatus status);

#endif							/* COLLECTOR_MULTIPART_H */
