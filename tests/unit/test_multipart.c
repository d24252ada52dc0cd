/*-------------------------------------------------------------------------
 * tests/unit/test_multipart.c
 *	  Unit tests of the collector's body path without a server or a
 *	  database: the multipart parser, gzip bodies, Antenna's part rules in
 *	  report.c, the JSON validator and writer, and the request
 *	  Content-Type check.  Bodies are written out by hand so that every
 *	  expected result can be read next to its input.
 *
 *	  Build and run from the repository root:
 *	  cc -I collector -o /tmp/test_multipart tests/unit/test_multipart.c \
 *		collector/multipart.c collector/gunzip.c collector/report.c \
 *		collector/json.c collector/body.c collector/buffer.c \
 *		collector/httphdr.c collector/verdict.c -lz && /tmp/test_multipart
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "body.h"
#include "buffer.h"
#include "json.h"
#include "unit.h"

#define MiB (1024 * 1024)
#define REAL_DUMP "../shared/testdata/breakpad/minidump2.dmp"

/* How a test body is cut into chunks before it is fed. */
typedef enum Chunking
{
	WHOLE,						/* one chunk */
	BYTES,						/* one byte at a time */
	RANDOM						/* random sizes from 1 to 97 */
} Chunking;

/* A small deterministic PRNG, so failures can be reproduced. */
static unsigned int
next_random(unsigned int *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/* Append bytes to out in C-escape form, so binary dumps can be compared. */
static void
append_escaped(Buffer *out, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char) data[i];
		char		esc[8];

		if (ch == '\r')
			buffer_append_str(out, "\\r");
		else if (ch == '\n')
			buffer_append_str(out, "\\n");
		else if (ch < 0x20 || ch >= 0x7f || ch == '\\')
		{
			snprintf(esc, sizeof(esc), "\\x%02x", ch);
			buffer_append_str(out, esc);
		}
		else
			buffer_append(out, &ch, 1);
	}
}

/*
 * Describe a finished body in one string: the verdict reason, then the
 * annotations, the notes and each dump (name=escaped bytes), one a line.
 */
static char *
describe(Body *body, Verdict verdict)
{
	Report	   *report = &body->report;
	Buffer		out;

	buffer_init(&out);
	buffer_append_str(&out, verdict_reason(verdict));
	if (verdict == VERDICT_OK)
	{
		buffer_append_str(&out, "\n");
		buffer_append_str(&out, buffer_str(&report->annotations));
		buffer_append_str(&out, "\n[");
		buffer_append_str(&out, buffer_str(&report->notes));
		buffer_append_str(&out, "]");
		for (int i = 0; i < report->ndumps; i++)
		{
			buffer_append_str(&out, "\n");
			buffer_append_str(&out, report->dumps[i].name);
			buffer_append_str(&out, "=");
			append_escaped(&out, buffer_str(&report->dumps[i].data),
						   report->dumps[i].data.len);
		}
	}
	return out.data ? out.data : strdup("");
}

/* Feed a body in chunks and return its description (caller frees). */
static char *
parse_with(const char *data, size_t len, const char *boundary, bool gzip,
		   Chunking chunking, unsigned int seed, size_t max_decompressed,
		   int max_parts)
{
	Body		body;
	Verdict		verdict = body_init(&body, boundary, gzip, max_decompressed, max_parts);
	size_t		pos = 0;
	char	   *text;

	while (verdict == VERDICT_OK && pos < len)
	{
		size_t		n = len - pos;

		if (chunking == BYTES)
			n = 1;
		else if (chunking == RANDOM)
			n = 1 + next_random(&seed) % 97;
		if (n > len - pos)
			n = len - pos;
		verdict = body_feed(&body, data + pos, n);
		pos += n;
	}
	if (verdict == VERDICT_OK)
		verdict = body_finish(&body);
	text = describe(&body, verdict);
	body_free(&body);
	return text;
}

