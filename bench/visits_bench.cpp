// visits_bench - the visit plan check at scale (issue 11): N accounts (default 10,000 for a quick
// check; bench/run.sh runs 100,000) in tiers with a visit cadence (platinum 30 days, gold 90), their
// entries into the tier spread over 90 days, with 10 open service requests per account (1M at
// 100k accounts: the figure), generated with SQL straight into the store's tables (timed
// apart). Then app::check_visit_plans (the tick's job) at the host's now:
//   (1) the first check: every plan created from tier_state and computed (one statement + chunks);
//   (2) again an hour later: nothing to do (the index range check_at_ms <= now is empty);
//   (3) a day later: about 1/90 of the gold and 1/30 of the platinum plans reach "due";
//   (4) an hour after that: nothing to do;
// each beside the floor: one SELECT COUNT(*) of the same index range (and, for (1), of tier_state)
// with the backend's C library. On SQLite (a file in --dir) and with --pg URL on PostgreSQL too.
//   kam_visits_bench [--accounts N] [--dir DIR] [--pg URL] [--pg-accounts N]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/visits/visits.hpp"
#include "config/config.hpp"
#include "db_probe.hpp"
#include "generated/sql_rows.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace kam;

namespace {

constexpr int64_t kDay = 86'400'000, kHour = 3'600'000;
// 2026-01-01T00:00:00+08:00: the tier entries run from here over 90 days.
constexpr int64_t kStart = 1'767'196'800'000;

struct Options {
  uint64_t accounts = 10'000, pg_accounts = 0;
  std::string dir, pg;
  std::string config = KAM_EXAMPLE_CONFIG;
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<std::string> generate_sql(bool sqlite, uint64_t accounts) {
  const std::string a = std::to_string(accounts), r = std::to_string(accounts * 10);
  const auto series = [&](const std::string& count) { return bench::series(sqlite, count); };
  const auto pad = [&](const std::string& expr) { return bench::padded(sqlite, expr, 7); };
  // One account in five is platinum; each entered its tier at kStart + (i mod 90) days.
  const std::string tier = "CASE WHEN g.i % 5 = 0 THEN 'platinum' ELSE 'gold' END";
  const std::string since = std::to_string(kStart) + " + (g.i % 90) * CAST(" + std::to_string(kDay) + " AS BIGINT)";
  return {
      "INSERT INTO employees (employee_id, name, department, manager_id, updated_at_ms, last_event_id) SELECT 'E' || "
      "g.i, 'Employee ' || g.i, 'sales', CASE WHEN g.i % 10 = 0 THEN '' ELSE 'E0' END, 0, 'gen' FROM " + series("500"),
      "INSERT INTO accounts (account_id, name, account_manager_id, updated_at_ms, last_event_id) SELECT 'A' || " +
          pad("g.i") + ", 'Account ' || g.i, 'E' || (g.i % 500), 0, 'gen' FROM " + series(a),
      "INSERT INTO tier_state (account_id, tier, since_ms, computed_tier, effective_tier, effective_since_ms,"
      " evaluated_at_ms, config_version) SELECT 'A' || " + pad("g.i") + ", " + tier + ", " + since + ", " + tier +
          ", " + tier + ", " + since + ", " + since + ", 1 FROM " + series(a),
      "INSERT INTO service_requests (request_id, account_id, opened_by_employee_id, state, opened_at_ms,"
      " last_event_at_ms, opened_event_id, last_event_id) SELECT 'R' || g.i, 'A' || " + pad("g.i % " + a) +
          ", 'E1', 'open', g.i, g.i, 'gen', 'gen' FROM " + series(r),
  };
}

void run_backend(const config::Config& config, const config::DatabaseConfig& db, uint64_t accounts,
                 const std::string& target) {
  const bool sqlite = db.kind == config::DatabaseConfig::Kind::sqlite;
  std::printf("\n== %s: %llu accounts with a visit plan (1 in 5 platinum: 30 days, else gold: 90), %llu open "
              "service requests ==\n",
              sqlite ? "SQLite (WAL, synchronous=normal)" : "PostgreSQL", static_cast<unsigned long long>(accounts),
              static_cast<unsigned long long>(accounts * 10));
  auto store = store::Store::open(db, {}, config.business.time_zone);
  Clock::time_point t = Clock::now();
  const auto sql = [&](const std::string& statement) { return bench::run_sql(sqlite, target, statement); };
  for (const std::string& statement : generate_sql(sqlite, accounts)) sql(statement);
  sql("ANALYZE");
  std::printf("generate the rows with SQL (timed apart) %33.2f s\n", seconds_since(t));

  // The host clock: 2026-04-01 10:00 in Shanghai, when the gold plans that began in January are due.
  const int64_t now = kStart + 90 * kDay + 10 * kHour;
  const auto check = [&](const char* what, int64_t at) {
    const Clock::time_point started = Clock::now();
    const app::VisitCheckSummary s = app::check_visit_plans(*store, config, at, "", {});
    const double ms = seconds_since(started) * 1e3;
    const Clock::time_point floor_started = Clock::now();
    const std::string in_range =
        sql("SELECT COUNT(*) FROM visit_plans WHERE check_at_ms IS NOT NULL AND check_at_ms <= " + std::to_string(at));
    const double floor_ms = seconds_since(floor_started) * 1e3;
    std::printf("  %-34s %9.1f ms  (%llu plans checked, %llu due, %llu overdue written)   floor: COUNT of the "
                "range %.1f ms\n",
                what, ms, static_cast<unsigned long long>(s.plans), static_cast<unsigned long long>(s.due),
                static_cast<unsigned long long>(s.overdue), floor_ms);
    (void)in_range;
  };
  std::printf("check_visit_plans (the tick's visits.plan job):\n");
  const Clock::time_point scan = Clock::now();
  const std::string evaluated = sql("SELECT COUNT(*) FROM tier_state t LEFT JOIN visit_plans v ON v.account_id ="
                                    " t.account_id WHERE v.account_id IS NULL");
  std::printf("  floor for (1): the join of tier_state with visit_plans (%s rows) %.1f ms\n", evaluated.c_str(),
              seconds_since(scan) * 1e3);
  check("(1) first check: create every plan", now);
  check("(2) an hour later: nothing new", now + kHour);
  check("(3) a day later: ~1% reach due", now + kDay + 2 * kHour);
  check("(4) an hour after that: nothing", now + kDay + 3 * kHour);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--accounts") o.accounts = std::stoull(v);
    else if (k == "--pg-accounts") o.pg_accounts = std::stoull(v);
    else if (k == "--dir") o.dir = v;
    else if (k == "--pg") o.pg = v;
    else {
      std::fprintf(stderr, "usage: %s [--accounts N] [--dir DIR] [--pg URL] [--pg-accounts N]\n", argv[0]);
      return 2;
    }
  }
  try {
    const config::Config config = config::load_config_file(o.config);
    const fs::path dir = o.dir.empty() ? fs::temp_directory_path() / ("kam-visits-bench-" + std::to_string(getpid()))
                                       : fs::path(o.dir);
    fs::remove_all(dir);
    fs::create_directories(dir);
    bench::on_backends(dir, o.pg, "visits_bench", o.accounts, o.pg_accounts,
                       [&](const config::DatabaseConfig& db, uint64_t n, const std::string& target) {
                         run_backend(config, db, n, target);
                       });
    if (o.dir.empty()) fs::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "visits_bench: %s\n", e.what());
    return 1;
  }
}
