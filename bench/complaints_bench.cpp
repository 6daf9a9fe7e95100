// complaints_bench - complaint tracking at scale (issue 10): N open complaints (default 10,000 for a
// quick check; bench/run.sh runs 1,000,000) loaded through the store's ingestion, then
//   (a) the SLA check, the tick's job (app::check_sla), when nothing new is due, when 1% of the
//       complaints come due, and after 1% changed state (their steps ingested first, timed apart);
//   (b) an employee's queue (app::complaint_queue_json) p50/p90/p99 over many employees, beside one
//       prepared, indexed SELECT of the same ledger rows with the backend's C library (the floor);
//   (c) the KPI report (app::complaint_kpis_json) by tier, owner and department over every
//       complaint, beside reading the same ledger rows with the C library.
// On SQLite (a file in --dir), and on PostgreSQL too with --pg URL (a server and database the bench
// may create a database on). The data (bench/complaints/complaint_feed.hpp) runs on config/kam.example.yaml: its
// china-office calendar, SLA targets per tier x priority and escalation chain. Figures only.
//   kam_complaints_bench [--complaints N] [--employees N] [--accounts N] [--queries N] [--rounds N]
//                        [--batch N] [--dir DIR] [--pg URL] [--pg-complaints N] [--synchronous normal|full]
//                        [--reuse 1 --first-round K]  (SQLite: measure again on the --dir an earlier run
//                        with the same sizes left, with state changes K, K+1, ... that it has not made)
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "app/complaints/complaints.hpp"
#include "complaints/complaint_feed.hpp"
#include "complaints/complaint_load.hpp"
#include "complaints/sql_floor.hpp"
#include "core/time/calendar.hpp"
#include "db_probe.hpp"
#include "process_memory.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace kam;

namespace {

using kam::test::status_mib;

struct Options {
  uint64_t complaints = 10'000, pg_complaints = 0;  // pg_complaints 0: as many as on SQLite
  uint32_t employees = 0, accounts = 0;             // 0: complaints / 50 and / 20
  uint32_t queries = 2'000, rounds = 2, first_round = 0;
  bool reuse = false;  // --reuse: measure on the database a run with the same --dir and sizes left
  std::size_t batch = 10'000;
  std::string dir, pg, synchronous = "normal";
  std::string config = KAM_EXAMPLE_CONFIG;
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string grouped(uint64_t v) {
  const std::string d = std::to_string(v);
  std::string s;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) s += ',';
    s += d[i];
  }
  return s;
}


// Nearest rank, as the KPIs use it.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
  return v[std::min(rank, v.size()) - 1];
}

core::LogFn stderr_log() {
  return [](core::LogLevel level, const std::string& m) {
    if (level >= core::LogLevel::warning) std::fprintf(stderr, "  [log] %s\n", m.c_str());
  };
}

struct Run {
  const Options& o;
  const config::Config& config;
  store::Store& store;
  bench::SqlFloor& floor;
  const bench::ComplaintFeed& feed;
  const char* floor_name;  // "sqlite3" | "libpq"
  bench::SqlFloor* tuned;  // SQLite: the floor with a large page cache and mmap (null: none)

  app::SlaCheckSummary check(int64_t now_ms, double* seconds) {
    const auto start = Clock::now();
    const app::SlaCheckSummary s = app::check_sla(store, config, now_ms, "", stderr_log());
    *seconds = seconds_since(start);
    return s;
  }

  void print_check(const char* what, const app::SlaCheckSummary& s, double seconds, double floor_seconds) {
    std::printf("  %-34s %9s complaints %9s notifications %9.3f s", what, grouped(s.complaints).c_str(),
                grouped(s.warnings + s.breaches).c_str(), seconds);
    if (s.complaints > 0) std::printf("  %6.1f us/complaint", seconds * 1e6 / static_cast<double>(s.complaints));
    if (floor_seconds >= 0) std::printf("  (floor %.3f s)", floor_seconds);
    std::printf("\n");
  }

