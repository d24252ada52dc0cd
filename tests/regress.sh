#!/bin/bash
# tests/regress.sh (make regress)
#	Runs the pg_regress suite (sql/, expected/) on a throwaway server that
#	preloads crashpipe (tests/regress.conf), as pg_cron does.  The extension
#	must be installed first (make install).  PostgreSQL will not run as root,
#	so as root the suite runs as the postgres user in var/regress
#	(CRASHPIPE_REGRESS_DIR chooses another place, for runs side by side).
set -uo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$REPO"
OUT=${CRASHPIPE_REGRESS_DIR:-$REPO/var/regress}
rm -rf "$OUT"
owned_dir "$OUT"

# Tell the tests where ../shared/testdata is, when it is there.
SHARED_CONF=$OUT/shared.conf
if [ -d "$REPO/../shared/testdata" ]; then
	echo "regress.shared_testdata = '$(cd "$REPO/../shared/testdata" && pwd)'" >"$SHARED_CONF"
else
	echo "# ../shared/testdata is absent" >"$SHARED_CONF"
fi

PGXS_DIR=$(dirname "$(pg_config --pgxs)")
TESTS=$(ls sql/*.sql | sed -E 's|sql/(.*)\.sql|\1|')
# shellcheck disable=SC2086
as_owner "$PGXS_DIR/../../src/test/regress/pg_regress" \
	--bindir="$PG_BIN" --inputdir="$REPO" --outputdir="$OUT" \
	--temp-instance="$OUT/tmp_check" --temp-config="$REPO/tests/regress.conf" \
	--temp-config="$SHARED_CONF" \
	--dbname=contrib_regression $TESTS | tee "$OUT/summary.log"
rc=${PIPESTATUS[0]}
[ -f "$OUT/regression.diffs" ] && cat "$OUT/regression.diffs"

total=$(grep -cE '^(ok|not ok|test) ' "$OUT/summary.log")
bad=$(grep -cE '^not ok|FAILED|failed \(ignored\)' "$OUT/summary.log")
[ "$total" -eq 0 ] && bad=1
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
echo "regress: $((total - bad)) passed, $bad failed"
[ "$rc" -eq 0 ]
