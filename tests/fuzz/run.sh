#!/bin/bash
# tests/fuzz/run.sh (make fuzz; FUZZ_SECONDS=N for longer runs)
#	Builds every libFuzzer harness of the parsers of untrusted bytes with
#	ASan + UBSan and runs each for a short while (seeded from ../shared
#	where it has inputs of that kind).  A harness that finds a crash, a
#	leak or undefined behaviour fails; the reproducer is kept in var/fuzz.
#	Prints "fuzz: N passed, N failed".
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
SECONDS_EACH=${FUZZ_SECONDS:-15}
OUT=var/fuzz
mkdir -p "$OUT"
SHARED=../shared/testdata
CC="clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
SYMBOLS="$(echo extension/core/symbols/*.c) extension/core/md_alloc.c"

# name | sources | seed directories (those that exist are used)
HARNESSES=(
	"minidump|extension/core/fuzz/fuzz_minidump.c $(echo extension/core/*.c)|$SHARED/breakpad $SHARED/rust-minidump/testdata"
	"multipart|collector/fuzz_multipart.c collector/body.c collector/buffer.c collector/gunzip.c collector/httphdr.c collector/json.c collector/multipart.c collector/report.c collector/verdict.c -lz|"
	"symparse|extension/core/symbols/fuzz/fuzz_symparse.c $SYMBOLS|$SHARED/breakpad/symbols/test_app.pdb $SHARED/rust-minidump/breakpad-symbols/testdata"
	"symcache|extension/core/symbols/fuzz/fuzz_symcache.c $SYMBOLS|"
	"walker|extension/core/walker/fuzz/fuzz_walker.c $(echo extension/core/walker/*.c extension/core/symbols/*.c extension/core/*.c)|$SHARED/breakpad $SHARED/rust-minidump/testdata"
	"siggen|extension/core/siggen/fuzz/fuzz_siggen.c $(echo extension/core/siggen/*.c) -lpcre2-8|tests/data"
	"processor|extension/core/processor/fuzz/fuzz_processor.c $(echo extension/core/processor/*.c extension/core/siggen/*.c extension/core/walker/*.c extension/core/symbols/*.c extension/core/*.c) -lpcre2-8 -lz|$SHARED/breakpad"
)

passed=0 failed=0
for h in "${HARNESSES[@]}"; do
	IFS='|' read -r name sources seeds <<<"$h"
	bin=$OUT/fuzz_$name
	# shellcheck disable=SC2086
	if ! $CC -Iextension/core -Iextension/core/symbols -Iextension/core/siggen -Iextension/core/walker -Iextension/core/processor -Icollector -o "$bin" $sources; then
		echo "fuzz: $name harness does not build"
		failed=$((failed + 1))
		continue
	fi
	corpus=$OUT/corpus_$name
	rm -rf "$corpus" && mkdir -p "$corpus"
	dirs=()
	for d in $seeds; do [ -d "$d" ] && dirs+=("$d"); done
	if "$bin" -max_total_time="$SECONDS_EACH" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/${name}-" "$corpus" "${dirs[@]}" >"$OUT/$name.log" 2>&1; then
		echo "fuzz $name: $(grep -oE 'Done [0-9]+ runs' "$OUT/$name.log" | tail -1) in ${SECONDS_EACH}s, nothing found"
		passed=$((passed + 1))
	else
		tail -n 30 "$OUT/$name.log"
		echo "fuzz $name: FOUND A PROBLEM (reproducer in $OUT/${name}-*)"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
