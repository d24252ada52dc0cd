/*-------------------------------------------------------------------------
 * collector/multipart.c
 *	  Streaming multipart parser.
 *
 *	  A body is: a preamble (dropped), then for each part a delimiter line
 *	  "--boundary", header lines, an empty line and the data; the last part
 *	  ends with "--boundary--" and anything after it (the epilogue) is
 *	  dropped.  A part's data ends at CRLF "--boundary", and that CRLF
 *	  belongs to the delimiter, not to the data.  The first delimiter may
 *	  start the body without a CRLF before it; we handle that by starting
 *	  the search as if a CRLF had just been seen.
 *
 *	  The data scan never copies: while a delimiter is partly matched, the
 *	  matched bytes are by definition a prefix of the delimiter, so if the
 *	  match fails we hand that prefix, taken from the delimiter itself, to
 *	  the data callback.  This works across chunk edges for free.  After a
 *	  failed match we restart at the failing byte and need no KMP table:
 *	  the delimiter's only CR is its first byte (boundaries with control
 *	  bytes are refused), so no later part of a partial match can begin
 *	  another one.
 *
 *	  Line ends must be CRLF, in headers as around delimiters, as RFC 2046
 *	  says; bare LF or CR is an error, not a guess.  Folded header lines
 *	  (obsolete in RFC 7230) are refused; no crash reporter sends them.
 *-------------------------------------------------------------------------
 */
#include "multipart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httphdr.h"

typedef enum MultipartState
{
	STATE_PREAMBLE,				/* before the first delimiter */
	STATE_DELIMITER_END,		/* just after "--boundary" */
	STATE_CLOSE_DASH,			/* after "--boundary-" */
	STATE_PADDING,				/* after "--boundary" and spaces or tabs */
	STATE_PADDING_LF,			/* after "--boundary" ... CR */
	STATE_HEADERS,				/* reading a part's header lines */
	STATE_DATA,					/* reading a part's data */
	STATE_EPILOGUE				/* after the close delimiter */
} MultipartState;

struct MultipartParser
{
	MultipartState state;
	MultipartStatus status;		/* the first error, then sticky */
	char		delimiter[4 + MULTIPART_MAX_BOUNDARY + 1];	/* CRLF "--" boundary */
	size_t		delimiter_len;
	size_t		matched;		/* bytes of delimiter matched so far */
	char		line[MULTIPART_MAX_LINE + 2];	/* header line, its CR, NUL */
	size_t		line_len;
	int			header_count;	/* header lines of the current part */
	MultipartPartInfo info;		/* what the current part's headers said */
	MultipartCallbacks callbacks;
	void	   *arg;
};

/* A boundary must be 1 to MULTIPART_MAX_BOUNDARY printable ASCII bytes. */
bool
multipart_boundary_valid(const char *boundary)
{
	size_t		len = strlen(boundary);

	if (len == 0 || len > MULTIPART_MAX_BOUNDARY)
		return false;
	for (size_t i = 0; i < len; i++)
		if (boundary[i] < 0x20 || boundary[i] > 0x7E)
			return false;
	return true;
}

/* Make a parser for one body with the given boundary. */
MultipartStatus
multipart_create(MultipartParser **parser, const char *boundary,
				 const MultipartCallbacks *callbacks, void *arg)
{
	MultipartParser *p;

	*parser = NULL;
	if (!multipart_boundary_valid(boundary))
		return MULTIPART_BAD_BOUNDARY;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return MULTIPART_NO_MEMORY;
	p->delimiter_len = (size_t) snprintf(p->delimiter, sizeof(p->delimiter),
										 "\r\n--%s", boundary);
	/* the body may open with the delimiter: pretend a CRLF came first */
	p->matched = 2;
	p->state = STATE_PREAMBLE;
	p->callbacks = *callbacks;
	p->arg = arg;
	*parser = p;
	return MULTIPART_OK;
}

