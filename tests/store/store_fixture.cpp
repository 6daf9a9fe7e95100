#include "store_fixture.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "store/database/conninfo.hpp"

namespace kam::store::test {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// The same server and credentials, another database.
std::string with_database(const std::string& url, const std::string& dbname) {
  for (const char* scheme : {"postgresql://", "postgres://"}) {
    const std::string s = scheme;
    if (url.rfind(s, 0) != 0) continue;
    const size_t path = url.find_first_of("/?", s.size());
    if (path == std::string::npos) return url + "/" + dbname;
    if (url[path] == '?') return url.substr(0, path) + "/" + dbname + url.substr(path);
    const size_t query = url.find('?', path);
    return url.substr(0, path + 1) + dbname +
           (query == std::string::npos ? std::string() : url.substr(query));
  }
  return url + " dbname=" + dbname;  // keyword/value conninfo: the last dbname wins
}

std::string unique_database_name() {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return "kam_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(now % 1000000);
}

}  // namespace

std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

void StoreTest::SetUp() {
  db_ = config::DatabaseConfig{};
  db_.busy_timeout_ms = 5000;
  db_.lease_timeout_ms = 5000;
  db_.pool_size = 4;
  if (is_sqlite()) {
    char pattern[] = "/tmp/kam-store-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    temp_dir_ = pattern;
    db_.kind = config::DatabaseConfig::Kind::sqlite;
    // A directory that does not exist yet: the store creates it.
    db_.sqlite_path = temp_dir_ + "/data/nested/kam.db";
    db_.url = "sqlite:" + db_.sqlite_path;
    return;
  }
  const std::string url = env("KAM_TEST_PG_URL");
  if (url.empty()) {
    if (env("KAM_REQUIRE_PG") == "1")
      FAIL() << "KAM_REQUIRE_PG=1 but KAM_TEST_PG_URL is not set (start a server with "
                "tests/support/pg-server.sh start DIR)";
    GTEST_SKIP() << "KAM_TEST_PG_URL is not set: PostgreSQL tests skipped (start a server with "
                    "tests/support/pg-server.sh start DIR and export the URL it prints)";
  }
  pg_admin_url_ = url;
  pg_database_ = unique_database_name();
  soci::session admin(*soci::factory_postgresql(), detail::postgresql_connect_string(url));
  admin << "CREATE DATABASE " << pg_database_
        << " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'";
  db_.kind = config::DatabaseConfig::Kind::postgresql;
  db_.pg_conninfo = with_database(url, pg_database_);
  db_.url = db_.pg_conninfo;
}

void StoreTest::TearDown() {
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
  if (!pg_database_.empty()) {
    try {
      soci::session admin(*soci::factory_postgresql(),
                          detail::postgresql_connect_string(pg_admin_url_));
      admin << "DROP DATABASE IF EXISTS " << pg_database_ << " WITH (FORCE)";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot drop test database " << pg_database_ << ": " << e.what();
    }
  }
}

LogFn StoreTest::log_fn() {
  auto mu = log_mu_;
  auto lines = logs_;
  return [mu, lines](core::LogLevel level, const std::string& message) {
    std::lock_guard<std::mutex> lock(*mu);
    lines->push_back(std::to_string(static_cast<int>(level)) + " " + message);
  };
}

std::vector<std::string> StoreTest::logs() {
  std::lock_guard<std::mutex> lock(*log_mu_);
  return *logs_;
}

std::unique_ptr<Store> StoreTest::open() { return open(db_); }

std::unique_ptr<Store> StoreTest::open(const config::DatabaseConfig& db) {
  return Store::open(db, log_fn());
}


int64_t StoreTest::query_int(Store& s, const std::string& sql) {
  int64_t value = 0;
  soci::indicator ind = soci::i_ok;
  s.database().with_session("test query", [&](soci::session& session) {
    session << sql, soci::into(value, ind);
  });
  return ind == soci::i_ok ? value : -1;
}

std::string StoreTest::query_text(Store& s, const std::string& sql) {
  std::string value;
  soci::indicator ind = soci::i_ok;
  s.database().with_session("test query", [&](soci::session& session) {
    session << sql, soci::into(value, ind);
  });
  return ind == soci::i_ok ? value : "<null>";
}

int64_t StoreTest::count(Store& s, const std::string& table) {
  return query_int(s, "SELECT COUNT(*) FROM " + table);
}

