/*-------------------------------------------------------------------------
 * extension/core/walker/fuzz/fuzz_walker.c
 *	  libFuzzer harness: arbitrary bytes opened as a minidump and, if
 *	  that succeeds, walked with no symbols and printed in all three
 *	  formats (-m, human, JSON).  Every step must stay in bounds and
 *	  terminate.
 *
 *	  Build from the repository root:
 *	    clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
 *	      -Iextension/core -Iextension/core/symbols -Iextension/core/walker \
 *	      -o /tmp/fuzz_walker extension/core/walker/fuzz/fuzz_walker.c \
 *	      extension/core/walker/[a-z]*.c extension/core/symbols/[a-z]*.c \
 *	      extension/core/[a-z]*.c
 *	  Seed it with the .dmp files of ../shared/testdata/breakpad.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>

#include "walker.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Open, walk and print one input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	md_dump    *dump = md_open(data, size, NULL, NULL);
	wk_result  *res;
	FILE	   *sink;
	bool		too_large;

	if (dump == NULL)
		return 0;
	res = wk_walk(dump, NULL, NULL, NULL);
	sink = fopen("/dev/null", "w");
	if (res && sink)
	{
		wk_print_machine(res, sink);
		wk_print_human(res, sink);
	}
	if (res)
		free(wk_json(res, NULL, (size_t) 64 << 20, &too_large));
	if (sink)
		fclose(sink);
	wk_free(res);
	md_close(dump);
	return 0;
}
