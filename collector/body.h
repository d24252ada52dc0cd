/*-------------------------------------------------------------------------
 * collector/body.h
 *	  The path a submission body takes as it arrives: optional gzip
 *	  decompression, then the multipart parser, then the report.  The HTTP
 *	  layer, the unit tests and the fuzzer all feed bodies through this,
 *	  so they test the same code that serves requests.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_BODY_H
#define COLLECTOR_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include "gunzip.h"
#include "multipart.h"
#include "report.h"
#include "verdict.h"

typedef struct Body
{
	Report		report;
	MultipartParser *multipart;
	Gunzip	   *gunzip;			/* NULL unless the body is gzip */
	MultipartStatus multipart_status;	/* the parser's first error, or OK */
	Verdict		verdict;		/* a final error, or VERDICT_OK */
	const char *detail;			/* what went wrong, for the log, or NULL */
} Body;

extern Verdict body_content_type(const char *content_type, char *boundary,
								 size_t cap);
extern Verdict body_init(Body *body, const char *boundary, bool gzip,
						 size_t max_decompressed, int max_parts);
extern Verdict body_feed(Body *body, const char *data, size_t len);
extern Verdict body_finish(Body *body);
extern void body_free(Body *body);

#endif							/* COLLECTOR_BODY_H */