/* Parse a plain body with boundary "XyZ" and default limits. */
static char *
parse(const char *data, size_t len, Chunking chunking)
{
	return parse_with(data, len, "XyZ", false, chunking, 42, 100 * MiB, 64);
}

/* Parse a C-string body whole and check the description exactly. */
#define CHECK_PARSE(body, want) check_parse((body), sizeof(body) - 1, (want), __LINE__)

/* Check that a body parses to want in every chunking. */
static void
check_parse(const char *data, size_t len, const char *want, int line)
{
	Chunking	chunkings[] = {WHOLE, BYTES, RANDOM};

	for (size_t i = 0; i < sizeof(chunkings) / sizeof(Chunking); i++)
	{
		char	   *got = parse(data, len, chunkings[i]);

		unit_check_str(got, want, "parse result", __FILE__, line);
		free(got);
	}
}

/* gzip-compress data (caller frees *out); returns the compressed size. */
static size_t
gzip_bytes(const char *data, size_t len, char **out)
{
	z_stream	zs;
	size_t		cap = len + len / 100 + 1024;

	memset(&zs, 0, sizeof(zs));
	*out = malloc(cap);
	deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9,
				 Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *) data;
	zs.avail_in = (uInt) len;
	zs.next_out = (Bytef *) *out;
	zs.avail_out = (uInt) cap;
	deflate(&zs, Z_FINISH);
	deflateEnd(&zs);
	return zs.total_out;
}

static const char form_body[] =
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"ProductName\"\r\n"
	"\r\n"
	"Firefox\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"Version\"\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n"
	"\r\n"
	"1.0\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"a.dmp\"\r\n"
	"Content-Type: application/octet-stream\r\n"
	"\r\n"
	"MDMP\x00\x01\r\n"
	"--XyZ--\r\n";

static const char form_want[] =
	"ok\n"
	"{\"ProductName\":\"Firefox\",\"Version\":\"1.0\"}\n"
	"[]\n"
	"upload_file_minidump=MDMP\\x00\\x01";

/* Form fields and one dump, as Breakpad clients send them. */
static void
test_form_fields(void)
{
	Body		body;
	Buffer		meta;

	CHECK_PARSE(form_body, form_want);

	/* the metadata object for the same body */
	buffer_init(&meta);
	body_init(&body, "XyZ", false, MiB, 64);
	body_feed(&body, form_body, sizeof(form_body) - 1);
	CHECK_INT(body_finish(&body), VERDICT_OK);
	CHECK(report_metadata(&body.report, false, 123, NULL, &meta));
	CHECK_STR(buffer_str(&meta),
			  "{\"payload\":\"multipart\",\"payload_compressed\":\"0\","
			  "\"payload_size\":123,\"collector_notes\":[],\"user_agent\":\"None\"}");
	body_free(&body);
	buffer_free(&meta);
}

/* The shape Firefox sends: an extra JSON part and a pcap-typed dump. */
static void
test_firefox_shape(void)
{
	static const char data[] =
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"extra\"; filename=\"extra.json\"\r\n"
		"Content-Type: application/json\r\n"
		"\r\n"
		"{\"ProductName\":\"Firefox\",\"Version\":\"153.7.0\",\"Throttleable\":\"1\"}\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"0b1c.dmp\"\r\n"
		"Content-Type: application/vnd.tcpdump.pcap\r\n"
		"\r\n"
		"MDMP\r\n"
		"--XyZ--\r\n";
	Body		body;
	Buffer		meta;

	CHECK_PARSE(data,
				"ok\n"
				"{\"ProductName\":\"Firefox\",\"Version\":\"153.7.0\",\"Throttleable\":\"1\"}\n"
				"[\"unknown content type: upload_file_minidump application/vnd.tcpdump.pcap\"]\n"
				"upload_file_minidump=MDMP");

	buffer_init(&meta);
	body_init(&body, "XyZ", false, MiB, 64);
	body_feed(&body, data, sizeof(data) - 1);
	CHECK_INT(body_finish(&body), VERDICT_OK);
	CHECK(report_metadata(&body.report, true, 1124869,
						  "crashreporter/153.7.0 (linux x86_64)", &meta));
	CHECK_STR(buffer_str(&meta),
			  "{\"payload\":\"json\",\"payload_compressed\":\"1\",\"payload_size\":1124869,"
			  "\"collector_notes\":[\"unknown content type: upload_file_minidump "
			  "application/vnd.tcpdump.pcap\"],"
			  "\"user_agent\":\"crashreporter/153.7.0 (linux x86_64)\"}");
	body_free(&body);
	buffer_free(&meta);
}

