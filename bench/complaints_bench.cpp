// complaints_bench - complaint tracking at volume, on one SQLite file (or PostgreSQL with --pg URL),
// through the use cases (kam_app) on the store, beside a floor measured in the same run:
//   - ingestion of N OPENED complaints (batches of 1,000), complaints per second;
//   - one SLA check when 1% of the N open complaints have a level due (each gets its warning), and
//     the floor: one indexed SELECT of those due rows' ledgers, which any check must read;
//   - an employee's queue (20 open complaints each), p50 and p99 over 1,000 employees;
//   - the KPI report over every complaint (by first owner).
// Calendar 24x7 UTC, first response 2 business hours, warning at 50%; figures only, no assertions.
//   kam_complaints_bench [--complaints N] [--pg URL]
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/complaints/complaints.hpp"
#include "config/config.hpp"
#include "store/database/database.hpp"
#include "store/store.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kNow = 1'780'000'000'000;  // 2026-05-28
constexpr int64_t kMinute = 60000;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

kam::config::Config bench_config(const std::string& url) {
  return kam::config::load_config_text(
      "kam: 1\n"
      "database: {url: \"" + url + "\"}\n"
      "calendars: {office: {time_zone: UTC, 24x7: true}}\n"
      "complaints:\n"
      "  calendar: office\n"
      "  targets: [{first_response: 2h, resolution: 16h, warnings: [\"50%\"]}]\n"
      "  escalation:\n"
      "    - {clock: first_response, at: \"50%\", to: [owner, assignee]}\n"
      "    - {clock: first_response, at: breach, to: [owner_manager]}\n",
      "complaints_bench.yaml");
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 100'000;
  std::string pg;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--complaints") == 0 && i + 1 < argc) {
      n = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--pg") == 0 && i + 1 < argc) {
      pg = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--complaints N] [--pg URL]\n", argv[0]);
      return 2;
    }
  }
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kam-complaints-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string url = pg.empty() ? "sqlite:" + (dir / "bench.db").string() : pg;
  const kam::config::Config config = bench_config(url);
  auto store = kam::store::Store::open(config.database, nullptr, "UTC");
  const std::size_t employees = std::max<std::size_t>(1, n / 20);
  std::printf("complaints_bench: %zu open complaints, %zu employees, %s\n", n, employees, store->kind_name());

  // 1% opened 61 minutes before now (their 50% warning at 1h is due), the rest 30 minutes before.
  const auto t0 = Clock::now();
  std::vector<kam::store::BatchItem> batch;
  kam::store::IngestOptions options;
  options.source = "bench";
  options.skip_rejected = true;
  options.now_ms = kNow;
  options.actor = {"bench", {"kam.admin"}};
  options.config = &config;
  for (std::size_t i = 0; i < n; ++i) {
    kam::core::ComplaintEvent c;
    c.complaint_id = "C-" + std::to_string(i);
    c.account_id = "A-" + std::to_string(i % 1000);
    c.action = 1;
    c.employee_id = "e-" + std::to_string(i % employees);
    const int64_t at = kNow - (i % 100 == 0 ? 61 : 30) * kMinute;
    batch.push_back(kam::store::BatchItem{kam::core::Event{"open-" + std::to_string(i), at, c}, {}});
    if (batch.size() == 1000 || i + 1 == n) {
      const auto r = store->ingestion().ingest(batch, options);
      if (r.accepted != batch.size()) {
        std::fprintf(stderr, "ingest: %llu of %zu accepted\n", static_cast<unsigned long long>(r.accepted), batch.size());
        return 1;
      }
      batch.clear();
    }
  }
  const double ingest_ms = ms_since(t0);
  std::printf("  ingest OPENED                       %10.0f complaints/s (%.1f s)\n", n / (ingest_ms / 1000), ingest_ms / 1000);

  // The floor: the due rows' ledgers in one indexed query.
  auto& db = store->database();
  const auto f0 = Clock::now();
  long long rows = 0;
  db.with_session("floor", [&](soci::session& sql) {
    soci::rowset<soci::row> rs = (sql.prepare << "SELECT l.complaint_id, l.seq, l.at_ms, l.kind, l.target_calendar_key"
                                                 " FROM complaint_current c JOIN complaint_ledger l ON l.complaint_id ="
                                                 " c.complaint_id WHERE c.next_due_ms IS NOT NULL AND c.next_due_ms <= "
                                                 << kNow);
    for (const soci::row& r : rs) {
      (void)r;
      ++rows;
    }
  });
  const double floor_ms = ms_since(f0);
  const auto c0 = Clock::now();
  const kam::app::SlaCheckSummary s = kam::app::check_sla(*store, config, kNow, "", nullptr);
  const double check_ms = ms_since(c0);
  std::printf("  SLA check, 1%% due                   %10.1f ms  (%llu complaints, %llu warnings; floor: %lld ledger rows"
              " read in %.1f ms, %.1fx)\n",
              check_ms, static_cast<unsigned long long>(s.complaints), static_cast<unsigned long long>(s.warnings), rows,
              floor_ms, check_ms / std::max(floor_ms, 0.001));
  const auto e0 = Clock::now();
  const kam::app::SlaCheckSummary none = kam::app::check_sla(*store, config, kNow + 1, "", nullptr);
  std::printf("  SLA check, nothing due              %10.2f ms  (%llu complaints)\n", ms_since(e0),
              static_cast<unsigned long long>(none.complaints));

  const kam::core::Actor admin{"bench", {"kam.admin"}};
  const kam::app::ComplaintQueryContext context{admin, config.access, kNow};
  std::vector<double> times;
  std::mt19937 rng(42);
  for (int i = 0; i < 1000; ++i) {
    const std::string employee = "e-" + std::to_string(rng() % employees);
    const auto q0 = Clock::now();
    const std::string json = kam::app::complaint_queue_json(*store, config, context, employee, 0);
    times.push_back(ms_since(q0));
  }
  std::sort(times.begin(), times.end());
  std::printf("  an employee's queue (20 open)       p50 %.3f ms  p99 %.3f ms\n", times[times.size() / 2],
              times[times.size() * 99 / 100]);

  const auto k0 = Clock::now();
  const std::string kpis =
      kam::app::complaint_kpis_json(*store, config, context, kam::app::KpiRequest{2, kNow - 86400000, kNow + 1});
  std::printf("  KPI report by owner, every complaint %9.1f ms  (%zu bytes)\n", ms_since(k0), kpis.size());
  store.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