  // The SLA check in steady state: nothing new, 1% due, 1% changed (rounds times). Returns the
  // host clock after the last check.
  int64_t ticks(int64_t now) {
    const uint64_t n = feed.shape().complaints, one_percent = std::max<uint64_t>(1, n / 100);
    std::printf("SLA check (the tick's job app::check_sla; floor: one SELECT of the due complaints' ledger rows with %s)\n",
                floor_name);
    double seconds = 0;
    now += 60'000;
    app::SlaCheckSummary summary = check(now, &seconds);  // before print_check reads `seconds`
    print_check("nothing new due (a minute later)", summary, seconds, -1);
    std::vector<uint64_t> order(n);
    std::iota(order.begin(), order.end(), uint64_t{0});
    std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
    for (uint32_t round = o.first_round; round < o.first_round + o.rounds; ++round) {
      if (const auto due = floor.nth_due_after(now, one_percent)) {
        now = *due;
        const auto f = Clock::now();
        floor.due_rows(now);
        const double floor_seconds = seconds_since(f);
        summary = check(now, &seconds);
        print_check("1% come due", summary, seconds, floor_seconds);
      }
      now += 60'000;
      std::vector<core::Event> steps;
      for (uint64_t k = round * one_percent; k < std::min(n, (round + 1) * one_percent); ++k)
        steps.push_back(feed.state_change(order[k], now, "r" + std::to_string(round)));
      const std::size_t changed = steps.size();
      const auto start = Clock::now();
      for (std::size_t from = 0; from < steps.size(); from += o.batch) {
        const auto first = steps.begin() + static_cast<std::ptrdiff_t>(from);
        bench::ingest_all(store, config,
                          std::vector<core::Event>(first, first + static_cast<std::ptrdiff_t>(std::min(o.batch, steps.size() - from))),
                          now);
      }
      const double ingest_seconds = seconds_since(start);
      std::printf("  1%% change state: %s steps ingested in %.3f s (%.0f events/s), then the check:\n",
                  grouped(changed).c_str(), ingest_seconds, static_cast<double>(changed) / ingest_seconds);
      now += 1;
      const auto f = Clock::now();
      floor.due_rows(now);
      const double floor_seconds = seconds_since(f);
      summary = check(now, &seconds);
      print_check("  after 1% changed state", summary, seconds, floor_seconds);
    }
    return now;
  }

  void queues(int64_t now) {
    const app::ComplaintQueryContext context{bench_actor_, config.access, now};
    std::mt19937_64 rng(11);
    std::vector<double> kam_ms, floor_ms, tuned_ms, cache_ms;
    std::vector<uint64_t> sizes;
    uint64_t mismatched = 0;
    for (uint32_t q = 0; q < o.queries; ++q) {
      const std::string employee = bench::ComplaintFeed::employee_id(static_cast<uint32_t>(rng() % feed.shape().employees));
      auto start = Clock::now();
      const std::string json = app::complaint_queue_json(store, config, context, employee, 100);
      kam_ms.push_back(seconds_since(start) * 1e3);
      start = Clock::now();
      const bench::RowsRead rows = floor.queue_rows(employee);
      floor_ms.push_back(seconds_since(start) * 1e3);
      sizes.push_back(rows.complaints);
      start = Clock::now();
      floor.queue_cache_rows(employee);
      cache_ms.push_back(seconds_since(start) * 1e3);
      if (tuned) {
        start = Clock::now();
        tuned->queue_rows(employee);
        tuned_ms.push_back(seconds_since(start) * 1e3);
      }
      const std::size_t shown = nlohmann::json::parse(json)["complaints"].size();
      if (shown != std::min<uint64_t>(rows.complaints, 100)) ++mismatched;
    }
    const double mean = static_cast<double>(std::accumulate(sizes.begin(), sizes.end(), uint64_t{0})) / static_cast<double>(sizes.size());
    std::printf("queue of an employee (app::complaint_queue_json, limit 100) for %s random employees; open complaints "
                "per queue: mean %.1f, max %s\n",
                grouped(o.queries).c_str(), mean, grouped(*std::max_element(sizes.begin(), sizes.end())).c_str());
    const auto line = [](const char* what, const std::vector<double>& v) {
      std::printf("  %-58s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", what, percentile(v, 50),
                  percentile(v, 90), percentile(v, 99), percentile(v, 100));
    };
    line("KAM", kam_ms);
    line((std::string("floor: one indexed SELECT of the same ledger rows, ") + floor_name).c_str(), floor_ms);
    if (tuned) line("the same with a 1 GiB page cache and mmap (not what KAM sets)", tuned_ms);
    line("only their complaint_current rows (not what KAM reads)", cache_ms);
    std::printf("  ratio KAM / floor: p50 %.1fx, p99 %.1fx; queues whose length differs from the floor's: %s\n",
                percentile(kam_ms, 50) / percentile(floor_ms, 50), percentile(kam_ms, 99) / percentile(floor_ms, 99),
                grouped(mismatched).c_str());
  }

