/*-------------------------------------------------------------------------
 * collector/report.h
 *	  One crash report as it is collected from the parts of a submission:
 *	  the annotations (as one JSON object), the dumps, and the collector
 *	  notes.  It is fed by the multipart parser through report_callbacks
 *	  and applies Antenna's rules for what each part is.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_REPORT_H
#define COLLECTOR_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "buffer.h"
#include "multipart.h"
#include "verdict.h"

/* Dump names are cut to this many characters. */
#define REPORT_DUMP_NAME_MAX 30

typedef struct ReportDump
{
	char		name[REPORT_DUMP_NAME_MAX + 1];
	Buffer		data;
} ReportDump;

typedef enum ReportPartKind
{
	REPORT_PART_SKIP,			/* no name: dropped */
	REPORT_PART_JSON,			/* application/json: the annotations object */
	REPORT_PART_ANNOTATION,		/* text/plain without a filename */
	REPORT_PART_DUMP			/* anything else */
} ReportPartKind;

typedef struct Report
{
	int			max_parts;		/* more parts than this is VERDICT_TOO_LARGE */
	int			parts;			/* parts seen so far, named or not */
	Verdict		verdict;		/* the first error, or VERDICT_OK */

	/* the part being received */
	ReportPartKind kind;
	char		name[MULTIPART_MAX_VALUE + 1];	/* sanitized, for a dump */
	Buffer		part;

	/* what has been collected */
	bool		has_json;		/* a JSON part was seen */
	bool		has_kv;			/* an annotation part was seen */
	Buffer		json;			/* the last JSON part, as sent */
	size_t		json_members;
	Buffer		kv;				/* "name":"value",... received after it */
	size_t		kv_count;
	ReportDump *dumps;
	int			ndumps;
	int			dumps_cap;
	Buffer		notes;			/* "note","note",... */

	/* made by report_finish */
	Buffer		annotations;	/* all annotations as one JSON object */
} Report;

extern const MultipartCallbacks report_callbacks;

extern void report_init(Report *report, int max_parts);
extern Verdict report_finish(Report *report);
extern bool report_metadata(const Report *report, bool compressed,
							uint64_t payload_size, const char *user_agent,
							Buffer *out);
extern void report_free(Report *report);

#endif							/* COLLECTOR_REPORT_H */
