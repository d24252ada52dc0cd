/*-------------------------------------------------------------------------
 * extension/core/siggen/fuzz/fuzz_siggen.c
 *	  libFuzzer harness for the signature generator: each input is
 *	  parsed as JSON and, when it is an object, run through the whole
 *	  rule pipeline as crash_data, and again after the conversion a
 *	  processed crash or stack walk gets (siggen_crash_data, with the
 *	  input as its own annotations too); every input is also normalized
 *	  as a C++ and a Rust function name.
 *
 *	  Lists: Socorro's from $CRASHPIPE_TESTDATA/siggen/siglists or
 *	  ../shared/testdata/siggen/siglists when present, else the small
 *	  built-in set below (written for this harness).
 *
 *	  Build and run from the repository root:
 *	    clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
 *	      -Iextension/core/siggen -o /tmp/fuzz_siggen \
 *	      extension/core/siggen/fuzz/fuzz_siggen.c extension/core/siggen/\*.c -lpcre2-8
 *	    /tmp/fuzz_siggen -max_total_time=60
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg_internal.h"

#define FUZZ_MAX_INPUT (256 * 1024)

static const char builtin_irrelevant[] =
	"# built-in test list\n_?malloc\nKiFastSystemCallRet\nNtWaitFor.*\n@0x[0-9a-f]{4,}\n.*abort$\n";
static const char builtin_prefix[] =
	"Abort\n.*alloc_impl\nRtlpWait.*\nmozalloc_\n\\<name omitted\\>\n(arena|chunk)_\n";
static const char builtin_sentinels[] = "_purecall\ncore::panicking::panic\n";
static const char builtin_line_numbers[] = "js_Interpret\n";

static siggen_lists *lists;

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load Socorro's lists if the shared data is here, else the built-in ones. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *root = getenv("CRASHPIPE_TESTDATA");
	char		dir[4096];
	char		err[512];

	(void) argc;
	(void) argv;
	snprintf(dir, sizeof(dir), "%s/siggen/siglists", root ? root : "../shared/testdata");
	lists = siggen_lists_load_dir(dir, err, sizeof(err));
	if (!lists)
		lists = siggen_lists_from_text(builtin_irrelevant, builtin_prefix,
									   builtin_sentinels, builtin_line_numbers,
									   err, sizeof(err));
	if (!lists)
	{
		fprintf(stderr, "fuzz_siggen: %s\n", err);
		abort();
	}
	siggen_lists_add_sentinel(lists, "mozilla::ipc::RPCChannel::Call", "CrashReporter::CreatePairedMinidumps");
	return 0;
}

/* Normalize the input as a function name both ways. */
static void
fuzz_normalizers(const uint8_t *data, size_t size)
{
	char	   *name = sg_strndup((const char *) data, size);

	if (!name)
		return;
	free(sg_normalize_cpp(lists, name, NULL));
	free(sg_normalize_rust(lists, name, NULL));
	free(name);
}

/* The output promise: at most 255 characters, all printable ASCII. */
static void
check_signature(const char *sig)
{
	size_t		i;

	if (strlen(sig) > SIGGEN_MAX_LENGTH)
		abort();
	for (i = 0; sig[i]; i++)
		if ((unsigned char) sig[i] < 0x20 || (unsigned char) sig[i] > 0x7E)
			abort();
}

/* Run the pipeline over crash_data (NULL: out of memory) and check the result. */
static void
fuzz_generate(const json_value *crash_data)
{
	siggen_result res;

	if (crash_data && siggen_generate(lists, crash_data, &res) == 0)
	{
		check_signature(res.signature);
		siggen_result_free(&res);
	}
}

/* One input: JSON parse, then the pipeline when it is an object. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	jv_limits	limits = {FUZZ_MAX_INPUT, 64};
	char		err[200];
	json_value *v;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	v = jv_parse((const char *) data, size, &limits, err, sizeof(err));
	if (v && v->type == JV_OBJECT)
	{
		json_value *cd = siggen_crash_data(v, v);

		fuzz_generate(v);
		fuzz_generate(cd);
		siggen_crash_data_free(cd);
	}
	jv_free(v);
	if (size < 4096)
		fuzz_normalizers(data, size);
	return 0;
}
