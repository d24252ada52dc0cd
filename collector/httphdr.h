/*-------------------------------------------------------------------------
 * collector/httphdr.h
 *	  Reading the structured header values the collector cares about:
 *	  "type/subtype; key=value; key=\"quoted value\"", as in Content-Type
 *	  and Content-Disposition.  Used for the request's Content-Type and for
 *	  the headers of each multipart part.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_HTTPHDR_H
#define COLLECTOR_HTTPHDR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum HttpHdrStatus
{
	HTTPHDR_FOUND,
	HTTPHDR_ABSENT,
	HTTPHDR_MALFORMED			/* unterminated quote, or value too long */
} HttpHdrStatus;

extern bool httphdr_media_type(const char *value, char *out, size_t cap);
extern HttpHdrStatus httphdr_param(const char *value, const char *name,
								   char *out, size_t cap);

#endif							/* COLLECTOR_HTTPHDR_H */
