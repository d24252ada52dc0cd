#!/bin/bash
# scripts/up.sh (make up)
#	Brings up the embedded default: installs missing Debian packages, builds
#	and installs crashpipe, creates a PostgreSQL cluster under var/ on first
#	use, starts it with the extension preloaded (processor workers), creates
#	the database and extension, then starts the collector and the web front.
#	Safe to run again: whatever already runs is left running, data is kept.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

bash scripts/deps.sh build
make -s
install_crashpipe >/dev/null
owned_dir "$VAR" "$RUN_DIR" "$LOG_DIR"
chmod 700 "$RUN_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$RUN_DIR"

# Create the cluster the first time, with crashpipe's settings in their own file.
init_cluster() {
	as_owner "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$RUN_AS" -E UTF8 --locale=C \
		--auth-local=trust --auth-host=scram-sha-256 >"$LOG_DIR/initdb.log"
	echo "include 'crashpipe.conf'" | as_owner tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
}

# Write the settings every start uses (ports and paths may have changed).
write_conf() {
	as_owner tee "$PGDATA_DIR/crashpipe.conf" >/dev/null <<CONF
# Written by scripts/up.sh on every start; edit scripts/up.sh or postgresql.conf instead.
port = $PGPORT_NUM
listen_addresses = '127.0.0.1'
unix_socket_directories = '$RUN_DIR'
unix_socket_permissions = 0700
shared_preload_libraries = 'crashpipe'
crashpipe.database = '$DB_NAME'
crashpipe.processor_workers = $WORKERS
crashpipe.symbol_paths = '${CRASHPIPE_SYMBOL_PATHS:-}'
logging_collector = off
log_line_prefix = '%m [%p] %b '
CONF
}

# Start PostgreSQL unless it runs, and make sure database and extension exist.
start_database() {
	if ! as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
		as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$LOG_DIR/postgres.log" -w -t 60 start >/dev/null
	fi
	if ! as_owner psql -X -tA -h "$RUN_DIR" -p "$PGPORT_NUM" -d postgres \
		-c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
		as_owner "$PG_BIN/createdb" -h "$RUN_DIR" -p "$PGPORT_NUM" "$DB_NAME"
	fi
	cp_psql -c "CREATE EXTENSION IF NOT EXISTS crashpipe" -c "ALTER EXTENSION crashpipe UPDATE"
}

# start_program NAME BINARY ARGS...: start it in the background unless it
# runs.  Started directly (not through a shell function, which bash would
# run in a subshell), so $! is the program's own pid: setpriv execs it.
start_program() {
	local name=$1 pidfile=$RUN_DIR/$1.pid
	shift
	pid_alive "$pidfile" && return 0
	if [ "$(id -u)" -eq 0 ]; then
		HOME=/var/lib/postgresql setpriv --reuid=postgres --regid=postgres --init-groups -- \
			"$@" >>"$LOG_DIR/$name.log" 2>&1 &
	else
		"$@" >>"$LOG_DIR/$name.log" 2>&1 &
	fi
	echo $! >"$pidfile"
}

# Wait until URL answers 200, or give up after 10 s.
wait_http() {
	for _ in $(seq 100); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "crashpipe: $1 did not come up; see $LOG_DIR" >&2
	return 1
}

[ -f "$PGDATA_DIR/PG_VERSION" ] || init_cluster
write_conf
start_database
owned_dir "$VAR/spool"
start_program collector "$REPO/collector/crashpipe-collector" \
	--listen "127.0.0.1:$COLLECTOR_PORT" --dsn "$DSN" ${CRASHPIPE_SPOOL-"--spool-dir=$VAR/spool"}
start_program web "$REPO/web/crashpipe-web" --listen "127.0.0.1:$WEB_PORT" --dsn "$DSN"
# A program that cannot listen (the port is taken) exits at once: say so,
# rather than trust whatever else answers on its port.
check_running() {
	sleep 0.2
	pid_alive "$RUN_DIR/$1.pid" && return 0
	tail -n 5 "$LOG_DIR/$1.log" >&2
	echo "crashpipe: $1 did not start; see $LOG_DIR/$1.log" >&2
	rm -f "$RUN_DIR/$1.pid"
	return 1
}

check_running collector
check_running web
wait_http "http://127.0.0.1:$COLLECTOR_PORT/__lbheartbeat__"
wait_http "http://127.0.0.1:$WEB_PORT/__lbheartbeat__"

[ -n "${CRASHPIPE_QUIET:-}" ] && exit 0
cat <<MSG
crashpipe is up.
  PostgreSQL  $PGDATA_DIR (socket $RUN_DIR, port $PGPORT_NUM, database $DB_NAME), log $LOG_DIR/postgres.log
  collector   http://127.0.0.1:$COLLECTOR_PORT/submit          log $LOG_DIR/collector.log
  web         http://127.0.0.1:$WEB_PORT/                     log $LOG_DIR/web.log
Submit a crash:
  curl -F ProductName=Firefox -F Version=153.0 -F ReleaseChannel=release \\
       -F upload_file_minidump=@/path/to/crash.dmp http://127.0.0.1:$COLLECTOR_PORT/submit
See it:
  make psql        then   SELECT crash_id, product, version, os_name, cpu_arch FROM crashpipe.processed_crashes;
  curl 'http://127.0.0.1:$WEB_PORT/api/ProcessedCrash/?crash_id=<id>'
Stop everything:  make down   (data stays in $VAR; make up starts it again)
MSG
