#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command with a throw-away PostgreSQL server on 127.0.0.1 and its URL in
# KPI_TEST_POSTGRES_URL, so the store's tests run against PostgreSQL as well as SQLite.
# The server lives in a temporary folder and is gone when the command ends.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
    echo "with-postgres: PostgreSQL is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kpi-postgres.XXXXXX")
as_owner=""
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the server runs as the postgres user.
    chown postgres "$scratch"
    as_owner="runuser -u postgres --"
fi
cleanup() {
    $as_owner "$bindir/pg_ctl" -D "$scratch/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

$as_owner "$bindir/initdb" -D "$scratch/data" -A trust -U kpi -E UTF8 --locale=C --no-sync >"$scratch/initdb.log" 2>&1 \
    || { cat "$scratch/initdb.log" >&2; exit 1; }

# A free port: try a few at random rather than guess one that is always free.
started=""
for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    if $as_owner "$bindir/pg_ctl" -D "$scratch/data" -l "$scratch/server.log" -w -t 30 \
        -o "-k $scratch -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
        started=yes
        break
    fi
done
if [ -z "$started" ]; then
    echo "with-postgres: the server did not start:" >&2
    cat "$scratch/server.log" >&2
    exit 1
fi
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U kpi kpi_test

export KPI_TEST_POSTGRES_URL="postgresql://kpi@127.0.0.1:$port/kpi_test"
"$@"