/* Record the first error; later ones are consequences of it. */
static void
fail(MultipartParser *p, MultipartStatus status)
{
	if (p->status == MULTIPART_OK)
		p->status = status;
}

/* Pass part data to the callback; preamble bytes are dropped. */
static bool
emit(MultipartParser *p, const char *data, size_t len)
{
	if (p->state != STATE_DATA || len == 0)
		return true;
	if (p->callbacks.part_data(p->arg, data, len))
		return true;
	fail(p, MULTIPART_STOPPED);
	return false;
}

/* A whole delimiter was matched: close the current part, if any. */
static void
delimiter_found(MultipartParser *p)
{
	if (p->state == STATE_DATA && !p->callbacks.part_end(p->arg))
		fail(p, MULTIPART_STOPPED);
	p->state = STATE_DELIMITER_END;
}

/*
 * Scan preamble or part data for the delimiter, emitting the bytes that
 * are not part of it.  Returns how many bytes of data were used.
 */
static size_t
scan_body(MultipartParser *p, const char *data, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		if (p->matched == 0)
		{
			const char *cr = memchr(data + i, '\r', len - i);
			size_t		run = cr ? (size_t) (cr - (data + i)) : len - i;

			if (!emit(p, data + i, run))
				return len;
			i += run;
			if (cr == NULL)
				break;
		}
		if (data[i] == p->delimiter[p->matched])
		{
			i++;
			if (++p->matched == p->delimiter_len)
			{
				p->matched = 0;
				delimiter_found(p);
				return i;
			}
		}
		else
		{
			size_t		partial = p->matched;

			/* not a delimiter after all: those bytes were data */
			p->matched = 0;
			if (!emit(p, p->delimiter, partial))
				return len;
		}
	}
	return len;
}

/* Get ready to read the header lines of a new part. */
static void
start_part(MultipartParser *p)
{
	memset(&p->info, 0, sizeof(p->info));
	p->line_len = 0;
	p->header_count = 0;
	p->state = STATE_HEADERS;
}

/* Step through what follows a delimiter: "--", or padding then CRLF. */
static void
step_after_delimiter(MultipartParser *p, char ch)
{
	bool		space = ch == ' ' || ch == '\t';

	if (p->state == STATE_DELIMITER_END && ch == '-')
		p->state = STATE_CLOSE_DASH;
	else if (p->state == STATE_CLOSE_DASH && ch == '-')
		p->state = STATE_EPILOGUE;
	else if ((p->state == STATE_DELIMITER_END || p->state == STATE_PADDING) && space)
		p->state = STATE_PADDING;
	else if ((p->state == STATE_DELIMITER_END || p->state == STATE_PADDING) && ch == '\r')
		p->state = STATE_PADDING_LF;
	else if (p->state == STATE_PADDING_LF && ch == '\n')
		start_part(p);
	else
		fail(p, MULTIPART_BAD_DELIMITER);
}

/* Trim spaces and tabs at both ends of s, in place. */
static char *
trim(char *s)
{
	size_t		len;

	s += strspn(s, " \t");
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		s[--len] = '\0';
	return s;
}

/* Take the name and filename parameters of a Content-Disposition value. */
static void
read_disposition(MultipartParser *p, const char *value)
{
	MultipartPartInfo *info = &p->info;
	HttpHdrStatus name = httphdr_param(value, "name", info->name,
									   sizeof(info->name));
	HttpHdrStatus filename = httphdr_param(value, "filename", info->filename,
										   sizeof(info->filename));

	if (name == HTTPHDR_MALFORMED || filename == HTTPHDR_MALFORMED)
		fail(p, MULTIPART_BAD_HEADER);
	info->has_name = name == HTTPHDR_FOUND;
	info->has_filename = filename == HTTPHDR_FOUND;
}

