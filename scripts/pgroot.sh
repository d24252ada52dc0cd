#!/bin/bash
# scripts/pgroot.sh ROOT
#	Makes ROOT a private copy of this machine's PostgreSQL installation
#	(server programs, libraries, share files) laid out under the same paths,
#	so that `make install DESTDIR=ROOT` and a server started from
#	ROOT/<bindir> use only ROOT's copy of crashpipe.  PostgreSQL finds its
#	share and library directories relative to its own binary, so the copy
#	works without any setting.  Several checkouts can then install and run
#	their tests at the same time (set CRASHPIPE_PGROOT=ROOT; see lib.sh).
#	Safe to run again: an existing copy is kept.
set -euo pipefail
ROOT=${1:?usage: pgroot.sh ROOT}
mkdir -p "$ROOT"
for dir in "$(pg_config --bindir)" "$(pg_config --pkglibdir)" "$(pg_config --sharedir)"; do
	if [ ! -d "$ROOT$dir" ]; then
		mkdir -p "$(dirname "$ROOT$dir")"
		cp -a "$dir" "$ROOT$dir"
	fi
done
chmod -R a+rX "$ROOT"
