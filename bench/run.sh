#!/usr/bin/env bash
# Runs KAM's benchmarks with one command (as root on Debian 12): installs what is missing, builds,
# and prints the figures of
#   ingest_bench: order events through the ABI into SQLite and PostgreSQL (a throw-away server on
#                 127.0.0.1), each beside its limit (raw sqlite3 inserts, COPY) and beside a raw
#                 sqlite3 peer doing the same work (day totals, foreign key, audit row), then
#                 `kamhost import` of the same events as JSON lines beside the ABI's rate; then the
#                 growth run: 10M orders into 1M accounts dated over two years, the rate per chunk
#                 of 1M beside the raw peers' and the bytes written per event (what grows);
#   tiers_bench:  tiers_evaluate of every account beside one reference SQL query on the same SQLite
#                 file, with the tiers compared account by account, a repeated evaluation, the
#                 account card's p50/p99 beside the card that ranks every account, and the tier
#                 listing paged through every account (see docs/tiers.md);
#   calendar_bench: business-minute additions and business time between two instants on the example
#                 config's China 2026 calendar, in Asia/Shanghai, Europe/Berlin and America/New_York,
#                 beside one date/tz local-time conversion of the same instants (see docs/calendars.md);
#   complaints_bench: 1M open complaints through the store's ingestion, then the SLA check when 1%
#                 come due or change state, an employee's queue p50/p99 and the KPI report, each
#                 beside one SELECT of the same rows, on SQLite and (100k) PostgreSQL (see docs/complaints.md);
#   who_bench:    who is calling (kam_contacts_v1.who's use case) at 1M contacts, p50/p99, beside one
#                 prepared SELECT of the row, on SQLite and PostgreSQL (see docs/contacts.md); the
#                 lookup alone through a SOCI statement prepared per call (the baseline) beside the
#                 statement prepared once per connection, and the E.164 fast path beside libphonenumber;
#   visits_bench: the tick's visit plan check at 100k accounts with 1M open service requests, beside
#                 COUNT of its index range, on SQLite and PostgreSQL (see docs/visits.md);
#   service_bench: 100k accounts and 1M open service requests through the store's ingestion, then
#                 the tick's deadline check and an employee's queue p50/p99 beside the same SELECT
#                 with sqlite3 (see docs/service.md);
#   identity_bench: account identity matching on the hand-labelled PATSTAT names (if the file is
#                 there) beside exact keys and pg_trgm, and on 100k generated accounts beside pg_trgm's
#                 similarity join (see docs/identity.md); identity_store_bench: the same accounts
#                 through the store (ingest with the identity hook beside the hook alone), duplicates
#                 and match over the stored base.
#   bash bench/run.sh                 # 1M order events; 1M accounts with 10M orders; 2M calendar calls; identity
#   bash bench/run.sh --events 100000 # smaller ingest run; any ingest_bench option passes through
#   bash bench/run.sh --quick         # reduced sizes for a shared machine: 300k events, growth run of
#                                     # 1.2M orders into 300k accounts in 4 chunks, tiers at 100k / 1M
#   KAM_BENCH_GROWTH_EVENTS=0 bash bench/run.sh   # no growth run
#   KAM_BENCH_ACCOUNTS=100000 KAM_BENCH_ORDERS=1000000 bash bench/run.sh   # smaller tiers run
#   KAM_BENCH_ONLY=tiers bash bench/run.sh    # only tiers_bench (no PostgreSQL); or =ingest, =calendar, =complaints, =service, =identity
#   KAM_BENCH_SERVICE_ARGS=--quick KAM_BENCH_ONLY=service bash bench/run.sh   # 10k accounts, 100k requests
#   KAM_BENCH_COMPLAINTS=10000 KAM_BENCH_PG_COMPLAINTS=10000 KAM_BENCH_ONLY=complaints bash bench/run.sh  # quick
#   KAM_BENCH_CONTACTS=100000 KAM_BENCH_VISIT_ACCOUNTS=10000 KAM_BENCH_ONLY=visits bash bench/run.sh  # quick
#   KAM_BENCH_PATSTAT=/path/patstat_reference.csv KAM_BENCH_IDENTITY_ACCOUNTS=20000 bash bench/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
only="${KAM_BENCH_ONLY:-}"
if [[ "${1:-}" == --quick ]]; then
  shift
  set -- --events 300000 "$@"
  : "${KAM_BENCH_GROWTH_EVENTS:=1200000}" "${KAM_BENCH_GROWTH_ACCOUNTS:=300000}" "${KAM_BENCH_GROWTH_CHUNKS:=4}"
  : "${KAM_BENCH_ACCOUNTS:=100000}" "${KAM_BENCH_ORDERS:=1000000}"
fi
case "$only" in "" | ingest | tiers | calendar | complaints | visits | service | identity) ;; *) echo "KAM_BENCH_ONLY must be ingest, tiers, calendar, complaints, visits, service or identity" >&2; exit 2 ;; esac
bash .ci/setup-debian
bash .ci/build "$here/build" >/dev/null
work="$(mktemp -d /tmp/kam-bench.XXXXXX)"
chmod 755 "$work"  # the PostgreSQL server runs as user postgres and must reach its directory
trap 'bash tests/support/pg-server.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
if [[ -z "$only" || "$only" == ingest ]]; then
  url="$(bash tests/support/pg-server.sh start "$work/pg")"
  echo "PostgreSQL: a throw-away server on 127.0.0.1 (tests/support/pg-server.sh: fsync=off), the same for KAM and for COPY"
  "$here/build/bench/kam_ingest_bench" --dir "$work/sqlite" --pg "$url" --kamhost "$here/build/host-sdk/kamhost/kamhost" "$@"
  growth="${KAM_BENCH_GROWTH_EVENTS:-10000000}"
  if [[ "$growth" != 0 ]]; then
    echo
    "$here/build/bench/kam_ingest_bench" --dir "$work/growth" --events "$growth" \
      --accounts "${KAM_BENCH_GROWTH_ACCOUNTS:-1000000}" --chunks "${KAM_BENCH_GROWTH_CHUNKS:-10}" --spread-days 730
  fi
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
if [[ -z "$only" || "$only" == visits ]]; then
  [[ "$only" == visits ]] || echo
  url="$(bash tests/support/pg-server.sh start "$work/pg")"
  "$here/build/bench/kam_who_bench" --dir "$work/who" --contacts "${KAM_BENCH_CONTACTS:-1000000}" --pg "$url"
  "$here/build/bench/kam_visits_bench" --dir "$work/visits" --accounts "${KAM_BENCH_VISIT_ACCOUNTS:-100000}" --pg "$url"
  bash tests/support/pg-server.sh stop "$work/pg" >/dev/null 2>&1 || true
fi
if [[ -z "$only" || "$only" == service ]]; then
  [[ "$only" == service ]] || echo
  # shellcheck disable=SC2086
  "$here/build/bench/kam_service_bench" --dir "$work/service" ${KAM_BENCH_SERVICE_ARGS:-}
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
