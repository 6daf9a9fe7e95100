// service_bench - service workflows at scale (issue 11): A accounts (default
// 100,000) and R open service requests (default 1,000,000) ingested through the
// store's ingestion with config/kam.example.yaml's workflows (its standard pool
// widened to P engineers, round robin), then
//   (a) the tick's deadline check (app::check_service_deadlines): the first run
//   (every step already
//       past due is written), the next minute (steady state), an hour later;
//   (b) an employee's queue (app::service_queue_json, limit 100) p50/p90/p99
//   over many employees,
//       beside the same indexed SELECT prepared once with sqlite3 (the floor).
// SQLite (a file in --dir). --quick: 10,000 accounts and 100,000 requests.
// Figures only.
//   kam_service_bench [--accounts N] [--requests N] [--engineers N] [--queries
//   N] [--batch N] [--dir DIR] [--quick]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/service/service.hpp"
#include "complaints/complaint_load.hpp"
#include "config/config.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace kam;

namespace {

struct Options {
  uint64_t accounts = 100'000, requests = 1'000'000;
  uint32_t engineers = 200, queries = 2'000;
  std::size_t batch = 10'000;
  std::string dir;
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// 2026-03-16 10:00 China time (Monday): the host clock of the load.
constexpr int64_t kNow = 1'773'626'400'000;
constexpr int64_t kMinute = 60'000;

config::Config bench_config(const Options& o, const std::string& db) {
  std::ifstream in(KAM_EXAMPLE_CONFIG);
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = yaml.find(from);
    if (at == std::string::npos) throw std::runtime_error("kam.example.yaml no longer has '" + from + "'");
    yaml.replace(at, from.size(), to);
  };
  replace("  url: sqlite:kam.db\n", "  url: \"sqlite:" + db + "\"\n");
  replace("  synchronous: full\n", "  synchronous: normal\n");
  replace("  data_dir: /var/lib/kam\n", "  data_dir: " + fs::path(db).parent_path().string() + "\n");
  std::string members;
  for (uint32_t k = 0; k < o.engineers; ++k) members += (k ? ", " : "") + ("eng-" + std::to_string(1000 + k));
  replace("standard: {members: [eng-04, eng-05, eng-06, eng-07]", "standard: {members: [" + members + "]");
  return config::load_config_text(yaml, "kam.example.yaml (bench)");
}

core::Event account_event(uint64_t k) {
  core::Event e;
  e.event_id = "acc-" + std::to_string(k);
  e.occurred_at_ms = kNow - 30LL * 86'400'000;
  core::AccountUpserted a;
  a.account_id = "A-" + std::to_string(k);
  a.name = "Account " + std::to_string(k);
  e.payload = a;
  return e;
}

core::Event request_event(uint64_t k, uint64_t accounts, std::mt19937_64& rng) {
  core::Event e;
  e.event_id = "sr-" + std::to_string(k);
  // Opened over the last two weeks (wall time): some long overdue, some with
  // steps still ahead.
  e.occurred_at_ms = kNow - static_cast<int64_t>(rng() % (14ULL * 24 * 60)) * kMinute;
  core::ServiceRequestEvent s;
  s.request_id = "SR-" + std::to_string(k);
  s.account_id = "A-" + std::to_string(k % accounts);
  s.action = static_cast<int32_t>(core::ServiceAction::opened);
  s.employee_id = "am-01";
  e.payload = s;
  return e;
}

void percentiles(const char* what, std::vector<double> us) {
  std::sort(us.begin(), us.end());
  const auto at = [&](double p) {
    return us[std::min(us.size() - 1, static_cast<std::size_t>(p * static_cast<double>(us.size())))];
  };
  std::printf("  %-44s p50 %8.1f us  p90 %8.1f us  p99 %8.1f us  (%zu queries)\n", what, at(0.5), at(0.9), at(0.99),
              us.size());
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--accounts")
      o.accounts = std::stoull(next());
    else if (a == "--requests")
      o.requests = std::stoull(next());
    else if (a == "--engineers")
      o.engineers = static_cast<uint32_t>(std::stoul(next()));
    else if (a == "--queries")
      o.queries = static_cast<uint32_t>(std::stoul(next()));
    else if (a == "--batch")
      o.batch = std::stoull(next());
    else if (a == "--dir")
      o.dir = next();
    else if (a == "--quick")
      o.accounts = 10'000, o.requests = 100'000;
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (o.dir.empty()) o.dir = "/tmp/kam-service-bench-" + std::to_string(getpid());
  fs::remove_all(o.dir);
  fs::create_directories(o.dir);
  const std::string db = (fs::path(o.dir) / "kam.db").string();
  const config::Config config = bench_config(o, db);
  auto store = store::Store::open(config.database, nullptr, config.business.time_zone);

  std::printf(
      "service_bench: %llu accounts, %llu open requests over %u "
      "engineers (round robin), SQLite %s\n",
      static_cast<unsigned long long>(o.accounts), static_cast<unsigned long long>(o.requests), o.engineers,
      db.c_str());
  auto start = Clock::now();
  for (uint64_t from = 0; from < o.accounts; from += o.batch) {
    std::vector<core::Event> events;
    for (uint64_t k = from; k < std::min(o.accounts, from + o.batch); ++k) events.push_back(account_event(k));
    bench::ingest_all(*store, config, std::move(events), kNow);
  }
  const double accounts_s = seconds_since(start);
  start = Clock::now();
  std::mt19937_64 rng(42);
  for (uint64_t from = 0; from < o.requests; from += o.batch) {
    std::vector<core::Event> events;
    for (uint64_t k = from; k < std::min(o.requests, from + o.batch); ++k)
      events.push_back(request_event(k, o.accounts, rng));
    bench::ingest_all(*store, config, std::move(events), kNow);
    std::fprintf(stderr, "\r  loading: %llu of %llu requests",
                 static_cast<unsigned long long>(std::min(o.requests, from + o.batch)),
                 static_cast<unsigned long long>(o.requests));
  }
  std::fprintf(stderr, "\n");
  const double requests_s = seconds_since(start);
  std::printf(
      "  load: accounts %.1f s; requests %.1f s (%.0f OPENED/s, routed "
      "and with their deadlines)\n",
      accounts_s, requests_s, static_cast<double>(o.requests) / requests_s);

  // (a) the deadline check.
  for (const auto& [label, at] : {std::pair{"first check (every past-due step written)", kNow},
                                  std::pair{"one minute later (steady state)", kNow + kMinute},
                                  std::pair{"one hour later", kNow + 61 * kMinute}}) {
    start = Clock::now();
    const app::ServiceCheckSummary s = app::check_service_deadlines(*store, config, at, "", nullptr);
    std::printf("  tick %-40s %8.3f s: %llu requests due, %llu notifications\n", label, seconds_since(start),
                static_cast<unsigned long long>(s.requests), static_cast<unsigned long long>(s.notifications));
  }

  // (b) queues, beside the floor: the same two index ranges with sqlite3,
  // prepared once.
  const core::Actor actor = bench::bench_actor();
  const app::ServiceQueryContext context{actor, config.access, kNow + 61 * kMinute};
  std::vector<double> plugin_us, floor_us;
  std::mt19937_64 pick(7);
  sqlite3* raw = nullptr;
  sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* with_deadline = nullptr;
  sqlite3_stmt* without = nullptr;
  const char* columns =
      "SELECT request_id, account_id, tier, workflow, state, is_open, "
      "assignee, pool, routed_by, opened_at_ms,"
      " state_entered_at_ms, state_seq, deadline_ms, next_due_ms, "
      "closed_at_ms, last_seq FROM service_current";
  sqlite3_prepare_v2(raw,
                     (std::string(columns) + " WHERE assignee = ?1 AND is_open = 1 AND deadline_ms IS NOT NULL"
                                             " ORDER BY deadline_ms, request_id LIMIT 100")
                         .c_str(),
                     -1, &with_deadline, nullptr);
  sqlite3_prepare_v2(raw,
                     (std::string(columns) + " WHERE assignee = ?1 AND is_open = 1 AND deadline_ms IS NULL"
                                             " ORDER BY state_entered_at_ms, request_id LIMIT 100")
                         .c_str(),
                     -1, &without, nullptr);
  std::size_t items = 0;
  for (uint32_t q = 0; q < o.queries; ++q) {
    const std::string employee = "eng-" + std::to_string(1000 + pick() % o.engineers);
    auto t = Clock::now();
    const std::string json = app::service_queue_json(*store, config, context, employee, false, 100);
    plugin_us.push_back(seconds_since(t) * 1e6);
    items += json.size() > 200 ? 1 : 0;
    t = Clock::now();
    int rows = 0;
    for (sqlite3_stmt* st : {with_deadline, without}) {
      sqlite3_bind_text(st, 1, employee.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(st) == SQLITE_ROW && rows < 100) {
        ++rows;
        for (int c = 0; c < 16; ++c) (void)sqlite3_column_text(st, c);
      }
      sqlite3_reset(st);
    }
    floor_us.push_back(seconds_since(t) * 1e6);
  }
  sqlite3_finalize(with_deadline);
  sqlite3_finalize(without);
  sqlite3_close(raw);
  std::printf("  queue (limit 100, %zu of %u answers non-empty):\n", items, o.queries);
  percentiles("app::service_queue_json (target p99 <= 1 ms)", plugin_us);
  percentiles("floor: the same SELECTs, sqlite3, prepared once", floor_us);
  fs::remove_all(o.dir);
  return 0;
}