/* Take the whole Content-Type value. */
static void
read_content_type(MultipartParser *p, const char *value)
{
	MultipartPartInfo *info = &p->info;

	if (strlen(value) >= sizeof(info->content_type))
	{
		fail(p, MULTIPART_BAD_HEADER);
		return;
	}
	strcpy(info->content_type, value);
	info->has_content_type = true;
}

/* Act on one complete header line (without its CRLF). */
static void
end_header_line(MultipartParser *p)
{
	char	   *colon;
	char	   *name;

	if (p->line_len == 0)
	{
		p->state = STATE_DATA;
		if (!p->callbacks.part_begin(p->arg, &p->info))
			fail(p, MULTIPART_STOPPED);
		return;
	}
	colon = strchr(p->line, ':');
	if (++p->header_count > MULTIPART_MAX_HEADERS)
		fail(p, MULTIPART_TOO_MANY_HEADERS);
	else if (p->line[0] == ' ' || p->line[0] == '\t' || colon == NULL)
		fail(p, MULTIPART_BAD_HEADER);
	else
	{
		*colon = '\0';
		name = trim(p->line);
		if (strcasecmp(name, "Content-Disposition") == 0)
			read_disposition(p, trim(colon + 1));
		else if (strcasecmp(name, "Content-Type") == 0)
			read_content_type(p, trim(colon + 1));
	}
}

/* Collect header lines; returns how many bytes of data were used. */
static size_t
scan_headers(MultipartParser *p, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		char		ch = data[i];
		bool		after_cr = p->line_len > 0 && p->line[p->line_len - 1] == '\r';

		if (ch == '\n' && after_cr)
		{
			p->line[--p->line_len] = '\0';
			end_header_line(p);
			p->line_len = 0;
			return i + 1;
		}
		if (ch == '\n' || ch == '\0' || after_cr)
			fail(p, MULTIPART_BAD_HEADER);
		else if (p->line_len > MULTIPART_MAX_LINE)
			fail(p, MULTIPART_HEADER_TOO_LONG);
		else
			p->line[p->line_len++] = ch;
		if (p->status != MULTIPART_OK)
			return len;
	}
	return len;
}

/* Parse the next chunk of the body. */
MultipartStatus
multipart_feed(MultipartParser *p, const char *data, size_t len)
{
	size_t		pos = 0;

	while (p->status == MULTIPART_OK && pos < len)
	{
		switch (p->state)
		{
			case STATE_PREAMBLE:
			case STATE_DATA:
				pos += scan_body(p, data + pos, len - pos);
				break;
			case STATE_HEADERS:
				pos += scan_headers(p, data + pos, len - pos);
				break;
			case STATE_EPILOGUE:
				pos = len;
				break;
			default:
				step_after_delimiter(p, data[pos++]);
		}
	}
	return p->status;
}

/* The body has ended: it is complete only after the close delimiter. */
MultipartStatus
multipart_finish(MultipartParser *p)
{
	if (p->state != STATE_EPILOGUE)
		fail(p, MULTIPART_TRUNCATED);
	return p->status;
}

/* Free a parser (NULL is fine). */
void
multipart_free(MultipartParser *p)
{
	free(p);
}

/* A short description of a status, for logs. */
const char *
multipart_status_text(MultipartStatus status)
{
	switch (status)
	{
		case MULTIPART_OK:
			return "ok";
		case MULTIPART_BAD_BOUNDARY:
			return "invalid boundary";
		case MULTIPART_BAD_DELIMITER:
			return "boundary followed by something other than CRLF or --";
		case MULTIPART_BAD_HEADER:
			return "malformed part header";
		case MULTIPART_HEADER_TOO_LONG:
			return "part header line too long";
		case MULTIPART_TOO_MANY_HEADERS:
			return "too many part header lines";
		case MULTIPART_TRUNCATED:
			return "body ended before the closing boundary";
		case MULTIPART_NO_MEMORY:
			return "out of memory";
		case MULTIPART_STOPPED:
			return "stopped by the report collector";
	}
	return "unknown status";
}
