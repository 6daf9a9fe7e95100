#!/bin/sh
# pg-server.sh - a throw-away PostgreSQL 15 server for the tests (installs nothing).
#
#   pg-server.sh start DIR [PORT]   initialise a cluster in DIR/data (if needed), start it on
#                                   127.0.0.1:PORT (default 54329; the next free one is taken when it is
#                                   in use) with its Unix socket in DIR, create database kam_test, and
#                                   print its URL: postgresql://postgres@127.0.0.1:PORT/kam_test
#   pg-server.sh stop DIR           stop it (DIR/data is left for inspection; rm -rf DIR to discard)
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user. Trust
# authentication on 127.0.0.1 only: this server is for tests, never for data.
# Exits non-zero (with the server log on stderr) if the server cannot start.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

usage() {
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2

# Run a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  # pg_isready answers "no response" (exit 2) when nothing listens on the port.
  "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$1" -t 1 >/dev/null 2>&1
  [ $? -ne 2 ]
}

case "$cmd" in
  start)
    port=${3:-54329}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres:postgres "$dir"
      chmod 700 "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "pg-server.sh: user postgres cannot write $dir (are its parent directories traversable?)" >&2
        exit 1
      fi
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      if ! as_owner "$PGBIN/initdb" -D "$dir/data" --locale=C.UTF-8 -E UTF8 -A trust -U postgres \
          >"$dir/initdb.log" 2>&1; then
        echo "pg-server.sh: initdb failed:" >&2
        cat "$dir/initdb.log" >&2
        exit 1
      fi
    fi
    if as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      port=$(cat "$dir/port")
    else
      tries=0
      while port_in_use "$port"; do
        port=$((port + 1))
        tries=$((tries + 1))
        if [ $tries -ge 50 ]; then
          echo "pg-server.sh: no free port found" >&2
          exit 1
        fi
      done
      echo "$port" >"$dir/port"
      if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
          -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
          start >/dev/null 2>&1; then
        echo "pg-server.sh: the server did not start; its log:" >&2
        cat "$dir/server.log" >&2 || true
        exit 1
      fi
    fi
    tries=0
    until "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; do
      tries=$((tries + 1))
      if [ $tries -ge 30 ]; then
        echo "pg-server.sh: the server is not ready; its log:" >&2
        cat "$dir/server.log" >&2 || true
        exit 1
      fi
      sleep 1
    done
    if ! "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAq \
        -c "SELECT 1 FROM pg_database WHERE datname = 'kam_test'" | grep -q 1; then
      "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE kam_test TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >&2
    fi
    echo "postgresql://postgres@127.0.0.1:$port/kam_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    usage
    ;;
esac
