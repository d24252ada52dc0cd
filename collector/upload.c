/*-------------------------------------------------------------------------
 * collector/upload.c
 *	  POST /submit: one crash report per request.
 *
 *	  The headers are checked on the first call; a bad Content-Type or
 *	  length is answered at once, before the client sends its body (a
 *	  client that sent "Expect: 100-continue" is spared the upload).  The
 *	  body then streams through body.c as it arrives, holding only the part
 *	  being read and what was collected.  An error in the body is recorded
 *	  and answered once the whole body has arrived: libmicrohttpd can only
 *	  queue a reply before or after the upload.  Then the report is stored
 *	  with one SQL call, and the reply is sent only after it returned.
 *
 *	  A body with a Content-Length over --max-body-size is refused with
 *	  413 up front.  A chunked body has no announced length; if it grows
 *	  over the limit the connection is closed, as there is no other way to
 *	  stop a client that keeps sending.
 *-------------------------------------------------------------------------
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "body.h"
#include "log.h"
#include "metrics.h"
#include "crashid.h"
#include "server.h"
#include "spool.h"
#include "submit.h"

typedef struct Upload
{
	Body		body;
	Verdict		refused;		/* why the headers were refused, or OK */
	bool		gzip;			/* Content-Encoding: gzip */
	uint64_t	content_length; /* as announced; 0 for a chunked body */
	uint64_t	received;		/* body bytes so far, as sent */
	struct timespec started;
} Upload;

/* Free an upload (Request free_state callback). */
static void
upload_free(void *state)
{
	Upload	   *upload = state;

	body_free(&upload->body);
	free(upload);
}

/* Milliseconds since the upload started. */
static long
elapsed_ms(const Upload *upload)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long) ((now.tv_sec - upload->started.tv_sec) * 1000 +
				   (now.tv_nsec - upload->started.tv_nsec) / 1000000);
}

/* The body size as sent: announced, or counted for a chunked body. */
static uint64_t
body_size(const Upload *upload)
{
	return upload->content_length ? upload->content_length : upload->received;
}