  void kpis(int64_t now) {
    const int64_t from = feed.shape().now_ms - int64_t{feed.shape().spread_days + 1} * 86'400'000, to = now + 1;
    const app::ComplaintQueryContext context{bench_actor_, config.access, now};
    std::printf("KPI report (app::complaint_kpis_json over every complaint received in the period)\n");
    for (const auto& [group, name] : {std::pair{1, "tier"}, std::pair{2, "owner"}, std::pair{3, "department"}}) {
      const auto start = Clock::now();
      const std::string text = app::complaint_kpis_json(store, config, context, app::KpiRequest{group, from, to});
      const double seconds = seconds_since(start);
      const nlohmann::json j = nlohmann::json::parse(text);
      std::printf("  by %-12s %8s rows over %9s complaints  %8.2f s\n", name, grouped(j["rows"].size()).c_str(),
                  grouped(j["total"]["complaints"].get<uint64_t>()).c_str(), seconds);
    }
    const auto start = Clock::now();
    const bench::RowsRead rows = floor.period_rows(from, to);
    std::printf("  floor: one SELECT of their %s ledger rows (%s complaints) with %s  %.2f s\n", grouped(rows.rows).c_str(),
                grouped(rows.complaints).c_str(), floor_name, seconds_since(start));
    if (tuned) {
      const auto t = Clock::now();
      tuned->period_rows(from, to);
      std::printf("  the same with a 1 GiB page cache and mmap (not what KAM sets)  %.2f s\n", seconds_since(t));
    }
  }

  const core::Actor bench_actor_ = bench::bench_actor();
};