void StoreTest::exec(Store& s, const std::string& sql) {
  s.database().with_session("test statement", [&](soci::session& session) { session << sql; });
}

// --- event builders ------------------------------------------------------------------------------

core::Event account_event(const std::string& event_id, const std::string& account_id,
                          int64_t at_ms, const std::string& name) {
  core::AccountUpserted a;
  a.account_id = account_id;
  a.name = name;
  a.name_latin = "Acme";
  a.tax_id = "91310000MA1FL8XQ3B";
  a.region = "east";
  a.industry = "machinery";
  a.account_manager_id = "u-kam-1";
  a.flags = {"strategic"};
  return core::Event{event_id, at_ms, a};
}

core::Event order_event(const std::string& event_id, const std::string& order_id,
                        const std::string& account_id, int64_t amount_minor, int64_t at_ms) {
  core::OrderPosted o;
  o.order_id = order_id;
  o.account_id = account_id;
  o.amount = {amount_minor, "EUR"};
  o.margin = {amount_minor / 4, "EUR"};
  o.document_type = 1;
  return core::Event{event_id, at_ms, o};
}

core::Event cancel_event(const std::string& event_id, const std::string& order_id,
                         const std::string& reason, int64_t at_ms) {
  core::OrderCancelled c;
  c.order_id = order_id;
  c.reason = reason;
  return core::Event{event_id, at_ms, c};
}

core::Event complaint_event(const std::string& event_id, const std::string& complaint_id,
                            int32_t action, const std::string& employee_id, int64_t at_ms,
                            const std::string& account_id) {
  core::ComplaintEvent c;
  c.complaint_id = complaint_id;
  c.account_id = account_id;
  c.action = action;
  c.severity = action == 1 ? 3 : 0;
  c.employee_id = employee_id;
  c.department = "sales";
  if (action == 2) {
    c.to_employee_id = employee_id + "-next";
    c.to_department = "quality";
  }
  c.channel = "hotline";
  c.category = action == 1 ? "delivery" : "";
  c.text = "step " + std::to_string(action);
  return core::Event{event_id, at_ms, c};
}

core::Event service_event(const std::string& event_id, const std::string& request_id,
                          int32_t action, const std::string& employee_id, int64_t at_ms,
                          const std::string& account_id) {
  core::ServiceRequestEvent s;
  s.request_id = request_id;
  s.account_id = account_id;
  s.action = action;
  s.employee_id = employee_id;
  if (action == 2) s.assignee_id = "tech-7";
  if (action == 3) s.state = "waiting_for_parts";
  s.category = action == 1 ? "repair" : "";
  s.text = "service step " + std::to_string(action);
  return core::Event{event_id, at_ms, s};
}

core::Event visit_event(const std::string& event_id, const std::string& visit_id,
                        const std::string& account_id, int32_t status, int64_t at_ms) {
  core::VisitEvent v;
  v.visit_id = visit_id;
  v.account_id = account_id;
  v.employee_id = "u-kam-1";
  v.status = status;
  v.planned_for_ms = status == 1 ? at_ms + 86400000 : 0;
  v.notes = status == 2 ? "met the buyer" : "";
  return core::Event{event_id, at_ms, v};
}

core::Event distributor_event(const std::string& event_id, const std::string& distributor_id,
                              int64_t at_ms) {
  core::DistributorUpserted d;
  d.distributor_id = distributor_id;
  d.name = "Channel Partner Ltd";
  d.level = "gold";
  d.territories = {"east", "north"};
  d.industries = {"machinery"};
  return core::Event{event_id, at_ms, d};
}

BatchItem item(core::Event e) {
  BatchItem i;
  i.event = std::move(e);
  return i;
}

BatchItem early_rejection(Status status, const std::string& message) {
  BatchItem i;
  i.early_rejection = ItemResult{Outcome::rejected, status, message};
  return i;
}

std::vector<BatchItem> items(std::vector<core::Event> events) {
  std::vector<BatchItem> out;
  for (auto& e : events) out.push_back(item(std::move(e)));
  return out;
}

IngestOptions options(bool skip_rejected, const std::string& source, int64_t now_ms) {
  IngestOptions o;
  o.source = source;
  o.skip_rejected = skip_rejected;
  o.now_ms = now_ms;
  o.actor = core::Actor{"erp-service", {"integration"}};
  return o;
}

}  // namespace kam::store::test
