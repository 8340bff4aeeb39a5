#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS server for the database tests, on a Unix socket only.
#
#   tools/pg/throwaway-cluster.sh start DIR   # prints a connection string for DEPLOYMAP_TEST_PG
#   tools/pg/throwaway-cluster.sh stop DIR    # stops it and deletes DIR
#
# Needs the Debian packages postgresql-15 and postgresql-15-postgis-3 (or any version under
# /usr/lib/postgresql). The server runs as an unprivileged user: the invoking user, or, when run
# as root, the "postgres" user the packages create (made here if missing). It listens on no TCP
# port, trusts local connections, and loads tests/fixtures/pg/points.sql (100,000 timed points).
set -euo pipefail
cd "$(dirname "$0")/../.."

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "no PostgreSQL binaries under /usr/lib/postgresql/*/bin; install postgresql-15 postgresql-15-postgis-3" >&2
  exit 3
fi

as_user=()
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  as_user=(runuser -u "$owner" --)
fi
port=$(( 20000 + $$ % 10000 ))

case "$action" in
  start)
    mkdir -p "$dir"
    chown "$owner" "$dir"
    chmod 700 "$dir"
    "${as_user[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -k $dir -p $port -c fsync=off -c full_page_writes=off" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    "${as_user[@]}" "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
      -f tests/fixtures/pg/points.sql >&2
    echo "host=$dir port=$port user=postgres dbname=postgres sslmode=disable"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      "${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
