/*-------------------------------------------------------------------------
 * collector/fuzz_multipart.c
 *	  libFuzzer harness for the body path (gunzip -> multipart -> report),
 *	  everything a client controls.  Build with `make fuzz`, run with
 *	  ./fuzz_multipart -max_total_time=60.
 *
 *	  Input: byte 0 chooses gzip (bit 0: gzip the rest ourselves, so the
 *	  parser behind gzip is reached; bit 1: hand the rest to gunzip as
 *	  is), byte 1 seeds the chunk sizes, the rest is the body, with
 *	  boundary "XyZ".  Besides the sanitizers, it checks two properties:
 *	  the result does not depend on how the body is cut into chunks, and
 *	  an accepted report's annotations and metadata are valid JSON objects.
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "body.h"
#include "json.h"

#define FUZZ_MAX_DECOMPRESSED (1024 * 1024)
#define FUZZ_MAX_PARTS 64

/* gzip data into out (caller frees out->data). */
static void
gzip_into(const uint8_t *data, size_t len, Buffer *out)
{
	z_stream	zs;
	char		chunk[4096];
	int			ret;

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
				 Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *) data;
	zs.avail_in = (uInt) len;
	do
	{
		zs.next_out = (Bytef *) chunk;
		zs.avail_out = sizeof(chunk);
		ret = deflate(&zs, Z_FINISH);
		buffer_append(out, chunk, sizeof(chunk) - zs.avail_out);
	} while (ret == Z_OK);
	deflateEnd(&zs);
}

/* Write the verdict and everything collected into out, for comparing. */
static void
summarize(Body *body, Verdict verdict, Buffer *out)
{
	Report	   *report = &body->report;

	buffer_append_str(out, verdict_reason(verdict));
	if (verdict != VERDICT_OK)
		return;
	buffer_append(out, "\n", 1);
	buffer_append(out, buffer_str(&report->annotations), report->annotations.len);
	buffer_append(out, "\n", 1);
	buffer_append(out, buffer_str(&report->notes), report->notes.len);
	for (int i = 0; i < report->ndumps; i++)
	{
		buffer_append(out, "\n", 1);
		buffer_append_str(out, report->dumps[i].name);
		buffer_append(out, "=", 1);
		buffer_append(out, buffer_str(&report->dumps[i].data),
					  report->dumps[i].data.len);
	}
}

/* An accepted report must produce JSON objects the database will take. */
static void
check_json(Body *body)
{
	Buffer		metadata;

	if (json_validate(buffer_str(&body->report.annotations),
					  body->report.annotations.len, NULL) != JSON_OBJECT)
		abort();
	buffer_init(&metadata);
	if (!report_metadata(&body->report, true, 1, "fuzz\xff", &metadata) ||
		json_validate(metadata.data, metadata.len, NULL) != JSON_OBJECT)
		abort();
	buffer_free(&metadata);
}

/* Parse data cut into chunks (seed 0: one chunk); summarize into out. */
static void
parse(const char *data, size_t len, bool gzip, unsigned int seed, Buffer *out)
{
	Body		body;
	Verdict		verdict = body_init(&body, "XyZ", gzip, FUZZ_MAX_DECOMPRESSED,
									FUZZ_MAX_PARTS);
	size_t		pos = 0;

	while (verdict == VERDICT_OK && pos < len)
	{
		size_t		n = len - pos;

		if (seed != 0)
		{
			seed = seed * 1103515245u + 12345u;
			n = 1 + (seed >> 16) % 64;
			n = n < len - pos ? n : len - pos;
		}
		body_feed(&body, data + pos, n);
		pos += n;
	}
	verdict = body_finish(&body);
	if (verdict == VERDICT_OK)
		check_json(&body);
	summarize(&body, verdict, out);
	body_free(&body);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Buffer		input;
	Buffer		whole;
	Buffer		chunked;
	bool		gzip;

	if (size < 2)
		return 0;
	gzip = (data[0] & 3) != 0;
	buffer_init(&input);
	if (data[0] & 1)
		gzip_into(data + 2, size - 2, &input);
	else
		buffer_append(&input, data + 2, size - 2);
	buffer_init(&whole);
	buffer_init(&chunked);
	parse(buffer_str(&input), input.len, gzip, 0, &whole);
	parse(buffer_str(&input), input.len, gzip, data[1] | 0x100u, &chunked);
	if (whole.len != chunked.len || memcmp(buffer_str(&whole), buffer_str(&chunked), whole.len) != 0)
	{
		fprintf(stderr, "chunking changed the result:\n%s\n---\n%s\n",
				buffer_str(&whole), buffer_str(&chunked));
		abort();
	}
	buffer_free(&input);
	buffer_free(&whole);
	buffer_free(&chunked);
	return 0;
}