/* Several dumps; a second dump of the same name replaces the first. */
static void
test_several_dumps(void)
{
	CHECK_PARSE("--XyZ\r\n"
				"Content-Disposition: form-data; name=ProductName\r\n\r\n"
				"Firefox\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"a\"\r\n"
				"Content-Type: application/octet-stream\r\n\r\n"
				"first\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"upload_file_minidump_browser\"; filename=\"b\"\r\n"
				"Content-Type: application/octet-stream\r\n\r\n"
				"browser\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"memory_report\"; filename=\"m.json.gz\"\r\n"
				"Content-Type: application/octet-stream\r\n\r\n"
				"\x1f\x8b\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"a\"\r\n"
				"Content-Type: application/octet-stream\r\n\r\n"
				"second\r\n"
				"--XyZ--",
				"ok\n"
				"{\"ProductName\":\"Firefox\"}\n"
				"[]\n"
				"upload_file_minidump=second\n"
				"upload_file_minidump_browser=browser\n"
				"memory_report=\\x1f\\x8b");
}

/*
 * Dump bytes that look like line ends and partial delimiters are data:
 * CRLF, CR CR LF "--Xy" that stops short, "--XyZ" after LF alone, a
 * CRLF and a CR inside partial delimiters, and CRs right before the real
 * delimiter.
 */
static void
test_near_boundary_bytes(void)
{
	CHECK_PARSE("--XyZ\r\n"
				"Content-Disposition: form-data; name=a\r\n\r\n"
				"1\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=d; filename=f\r\n"
				"Content-Type: application/octet-stream\r\n\r\n"
				"\r\n\r\r\n--Xy_ \n--XyZ\r\n--Xy\r\n-\r\n--X\x00yZ\r\r\r"
				"\r\n--XyZ--",
				"ok\n"
				"{\"a\":\"1\"}\n"
				"[]\n"
				"d=\\r\\n\\r\\r\\n--Xy_ \\n--XyZ\\r\\n--Xy\\r\\n-\\r\\n--X\\x00yZ\\r\\r\\r");
}

/* Every split of a body into two chunks gives the one-chunk result. */
static void
test_every_split(void)
{
	size_t		len = sizeof(form_body) - 1;
	int			bad = 0;

	for (size_t at = 0; at <= len; at++)
	{
		Body		body;
		char	   *got;

		body_init(&body, "XyZ", false, MiB, 64);
		body_feed(&body, form_body, at);
		body_feed(&body, form_body + at, len - at);
		got = describe(&body, body_finish(&body));
		bad += strcmp(got, form_want) != 0;
		free(got);
		body_free(&body);
	}
	CHECK_INT(bad, 0);
}

/* A preamble, transport padding after a delimiter, and an epilogue. */
static void
test_preamble_padding_epilogue(void)
{
	CHECK_PARSE("This is the preamble; --XyZ in mid-line is no delimiter.\r\n"
				"--XyZ \t\r\n"
				"content-disposition: form-data; name=\"a\"\r\n\r\n"
				"x\r\n"
				"--XyZ--  and this is the epilogue\r\n--XyZ\r\nignored",
				"ok\n{\"a\":\"x\"}\n[]");
}

