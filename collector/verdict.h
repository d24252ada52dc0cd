/*-------------------------------------------------------------------------
 * collector/verdict.h
 *	  Every way a submission can fail before or while it is stored, with
 *	  the Discarded= reason and HTTP status the client gets for it.  The
 *	  parsing modules return these codes; only the HTTP layer turns them
 *	  into replies, so the parsers stay free of HTTP.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_VERDICT_H
#define COLLECTOR_VERDICT_H

typedef enum Verdict
{
	VERDICT_OK = 0,
	VERDICT_NO_CONTENT_TYPE,
	VERDICT_WRONG_CONTENT_TYPE,
	VERDICT_NO_BOUNDARY,
	VERDICT_NO_CONTENT_LENGTH,
	VERDICT_BAD_GZIP,
	VERDICT_INVALID_PAYLOAD_STRUCTURE,
	VERDICT_INVALID_JSON,
	VERDICT_INVALID_JSON_VALUE,
	VERDICT_INVALID_DUMP_NAME,
	VERDICT_NO_ANNOTATIONS,
	VERDICT_TOO_LARGE,
	VERDICT_OUT_OF_MEMORY,
	VERDICT_DATABASE_UNAVAILABLE
} Verdict;

extern const char *verdict_reason(Verdict verdict);
extern unsigned int verdict_http_status(Verdict verdict);

#endif							/* COLLECTOR_VERDICT_H */
