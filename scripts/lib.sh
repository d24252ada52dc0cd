# scripts/lib.sh
#	Shared by the scripts that run a crashpipe instance (up, down, psql, the
#	end-to-end tests): where its files live, which ports it uses, and how to
#	run PostgreSQL programs, which refuse to run as root (as root they run
#	as the postgres user).
#	Every setting can be overridden from the environment, which is how the
#	tests start throwaway instances beside the default one.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=${CRASHPIPE_VAR:-$REPO/var}
PGDATA_DIR=$VAR/pgdata
RUN_DIR=$VAR/run
LOG_DIR=$VAR/log
PGPORT_NUM=${CRASHPIPE_PGPORT:-5488}
COLLECTOR_PORT=${CRASHPIPE_COLLECTOR_PORT:-8888}
WEB_PORT=${CRASHPIPE_WEB_PORT:-8000}
DB_NAME=${CRASHPIPE_DB:-crashpipe}
SYSTEM_PG_BIN=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
# CRASHPIPE_PGROOT names a private copy of the PostgreSQL installation
# (scripts/pgroot.sh makes it) that crashpipe is installed into with
# DESTDIR, so several checkouts can build, install and test side by side.
PGROOT=${CRASHPIPE_PGROOT:-}
PG_BIN=$PGROOT$SYSTEM_PG_BIN
export CRASHPIPE_PG_BIN=$PG_BIN
WORKERS=${CRASHPIPE_WORKERS:-2}

if [ "$(id -u)" -eq 0 ]; then
	RUN_AS=postgres
else
	RUN_AS=$(id -un)
fi
DSN="host=$RUN_DIR port=$PGPORT_NUM dbname=$DB_NAME user=$RUN_AS"

# Run a command as the cluster's owner; setpriv execs in place, so $! of a
# backgrounded call is the program's own pid.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		HOME=/var/lib/postgresql setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
	else
		"$@"
	fi
}

# Make a directory the cluster's owner can write.
owned_dir() {
	mkdir -p "$@"
	[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$@"
	return 0
}

# Is the process in pid file $1 running?
pid_alive() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# psql on the instance's database, failing on the first error.
cp_psql() {
	PGOPTIONS="-c client_min_messages=warning" as_owner psql -X -q -v ON_ERROR_STOP=1 "$DSN" "$@"
}

# Install the built tree: into the system, or into $PGROOT when set.
install_crashpipe() {
	if [ -n "$PGROOT" ]; then
		bash "$REPO/scripts/pgroot.sh" "$PGROOT" && make -s -C "$REPO" install DESTDIR="$PGROOT"
	elif [ "$(id -u)" -eq 0 ]; then
		make -s -C "$REPO" install
	else
		sudo make -s -C "$REPO" install
	fi
}
