/*-------------------------------------------------------------------------
 * extension/core/siggen/cli/crashpipe_signature.c
 *	  crashpipe-signature [--json] [--lists DIR]: the Socorro-compatible
 *	  signature of one crash read as JSON on stdin: a processed crash
 *	  (Socorro's or crashpipe's, with json_dump and the annotations the
 *	  rules read), the output of a stack walker in rust-minidump's JSON
 *	  (minidump-stackwalk --json), or a crash_data object.
 *
 *	  The lists are the four Socorro-format files of DIR: --lists, else
 *	  $CRASHPIPE_SIGLISTS, else crashpipe's own lists where make install
 *	  put them.  Prints the signature, or with --json an object with the
 *	  signature, proto signature and the generator's notes.  Exits 0 on
 *	  success, 1 if the input is not a JSON object, 2 on bad usage or
 *	  lists that cannot be loaded.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "siggen.h"

#ifndef SIGLISTS_DIR
#define SIGLISTS_DIR "/usr/local/share/crashpipe/siglists"
#endif

#define MAX_INPUT (64 * 1024 * 1024)

static const char usage[] =
"Usage: crashpipe-signature [--json] [--lists DIR] < crash.json\n"
"\n"
"Prints the Socorro-compatible signature of the crash read on stdin: a\n"
"processed crash (with json_dump), a stack walk in rust-minidump's JSON\n"
"(minidump-stackwalk --json), or a crash_data object.\n"
"\n"
"  -j, --json       print {\"signature\", \"proto_signature\", \"notes\"} as JSON\n"
"  -l, --lists DIR  Socorro-format lists (irrelevant_signature_re.txt,\n"
"                   prefix_signature_re.txt, signature_sentinels.txt,\n"
"                   signatures_with_line_numbers_re.txt); default\n"
"                   $CRASHPIPE_SIGLISTS, else " SIGLISTS_DIR "\n"
"  -h, --help       show this text\n"
"\n"
"Exit status: 0 printed, 1 the input is not a JSON object, 2 bad usage or lists.\n";

/* Read all of stdin (at most MAX_INPUT bytes); NULL if it is larger. */
static char *
read_stdin(size_t *len)
{
	size_t		cap = 65536;
	char	   *buf = malloc(cap);
	size_t		n;

	*len = 0;
	while (buf && (n = fread(buf + *len, 1, cap - *len, stdin)) > 0)
	{
		*len += n;
		if (*len == cap && cap <= MAX_INPUT)
		{
			char	   *bigger = realloc(buf, cap * 2);

			if (!bigger)
				free(buf);
			buf = bigger;
			cap *= 2;
		}
	}
	if (buf && *len > MAX_INPUT)
	{
		free(buf);
		return NULL;
	}
	return buf;
}

/* Print a result as one JSON object. */
static void
print_json(const siggen_result *res)
{
	json_out	out;
	char	   *text;
	int			i;

	json_init(&out, &md_malloc_allocator, MAX_INPUT);
	json_object_begin(&out);
	json_key(&out, "signature");
	json_string(&out, res->signature);
	json_key(&out, "proto_signature");
	json_string(&out, res->proto_signature);
	json_key(&out, "notes");
	json_array_begin(&out);
	for (i = 0; i < res->nnotes; i++)
		json_string(&out, res->notes[i]);
	json_array_end(&out);
	json_object_end(&out);
	text = json_finish(&out);
	if (text)
		printf("%s\n", text);
	free(text);
}

/* Generate and print the signature of the parsed input; the exit status. */
static int
sign(const siggen_lists *lists, const json_value *crash, bool as_json)
{
	json_value *crash_data;
	siggen_result res;

	if (crash->type != JV_OBJECT)
	{
		fprintf(stderr, "crashpipe-signature: the input is not a JSON object\n");
		return 1;
	}
	crash_data = siggen_crash_data(crash, NULL);
	if (!crash_data || siggen_generate(lists, crash_data, &res) != 0)
	{
		siggen_crash_data_free(crash_data);
		fprintf(stderr, "crashpipe-signature: out of memory\n");
		return 2;
	}
	siggen_crash_data_free(crash_data);
	if (as_json)
		print_json(&res);
	else
		printf("%s\n", res.signature);
	siggen_result_free(&res);
	return 0;
}

/* Read and parse stdin, then sign it. */
static int
run(const char *dir, bool as_json)
{
	char		err[512];
	siggen_lists *lists = siggen_lists_load_dir(dir, err, sizeof(err));
	size_t		len;
	char	   *text;
	json_value *crash;
	int			rc;

	if (!lists)
	{
		fprintf(stderr, "crashpipe-signature: lists in %s: %s\n", dir, err);
		return 2;
	}
	text = read_stdin(&len);
	crash = text ? jv_parse(text, len, NULL, err, sizeof(err)) : NULL;
	if (!text)
		fprintf(stderr, "crashpipe-signature: the input is larger than %d bytes\n", MAX_INPUT);
	else if (!crash)
		fprintf(stderr, "crashpipe-signature: the input is not JSON: %s\n", err);
	rc = crash ? sign(lists, crash, as_json) : 1;
	jv_free(crash);
	free(text);
	siggen_lists_free(lists);
	return rc;
}

/* Parse the arguments. */
int
main(int argc, char **argv)
{
	const char *dir = getenv("CRASHPIPE_SIGLISTS");
	bool		as_json = false;
	int			i;

	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--json") == 0)
			as_json = true;
		else if ((strcmp(argv[i], "-l") == 0 || strcmp(argv[i], "--lists") == 0) && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
		{
			fputs(usage, stdout);
			return 0;
		}
		else
		{
			fputs(usage, stderr);
			return 2;
		}
	}
	return run(dir && *dir ? dir : SIGLISTS_DIR, as_json);
}