/* Header spellings: case, quoting, escapes, parameters in any order. */
static void
test_header_spellings(void)
{
	CHECK_PARSE("--XyZ\r\n"
				"CONTENT-DISPOSITION: form-data; filename=\"x;y\"; name=\"say \\\"hi\\\"\"\r\n"
				"content-type: application/octet-stream\r\n\r\n"
				"d\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name = \"tab\\there\" \r\n"
				"X-Other: ignored\r\n\r\n"
				"v\"\\\r\n"
				"--XyZ--",
				"ok\n"
				"{\"tabthere\":\"v\\\"\\\\\"}\n"
				"[]\n"
				"sayhi=d");
}

/* Antenna's part rules: no name, a filename on text, unknown types. */
static void
test_classification(void)
{
	CHECK_PARSE("--XyZ\r\n"
				"Content-Disposition: form-data; filename=\"junk\"\r\n\r\n"
				"dropped: no name\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"\"\r\n\r\n"
				"dropped: empty name\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"ProductName\"\r\n"
				"Content-Type: text/plain; charset=utf-8\r\n\r\n"
				"Firefox\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"dump\"\r\n\r\n"
				"ou812\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"notes\"\r\n"
				"Content-Type: image/png\r\n\r\n"
				"png\r\n"
				"--XyZ--\r\n",
				"ok\n"
				"{\"ProductName\":\"Firefox\"}\n"
				"[\"unknown content type: upload_file_minidump text/plain\","
				"\"unknown content type: notes image/png\"]\n"
				"upload_file_minidump=ou812\n"
				"notes=png");
}

/* Dump names keep [A-Za-z0-9_] only and are cut to 30 characters. */
static void
test_dump_name_sanitizing(void)
{
	CHECK_PARSE("--XyZ\r\n"
				"Content-Disposition: form-data; name=a\r\n\r\n"
				"1\r\n"
				"--XyZ\r\n"
				"Content-Disposition: form-data; name=\"upload_file_minidump-content.1/../x\xc3\xa9yz0123456789\"; filename=f\r\n"
				"Content-Type: application/octet-stream\r\n\r\n"
				"d\r\n"
				"--XyZ--",
				"ok\n{\"a\":\"1\"}\n[]\n"
				"upload_file_minidumpcontent1xy=d");
}

/* Reserved dump names, also when they appear only after sanitizing. */
static void
test_reserved_dump_names(void)
{
	const char *names[] = {"dump_names", "processed_crash", "raw_crash", "raw_crash!"};

	for (size_t i = 0; i < sizeof(names) / sizeof(char *); i++)
	{
		char		data[512];
		int			len = snprintf(data, sizeof(data),
								   "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
								   "--XyZ\r\nContent-Disposition: form-data; name=\"%s\"; filename=f\r\n"
								   "Content-Type: application/octet-stream\r\n\r\nd\r\n--XyZ--",
								   names[i]);

		check_parse(data, (size_t) len, "malformed_invalid_dump_name", __LINE__);
	}
	/* "rawcrash" is not reserved */
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=\"raw-crash\"; filename=f\r\n"
				"Content-Type: application/octet-stream\r\n\r\nd\r\n--XyZ--",
				"ok\n{\"a\":\"1\"}\n[]\nrawcrash=d");
}

/* The JSON part must be valid JSON, and an object. */
static void
test_json_part_errors(void)
{
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n"
				"{\"ProductName\":\"Firefox\n\"}\r\n--XyZ--",
				"malformed_invalid_json");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n"
				"{\"a\":\"1\"} {}\r\n--XyZ--",
				"malformed_invalid_json");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json; charset=utf-8\r\n\r\n"
				"\r\n--XyZ--",
				"malformed_invalid_json");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n"
				"\"badvalue\"\r\n--XyZ--",
				"malformed_invalid_json_value");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n"
				"[{\"a\":\"1\"}]\r\n--XyZ--",
				"malformed_invalid_json_value");
}

