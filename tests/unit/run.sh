#!/bin/bash
# tests/unit/run.sh (make unit)
#	Builds each unit-test program against the portable sources it tests
#	(no server needed) and runs it; prints "unit: N passed, N failed, N skipped".
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
OUT=var/build/unit
mkdir -p "$OUT"
CFLAGS="-std=gnu11 -g -O1 -Wall -Wextra -Wshadow -Werror -fsanitize=address,undefined -fno-omit-frame-pointer"

CORE=$(ls extension/core/*.c | grep -v '/fuzz_')
declare -A SOURCES=(
	[minidump]="$CORE"
	[crashid]="collector/crashid.c"
	[spool]="collector/spool_file.c collector/report.c collector/buffer.c collector/json.c collector/multipart.c collector/httphdr.c collector/verdict.c -lz"
	[siggen]="$(ls extension/core/siggen/*.c) -lpcre2-8"
	[siggen_input]="$(ls extension/core/siggen/*.c) -lpcre2-8"
	[walker]="$(ls extension/core/walker/*.c) $(ls extension/core/symbols/*.c) $CORE"
	[processor]="$(ls extension/core/processor/*.c) $(ls extension/core/siggen/*.c) $(ls extension/core/walker/*.c) $(ls extension/core/symbols/*.c) $CORE -lpcre2-8 -lz"
	[walker_json]="$(ls extension/core/walker/*.c) $(ls extension/core/symbols/*.c) $CORE extension/core/siggen/json_value.c extension/core/siggen/json_access.c"
	[walker_arm]="$(ls extension/core/walker/*.c) $(ls extension/core/symbols/*.c) $CORE"
	[malformed]="$(ls extension/core/walker/*.c) $(ls extension/core/symbols/*.c) $CORE extension/core/siggen/json_value.c extension/core/siggen/json_access.c"
	[symbols]="$(ls extension/core/symbols/*.c) extension/core/md_alloc.c"
	[multipart]="collector/multipart.c collector/gunzip.c collector/report.c collector/json.c collector/body.c collector/buffer.c collector/httphdr.c collector/verdict.c -lz"
)

passed=0 failed=0 skipped=0
for name in "${!SOURCES[@]}"; do
	# shellcheck disable=SC2086
	if ! cc $CFLAGS -Iextension/core -Iextension/core/symbols -Iextension/core/siggen -Iextension/core/walker -Iextension/core/processor -Icollector -o "$OUT/test_$name" \
		"tests/unit/test_$name.c" ${SOURCES[$name]}; then
		echo "unit: test_$name does not build"
		failed=$((failed + 1))
		continue
	fi
	line=$(UBSAN_OPTIONS=halt_on_error=1 "$OUT/test_$name" | tail -1)
	rc=$?
	echo "$line"
	read -r p f s <<<"$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/' <<<"$line")"
	[[ "$p" =~ ^[0-9]+$ ]] || { p=0 f=1 s=0; }
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
# crashpipe-stackwalk prints exactly what Breakpad's minidump_stackwalk
# prints, -m and human formats, on two dumps with symbols (Linux amd64 with
# CFI, and Windows x86 in -m); the walker's own test compares every dump
# through the library.
CLI=extension/core/walker/cli/crashpipe-stackwalk
# check_cli FLAG DUMP KIND: compare with DUMP.stackwalkKIND.ours-breakpad.out.
check_cli() {
	# shellcheck disable=SC2086
	if (cd ../shared/testdata/breakpad && "$REPO/$CLI" $1 "$2.dmp" symbols |
		diff -u "$2.stackwalk$3.ours-breakpad.out" -); then
		passed=$((passed + 1))
	else
		echo "FAIL crashpipe-stackwalk $1 $2.dmp differs from Breakpad's output"
		failed=$((failed + 1))
	fi
}
if [ ! -d ../shared/testdata/breakpad ]; then
	echo "SKIP crashpipe-stackwalk: ../shared/testdata is absent"
	skipped=$((skipped + 1))
elif make -s -C extension/core/walker/cli >/dev/null; then
	check_cli "-m" minidump2 .machine_readable
	check_cli "-m" linux_null_read_av .machine_readable
	check_cli "" linux_null_read_av ""
	# The same walks with the options instead of positional directories.
	if (cd ../shared/testdata/breakpad && "$REPO/$CLI" --symbols-dir symbols -m minidump2.dmp |
		diff -u minidump2.stackwalk.machine_readable.ours-breakpad.out - &&
		"$REPO/$CLI" --human --symbols-dir=symbols linux_null_read_av.dmp |
		diff -u linux_null_read_av.stackwalk.ours-breakpad.out -); then
		passed=$((passed + 1))
	else
		echo "FAIL crashpipe-stackwalk --symbols-dir differs from the positional form"
		failed=$((failed + 1))
	fi
	# --json: rust-minidump's document; test_walker_json checks it leaf by leaf.
	if (cd ../shared/testdata/breakpad && "$REPO/$CLI" --json --symbols-dir symbols minidump2.dmp) |
		python3 -c 'import json, sys; d = json.load(sys.stdin); f = d["crashing_thread"]["frames"]
assert d["status"] == "OK" and [x["function"] for x in f] == ["`anonymous namespace'"'"'::CrashFunction", "main", "__tmainCRTStartup", "BaseProcessStart"] and f[1]["trust"] == "cfi", f'; then
		passed=$((passed + 1))
	else
		echo "FAIL crashpipe-stackwalk --json minidump2.dmp"
		failed=$((failed + 1))
	fi
	# --symbol-cache: the first run keeps the built cache, the second maps
	# it, a damaged one is rebuilt; all three print Breakpad's output.
	cache=$(mktemp -d)
	symc=$cache/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.symc
	if (cd ../shared/testdata/breakpad && for run in build map damaged; do
		[ "$run" = damaged ] && printf 'garbage' | dd of="$symc" bs=1 seek=8 conv=notrunc 2>/dev/null
		"$REPO/$CLI" -m --symbol-cache "$cache" minidump2.dmp symbols |
			diff -u minidump2.stackwalk.machine_readable.ours-breakpad.out - || exit 1
		[ -s "$symc" ] || exit 1
	done); then
		passed=$((passed + 1))
	else
		echo "FAIL crashpipe-stackwalk --symbol-cache"
		failed=$((failed + 1))
	fi
	rm -rf "$cache"
	if "$REPO/$CLI" --bogus x.dmp 2>/dev/null; [ $? -eq 2 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL crashpipe-stackwalk --bogus does not exit 2"
		failed=$((failed + 1))
	fi
else
	echo "FAIL crashpipe-stackwalk does not build"
	failed=$((failed + 1))
fi

# crashpipe-signature on stdin: its own script counts its checks.
line=$(bash tests/unit/signature_cli.sh | tee /dev/stderr | tail -1)
read -r p f s <<<"$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/' <<<"$line")"
[[ "$p" =~ ^[0-9]+$ ]] || { p=0 f=1 s=0; }
passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))

# META.json (PGXN) must name the version the control file installs.
control=$(sed -n "s/^default_version = '\(.*\)'/\1/p" crashpipe.control)
meta=$(python3 -c 'import json; m = json.load(open("META.json")); print(m["version"], m["provides"]["crashpipe"]["version"])')
if [ "$meta" = "$control $control" ]; then
	passed=$((passed + 1))
else
	echo "FAIL META.json versions ($meta) differ from crashpipe.control ($control)"
	failed=$((failed + 1))
fi

echo "unit: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
