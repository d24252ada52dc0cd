/*-------------------------------------------------------------------------
 * extension/core/processor/fuzz/fuzz_processor.c
 *	  libFuzzer harness for the processor rules, which parse untrusted
 *	  bytes several ways: the annotations (JSON, then Breadcrumbs,
 *	  JavaException and TelemetryEnvironment as JSON inside strings,
 *	  JavaStackTrace, Add-ons), the gzipped memory report, and the
 *	  minidump the stack walk reads.
 *
 *	  An input is "<annotations JSON>\0<bytes>": the bytes are both the
 *	  memory_report part and upload_file_minidump (walked, then
 *	  processed).  Without a NUL the whole input is the annotations.
 *	  Lists: crashpipe's own siglists/ (run from the repository root).
 *
 *	  Build and run from the repository root (tests/fuzz/run.sh does):
 *	    clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
 *	      -Iextension/core -Iextension/core/{siggen,walker,symbols,processor} \
 *	      -o /tmp/fuzz_processor extension/core/processor/fuzz/fuzz_processor.c \
 *	      extension/core/{processor,siggen,walker,symbols}/\*.c extension/core/\*.c -lpcre2-8 -lz
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "processor.h"

static siggen_lists *lists;

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load the lists once. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char		err[512];

	(void) argc;
	(void) argv;
	lists = siggen_lists_load_dir("siglists", err, sizeof(err));
	if (lists == NULL)
	{
		fprintf(stderr, "fuzz_processor: cannot load siglists/: %s\n", err);
		abort();
	}
	return 0;
}

/* One input: walk its bytes, then run every rule. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t		alen = nul ? (size_t) (nul - data) : size;
	char	   *annotations = malloc(alen + 1);
	pc_dump		dumps[2];
	pc_walk		walk;
	pc_input	in;
	pc_result	res;

	memcpy(annotations, data, alen);
	annotations[alen] = '\0';
	dumps[0] = (pc_dump) {"upload_file_minidump", nul ? nul + 1 : data, nul ? size - alen - 1 : 0};
	dumps[1] = (pc_dump) {"memory_report", dumps[0].data, dumps[0].len};
	if (!pc_walk_dump(&dumps[0], NULL, NULL, NULL, NULL, NULL, &walk))
		abort();
	memset(&in, 0, sizeof(in));
	in.crash_id = "00000000-0000-4000-8000-000000261122";
	in.submitted_timestamp = "2026-11-22T00:00:00+00:00";
	in.submitted_epoch = 1795305600;
	in.started_datetime = in.submitted_timestamp;
	in.annotations = annotations;
	in.metadata = "{}";
	in.dumps = dumps;
	in.ndumps = 2;
	in.walks = &walk;
	in.nwalks = 1;
	in.previous_notes = "earlier";
	in.previous_history = annotations;
	in.siglists = lists;
	pc_process(&in, NULL, &res);
	if (res.status == PC_OK && res.json == NULL)
		abort();
	free(res.json);
	free(walk.json);
	free(annotations);
	return 0;
}
