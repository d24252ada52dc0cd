#!/bin/bash
# tests/run-all.sh (make test)
#	Runs every test layer on this machine: installs what the tests need,
#	builds with -Werror and installs the extension, then runs the unit
#	tests, pg_regress, the end-to-end test, short fuzz runs and the browser
#	tests.  Each layer prints a
#	"<layer>: N passed, N failed[, N skipped]" line; this script adds them up
#	and ends with the total, failing if anything failed.
set -uo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$REPO"
LOGS=$REPO/var/test-logs
mkdir -p "$LOGS"

bash scripts/deps.sh test || { echo "total: 0 passed, 1 failed"; exit 1; }
if ! { make -s WERROR=1 && install_crashpipe >/dev/null; } >"$LOGS/build.log" 2>&1; then
	cat "$LOGS/build.log"
	echo "total: 0 passed, 1 failed"
	exit 1
fi

passed=0 failed=0 skipped=0
# run_layer NAME SCRIPT: run it, show its output, add its counts.
run_layer() {
	local name=$1 script=$2 line p f s
	echo "=== $name"
	bash "$script" 2>&1 | tee "$LOGS/$name.log"
	local rc=${PIPESTATUS[0]}
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$LOGS/$name.log" | tail -1)
	if [ -z "$line" ]; then
		echo "$name: no result line (exit $rc); counted as one failure"
		failed=$((failed + 1))
		return
	fi
	p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
	s=$(grep -oE '[0-9]+ skipped' <<<"$line" | cut -d' ' -f1)
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + ${s:-0}))
}

run_layer unit tests/unit/run.sh
run_layer regress tests/regress.sh
run_layer e2e tests/e2e/run.sh
run_layer fuzz tests/fuzz/run.sh
run_layer browser tests/browser/run.sh

echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
