#!/bin/bash
# scripts/down.sh (make down)
#	Stops what scripts/up.sh started: the web front, the collector, then
#	PostgreSQL (with its workers).  Data stays in var/.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

# stop_program NAME: SIGTERM, then wait up to 10 s, then SIGKILL.
stop_program() {
	local pidfile=$RUN_DIR/$1.pid
	if pid_alive "$pidfile"; then
		kill "$(cat "$pidfile")"
		for _ in $(seq 100); do pid_alive "$pidfile" || break; sleep 0.1; done
		pid_alive "$pidfile" && kill -9 "$(cat "$pidfile")"
		echo "stopped $1"
	fi
	rm -f "$pidfile"
}

stop_program web
stop_program collector
if [ -f "$PGDATA_DIR/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
	as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null && echo "stopped PostgreSQL"
fi
exit 0