/* A request header, or NULL. */
static const char *
header(struct MHD_Connection *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

/*
 * Check the request headers the way Antenna does, in its order, and get
 * the boundary and whether the body is gzip.
 */
static Verdict
check_headers(struct MHD_Connection *conn, const Config *config,
			  Upload *upload, char *boundary, size_t cap)
{
	const char *length = header(conn, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *transfer = header(conn, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	const char *encoding = header(conn, MHD_HTTP_HEADER_CONTENT_ENCODING);
	size_t		translen = transfer ? strlen(transfer) : 0;
	bool		chunked = translen >= 7 &&
		strcasecmp(transfer + translen - 7, "chunked") == 0;
	Verdict		verdict = body_content_type(header(conn, MHD_HTTP_HEADER_CONTENT_TYPE),
											boundary, cap);

	/* libmicrohttpd has already refused a malformed Content-Length */
	upload->content_length = length && !chunked ? strtoull(length, NULL, 10) : 0;
	if (verdict != VERDICT_OK)
		return verdict;
	if (upload->content_length == 0 && !chunked)
		return VERDICT_NO_CONTENT_LENGTH;
	if (upload->content_length > config->max_body_size)
		return VERDICT_TOO_LARGE;
	upload->gzip = encoding && strcasecmp(encoding, "gzip") == 0;
	return VERDICT_OK;
}

/* Answer with Discarded=<reason> and log it. */
static enum MHD_Result
reply_discarded(struct MHD_Connection *conn, const Upload *upload,
				Verdict verdict, const char *detail)
{
	char		body[64];

	snprintf(body, sizeof(body), "Discarded=%s\n", verdict_reason(verdict));
	metrics_count_discarded(verdict, body_size(upload), elapsed_ms(upload));
	log_msg("discarded %s: status %u, %" PRIu64 " bytes, %ld ms%s%s",
			verdict_reason(verdict), verdict_http_status(verdict),
			body_size(upload), elapsed_ms(upload), detail ? ": " : "",
			detail ? detail : "");
	return server_reply(conn, verdict_http_status(verdict), "text/plain", body);
}

/* Answer a stored (or throttled) crash and log it. */
static enum MHD_Result
reply_submitted(struct MHD_Connection *conn, const Upload *upload,
				const SubmitResult *result)
{
	char		body[256];

	if (strcmp(result->result, "reject") == 0)
		snprintf(body, sizeof(body), "Discarded=rule_%s\n", result->rule);
	else
		snprintf(body, sizeof(body), "CrashID=bp-%s\n", result->crash_id);
	metrics_count_answered(result->result, body_size(upload), upload->gzip, elapsed_ms(upload));
	log_msg("crash bp-%s: %s by rule %s, %" PRIu64 " bytes%s, %d dumps, %ld ms",
			result->crash_id, result->result, result->rule, body_size(upload),
			upload->gzip ? " gzip" : "", upload->body.report.ndumps,
			elapsed_ms(upload));
	return server_reply(conn, MHD_HTTP_OK, "text/plain", body);
}

/* Answer a report spooled during an outage: accepted, stored later. */
static enum MHD_Result
reply_spooled(struct MHD_Connection *conn, const Upload *upload, const char *crash_id,
			  const char *why)
{
	char		body[64];

	snprintf(body, sizeof(body), "CrashID=bp-%s\n", crash_id);
	metrics_count_answered("accept", body_size(upload), upload->gzip, elapsed_ms(upload));
	log_msg("crash bp-%s: spooled, %" PRIu64 " bytes, %ld ms (%s)",
			crash_id, body_size(upload), elapsed_ms(upload), why);
	return server_reply(conn, MHD_HTTP_OK, "text/plain", body);
}

/*
 * Store the report (or spool it when the database is down and a spool is
 * configured) and answer.  Only a committed or fsynced crash gets an id.
 */
static enum MHD_Result
store_and_answer(Request *req, struct MHD_Connection *conn, Upload *upload,
				 const char *metadata)
{
	Server	   *server = req->server;
	const Report *report = &upload->body.report;
	char		id[CRASHID_LEN + 1];
	SubmitResult result;

	if (!crashid_new(time(NULL), id))
		return reply_discarded(conn, upload, VERDICT_OUT_OF_MEMORY, "no randomness for a crash id");
	submit_report(server->pool, report, metadata, id, false, &result);
	if (result.verdict == VERDICT_DATABASE_UNAVAILABLE && server->spool != NULL)
	{
		char		error[512];

		if (spool_write(server->spool, id, report, metadata, error, sizeof(error)))
			return reply_spooled(conn, upload, id, result.error);
		log_msg("%s", error);
	}
	if (result.verdict != VERDICT_OK)
		return reply_discarded(conn, upload, result.verdict, result.error);
	return reply_submitted(conn, upload, &result);
}

/* First call: check the headers, answering at once if they are wrong. */
static enum MHD_Result
upload_begin(Request *req, struct MHD_Connection *conn)
{
	const Config *config = req->server->config;
	char		boundary[MULTIPART_MAX_BOUNDARY + 1];
	Upload	   *upload = calloc(1, sizeof(*upload));

	if (upload == NULL)
		return MHD_NO;
	clock_gettime(CLOCK_MONOTONIC, &upload->started);
	req->state = upload;
	req->free_state = upload_free;
	upload->refused = check_headers(conn, config, upload, boundary, sizeof(boundary));
	if (upload->refused == VERDICT_OK)
		upload->refused = body_init(&upload->body, boundary, upload->gzip,
									config->max_decompressed_size,
									(int) config->max_parts);
	if (upload->refused != VERDICT_OK)
		return reply_discarded(conn, upload, upload->refused, NULL);
	return MHD_YES;
}

/* A piece of body: count it and push it through the parser. */
static enum MHD_Result
upload_consume(Request *req, const char *data, size_t len)
{
	Upload	   *upload = req->state;

	upload->received += len;
	if (upload->received > req->server->config->max_body_size)
	{
		log_msg("closed a chunked upload at %" PRIu64 " bytes: over --max-body-size",
				upload->received);
		return MHD_NO;
	}
	if (upload->refused == VERDICT_OK)
		body_feed(&upload->body, data, len);
	return MHD_YES;
}

/* The body is complete: finish the report, store it and answer. */
static enum MHD_Result
upload_end(Request *req, struct MHD_Connection *conn)
{
	Upload	   *upload = req->state;
	const char *agent = header(conn, MHD_HTTP_HEADER_USER_AGENT);
	Verdict		verdict;
	Buffer		metadata;
	enum MHD_Result ret;

	if (upload->refused != VERDICT_OK)
		return MHD_YES;			/* answered on the first call */
	verdict = body_finish(&upload->body);
	if (verdict != VERDICT_OK)
		return reply_discarded(conn, upload, verdict, upload->body.detail);
	buffer_init(&metadata);
	if (!report_metadata(&upload->body.report, upload->gzip, body_size(upload),
						 agent, &metadata))
	{
		buffer_free(&metadata);
		return reply_discarded(conn, upload, VERDICT_OUT_OF_MEMORY, NULL);
	}
	ret = store_and_answer(req, conn, upload, metadata.data);
	buffer_free(&metadata);
	return ret;
}

/* Route handler for POST /submit. */
enum MHD_Result
upload_handle(Request *req, struct MHD_Connection *conn, const char *data,
			  size_t *size)
{
	size_t		len = *size;

	if (req->state == NULL)
		return upload_begin(req, conn);
	*size = 0;
	if (len > 0)
		return upload_consume(req, data, len);
	return upload_end(req, conn);
}
