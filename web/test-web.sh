#!/bin/bash
# web/test-web.sh DSN PORT
#	Checks crashpipe-web over HTTP.  DSN names a database that already has
#	the crashpipe schema (the script does not make a cluster); the script
#	inserts two processed crashes of its own, starts crashpipe-web on PORT,
#	compares statuses, headers and exact bodies with curl, then restarts it
#	on an unreachable database to check the 503s, and finally deletes its
#	rows and stops what it started.
#	Prints "web: N passed, N failed" and exits 1 if anything failed.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 DSN PORT" >&2
	exit 2
fi
DSN=$1
PORT=$2
WEB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=$WEB_DIR/crashpipe-web
BASE=http://127.0.0.1:$PORT
VERSION=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$WEB_DIR/../crashpipe.control")
[ -x "$BIN" ] || { echo "web: $BIN is not built; run make -C web" >&2; exit 2; }

# Crash ids end in a throttle digit and the UTC day YYMMDD; today's day
# means the partitions exist or are made like any real crash's.
DAY=$(date -u +%y%m%d)
ID1=5eb0c0de-0000-4000-8000-000010$DAY
ID2=5eb0c0de-0000-4000-8000-000020$DAY
ID_UNKNOWN=5eb0c0de-0000-4000-8000-0000f0$DAY
PROCESSED1="{\"uuid\": \"$ID1\", \"product\": \"Firefox\", \"success\": true, \"signature\": \"OOM | small\"}"

TMP=$(mktemp -d)
WEB_PID=""
passed=0
failed=0

# psql on the test database, stopping at the first error.
db() {
	psql -X -q -v ON_ERROR_STOP=1 -v id1="$ID1" -v id2="$ID2" -d "$DSN" "$@"
}

# Insert the two crashes the checks read, replacing any a killed run left;
# the second is full of markup.
insert_rows() {
	db <<'SQL'
DELETE FROM crashpipe.processed_crashes WHERE crash_id IN (:'id1', :'id2');
SELECT crashpipe.ensure_partitions(crashpipe.crash_id_date(:'id1')) \g /dev/null
INSERT INTO crashpipe.processed_crashes
	(crash_id, crash_date, submitted_at, success, product, version,
	 os_name, cpu_arch, reason, processed)
VALUES
	(:'id1', crashpipe.crash_id_date(:'id1'), now(), true, 'Firefox', '120.0',
	 'Linux', 'amd64', 'SIGSEGV /SEGV_MAPERR',
	 jsonb_build_object('uuid', :'id1', 'product', 'Firefox',
						'signature', 'OOM | small', 'success', true)),
	(:'id2', crashpipe.crash_id_date(:'id2'), now(), false,
	 '<script>alert("x")</script>', '1.0', 'Windows NT', 'x86',
	 'it''s <b>bad</b> & worse', '{}');
DELETE FROM crashpipe.raw_crashes WHERE crash_id = :'id1';
INSERT INTO crashpipe.raw_crashes
	(crash_id, crash_date, product, version, annotations, metadata, throttle_result, throttle_rule)
VALUES (:'id1', crashpipe.crash_id_date(:'id1'), 'Firefox', '120.0',
		'{"ProductName": "Firefox", "Version": "120.0"}', '{}', 'accept', 'web-test');
DELETE FROM crashpipe.api_tokens WHERE owner LIKE 'web-test%';
SQL
}

# Delete the rows and stop crashpipe-web; runs on every exit.
cleanup() {
	stop_web
	db <<'SQL'
DELETE FROM crashpipe.processed_crashes WHERE crash_id IN (:'id1', :'id2');
DELETE FROM crashpipe.queue WHERE crash_id = :'id1';
DELETE FROM crashpipe.raw_crashes WHERE crash_id = :'id1';
DELETE FROM crashpipe.api_tokens WHERE owner LIKE 'web-test%';
SQL
	rm -rf "$TMP"
}

