/*-------------------------------------------------------------------------
 * collector/body.c
 *	  gzip -> multipart -> report, chunk by chunk.  The first error
 *	  decides the verdict and the input after it is ignored; the HTTP
 *	  layer keeps reading the body to its end and then answers.
 *
 *	  One exception: in a gzip body, a corrupt or truncated gzip stream is
 *	  reported as malformed_bad_gzip even when the multipart inside broke
 *	  first, because Antenna decompresses the whole body before parsing
 *	  it.  So decompression runs on after a parser error, and its output
 *	  is dropped.
 *-------------------------------------------------------------------------
 */
#include "body.h"

#include <string.h>

#include "httphdr.h"

/* The verdict for a multipart status, noting the detail for the log. */
static Verdict
multipart_verdict(Body *body, MultipartStatus status)
{
	if (status != MULTIPART_OK && status != MULTIPART_STOPPED)
		body->detail = multipart_status_text(status);
	switch (status)
	{
		case MULTIPART_OK:
			return VERDICT_OK;
		case MULTIPART_STOPPED:
			if (body->report.verdict == VERDICT_TOO_LARGE)
				body->detail = "more parts than the limit";
			return body->report.verdict;
		case MULTIPART_NO_MEMORY:
			return VERDICT_OUT_OF_MEMORY;
		case MULTIPART_BAD_BOUNDARY:
			return VERDICT_NO_BOUNDARY;
		default:
			return VERDICT_INVALID_PAYLOAD_STRUCTURE;
	}
}

/* The verdict for a gunzip status, noting the detail for the log. */
static Verdict
gunzip_verdict(Body *body, GunzipStatus status)
{
	switch (status)
	{
		case GUNZIP_OK:
			return VERDICT_OK;
		case GUNZIP_NO_MEMORY:
			return VERDICT_OUT_OF_MEMORY;
		case GUNZIP_TOO_LARGE:
			body->detail = "decompressed body over the size limit";
			return VERDICT_TOO_LARGE;
		case GUNZIP_TRUNCATED:
			body->detail = "gzip stream truncated";
			return VERDICT_BAD_GZIP;
		case GUNZIP_BAD_DATA:
		case GUNZIP_STOPPED:
			break;
	}
	body->detail = "corrupt gzip data";
	return VERDICT_BAD_GZIP;
}

/*
 * Gunzip sink: decompressed bytes go to the multipart parser.  After the
 * parser has failed, the rest is dropped but decompression goes on, so
 * that a broken gzip stream is still reported as malformed_bad_gzip.
 */
static bool
to_multipart(void *arg, const char *data, size_t len)
{
	Body	   *body = arg;

	if (body->multipart_status == MULTIPART_OK)
		body->multipart_status = multipart_feed(body->multipart, data, len);
	return true;
}

/*
 * Check a request's Content-Type: it must be multipart/form-data or
 * multipart/mixed with a usable boundary, which is copied to boundary.
 */
Verdict
body_content_type(const char *content_type, char *boundary, size_t cap)
{
	char		media[64];

	if (content_type == NULL || content_type[strspn(content_type, " \t")] == '\0')
		return VERDICT_NO_CONTENT_TYPE;
	if (!httphdr_media_type(content_type, media, sizeof(media)) ||
		(strcmp(media, "multipart/form-data") != 0 &&
		 strcmp(media, "multipart/mixed") != 0))
		return VERDICT_WRONG_CONTENT_TYPE;
	if (httphdr_param(content_type, "boundary", boundary, cap) != HTTPHDR_FOUND ||
		!multipart_boundary_valid(boundary))
		return VERDICT_NO_BOUNDARY;
	return VERDICT_OK;
}

/*
 * Set up the pipeline for one body.  max_decompressed limits the output
 * of gzip; max_parts the number of parts.
 */
Verdict
body_init(Body *body, const char *boundary, bool gzip,
		  size_t max_decompressed, int max_parts)
{
	memset(body, 0, sizeof(*body));
	report_init(&body->report, max_parts);
	body->multipart_status = multipart_create(&body->multipart, boundary,
											  &report_callbacks, &body->report);
	body->verdict = multipart_verdict(body, body->multipart_status);
	if (body->verdict == VERDICT_OK && gzip)
		body->verdict = gunzip_verdict(body,
									   gunzip_create(&body->gunzip, max_decompressed,
													 to_multipart, body));
	return body->verdict;
}

/*
 * Push the next chunk of the body through the pipeline.  Returns the
 * verdict so far; feeding a body that has failed is harmless.
 */
Verdict
body_feed(Body *body, const char *data, size_t len)
{
	if (body->verdict != VERDICT_OK)
		return body->verdict;
	if (body->gunzip)
	{
		/* a parser error is final only once the gzip stream proves sound */
		body->verdict = gunzip_verdict(body, gunzip_feed(body->gunzip, data, len));
		return body->verdict != VERDICT_OK ? body->verdict :
			multipart_verdict(body, body->multipart_status);
	}
	body->multipart_status = multipart_feed(body->multipart, data, len);
	body->verdict = multipart_verdict(body, body->multipart_status);
	return body->verdict;
}

/* The body has ended: finish each stage and build the report. */
Verdict
body_finish(Body *body)
{
	if (body->verdict == VERDICT_OK && body->gunzip)
		body->verdict = gunzip_verdict(body, gunzip_finish(body->gunzip));
	if (body->verdict == VERDICT_OK && body->multipart_status == MULTIPART_OK)
		body->multipart_status = multipart_finish(body->multipart);
	if (body->verdict == VERDICT_OK)
		body->verdict = multipart_verdict(body, body->multipart_status);
	if (body->verdict == VERDICT_OK)
		body->verdict = report_finish(&body->report);
	return body->verdict;
}

/* Free the pipeline and the report. */
void
body_free(Body *body)
{
	gunzip_free(body->gunzip);
	multipart_free(body->multipart);
	report_free(&body->report);
	body->gunzip = NULL;
	body->multipart = NULL;
}
