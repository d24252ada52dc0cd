/*-------------------------------------------------------------------------
 * collector/report.c
 *	  Antenna's rules for the parts of a crash report
 *	  (shared/specs/collector-spec.md, section 2), applied part by part:
 *
 *	  - a part without a name is dropped;
 *	  - a part whose Content-Type starts with application/json is the
 *		annotations object and replaces every annotation so far; it must be
 *		valid JSON (malformed_invalid_json) and an object
 *		(malformed_invalid_json_value);
 *	  - a text/plain part without a filename is one annotation; a part with
 *		no Content-Type counts as text/plain.  A value that is not UTF-8,
 *		or holds a NUL that jsonb cannot store, is dropped with a note;
 *	  - anything else is a dump, whatever its Content-Type claims (Firefox
 *		labels minidumps application/vnd.tcpdump.pcap), named by the part
 *		name cut down to [A-Za-z0-9_]{0,30}.  A later dump of the same name
 *		replaces an earlier one.
 *
 *	  Annotations are kept as JSON text, never as a tree: the JSON part as
 *	  sent, and the form fields that came after it as "name":"value" pairs.
 *	  report_finish splices the pairs into the object.  A key sent twice
 *	  then appears twice, and jsonb keeps the last one, which is exactly
 *	  the "later part wins" of Antenna's dict.
 *-------------------------------------------------------------------------
 */
#include "report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"

static const char *const reserved_dump_names[] = {
	"dump_names", "processed_crash", "raw_crash"
};

/* Start an empty report. */
void
report_init(Report *report, int max_parts)
{
	memset(report, 0, sizeof(*report));
	report->max_parts = max_parts;
	report->verdict = VERDICT_OK;
}

/* Record the first error and tell the parser to stop. */
static bool
stop(Report *report, Verdict verdict)
{
	if (report->verdict == VERDICT_OK)
		report->verdict = verdict;
	return false;
}

/* Add one collector note. */
static bool
add_note(Report *report, const char *fmt,...)
{
	char		note[2 * MULTIPART_MAX_VALUE + 64];
	va_list		args;

	va_start(args, fmt);
	vsnprintf(note, sizeof(note), fmt, args);
	va_end(args);
	if ((report->notes.len > 0 && !buffer_append(&report->notes, ",", 1)) ||
		!json_append_string(&report->notes, note, strlen(note)))
		return stop(report, VERDICT_OUT_OF_MEMORY);
	return true;
}

/* Decide what a part is from its headers. */
static ReportPartKind
classify(const MultipartPartInfo *info)
{
	const char *type = info->has_content_type ? info->content_type : "text/plain";

	if (!info->has_name || info->name[0] == '\0')
		return REPORT_PART_SKIP;
	if (strncasecmp(type, "application/json", strlen("application/json")) == 0)
		return REPORT_PART_JSON;
	if (strncasecmp(type, "text/plain", strlen("text/plain")) == 0 &&
		!info->has_filename)
		return REPORT_PART_ANNOTATION;
	return REPORT_PART_DUMP;
}

/* Keep only [A-Za-z0-9_] of name, at most REPORT_DUMP_NAME_MAX of them. */
static void
sanitize_dump_name(const char *name, char *out)
{
	size_t		len = 0;

	for (; *name && len < REPORT_DUMP_NAME_MAX; name++)
	{
		char		ch = *name;

		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			(ch >= '0' && ch <= '9') || ch == '_')
			out[len++] = ch;
	}
	out[len] = '\0';
}

/* Name a dump part, refusing reserved names and noting odd types. */
static bool
begin_dump(Report *report, const MultipartPartInfo *info)
{
	const char *type = info->has_content_type ? info->content_type : "text/plain";

	sanitize_dump_name(info->name, report->name);
	for (size_t i = 0; i < sizeof(reserved_dump_names) / sizeof(char *); i++)
		if (strcmp(report->name, reserved_dump_names[i]) == 0)
			return stop(report, VERDICT_INVALID_DUMP_NAME);
	if (strcmp(type, "application/octet-stream") != 0)
		return add_note(report, "unknown content type: %s %s", report->name, type);
	return true;
}

/* Multipart callback: a part's headers have been read. */
static bool
report_part_begin(void *arg, const MultipartPartInfo *info)
{
	Report	   *report = arg;

	if (++report->parts > report->max_parts)
		return stop(report, VERDICT_TOO_LARGE);
	buffer_reset(&report->part);
	report->kind = classify(info);
	if (report->kind == REPORT_PART_DUMP)
		return begin_dump(report, info);
	strcpy(report->name, info->name);
	if (report->kind == REPORT_PART_JSON)
		report->has_json = true;
	else if (report->kind == REPORT_PART_ANNOTATION)
		report->has_kv = true;
	return true;
}

/* Multipart callback: the next piece of the current part's data. */
static bool
report_part_data(void *arg, const char *data, size_t len)
{
	Report	   *report = arg;

	if (report->kind == REPORT_PART_SKIP)
		return true;
	if (!buffer_append(&report->part, data, len))
		return stop(report, VERDICT_OUT_OF_MEMORY);
	return true;
}

/* A JSON part is complete: check it and let it replace the annotations. */
static bool
end_json(Report *report)
{
	Buffer		previous = report->json;
	size_t		members;
	JsonType	type = json_validate(buffer_str(&report->part),
									 report->part.len, &members);

	if (type == JSON_INVALID)
		return stop(report, VERDICT_INVALID_JSON);
	if (type != JSON_OBJECT)
		return stop(report, VERDICT_INVALID_JSON_VALUE);
	report->json = report->part;
	report->json_members = members;
	report->part = previous;
	buffer_reset(&report->kv);
	report->kv_count = 0;
	return true;
}