# Start crashpipe-web on DSN $1 and wait until it answers.
start_web() {
	"$BIN" --listen "127.0.0.1:$PORT" --dsn "$1" --pool-size 2 --max-body-size 4096 \
		>>"$TMP/web.log" 2>&1 &
	WEB_PID=$!
	for _ in $(seq 50); do
		curl -sf -o /dev/null "$BASE/__lbheartbeat__" && return 0
		kill -0 "$WEB_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "web: crashpipe-web did not start on port $PORT:" >&2
	cat "$TMP/web.log" >&2
	exit 1
}

# Stop the crashpipe-web this script started, if it runs.
stop_web() {
	[ -n "$WEB_PID" ] || return 0
	kill "$WEB_PID" 2>/dev/null
	wait "$WEB_PID" 2>/dev/null
	WEB_PID=""
}

# Record one check's outcome: name, then 0 for pass or a reason.
record() {
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $1: $2" >&2
	fi
}

# check NAME STATUS BODY CURL_ARGS...: the status and the exact body.
check() {
	local name=$1 status=$2 body=$3 got
	shift 3
	got=$(curl -s -o "$TMP/body" -w '%{http_code}' "$@")
	if [ "$got" != "$status" ]; then
		record "$name" "status $got, expected $status; body: $(head -c 300 "$TMP/body")"
	elif ! printf '%s' "$body" | cmp -s - "$TMP/body"; then
		record "$name" "body $(head -c 300 "$TMP/body"), expected $body"
	else
		record "$name" 0
	fi
}

# check_status NAME EXPECTED CURL_ARGS...: what curl -w writes is EXPECTED.
check_status() {
	local name=$1 expected=$2 got
	shift 2
	got=$(curl -s "$@")
	[ "$got" = "$expected" ] && record "$name" 0 || record "$name" "got $got, expected $expected"
}

# check_header NAME "Header: value" CURL_ARGS...: that exact header line.
check_header() {
	local name=$1 line=$2
	shift 2
	if curl -s -o /dev/null -D - "$@" | tr -d '\r' | grep -Fxiq -- "$line"; then
		record "$name" 0
	else
		record "$name" "no header line \"$line\""
	fi
}

# check_page NAME yes|no TEXT: the last body fetched has (or lacks) TEXT.
check_page() {
	if grep -Fq -- "$3" "$TMP/body"; then
		[ "$2" = yes ] && record "$1" 0 || record "$1" "page contains $3"
	else
		[ "$2" = no ] && record "$1" 0 || record "$1" "page lacks $3"
	fi
}

# Checks against a working database.
check_api() {
	local api="$BASE/api/ProcessedCrash/"
	check "processed crash" 200 "$PROCESSED1" "$api?crash_id=$ID1"
	check_header "processed crash is JSON" "Content-Type: application/json" "$api?crash_id=$ID1"
	check "bp- prefix" 200 "$PROCESSED1" "$api?crash_id=bp-$ID1"
	check "datatype=processed" 200 "$PROCESSED1" "$api?datatype=processed&crash_id=$ID1"
	check "unknown crash" 404 "{\"error\": \"crash not found\", \"crash_id\": \"$ID_UNKNOWN\"}" \
		"$api?crash_id=$ID_UNKNOWN"
	check "missing crash_id" 400 '{"error": "missing parameter crash_id"}' "$api"
	check "invalid crash id" 400 '{"error": "invalid crash id \"garbage\""}' "$api?crash_id=garbage"
	check "error JSON-escaped" 400 '{"error": "invalid crash id \"a\"b\\\""}' "$api?crash_id=a%22b%5C"
	check "POST refused under /api/" 405 '{"error": "method not allowed"}' -X POST -d x=1 "$api"
	check "unknown API" 404 '{"error": "not found"}' "$BASE/api/nope"
}

