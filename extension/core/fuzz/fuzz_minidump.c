/*-------------------------------------------------------------------------
 * extension/core/fuzz/fuzz_minidump.c
 *	  libFuzzer harness for the portable minidump reader: every input is
 *	  opened and, if it opens, summarised as JSON.
 *
 *	  It lives in its own directory so that builds globbing the files
 *	  of extension/core (the extension, the unit test) never pick up a
 *	  second LLVMFuzzerTestOneInput.  Build and run, seeded with real dumps:
 *	    clang -g -O1 -fsanitize=fuzzer,address,undefined -I extension/core \
 *	      -o /tmp/fuzz_minidump extension/core/fuzz/fuzz_minidump.c \
 *	      extension/core/[a-z]*.c
 *	    mkdir -p /tmp/fuzz_corpus
 *	    /tmp/fuzz_minidump -max_total_time=60 -max_len=65536 /tmp/fuzz_corpus \
 *	      ../shared/testdata/breakpad ../shared/testdata/rust-minidump/testdata
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>

#include "minidump.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One fuzz input: open it, summarise it, free everything. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	md_error	error;
	md_dump    *dump = md_open(data, size, NULL, &error);
	char	   *json;

	if (dump == NULL)
	{
		if (error.code == MD_OK || error.message[0] == '\0')
			abort();			/* a failure must say why */
		return 0;
	}
	json = md_info_json(dump, &error);
	if (json == NULL && error.code != MD_ERR_TOO_LARGE)
		abort();
	free(json);
	md_close(dump);
	return 0;
}
