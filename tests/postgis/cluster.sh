#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A throw-away PostgreSQL cluster for the PostGIS tests: Unix socket only (no TCP), trust
# authentication, database `locality` with the postgis extension.
#   cluster.sh start STATE    initdb into a new temporary folder, start, record the folder in STATE
#   cluster.sh stop STATE     stop the cluster recorded in STATE and remove its folder (no-op without one)
# Exit 77 (ctest: skipped) when the PostgreSQL or PostGIS binaries are absent. As root, the server runs
# as the `postgres` user (or `nobody`): initdb and postgres refuse to run as root.
set -euo pipefail
action="${1:?start|stop}"
state="${2:?state file}"
bindir="${LOCALITY_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ] || [ ! -x "$bindir/psql" ]; then
    echo "PostgreSQL binaries not found (install postgresql): skipped"
    exit 77
fi
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
    echo "PostGIS not found (install postgresql-15-postgis-3): skipped"
    exit 77
fi

as_server=()
if [ "$(id -u)" -eq 0 ]; then
    server_user=postgres
    id "$server_user" >/dev/null 2>&1 || server_user=nobody
    as_server=(runuser -u "$server_user" --)
fi

case "$action" in
    start)
        mkdir -p "$(dirname "$state")"
        # A leftover from a killed run is stopped first (its cleanup never ran).
        [ -s "$state" ] && "$0" stop "$state" || true
        # As root the server user must reach the folder: /tmp, not a TMPDIR that may sit under /root.
        parent="${TMPDIR:-/tmp}"
        [ "${#as_server[@]}" -eq 0 ] || parent=/tmp
        dir="$(mktemp -d "$parent/locality-pg-XXXXXX")"
        echo "$dir" > "$state"
        [ "${#as_server[@]}" -eq 0 ] || chown "$server_user" "$dir"
        "${as_server[@]}" "$bindir/initdb" -D "$dir/data" -U locality --auth=trust -E UTF8 --no-locale \
            > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
        "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
            -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=20" start > /dev/null ||
            { cat "$dir/data/server.log"; exit 1; }
        "$bindir/psql" -X -q -h "$dir" -U locality -d postgres -c "CREATE DATABASE locality"
        "$bindir/psql" -X -q -h "$dir" -U locality -d locality -c "CREATE EXTENSION postgis"
        echo "cluster running in $dir (socket only)"
        ;;
    stop)
        [ -s "$state" ] || { echo "no cluster to stop"; exit 0; }
        dir="$(cat "$state")"
        if [ -d "$dir/data" ]; then
            "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
        fi
        case "$dir" in */locality-pg-*) rm -rf "$dir" ;; esac
        rm -f "$state"
        echo "cluster stopped"
        ;;
    *)
        echo "usage: cluster.sh start|stop STATE" >&2
        exit 2
        ;;
esac