/* JSON replaces what came before it; form fields after it are added. */
static void
test_json_and_form_fields(void)
{
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=Dropped\r\n\r\nx\r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n"
				" {\"ProductName\":\"Firefox\",\"Version\":\"1.0\"} \r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=Version\r\n\r\n2.0\r\n"
				"--XyZ--",
				"ok\n"
				" {\"ProductName\":\"Firefox\",\"Version\":\"1.0\",\"Version\":\"2.0\"}\n"
				"[\"includes annotations in both json-encoded extra and formdata parts\"]");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n"
				"{ }\r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=Version\r\n\r\n2.0\r\n"
				"--XyZ--",
				"ok\n"
				"{ \"Version\":\"2.0\"}\n"
				"[\"includes annotations in both json-encoded extra and formdata parts\"]");
}

/* A value that is not UTF-8 (or has a NUL) is dropped with a note. */
static void
test_undecodable_annotation(void)
{
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=Version\r\n\r\n100\r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=ProductName\r\n\r\n\xde\xde\xde\r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=Nul\r\n\r\na\x00" "b\r\n"
				"--XyZ\r\nContent-Disposition: form-data; name=Text\r\n\r\n"
				"caf\xc3\xa9\ttab\x01\r\n"
				"--XyZ--",
				"ok\n"
				"{\"Version\":\"100\",\"Text\":\"caf\xc3\xa9\\ttab\\u0001\"}\n"
				"[\"extract payload text part exception: invalid text or charset: utf-8\","
				"\"extract payload text part exception: invalid text or charset: utf-8\"]");
}

/* Reports without annotations are refused. */
static void
test_no_annotations(void)
{
	CHECK_PARSE("--XyZ--\r\n", "malformed_no_annotations");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=upload_file_minidump; filename=f\r\n"
				"Content-Type: application/octet-stream\r\n\r\nMDMP\r\n--XyZ--",
				"malformed_no_annotations");
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=extra\r\n"
				"Content-Type: application/json\r\n\r\n{}\r\n--XyZ--",
				"malformed_no_annotations");
}

/* Structural errors are malformed_invalid_payload_structure. */
static void
test_bad_structure(void)
{
	const char *bodies[] = {
		/* no final boundary */
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ-",
		/* no boundary at all */
		"ProductName=Firefox",
		"",
		/* the boundary followed by something else */
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZx\r\n--XyZ--",
		/* bare LF line ends */
		"--XyZ\nContent-Disposition: form-data; name=a\n\n1\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\n\r\n1\r\n--XyZ--",
		/* a bare CR, a folded line, a line without a colon, a NUL */
		"--XyZ\r\nContent-Disposition: form-data;\r name=a\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition form-data; name=a\r\n\r\n1\r\n--XyZ--",
		/* an unterminated quoted name */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--",
	};

	for (size_t i = 0; i < sizeof(bodies) / sizeof(char *); i++)
		check_parse(bodies[i], strlen(bodies[i]),
					"malformed_invalid_payload_structure", __LINE__);
	CHECK_PARSE("--XyZ\r\nContent-Disposition: form-data; name=\"a\x00\"\r\n\r\n1\r\n--XyZ--",
				"malformed_invalid_payload_structure");
}