void run_backend(const Options& o, const config::Config& config, const core::time::WorkCalendar& calendar,
                 const config::DatabaseConfig& db, uint64_t complaints, const std::string& floor_target) {
  bench::FeedShape shape;
  shape.complaints = complaints;
  shape.employees = o.employees ? o.employees : static_cast<uint32_t>(std::max<uint64_t>(20, complaints / 50));
  shape.accounts = o.accounts ? o.accounts : static_cast<uint32_t>(std::max<uint64_t>(50, complaints / 20));
  // The host clock: Wednesday 2026-06-10, 15:00 in Shanghai (07:00 UTC).
  shape.now_ms = (int64_t{core::time::LocalDate::from_ymd(2026, 6, 10).days_since_epoch} * 1440 + 7 * 60) * 60'000;
  const bench::ComplaintFeed feed(shape, calendar);
  const bool sqlite = db.kind == config::DatabaseConfig::Kind::sqlite;
  std::printf("\n== %s: %s open complaints, %s employees (20 a department), %s accounts; host clock 2026-06-10 15:00 "
              "Asia/Shanghai ==\n",
              sqlite ? ("SQLite (WAL, synchronous=" + o.synchronous + ")").c_str() : "PostgreSQL",
              grouped(complaints).c_str(), grouped(shape.employees).c_str(), grouped(shape.accounts).c_str());
  auto store = store::Store::open(db, stderr_log(), config.business.time_zone);
  const bool load = !(o.reuse && sqlite);
  bench::LoadTimes t;
  if (load) t = bench::load(*store, config, feed, o.batch, stderr_log());
  auto floor = sqlite ? bench::SqlFloor::sqlite(floor_target) : bench::SqlFloor::postgresql(floor_target);
  auto tuned = sqlite ? bench::SqlFloor::sqlite(floor_target, "PRAGMA cache_size = -1048576; PRAGMA mmap_size = 4294967296")
                      : nullptr;
  Run run{o, config, *store, *floor, feed, sqlite ? "sqlite3" : "libpq", tuned.get()};
  int64_t now = shape.now_ms;
  if (load) {
    std::printf("load (the store's ingestion with the config, batches of %s events; timed apart from the figures below)\n",
                grouped(o.batch).c_str());
    std::printf("  employees, accounts and their orders %40.2f s\n", t.org_seconds);
    std::printf("  tier evaluation of the accounts %45.2f s\n", t.tiers_seconds);
    std::printf("  complaints: %s steps of %s complaints  %.2f s  %.0f events/s\n", grouped(t.complaint_events).c_str(),
                grouped(complaints).c_str(), t.complaints_seconds,
                static_cast<double>(t.complaint_events) / t.complaints_seconds);
    double seconds = 0;
    const app::SlaCheckSummary first = run.check(shape.now_ms, &seconds);
    std::printf("  the first SLA check over the loaded backlog: %s complaints, %s notifications %.2f s\n",
                grouped(first.complaints).c_str(), grouped(first.warnings + first.breaches).c_str(), seconds);
  } else {
    // The clock goes on from the last instant the earlier run wrote.
    now = std::max({now, floor->count("SELECT MAX(last_at_ms) FROM complaint_current"),
                    floor->count("SELECT MAX(created_at_ms) FROM sla_escalations")});
    std::printf("reusing the database of an earlier run (no load), host clock from %lld on\n", static_cast<long long>(now));
  }
  std::printf("  rows: %s ledger, %s open complaints, %s escalations\n",
              grouped(static_cast<uint64_t>(floor->count("SELECT COUNT(*) FROM complaint_ledger"))).c_str(),
              grouped(static_cast<uint64_t>(floor->count("SELECT COUNT(*) FROM complaint_current WHERE phase = 1"))).c_str(),
              grouped(static_cast<uint64_t>(floor->count("SELECT COUNT(*) FROM sla_escalations"))).c_str());
  if (sqlite) {
    std::error_code ec;
    std::printf("  database file: %.0f MiB\n", static_cast<double>(fs::file_size(db.sqlite_path, ec)) / 1048576.0);
  }
  now = run.ticks(now);
  run.queues(now + 60'000);
  run.kpis(now + 60'000);
  std::printf("peak resident memory of the process so far: %ld MiB\n", status_mib("VmHWM"));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--complaints") o.complaints = std::stoull(v);
    else if (k == "--pg-complaints") o.pg_complaints = std::stoull(v);
    else if (k == "--employees") o.employees = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--accounts") o.accounts = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--queries") o.queries = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--rounds") o.rounds = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--first-round") o.first_round = static_cast<uint32_t>(std::stoul(v));
    else if (k == "--reuse") o.reuse = v == "1" || v == "yes";
    else if (k == "--batch") o.batch = std::max<std::size_t>(1, std::stoull(v));
    else if (k == "--dir") o.dir = v;
    else if (k == "--pg") o.pg = v;
    else if (k == "--synchronous") o.synchronous = v;
    else if (k == "--config") o.config = v;
    else {
      std::fprintf(stderr, "usage: %s [--complaints N] [--employees N] [--accounts N] [--queries N] [--rounds N] "
                           "[--batch N] [--dir DIR] [--pg URL] [--pg-complaints N] [--synchronous normal|full] [--config FILE] "
                           "[--reuse 1 --first-round K]\n",
                   argv[0]);
      return 2;
    }
  }
  if (argc % 2 == 0) {
    std::fprintf(stderr, "%s: option %s needs a value\n", argv[0], argv[argc - 1]);
    return 2;
  }
  try {
    const config::Config config = config::load_config_file(o.config);
    const core::time::WorkCalendar* calendar = config.calendars.find("china-office");
    if (!calendar) throw std::runtime_error(o.config + " has no calendar china-office");
    std::printf("complaints_bench: config %s (calendar china-office, %zu SLA targets, %zu escalation steps)\n",
                o.config.c_str(), config.complaints.targets.size(), config.complaints.escalation.size());
    const fs::path dir = o.dir.empty() ? fs::temp_directory_path() / ("kam-complaints-bench-" + std::to_string(getpid())) : fs::path(o.dir);
    if (!o.reuse) fs::remove_all(dir);
    fs::create_directories(dir);
    config::DatabaseConfig db;
    db.kind = config::DatabaseConfig::Kind::sqlite;
    db.sqlite_path = (dir / "kam.db").string();
    db.url = "sqlite:" + db.sqlite_path;
    db.synchronous = o.synchronous == "full" ? config::DatabaseConfig::Synchronous::full
                                             : config::DatabaseConfig::Synchronous::normal;
    run_backend(o, config, *calendar, db, o.complaints, db.sqlite_path);
    if (!o.pg.empty()) {
      config::DatabaseConfig pg;
      pg.kind = config::DatabaseConfig::Kind::postgresql;
      pg.pg_conninfo = pg.url = test::fresh_pg_database(o.pg, "complaints_bench");
      run_backend(o, config, *calendar, pg, o.pg_complaints ? o.pg_complaints : o.complaints, pg.pg_conninfo);
    } else {
      std::printf("\nPostgreSQL: skipped (pass --pg URL)\n");
    }
    if (o.dir.empty()) fs::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "complaints_bench: %s\n", e.what());
    return 1;
  }
}
