/*-------------------------------------------------------------------------
 * collector/verdict.c
 *	  The reply for each verdict.  The malformed_* reasons and their 400
 *	  status are Antenna's (see shared/specs/collector-spec.md, section 3);
 *	  too_large is what a proxy in front of Antenna answers with 413.  The
 *	  5xx ones are ours: Firefox retries a report after a 5xx, never after
 *	  a 200 or 4xx, so anything that is not the client's fault is a 5xx.
 *-------------------------------------------------------------------------
 */
#include "verdict.h"

typedef struct VerdictReply
{
	const char *reason;			/* the text after "Discarded=" */
	unsigned int status;		/* HTTP status */
} VerdictReply;

/* Indexed by Verdict; keep in the order of the enum. */
static const VerdictReply replies[] = {
	[VERDICT_OK] = {"ok", 200},
	[VERDICT_NO_CONTENT_TYPE] = {"malformed_no_content_type", 400},
	[VERDICT_WRONG_CONTENT_TYPE] = {"malformed_wrong_content_type", 400},
	[VERDICT_NO_BOUNDARY] = {"malformed_no_boundary", 400},
	[VERDICT_NO_CONTENT_LENGTH] = {"malformed_no_content_length", 400},
	[VERDICT_BAD_GZIP] = {"malformed_bad_gzip", 400},
	[VERDICT_INVALID_PAYLOAD_STRUCTURE] = {"malformed_invalid_payload_structure", 400},
	[VERDICT_INVALID_JSON] = {"malformed_invalid_json", 400},
	[VERDICT_INVALID_JSON_VALUE] = {"malformed_invalid_json_value", 400},
	[VERDICT_INVALID_DUMP_NAME] = {"malformed_invalid_dump_name", 400},
	[VERDICT_NO_ANNOTATIONS] = {"malformed_no_annotations", 400},
	[VERDICT_TOO_LARGE] = {"too_large", 413},
	[VERDICT_OUT_OF_MEMORY] = {"out_of_memory", 503},
	[VERDICT_DATABASE_UNAVAILABLE] = {"database_unavailable", 503},
};

/* The Discarded= reason for a verdict, e.g. "malformed_bad_gzip". */
const char *
verdict_reason(Verdict verdict)
{
	return replies[verdict].reason;
}

/* The HTTP status for a verdict. */
unsigned int
verdict_http_status(Verdict verdict)
{
	return replies[verdict].status;
}
