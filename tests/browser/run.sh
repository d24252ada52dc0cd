#!/bin/bash
# tests/browser/run.sh (make browser; a layer of make test)
#	Walks every page of crashpipe-web in a real browser: starts a throwaway
#	crashpipe under var/browser on free ports, submits every test dump of
#	../shared/testdata through the collector (with protected annotations
#	such as URL and Comments), waits for the workers, makes API tokens,
#	writes what the pages must show (read with SQL) to expected.json, and
#	runs tests/browser/walk.mjs: Debian's chromium driven by playwright-core
#	(from npm, installed once into var/browser-node).  Screenshots are kept
#	in var/browser/shots.  Prints "browser: N passed, N failed, N skipped".
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
TESTDATA=$REPO/../shared/testdata
PLAYWRIGHT_VERSION=1.65.2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ ! -d "$TESTDATA/breakpad" ]; then
	echo "SKIP ../shared/testdata is absent"
	echo "browser: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
	echo "browser: chromium is missing (scripts/deps.sh test installs it)"
	echo "browser: 0 passed, 1 failed"
	exit 1
fi
NODE_DIR=$REPO/var/browser-node
if [ ! -f "$NODE_DIR/node_modules/playwright-core/package.json" ]; then
	mkdir -p "$NODE_DIR"
	if ! (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent "playwright-core@$PLAYWRIGHT_VERSION"); then
		echo "browser: npm could not install playwright-core"
		echo "browser: 0 passed, 1 failed"
		exit 1
	fi
fi

export CRASHPIPE_VAR=$REPO/var/browser
export CRASHPIPE_PGPORT=$(free_port)
export CRASHPIPE_COLLECTOR_PORT=$(free_port)
export CRASHPIPE_WEB_PORT=$(free_port)
export CRASHPIPE_QUIET=1 CRASHPIPE_SPOOL=""
export CRASHPIPE_SYMBOL_PATHS=$(cd "$TESTDATA/breakpad/symbols" && pwd)
trap 'bash "$REPO/scripts/down.sh" >/dev/null' EXIT
bash "$REPO/scripts/down.sh" >/dev/null
rm -rf "$CRASHPIPE_VAR"
if ! bash "$REPO/scripts/up.sh" >/dev/null; then
	tail -n 30 "$CRASHPIPE_VAR"/log/*.log
	echo "browser: 0 passed, 1 failed"
	exit 1
fi
source "$REPO/scripts/lib.sh"
mkdir -p "$CRASHPIPE_VAR/shots"

# Every dump, versions 120.0 to 122.0 in turn, each with a secret URL and comment.
n=0
for dump in "$TESTDATA"/breakpad/*.dmp "$TESTDATA"/rust-minidump/testdata/*.dmp; do
	n=$((n + 1))
	curl -sf -o /dev/null -F ProductName=Firefox -F "Version=$((120 + n % 3)).0" \
		-F ReleaseChannel=release -F "BuildID=20240101$(printf %06d "$n")" \
		-F "URL=https://secret.example/page-$n" -F "Comments=mail me at user$n@secret.example" \
		-F "upload_file_minidump=@$dump" "http://127.0.0.1:$CRASHPIPE_COLLECTOR_PORT/submit" ||
		echo "FAIL could not submit $dump"
done
for _ in $(seq 600); do
	left=$(cp_psql -At -c "SELECT count(*) FROM crashpipe.queue WHERE state = 'pending'")
	[ "$left" = 0 ] && break
	sleep 0.2
done

# What the pages must show, straight from the database.
cp_psql -At >"$CRASHPIPE_VAR/expected.json" <<'SQL'
WITH sym AS (
    SELECT crash_id, signature, processed->'json_dump' AS json_dump FROM crashpipe.processed_crashes
    WHERE processed #>> '{json_dump,crash_info,crashing_thread}' IS NOT NULL
      AND processed #>> ARRAY['json_dump', 'threads', processed #>> '{json_dump,crash_info,crashing_thread}', 'frames', '0', 'file'] IS NOT NULL
    ORDER BY crash_id LIMIT 1)
SELECT jsonb_build_object(
    'crashes', (SELECT count(*) FROM crashpipe.processed_crashes),
    'report', (SELECT jsonb_build_object(
                   'crash_id', crash_id, 'signature', signature,
                   'top_frame', json_dump #> ARRAY['threads', json_dump #>> '{crash_info,crashing_thread}', 'frames', '0'],
                   'modules', jsonb_array_length(json_dump->'modules'),
                   'missing', (SELECT count(*) FROM jsonb_array_elements(json_dump->'modules') m
                               WHERE (m->>'missing_symbols')::boolean))
               FROM sym),
    'versions', (SELECT jsonb_object_agg(version, n) FROM (
                     SELECT version, count(*) AS n FROM crashpipe.processed_crashes GROUP BY version) v),
    'reprocess_token', crashpipe.create_token('browser-reprocess', '{reprocess_crashes}'),
    'pii_token', crashpipe.create_token('browser-pii', '{view_pii}'))
SQL

BEFORE=$(cp_psql -At -c "SELECT now()")
BASE=http://127.0.0.1:$CRASHPIPE_WEB_PORT SHOTS=$CRASHPIPE_VAR/shots \
	EXPECTED=$CRASHPIPE_VAR/expected.json NODE_MODULES=$NODE_DIR/node_modules \
	node "$REPO/tests/browser/walk.mjs" | tee "$CRASHPIPE_VAR/walk.out"

# The reprocess button's crash is processed again by the workers.
REPORT_ID=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["report"]["crash_id"])' \
	"$CRASHPIPE_VAR/expected.json")
again=0
for _ in $(seq 100); do
	again=$(cp_psql -At -c "SELECT count(*) FROM crashpipe.processed_crashes
		WHERE crash_id = '$REPORT_ID' AND processed_at > '$BEFORE'")
	[ "$again" = 1 ] && break
	sleep 0.1
done
[ "$again" = 1 ] || echo "FAIL the crash reprocessed from its report page was not processed again"

read -r p f <<<"$(sed -nE 's/^walk: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$CRASHPIPE_VAR/walk.out")"
[ -n "${p:-}" ] || { p=0; f=1; }
[ "$again" = 1 ] && p=$((p + 1)) || f=$((f + 1))
echo "browser: $p passed, $f failed"
[ "$f" -eq 0 ]
