#!/bin/bash
# tests/unit/signature_cli.sh (run by tests/unit/run.sh)
#	Checks crashpipe-signature end to end: a crash_data object, a processed
#	crash and rust-minidump's own minidump-stackwalk --json output on stdin
#	give the exact signatures (crashpipe's lists from siglists/, and
#	Socorro's from ../shared when it is there), --json prints the whole
#	result, and bad input or lists fail with their exit status and message.
#	Prints "signature_cli: N passed, N failed, N skipped".
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
CLI=extension/core/siggen/cli/crashpipe-signature
SNAPSHOTS=../shared/testdata/rust-minidump/minidump-stackwalk/tests/snapshots
SOCORRO_LISTS=../shared/testdata/siggen/siglists
passed=0 failed=0 skipped=0

# expect WHAT WANT GOT: count one check.
expect() {
	if [ "$2" = "$3" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL crashpipe-signature: %s\n  got:  %s\n  want: %s\n' "$1" "$3" "$2"
	fi
}

# run ARGS... (stdin passed on): "<exit status> <stdout><stderr>" in one line.
run() {
	local out rc
	out=$("$CLI" "$@" 2>&1)
	rc=$?
	echo "$rc $out"
}

if ! make -s -C extension/core/siggen/cli WERROR=1 >/dev/null; then
	echo "FAIL crashpipe-signature does not build"
	echo "signature_cli: 0 passed, 1 failed, 0 skipped"
	exit 1
fi

STACK='{"crashing_thread": 0, "threads": [{"frames": [{"function": "__pthread_kill_implementation"},
  {"function": "raise"}, {"function": "abort"}, {"function": "malloc_printerr"}, {"function": "_int_free"},
  {"function": "free"}, {"function": "Parser::~Parser()"}, {"function": "main"}]}]}'
expect "crash_data object" "0 free | Parser::~Parser" "$(run -l siglists <<<"$STACK")"
expect "--json" '0 {"signature": "free | Parser::~Parser", "proto_signature": "__pthread_kill_implementation | raise | abort | malloc_printerr | _int_free | free | Parser::~Parser | main", "notes": []}' \
	"$(run --json --lists siglists <<<"$STACK")"
expect "processed crash with an annotation" "0 Abort | assertion failed | Widget::Paint" \
	"$(run -l siglists <<<'{"AbortMessage": "assertion failed", "json_dump": {"crash_info": {"crashing_thread": 1},
	  "threads": [{"frames": []}, {"frames": [{"function": "abort"}, {"function": "Widget::Paint()"}]}]}}')"
expect "no frames" '0 {"signature": "EMPTY: no frame data available", "proto_signature": null, "notes": ["SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)"]}' \
	"$(run -j -l siglists <<<'{}')"
expect "CRASHPIPE_SIGLISTS" "0 free | Parser::~Parser" "$(CRASHPIPE_SIGLISTS=siglists run <<<"$STACK")"

expect "not an object" "1 crashpipe-signature: the input is not a JSON object" "$(run -l siglists <<<'[1]')"
expect "not JSON" "1 crashpipe-signature: the input is not JSON: expected object key at offset 2" \
	"$(run -l siglists <<<'{')"
expect "lists that are not there" \
	'2 crashpipe-signature: lists in /nonexistent: cannot open "/nonexistent/irrelevant_signature_re.txt"' \
	"$(run -l /nonexistent </dev/null)"
expect "unknown option" "2" "$(run --bogus </dev/null | head -1 | cut -d" " -f1)"
expect "--help" "0 Usage: crashpipe-signature [--json] [--lists DIR] < crash.json" "$(run --help | head -1)"

# rust-minidump's own JSON of its test dumps (a header of four lines, then JSON)
snapshot() { tail -n +5 "$SNAPSHOTS/test_minidump_stackwalk__$1.snap"; }
if [ -d "$SNAPSHOTS" ]; then
	expect "minidump-stackwalk --json with symbols" "0 (anonymous namespace)::CrashFunction" \
		"$(snapshot json-pretty-symbols | run -l siglists)"
	expect "minidump-stackwalk --json without symbols" "0 test_app.exe" "$(snapshot json | run -l siglists)"
	expect "minidump-stackwalk --json, unloaded module" "0 (unloaded many.dll)" \
		"$(snapshot json-pretty-unloaded | run -l siglists)"
	expect "minidump-stackwalk --json, Rust inlines on macOS" "0 sadness_generator::raise_segfault" \
		"$(snapshot macos_inlines_json_pretty | run -l siglists)"
else
	echo "SKIP crashpipe-signature on rust-minidump's JSON: ../shared/testdata is absent"
	skipped=$((skipped + 1))
fi
if [ -d "$SNAPSHOTS" ] && [ -d "$SOCORRO_LISTS" ]; then
	expect "Socorro's lists on rust-minidump's JSON" "0 sadness_generator::raise_segfault" \
		"$(snapshot macos_inlines_json_pretty | run -l "$SOCORRO_LISTS")"
	expect "Socorro's lists on a lock wait" "0 RtlpWaitOnCriticalSection | RtlEnterCriticalSection | PR_Lock | nsFoo::Bar" \
		"$(run -l "$SOCORRO_LISTS" <<<'{"threads": [{"frames": [{"function": "KiFastSystemCallRet"},
		  {"function": "NtWaitForSingleObject"}, {"function": "RtlpWaitOnCriticalSection"},
		  {"function": "RtlEnterCriticalSection"}, {"function": "PR_Lock"}, {"function": "nsFoo::Bar"}]}]}')"
else
	echo "SKIP crashpipe-signature with Socorro's lists: ../shared/testdata is absent"
	skipped=$((skipped + 1))
fi
echo "signature_cli: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