/* An annotation part is complete: add "name":"value" to the pairs. */
static bool
end_annotation(Report *report)
{
	const char *value = buffer_str(&report->part);
	size_t		len = report->part.len;
	Buffer	   *kv = &report->kv;

	if (memchr(value, '\0', len) != NULL || !json_utf8_valid(value, len))
		return add_note(report, "extract payload text part exception: "
						"invalid text or charset: utf-8");
	if ((kv->len > 0 && !buffer_append(kv, ",", 1)) ||
		!json_append_string(kv, report->name, strlen(report->name)) ||
		!buffer_append(kv, ":", 1) ||
		!json_append_string(kv, value, len))
		return stop(report, VERDICT_OUT_OF_MEMORY);
	report->kv_count++;
	return true;
}

/* The dump with this name, or NULL. */
static ReportDump *
find_dump(Report *report, const char *name)
{
	for (int i = 0; i < report->ndumps; i++)
		if (strcmp(report->dumps[i].name, name) == 0)
			return &report->dumps[i];
	return NULL;
}

/* A dump part is complete: keep its bytes, replacing a namesake. */
static bool
end_dump(Report *report)
{
	ReportDump *dump = find_dump(report, report->name);

	if (dump == NULL)
	{
		if (report->ndumps == report->dumps_cap)
		{
			int			cap = report->dumps_cap ? report->dumps_cap * 2 : 4;
			ReportDump *dumps = realloc(report->dumps, cap * sizeof(ReportDump));

			if (dumps == NULL)
				return stop(report, VERDICT_OUT_OF_MEMORY);
			report->dumps = dumps;
			report->dumps_cap = cap;
		}
		dump = &report->dumps[report->ndumps++];
		strcpy(dump->name, report->name);
	}
	else
		buffer_free(&dump->data);
	dump->data = report->part;
	buffer_init(&report->part);
	return true;
}

/* Multipart callback: the current part is complete. */
static bool
report_part_end(void *arg)
{
	Report	   *report = arg;

	switch (report->kind)
	{
		case REPORT_PART_JSON:
			return end_json(report);
		case REPORT_PART_ANNOTATION:
			return end_annotation(report);
		case REPORT_PART_DUMP:
			return end_dump(report);
		case REPORT_PART_SKIP:
			break;
	}
	return true;
}

const MultipartCallbacks report_callbacks = {
	report_part_begin, report_part_data, report_part_end
};

/* Append the form-field pairs and the closing brace. */
static bool
append_pairs(Report *report, bool comma)
{
	Buffer	   *out = &report->annotations;

	return (!comma || buffer_append(out, ",", 1)) &&
		buffer_append(out, buffer_str(&report->kv), report->kv.len) &&
		buffer_append(out, "}", 1);
}

/* Splice the form-field pairs into the JSON object, or make one of them. */
static bool
build_annotations(Report *report)
{
	Buffer	   *out = &report->annotations;
	const char *json = buffer_str(&report->json);

	buffer_reset(out);
	if (!report->has_json)
		return buffer_append(out, "{", 1) && append_pairs(report, false);
	if (report->kv_count == 0)
		return buffer_append(out, json, report->json.len);
	/* a valid object has no NUL and ends with '}' and maybe whitespace */
	return buffer_append(out, json, (size_t) (strrchr(json, '}') - json)) &&
		append_pairs(report, report->json_members > 0);
}

/*
 * The body has been parsed: check that there are annotations and build
 * the annotations object.  Returns the report's verdict.
 */
Verdict
report_finish(Report *report)
{
	if (report->verdict != VERDICT_OK)
		return report->verdict;
	if (report->json_members + report->kv_count == 0)
		return report->verdict = VERDICT_NO_ANNOTATIONS;
	if (report->has_json && report->has_kv &&
		!add_note(report, "includes annotations in both json-encoded extra "
				  "and formdata parts"))
		return report->verdict;
	if (!build_annotations(report))
		return report->verdict = VERDICT_OUT_OF_MEMORY;
	return VERDICT_OK;
}

/*
 * Write the collector's metadata object for this report: payload kind,
 * compression, size as received, notes and user agent ("None" if absent,
 * as Antenna writes it).
 */
bool
report_metadata(const Report *report, bool compressed, uint64_t payload_size,
				const char *user_agent, Buffer *out)
{
	char		size[32];

	if (user_agent == NULL)
		user_agent = "None";
	snprintf(size, sizeof(size), "%" PRIu64, payload_size);
	return buffer_append_str(out, "{\"payload\":\"") &&
		buffer_append_str(out, report->has_json ? "json" : "multipart") &&
		buffer_append_str(out, "\",\"payload_compressed\":\"") &&
		buffer_append_str(out, compressed ? "1" : "0") &&
		buffer_append_str(out, "\",\"payload_size\":") &&
		buffer_append_str(out, size) &&
		buffer_append_str(out, ",\"collector_notes\":[") &&
		buffer_append(out, buffer_str(&report->notes), report->notes.len) &&
		buffer_append_str(out, "],\"user_agent\":") &&
		json_append_string(out, user_agent, strlen(user_agent)) &&
		buffer_append_str(out, "}");
}

/* Free everything the report holds. */
void
report_free(Report *report)
{
	for (int i = 0; i < report->ndumps; i++)
		buffer_free(&report->dumps[i].data);
	free(report->dumps);
	buffer_free(&report->part);
	buffer_free(&report->json);
	buffer_free(&report->kv);
	buffer_free(&report->notes);
	buffer_free(&report->annotations);
	report_init(report, 0);
}
