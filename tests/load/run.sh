#!/bin/bash
# tests/load/run.sh (make loadtest; LOAD_SECONDS, LOAD_CLIENTS)
#	The durability load test: a throwaway crashpipe under var/load on free
#	ports, its collector spooling during outages, many clients posting
#	200 KB and 1.5 MB crashes while PostgreSQL is stopped and restarted and
#	the collector is SIGKILLed and restarted.  Every crash id a client was
#	given must be in the database at the end.  Loopback only, bounded in
#	time; not part of make test.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

export CRASHPIPE_VAR=$REPO/var/load
export CRASHPIPE_PGPORT=$(free_port)
export CRASHPIPE_COLLECTOR_PORT=$(free_port)
export CRASHPIPE_WEB_PORT=$(free_port)
export CRASHPIPE_QUIET=1
trap 'bash "$REPO/scripts/down.sh" >/dev/null' EXIT

bash "$REPO/scripts/down.sh" >/dev/null
rm -rf "$CRASHPIPE_VAR"
bash "$REPO/scripts/up.sh" || exit 1
source "$REPO/scripts/lib.sh"
python3 "$REPO/tests/load/loadtest.py"
