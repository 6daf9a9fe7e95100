// who_bench - who is calling at scale (issue 11): N contacts with one mobile number each (default
// 100,000 for a quick check; bench/run.sh runs 1,000,000) on N/10 accounts, with 10 open service
// requests per account and a visit plan each, generated with SQL straight into the store's tables
// (timed apart), then app::who_json (what kam_contacts_v1.who runs: normalisation with
// libphonenumber, the lookup, the JSON) for random known numbers written nationally ("139...") and
// for unknown ones, and in E.164 form ("+86139...", the fast path past libphonenumber's parse),
// p50 / p99 / max; the lookup alone the way it ran before the statement cache (its SQL through a
// SOCI statement prepared per call: the baseline) and the way it runs now (prepared once per pooled
// connection); the normalisation alone (libphonenumber, the E.164 fast path); beside one prepared,
// indexed SELECT of the same contact_points row with the backend's C library (the floor). On SQLite
// (a file in --dir) and with --pg URL on PostgreSQL too. Figures only.
//   kam_who_bench [--contacts N] [--queries N] [--dir DIR] [--pg URL] [--pg-contacts N]
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/contacts/contacts.hpp"
#include "config/config.hpp"
#include "core/contacts/normalise.hpp"
#include "core/error.hpp"
#include "store/database/database.hpp"
#include "db_probe.hpp"
#include "generated/sql_rows.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace kam;

namespace {

struct Options {
  uint64_t contacts = 100'000, pg_contacts = 0, queries = 5'000;
  std::string dir, pg;
  std::string config = KAM_EXAMPLE_CONFIG;
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The statements that fill the tables, per backend: rows 0..n-1 from a series.
std::vector<std::string> generate_sql(bool sqlite, uint64_t contacts) {
  const uint64_t accounts = std::max<uint64_t>(1, contacts / 10);
  const std::string n = std::to_string(contacts), a = std::to_string(accounts);
  const auto series = [&](const std::string& count) { return bench::series(sqlite, count); };
  const auto pad = [&](const std::string& expr, int width) { return bench::padded(sqlite, expr, width); };
  return {
      "INSERT INTO employees (employee_id, name, department, manager_id, updated_at_ms, last_event_id) SELECT 'E' || "
      "g.i, 'Employee ' || g.i, 'sales', '', 0, 'gen' FROM " + series("500"),
      "INSERT INTO accounts (account_id, name, account_manager_id, updated_at_ms, last_event_id) SELECT 'A' || " +
          pad("g.i", 7) + ", 'Account ' || g.i, 'E' || (g.i % 500), 0, 'gen' FROM " + series(a),
      "INSERT INTO tier_state (account_id, tier, since_ms, computed_tier, effective_tier, effective_since_ms,"
      " evaluated_at_ms, config_version) SELECT 'A' || " + pad("g.i", 7) +
          ", 'gold', 0, 'gold', 'gold', 0, 0, 1 FROM " + series(a),
      "INSERT INTO contacts (contact_id, account_id, name, role, updated_at_ms, last_event_id) SELECT 'C' || g.i,"
      " 'A' || " + pad("g.i % " + a, 7) + ", 'Contact ' || g.i, 'purchasing', 0, 'gen' FROM " + series(n),
      "INSERT INTO contact_points (kind, value, account_id, contact_id, raw, valid) SELECT 'phone', '+86139' || " +
          pad("g.i", 8) + ", 'A' || " + pad("g.i % " + a, 7) + ", 'C' || g.i, '', 1 FROM " + series(n),
      "INSERT INTO service_requests (request_id, account_id, opened_by_employee_id, state, opened_at_ms,"
      " last_event_at_ms, opened_event_id, last_event_id) SELECT 'R' || g.i, 'A' || " + pad("g.i % " + a, 7) +
          ", 'E1', 'open', g.i, g.i, 'gen', 'gen' FROM " + series(n),
      "INSERT INTO visit_plans (account_id, tier, cadence_days, anchor_ms, next_due_ms, check_at_ms, updated_at_ms)"
      " SELECT 'A' || " + pad("g.i", 7) + ", 'gold', 90, 0, 7776000000, 7171200000, 0 FROM " + series(a),
  };
}

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  if (us.empty()) return {};
  const auto at = [&](double q) { return us[std::min(us.size() - 1, static_cast<std::size_t>(q * us.size()))]; };
  return {at(0.50), at(0.99), us.back()};
}

// The floor: one prepared SELECT of the point's row with the backend's C library.
class Floor {
 public:
  virtual ~Floor() = default;
  virtual void lookup(const std::string& value) = 0;
};
class SqliteFloor : public Floor {
 public:
  explicit SqliteFloor(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
    sqlite3_prepare_v2(db_, "SELECT account_id, contact_id FROM contact_points WHERE kind = 'phone' AND value = ?1",
                       -1, &st_, nullptr);
  }
  ~SqliteFloor() override {
    sqlite3_finalize(st_);
    sqlite3_close(db_);
  }
  void lookup(const std::string& value) override {
    sqlite3_bind_text(st_, 1, value.c_str(), static_cast<int>(value.size()), SQLITE_STATIC);
    while (sqlite3_step(st_) == SQLITE_ROW) {
    }
    sqlite3_reset(st_);
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
};
class PgFloor : public Floor {
 public:
  explicit PgFloor(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_));
    PQclear(PQprepare(conn_, "who",
                      "SELECT account_id, contact_id FROM contact_points WHERE kind = 'phone' AND value = $1", 1,
                      nullptr));
  }
  ~PgFloor() override { PQfinish(conn_); }
  void lookup(const std::string& value) override {
    const char* params[] = {value.c_str()};
    PQclear(PQexecPrepared(conn_, "who", 1, params, nullptr, nullptr, 0));
  }

