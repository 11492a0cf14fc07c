#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (initdb into a temporary folder, listening only on a unix
# socket), runs the given command with DOCKSIDE_TEST_PG_URL pointing at it, and stops and removes the
# server afterwards, whether the command passed or failed. Exits with the command's exit code.
# As root, the server runs as the postgres user, since PostgreSQL refuses to run as root.
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found; run scripts/setup.sh" >&2
    exit 1
fi

as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
    as_server_user=(runuser -u postgres --)
fi

work=$(mktemp -d /tmp/dockside-pg.XXXXXX)
chmod 755 "$work"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$work"
fi

stop_server() {
    "${as_server_user[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop_server EXIT INT TERM

"${as_server_user[@]}" "$pgbin/initdb" -D "$work/data" -U postgres -A trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 || {
    cat "$work/initdb.log" >&2
    exit 1
}
# Durability is pointless for a throwaway server; turning it off makes CREATE DATABASE per test cheap.
"${as_server_user[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || {
    cat "$work/server.log" >&2
    exit 1
}

export DOCKSIDE_TEST_PG_URL="postgresql://postgres@/postgres?host=$work"
echo "with-postgres: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on unix socket $work"

set +e
"$@"
status=$?
set -e
exit $status
