#!/usr/bin/env bash
# Runs KAM's benchmarks with one command (as root on Debian 12): installs what is missing, builds,
# and prints the figures of
#   ingest_bench: order events through the ABI into SQLite and PostgreSQL (a throw-away server on
#                 127.0.0.1), each beside its limit (raw sqlite3 inserts, COPY);
#   tiers_bench:  tiers_evaluate of every account beside one reference SQL query on the same SQLite
#                 file, with the tiers compared account by account (see docs/tiers.md);
#   calendar_bench: business-minute additions and business time between two instants on the example
#                 config's China 2026 calendar, in Asia/Shanghai, Europe/Berlin and America/New_York,
#                 beside one date/tz local-time conversion of the same instants (see docs/calendars.md);
#   complaints_bench: 1M open complaints through the store's ingestion, then the SLA check when 1%
#                 come due or change state, an employee's queue p50/p99 and the KPI report, each
#                 beside one SELECT of the same rows, on SQLite and (100k) PostgreSQL (see docs/complaints.md);
#   identity_bench: account identity matching on the hand-labelled PATSTAT names (if the file is
#                 there) beside exact keys and pg_trgm, and on 100k generated accounts beside pg_trgm's
#                 similarity join (see docs/identity.md); identity_store_bench: the same accounts
#                 through the store (ingest with the identity hook beside the hook alone), duplicates
#                 and match over the stored base.
#   bash bench/run.sh                 # 1M order events; 1M accounts with 10M orders; 2M calendar calls; identity
#   bash bench/run.sh --events 100000 # smaller ingest run; any ingest_bench option passes through
#   KAM_BENCH_ACCOUNTS=100000 KAM_BENCH_ORDERS=1000000 bash bench/run.sh   # smaller tiers run
#   KAM_BENCH_ONLY=tiers bash bench/run.sh    # only tiers_bench (no PostgreSQL); or =ingest, =calendar, =complaints, =identity
#   KAM_BENCH_COMPLAINTS=10000 KAM_BENCH_PG_COMPLAINTS=10000 KAM_BENCH_ONLY=complaints bash bench/run.sh  # quick
#   KAM_BENCH_PATSTAT=/path/patstat_reference.csv KAM_BENCH_IDENTITY_ACCOUNTS=20000 bash bench/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
only="${KAM_BENCH_ONLY:-}"
case "$only" in "" | ingest | tiers | calendar | complaints | identity) ;; *) echo "KAM_BENCH_ONLY must be ingest, tiers, calendar, complaints or identity" >&2; exit 2 ;; esac
bash .ci/setup-debian
bash .ci/build "$here/build" >/dev/null
work="$(mktemp -d /tmp/kam-bench.XXXXXX)"
chmod 755 "$work"  # the PostgreSQL server runs as user postgres and must reach its directory
trap 'bash tests/support/pg-server.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
if [[ -z "$only" || "$only" == ingest ]]; then
  url="$(bash tests/support/pg-server.sh start "$work/pg")"
  echo "PostgreSQL: a throw-away server on 127.0.0.1 (tests/support/pg-server.sh: fsync=off), the same for KAM and for COPY"
  "$here/build/bench/kam_ingest_bench" --dir "$work/sqlite" --pg "$url" "$@"
  bash tests/support/pg-server.sh stop "$work/pg" >/dev/null 2>&1 || true
fi
if [[ -z "$only" || "$only" == tiers ]]; then
  [[ "$only" == tiers ]] || echo
  "$here/build/bench/kam_tiers_bench" --db "$work/tiers" \
    --accounts "${KAM_BENCH_ACCOUNTS:-1000000}" --orders "${KAM_BENCH_ORDERS:-10000000}"
fi
if [[ -z "$only" || "$only" == calendar ]]; then
  [[ "$only" == calendar ]] || echo
  "$here/build/bench/kam_calendar_bench"
fi
if [[ -z "$only" || "$only" == complaints ]]; then
  [[ "$only" == complaints ]] || echo
  url="$(bash tests/support/pg-server.sh start "$work/pg")"
  "$here/build/bench/kam_complaints_bench" --dir "$work/complaints" --complaints "${KAM_BENCH_COMPLAINTS:-1000000}" \
    --pg "$url" --pg-complaints "${KAM_BENCH_PG_COMPLAINTS:-100000}"
  bash tests/support/pg-server.sh stop "$work/pg" >/dev/null 2>&1 || true
fi
if [[ "$only" == "" || "$only" == identity ]]; then
  [[ "$only" == identity ]] || echo
  patstat="${KAM_BENCH_PATSTAT:-$here/../shared/data/patstat_reference.csv}"
  url="$(bash tests/support/pg-server.sh start "$work/pg")"
  args=(--pg "$url" --accounts "${KAM_BENCH_IDENTITY_ACCOUNTS:-100000}")
  if [[ -f "$patstat" ]]; then args+=(--patstat "$patstat"); else echo "identity_bench: no $patstat, PATSTAT part skipped"; fi
  "$here/build/bench/kam_identity_bench" "${args[@]}"
  "$here/build/bench/kam_identity_store_bench" --pg "$url" --accounts "${KAM_BENCH_IDENTITY_ACCOUNTS:-100000}"
fi