# Checks of the health endpoints against a working database.
check_health() {
	check "lbheartbeat" 200 '{"ok": true}' "$BASE/__lbheartbeat__"
	check "heartbeat" 200 '{"ok": true}' "$BASE/__heartbeat__"
	check "version" 200 "{\"name\":\"crashpipe-web\",\"version\":\"$VERSION\"}" "$BASE/__version__"
}

# Checks of the crash list page: content, escaping, headers, HEAD.
check_index() {
	curl -s -o "$TMP/body" "$BASE/"
	check_page "page is HTML5" yes '<!doctype html>'
	check_page "page links the crash" yes "<a href=\"/report/index/$ID1\">$ID1</a>"
	check_page "product escaped" yes '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
	check_page "reason escaped" yes 'it&#39;s &lt;b&gt;bad&lt;/b&gt; &amp; worse'
	check_page "no raw markup" no '<script>'
	check_page "failed crash marked" yes '<td data-label="Processed" class="failed">failed</td>'
	check_header "page CSP" "Content-Security-Policy: default-src 'self'" "$BASE/"
	check_header "nosniff" "X-Content-Type-Options: nosniff" "$BASE/"
	check_header "frame deny" "X-Frame-Options: DENY" "$BASE/__version__"
	check_header "referrer policy" "Referrer-Policy: same-origin" "$BASE/__version__"
	check_status "HEAD has no body" "200 0" -I -o /dev/null -w '%{http_code} %{size_download}' "$BASE/"
	check "POST refused" 405 $'method not allowed\n' -X POST -d x=1 "$BASE/"
	check_header "405 says what is allowed" "Allow: GET, HEAD" -X POST "$BASE/"
	check "unknown page" 404 $'not found\n' "$BASE/nope"
}

# Checks of /static/: a file as is, and nothing outside the directory.
check_static() {
	check_status "stylesheet" 200 -o "$TMP/body" -w '%{http_code}' "$BASE/static/style.css"
	cmp -s "$TMP/body" "$WEB_DIR/static/style.css" && record "stylesheet as is" 0 ||
		record "stylesheet as is" "body differs from static/style.css"
	check_header "stylesheet type" "Content-Type: text/css; charset=utf-8" "$BASE/static/style.css"
	check "dot-dot refused" 404 $'not found\n' --path-as-is "$BASE/static/../Makefile"
	check "encoded dot-dot refused" 404 $'not found\n' "$BASE/static/%2e%2e/Makefile"
	check "missing file" 404 $'not found\n' "$BASE/static/nope.css"
	check "absolute path refused" 404 $'not found\n' --path-as-is "$BASE/static//etc/passwd"
	check "hidden file refused" 404 $'not found\n' "$BASE/static/.style.css"
}

# The server reconnects after its database connections are killed.
check_reconnect() {
	db -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = 'crashpipe-web' AND datname = current_database()" >/dev/null
	check "reconnects after backend loss" 200 "$PROCESSED1" \
		"$BASE/api/ProcessedCrash/?crash_id=$ID1"
}

# A new API token with the permissions $2 (a text[] literal), owned by $1.
new_token() {
	db -At -c "SELECT crashpipe.create_token('$1', '$2', $3)"
}

# Checks of the Auth-Token header and of POST bodies.
check_auth() {
	local api="$BASE/api/ProcessedCrash/?crash_id=$ID1" re="$BASE/api/Reprocessing/"
	local viewer expired
	viewer=$(new_token web-test-viewer '{view_pii}' NULL)
	expired=$(new_token web-test-expired '{admin}' "now() - interval '1 second'")
	check "valid token" 200 "$PROCESSED1" -H "Auth-Token: $viewer" "$api"
	check "unknown token" 403 '{"error": "invalid or expired API token"}' -H "Auth-Token: nope" "$api"
	check "expired token" 403 '{"error": "invalid or expired API token"}' -H "Auth-Token: $expired" "$api"
	check "GET refused where POST is" 405 '{"error": "method not allowed"}' "$re"
	check_header "405 allows POST" "Allow: POST" "$re"
	check "anonymous may not reprocess" 403 \
		'{"error": "this needs an API token with the permission reprocess_crashes"}' \
		-d "crash_ids=$ID1" "$re"
	check "view_pii may not reprocess" 403 \
		'{"error": "this needs an API token with the permission reprocess_crashes"}' \
		-H "Auth-Token: $viewer" -d "crash_ids=$ID1" "$re"
	head -c 5000 /dev/zero | tr '\0' x >"$TMP/big"
	check "body over --max-body-size" 413 '{"error": "request body too large"}' \
		-H "Auth-Token: $viewer" --data-binary "@$TMP/big" "$re"
	check "chunked body over --max-body-size" 413 '{"error": "request body too large"}' \
		-H "Auth-Token: $viewer" -H "Transfer-Encoding: chunked" --data-binary "@$TMP/big" "$re"
}

