#!/bin/bash
# tests/e2e/run.sh (make e2e)
#	Starts a throwaway crashpipe (cluster, workers, collector, web) under
#	var/e2e on free ports, runs tests/e2e/e2e.py against it over real HTTP
#	and SQL, and stops it again whatever happens.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

export CRASHPIPE_VAR=$REPO/var/e2e
export CRASHPIPE_PGPORT=$(free_port)
export CRASHPIPE_COLLECTOR_PORT=$(free_port)
export CRASHPIPE_WEB_PORT=$(free_port)
export CRASHPIPE_QUIET=1
[ -d "$REPO/../shared/testdata/breakpad/symbols" ] &&
	export CRASHPIPE_SYMBOL_PATHS=$(cd "$REPO/../shared/testdata/breakpad/symbols" && pwd)
export CRASHPIPE_SPOOL=""	# the main collector answers 503 in an outage; e2e.py starts a spooling one
trap 'bash "$REPO/scripts/down.sh" >/dev/null' EXIT

bash "$REPO/scripts/down.sh" >/dev/null
rm -rf "$CRASHPIPE_VAR"
if ! bash "$REPO/scripts/up.sh"; then
	tail -n 30 "$CRASHPIPE_VAR"/log/*.log
	echo "e2e: 0 passed, 1 failed"
	exit 1
fi
source "$REPO/scripts/lib.sh"
python3 "$REPO/tests/e2e/e2e.py" | tee "$CRASHPIPE_VAR/e2e.out"
bash "$REPO/web/test-web.sh" "$DSN" "$(free_port)" | tee "$CRASHPIPE_VAR/web.out"
python3 "$REPO/tests/e2e/web_api.py" | tee "$CRASHPIPE_VAR/web_api.out"

# make down must stop what make up started: nothing answers on their ports
bash "$REPO/scripts/down.sh" >/dev/null
alive=""
for port in "$CRASHPIPE_COLLECTOR_PORT" "$CRASHPIPE_WEB_PORT"; do
	curl -s -o /dev/null "http://127.0.0.1:$port/__lbheartbeat__" && alive="$alive $port"
done
if [ -z "$alive" ]; then
	echo "down: 1 passed, 0 failed" >"$CRASHPIPE_VAR/down.out"
else
	echo "FAIL after make down something still answers on port(s)$alive"
	echo "down: 0 passed, 1 failed" >"$CRASHPIPE_VAR/down.out"
fi

# one closing line for all of them
read -r p f s <<<"$(grep -hE '^(e2e|web|web_api|down): [0-9]+ passed' "$CRASHPIPE_VAR/e2e.out" "$CRASHPIPE_VAR/web.out" \
	"$CRASHPIPE_VAR/web_api.out" "$CRASHPIPE_VAR/down.out" |
	sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?/\1 \2 \4/' |
	awk '{p += $1; f += $2; s += $3; n++} END {if (n < 4) f++; print p + 0, f + 0, s + 0}')"
echo "e2e: $p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
