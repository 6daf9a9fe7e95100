#!/usr/bin/env bash
# Runs KAM's benchmarks with one command (as root on Debian 12): installs what is missing, builds,
# starts a throw-away PostgreSQL on 127.0.0.1, and prints the figures.
#   bash bench/run.sh                 # 1M order events, batches of 10k
#   bash bench/run.sh --events 100000 # smaller run; any ingest_bench option passes through
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
bash .ci/setup-debian
bash .ci/build "$here/build" >/dev/null
work="$(mktemp -d /tmp/kam-bench.XXXXXX)"
chmod 755 "$work"  # the PostgreSQL server runs as user postgres and must reach its directory
trap 'bash tests/support/pg-server.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
url="$(bash tests/support/pg-server.sh start "$work/pg")"
echo "PostgreSQL: a throw-away server on 127.0.0.1 (tests/support/pg-server.sh: fsync=off), the same for KAM and for COPY"
"$here/build/bench/kam_ingest_bench" --dir "$work/sqlite" --pg "$url" "$@"