# /api/Reprocessing/ queues crashes for a token with reprocess_crashes;
# the workers then replace the processed crash of the test's raw crash.
check_reprocessing() {
	local re="$BASE/api/Reprocessing/" token got=""
	token=$(new_token web-test-reprocess '{reprocess_crashes}' NULL)
	check "reprocess: no ids" 400 '{"error": "missing parameter crash_ids"}' \
		-H "Auth-Token: $token" -d "other=1" "$re"
	check "reprocess: invalid id" 400 '{"error": "invalid crash id \"nope\""}' \
		-H "Auth-Token: $token" -d "crash_ids=nope" "$re"
	check "reprocess: unknown crash" 404 "{\"error\": \"crash $ID_UNKNOWN does not exist\"}" \
		-H "Auth-Token: $token" -d "crash_ids=$ID1" -d "crash_ids=$ID_UNKNOWN" "$re"
	check "reprocess: JSON body is not a form" 400 \
		'{"error": "could not read the form: send crash_ids as application/x-www-form-urlencoded or multipart/form-data"}' \
		-H "Auth-Token: $token" -H "Content-Type: application/json" -d "{\"crash_ids\": [\"$ID1\"]}" "$re"
	check "reprocess: multipart form" 200 'true' -H "Auth-Token: $token" -F "crash_ids=$ID1" "$re"
	for _ in $(seq 100); do
		got=$(db -At <<<"SELECT processed->>'uuid' FROM crashpipe.processed_crashes
			WHERE crash_id = :'id1' AND processed->>'signature' IS DISTINCT FROM 'OOM | small'")
		[ -n "$got" ] && break
		sleep 0.1
	done
	[ "$got" = "$ID1" ] && record "reprocessed by the workers" 0 ||
		record "reprocessed by the workers" "processed crash not replaced within 10 s"
	db -At -c "SELECT last_used_at IS NOT NULL FROM crashpipe.api_tokens WHERE owner = 'web-test-reprocess'" \
		>"$TMP/used"
	[ "$(cat "$TMP/used")" = t ] && record "token last use recorded" 0 ||
		record "token last use recorded" "last_used_at not set"
}

# Checks against a database that cannot be reached.
check_unavailable() {
	check "API 503" 503 '{"error": "database unavailable"}' "$BASE/api/ProcessedCrash/?crash_id=$ID1"
	check "heartbeat 503" 503 '{"ok": false, "error": "database unavailable"}' "$BASE/__heartbeat__"
	check "lbheartbeat without database" 200 '{"ok": true}' "$BASE/__lbheartbeat__"
	check_status "page 503" 503 -o /dev/null -w '%{http_code}' "$BASE/"
}

trap cleanup EXIT
insert_rows || { echo "web: could not insert the test rows" >&2; exit 1; }
start_web "$DSN"
check_health
check_api
check_index
check_static
check_reconnect
check_auth
check_reprocessing
stop_web
start_web "host=$TMP port=1 dbname=nowhere connect_timeout=2"
check_unavailable

if [ "$failed" -gt 0 ]; then
	echo "web: crashpipe-web log:" >&2
	tail -n 40 "$TMP/web.log" >&2
fi
echo "web: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
