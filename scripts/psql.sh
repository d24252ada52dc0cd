#!/bin/bash
# scripts/psql.sh (make psql)
#	Opens psql on the embedded default's database as its owner.
source "$(dirname "$0")/lib.sh"
exec_args=("$@")
as_owner psql "$DSN" "${exec_args[@]}"