 private:
  PGconn* conn_;
};

void run_backend(const Options& o, const config::Config& config, const config::DatabaseConfig& db, uint64_t contacts,
                 const std::string& target) {
  const bool sqlite = db.kind == config::DatabaseConfig::Kind::sqlite;
  std::printf("\n== %s: %llu contacts with a mobile each, %llu accounts, %llu open service requests ==\n",
              sqlite ? "SQLite (WAL, synchronous=normal)" : "PostgreSQL", static_cast<unsigned long long>(contacts),
              static_cast<unsigned long long>(contacts / 10), static_cast<unsigned long long>(contacts));
  auto store = store::Store::open(db, {}, config.business.time_zone);
  Clock::time_point t = Clock::now();
  for (const std::string& statement : generate_sql(sqlite, contacts)) bench::run_sql(sqlite, target, statement);
  bench::run_sql(sqlite, target, "ANALYZE");
  std::printf("generate the rows with SQL (timed apart) %29.2f s\n", seconds_since(t));

  std::mt19937_64 random(42);
  std::uniform_int_distribution<uint64_t> pick(0, contacts - 1);
  const auto national = [](uint64_t i) {
    char text[32];
    std::snprintf(text, sizeof text, "139 %04llu %04llu", static_cast<unsigned long long>(i / 10000),
                  static_cast<unsigned long long>(i % 10000));
    return std::string(text);
  };
  const auto e164 = [](uint64_t i) {
    char value[32];
    std::snprintf(value, sizeof value, "+86139%08llu", static_cast<unsigned long long>(i));
    return std::string(value);
  };
  std::vector<double> known, unknown, floor_us;
  // Warm the connection pool and the caches first, as a running hotline would be.
  for (int k = 0; k < 200; ++k) (void)app::who_json(*store, config, national(pick(random)));
  for (uint64_t q = 0; q < o.queries; ++q) {
    const std::string query = national(pick(random));
    t = Clock::now();
    const std::string json = app::who_json(*store, config, query);
    known.push_back(seconds_since(t) * 1e6);
    if (json.find("\"matches\"") == std::string::npos) throw std::runtime_error("no match for " + query);
  }
  for (uint64_t q = 0; q < o.queries / 5; ++q) {
    const std::string query = "138 " + std::to_string(10000000 + pick(random) % 89999999);
    t = Clock::now();
    try {
      (void)app::who_json(*store, config, query);
      throw std::runtime_error("a match for " + query);
    } catch (const Error& e) {
      if (e.status() != Status::not_found) throw;
    }
    unknown.push_back(seconds_since(t) * 1e6);
  }
  std::unique_ptr<Floor> floor;
  if (sqlite)
    floor = std::make_unique<SqliteFloor>(target);
  else
    floor = std::make_unique<PgFloor>(target);
  for (uint64_t q = 0; q < o.queries; ++q) {
    const std::string value = e164(pick(random));
    t = Clock::now();
    floor->lookup(value);
    floor_us.push_back(seconds_since(t) * 1e6);
  }
  std::vector<double> known_e164, before, now, library, fast;
  for (uint64_t q = 0; q < o.queries; ++q) {
    const std::string query = e164(pick(random));
    t = Clock::now();
    const std::string json = app::who_json(*store, config, query);
    known_e164.push_back(seconds_since(t) * 1e6);
    if (json.find("\"matches\"") == std::string::npos) throw std::runtime_error("no match for " + query);
  }
  // The baseline: who's SQL through a SOCI statement prepared per call (and so parsed and, on
  // PostgreSQL, planned per call), as ContactsRepository::who ran before the statement cache.
  std::string sql_text = store::ContactsRepository::who_sql();
  for (const auto& [from, to] : {std::pair<const char*, const char*>{"$1", ":kind"}, {"$2", ":value"}})
    sql_text.replace(sql_text.find(from), 2, to);
  const std::string phone = "phone";
  for (uint64_t q = 0; q < o.queries; ++q) {
    const std::string value = e164(pick(random));
    t = Clock::now();
    std::size_t rows = 0;
    store->database().with_session("bench", [&](soci::session& sql) {
      soci::rowset<soci::row> rs = (sql.prepare << sql_text, soci::use(phone, "kind"), soci::use(value, "value"));
      for (const soci::row& r : rs) rows += r.get<std::string>(0).empty() ? 0 : 1;
    });
    before.push_back(seconds_since(t) * 1e6);
    if (rows == 0) throw std::runtime_error("baseline: no row for " + value);
  }
  for (uint64_t q = 0; q < o.queries; ++q) {
    const std::string value = e164(pick(random));
    t = Clock::now();
    const std::vector<store::ContactMatch> matches = store->contacts().who(phone, value);
    now.push_back(seconds_since(t) * 1e6);
    if (matches.empty()) throw std::runtime_error("no match for " + value);
  }
  for (uint64_t q = 0; q < o.queries; ++q) {
    const std::string national_text = national(pick(random)), e164_text = e164(pick(random));
    t = Clock::now();
    const bool a = core::contacts::normalise_phone(national_text, config.contacts.default_region).valid;
    library.push_back(seconds_since(t) * 1e6);
    t = Clock::now();
    const bool b = core::contacts::normalise_phone(e164_text, config.contacts.default_region).valid;
    fast.push_back(seconds_since(t) * 1e6);
    if (!a || !b) throw std::runtime_error("normalisation failed");
  }
  const auto line = [](const char* what, const Percentiles& p) {
    std::printf("  %-60s p50 %7.1f us  p99 %7.1f us  max %8.1f us\n", what, p.p50, p.p99, p.max);
  };
  std::printf("%llu lookups each:\n", static_cast<unsigned long long>(o.queries));
  line("who, a known number \"139 ...\" (normalise, lookup, JSON)", percentiles(known));
  line("who, a known number \"+86139...\" (E.164 fast path)", percentiles(known_e164));
  line("who, an unknown number (KAM_ERR_NOT_FOUND)", percentiles(unknown));
  line("lookup alone, before: SOCI statement prepared per call", percentiles(before));
  line("lookup alone, now: prepared once per pooled connection", percentiles(now));
  line("normalise \"139 ...\" (libphonenumber)", percentiles(library));
  line("normalise \"+86139...\" (E.164 fast path)", percentiles(fast));
  line(sqlite ? "floor: one prepared SELECT of the row (sqlite3)" : "floor: one prepared SELECT of the row (libpq)",
       percentiles(floor_us));
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--contacts") o.contacts = std::stoull(v);
    else if (k == "--pg-contacts") o.pg_contacts = std::stoull(v);
    else if (k == "--queries") o.queries = std::stoull(v);
    else if (k == "--dir") o.dir = v;
    else if (k == "--pg") o.pg = v;
    else {
      std::fprintf(stderr, "usage: %s [--contacts N] [--queries N] [--dir DIR] [--pg URL] [--pg-contacts N]\n", argv[0]);
      return 2;
    }
  }
  try {
    const config::Config config = config::load_config_file(o.config);
    const fs::path dir = o.dir.empty() ? fs::temp_directory_path() / ("kam-who-bench-" + std::to_string(getpid()))
                                       : fs::path(o.dir);
    fs::remove_all(dir);
    fs::create_directories(dir);
    bench::on_backends(dir, o.pg, "who_bench", o.contacts, o.pg_contacts,
                       [&](const config::DatabaseConfig& db, uint64_t n, const std::string& target) {
                         run_backend(o, config, db, n, target);
                       });
    if (o.dir.empty()) fs::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "who_bench: %s\n", e.what());
    return 1;
  }
}