/* Header lines and part counts are bounded. */
static void
test_limits(void)
{
	static const char three[] = "--XyZ\r\n\r\na\r\n--XyZ\r\n\r\nb\r\n--XyZ\r\n\r\nc\r\n--XyZ--";
	Buffer		data;
	size_t		line_start;
	char	   *got;

	/* a header line one byte over the limit */
	buffer_init(&data);
	buffer_append_str(&data, "--XyZ\r\n");
	line_start = data.len;
	buffer_append_str(&data, "X-Long: ");
	while (data.len - line_start < MULTIPART_MAX_LINE + 1)
		buffer_append_str(&data, "a");
	buffer_append_str(&data, "\r\n\r\n1\r\n--XyZ--");
	got = parse(data.data, data.len, RANDOM);
	CHECK_STR(got, "malformed_invalid_payload_structure");
	free(got);

	/* the same line at the limit is fine (and ignored) */
	buffer_reset(&data);
	buffer_append_str(&data, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n");
	line_start = data.len;
	buffer_append_str(&data, "X-Long: ");
	while (data.len - line_start < MULTIPART_MAX_LINE)
		buffer_append_str(&data, "a");
	buffer_append_str(&data, "\r\n\r\n1\r\n--XyZ--");
	got = parse(data.data, data.len, RANDOM);
	CHECK_STR(got, "ok\n{\"a\":\"1\"}\n[]");
	free(got);

	/* three parts when two are allowed */
	got = parse_with(three, sizeof(three) - 1, "XyZ", false, WHOLE, 1, MiB, 2);
	CHECK_STR(got, "too_large");
	free(got);
	buffer_free(&data);
}

/* multipart/mixed parses like form-data; the Content-Type check. */
static void
test_content_type(void)
{
	static const char mixed[] =
		"--a b:c\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--a b:c--";
	char		boundary[MULTIPART_MAX_BOUNDARY + 1];
	char	   *got;

	CHECK_INT(body_content_type(NULL, boundary, sizeof(boundary)), VERDICT_NO_CONTENT_TYPE);
	CHECK_INT(body_content_type(" ", boundary, sizeof(boundary)), VERDICT_NO_CONTENT_TYPE);
	CHECK_INT(body_content_type("application/json", boundary, sizeof(boundary)),
			  VERDICT_WRONG_CONTENT_TYPE);
	CHECK_INT(body_content_type("multipart/related; boundary=a", boundary, sizeof(boundary)),
			  VERDICT_WRONG_CONTENT_TYPE);
	CHECK_INT(body_content_type("multipart/form-data", boundary, sizeof(boundary)),
			  VERDICT_NO_BOUNDARY);
	CHECK_INT(body_content_type("multipart/form-data; boundary=", boundary, sizeof(boundary)),
			  VERDICT_NO_BOUNDARY);
	CHECK_INT(body_content_type("multipart/form-data; boundary=\"a\rb\"", boundary,
								sizeof(boundary)), VERDICT_NO_BOUNDARY);
	CHECK_INT(body_content_type("multipart/form-data; boundary=----geckoformboundary0a1b",
								boundary, sizeof(boundary)), VERDICT_OK);
	CHECK_STR(boundary, "----geckoformboundary0a1b");
	CHECK_INT(body_content_type("Multipart/Mixed; charset=\"x;boundary=no\"; BOUNDARY=\"a b:c\"",
								boundary, sizeof(boundary)), VERDICT_OK);
	CHECK_STR(boundary, "a b:c");

	got = parse_with(mixed, sizeof(mixed) - 1, "a b:c", false, RANDOM, 1, MiB, 64);
	CHECK_STR(got, "ok\n{\"a\":\"1\"}\n[]");
	free(got);
}

/* A gzip body parses like the plain one. */
static void
test_gzip(void)
{
	char	   *gz;
	size_t		gzlen = gzip_bytes(form_body, sizeof(form_body) - 1, &gz);
	char	   *got;

	for (int chunking = WHOLE; chunking <= RANDOM; chunking++)
	{
		got = parse_with(gz, gzlen, "XyZ", true, chunking, 7, MiB, 64);
		CHECK_STR(got, form_want);
		free(got);
	}
	/* trailing bytes after the gzip stream are ignored, as zlib.decompress does */
	gz = realloc(gz, gzlen + 4);
	memcpy(gz + gzlen, "junk", 4);
	got = parse_with(gz, gzlen + 4, "XyZ", true, WHOLE, 7, MiB, 64);
	CHECK_STR(got, form_want);
	free(got);
	/* truncated, corrupt, and not gzip at all */
	got = parse_with(gz, gzlen - 5, "XyZ", true, RANDOM, 7, MiB, 64);
	CHECK_STR(got, "malformed_bad_gzip");
	free(got);
	gz[gzlen / 2] ^= 0x55;
	got = parse_with(gz, gzlen, "XyZ", true, WHOLE, 7, MiB, 64);
	CHECK_STR(got, "malformed_bad_gzip");
	free(got);
	got = parse_with(form_body, sizeof(form_body) - 1, "XyZ", true, WHOLE, 7, MiB, 64);
	CHECK_STR(got, "malformed_bad_gzip");
	free(got);
	got = parse_with("", 0, "XyZ", true, WHOLE, 7, MiB, 64);
	CHECK_STR(got, "malformed_bad_gzip");
	free(got);
	free(gz);
}

/* A small gzip body that expands past the cap is stopped at the cap. */
static void
test_gzip_bomb(void)
{
	size_t		len = 64 * MiB;
	char	   *zeros = calloc(1, len);
	char	   *gz;
	size_t		gzlen = gzip_bytes(zeros, len, &gz);
	char	   *got;

	CHECK(gzlen < 100 * 1024);
	got = parse_with(gz, gzlen, "XyZ", true, WHOLE, 7, 10 * MiB, 64);
	CHECK_STR(got, "too_large");
	free(got);
	free(gz);
	free(zeros);
}

/* A real minidump in a Firefox-shaped body arrives byte for byte. */
static void
test_real_minidump(void)
{
	FILE	   *f = fopen(REAL_DUMP, "rb");
	Buffer		data;
	Body		body;
	char		chunk[65536];
	size_t		n;
	size_t		dump_start;
	size_t		dump_len;
	unsigned int seed = 3;

	if (f == NULL)
	{
		unit_skip(REAL_DUMP " is absent");
		return;
	}
	buffer_init(&data);
	buffer_append_str(&data, "--XyZ\r\nContent-Disposition: form-data; name=\"extra\"; filename=\"blob\"\r\n"
					  "Content-Type: application/json\r\n\r\n{\"ProductName\":\"Firefox\"}\r\n"
					  "--XyZ\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; "
					  "filename=\"x.dmp\"\r\nContent-Type: application/vnd.tcpdump.pcap\r\n\r\n");
	dump_start = data.len;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buffer_append(&data, chunk, n);
	fclose(f);
	dump_len = data.len - dump_start;
	buffer_append_str(&data, "\r\n--XyZ--\r\n");

	body_init(&body, "XyZ", false, MiB, 64);
	for (size_t pos = 0; pos < data.len; pos += n)
	{
		n = 1 + next_random(&seed) % 4096;
		body_feed(&body, data.data + pos, n < data.len - pos ? n : data.len - pos);
	}
	CHECK_INT(body_finish(&body), VERDICT_OK);
	CHECK_INT(body.report.ndumps, 1);
	CHECK_INT(body.report.dumps[0].data.len, dump_len);
	CHECK(memcmp(body.report.dumps[0].data.data, data.data + dump_start, dump_len) == 0);
	body_free(&body);
	buffer_free(&data);
}

/* Random binary dumps survive any chunking unchanged. */
static void
test_random_binary(void)
{
	unsigned int seed = 99;

	for (int round = 0; round < 20; round++)
	{
		Buffer		data;
		char	   *whole;
		char	   *bytes;
		char	   *random;
		const char *alphabet = "\r\n-XyZ\0a";

		buffer_init(&data);
		buffer_append_str(&data, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
						  "--XyZ\r\nContent-Disposition: form-data; name=d; filename=f\r\n\r\n");
		for (int i = 0; i < 2000; i++)
		{
			char		ch = alphabet[next_random(&seed) % 8];

			/* never the whole delimiter: after CRLF--XyZ a real one would follow */
			if (data.len >= 6 && ch == 'Z' && memcmp(data.data + data.len - 6, "\r\n--Xy", 6) == 0)
				ch = 'z';
			buffer_append(&data, &ch, 1);
		}
		buffer_append_str(&data, "\r\n--XyZ--");
		whole = parse(data.data, data.len, WHOLE);
		bytes = parse(data.data, data.len, BYTES);
		random = parse(data.data, data.len, RANDOM);
		CHECK_STR(bytes, whole);
		CHECK_STR(random, whole);
		CHECK(strncmp(whole, "ok\n", 3) == 0);
		free(whole);
		free(bytes);
		free(random);
		buffer_free(&data);
	}
}

/* json_validate: what is and is not one JSON value jsonb accepts. */
static void
test_json_validate(void)
{
	size_t		members = 99;
	const char *invalid[] = {
		"", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]",
		"{a:1}", "{'a':1}", "01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity",
		"tru", "nul", "truee", "\"\\x\"", "\"\\u12\"", "\"\\u0000\"", "\"\\ud800\"",
		"\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\tb\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
		"\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "\"abc", "1 2", "{} {}",
	};
	const char *valid[] = {
		"0", "-0.5e+10", "1E-2", "true", "false", "null", "\"\"", "[]", " [ 1 , [ ] ] ",
		"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"",
		"\r\n\t{\"a\":{\"b\":[null]}}\r\n",
	};
	char		deep[2 * JSON_MAX_DEPTH + 3];

	for (size_t i = 0; i < sizeof(invalid) / sizeof(char *); i++)
		unit_check(json_validate(invalid[i], strlen(invalid[i]), NULL) == JSON_INVALID,
				   invalid[i], __FILE__, __LINE__);
	for (size_t i = 0; i < sizeof(valid) / sizeof(char *); i++)
		unit_check(json_validate(valid[i], strlen(valid[i]), NULL) != JSON_INVALID,
				   valid[i], __FILE__, __LINE__);
	CHECK_INT(json_validate("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}", 25, &members), JSON_OBJECT);
	CHECK_INT(members, 2);
	CHECK_INT(json_validate("{}", 2, &members), JSON_OBJECT);
	CHECK_INT(members, 0);
	CHECK_INT(json_validate("[1]", 3, NULL), JSON_ARRAY);
	CHECK_INT(json_validate("\"s\"", 3, NULL), JSON_STRING);
	CHECK_INT(json_validate("1", 1, NULL), JSON_NUMBER);
	CHECK_INT(json_validate("{\"a\":1}x", 7, NULL), JSON_OBJECT);	/* length counts */
	CHECK_INT(json_validate("\"a\0b\"", 5, NULL), JSON_INVALID);

	/* nesting: JSON_MAX_DEPTH levels pass, one more does not */
	memset(deep, '[', JSON_MAX_DEPTH);
	memset(deep + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
	CHECK_INT(json_validate(deep, 2 * JSON_MAX_DEPTH, NULL), JSON_ARRAY);
	memset(deep, '[', JSON_MAX_DEPTH + 1);
	memset(deep + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
	CHECK_INT(json_validate(deep, 2 * JSON_MAX_DEPTH + 2, NULL), JSON_INVALID);
}

/* json_append_string: escapes, and U+FFFD for what jsonb cannot take. */
static void
test_json_append_string(void)
{
	Buffer		out;
	const char	in[] = "a\"b\\c\n\r\t\x01\x1f\x7f/\xc3\xa9|\xff|\xe2\x82|\x00|";

	buffer_init(&out);
	CHECK(json_append_string(&out, in, sizeof(in) - 1));
	CHECK_STR(buffer_str(&out),
			  "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\x7f/\xc3\xa9|\xef\xbf\xbd|"
			  "\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd|\"");
	CHECK_INT(json_validate(out.data, out.len, NULL), JSON_STRING);
	buffer_free(&out);
}

int
main(void)
{
	test_form_fields();
	test_firefox_shape();
	test_several_dumps();
	test_near_boundary_bytes();
	test_every_split();
	test_preamble_padding_epilogue();
	test_header_spellings();
	test_classification();
	test_dump_name_sanitizing();
	test_reserved_dump_names();
	test_json_part_errors();
	test_json_and_form_fields();
	test_undecodable_annotation();
	test_no_annotations();
	test_bad_structure();
	test_limits();
	test_content_type();
	test_gzip();
	test_gzip_bomb();
	test_real_minidump();
	test_random_binary();
	test_json_validate();
	test_json_append_string();
	return unit_finish("multipart");
}
