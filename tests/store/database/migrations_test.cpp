// Schema migrations: created at open, idempotent, refused when newer, migrated once under concurrency.
#include <filesystem>
#include <thread>

#include "store/database/migrations.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using MigrationTest = StoreTest;
KAM_STORE_INSTANTIATE(MigrationTest);

const char* const kTables[] = {
    "kam_schema",     "ingested_events",        "accounts",     "orders",
    "complaints",     "complaint_events",       "service_requests", "service_request_events",
    "visits",         "visit_events",           "distributors", "deal_registrations",
    "tier_history",   "tier_overrides",         "notifications", "audit",
    "order_days",     "tier_state",             "config_versions", "kam_settings",
    // 4: complaint tracking
    "complaint_ledger", "complaint_current",    "calendar_versions", "employees", "sla_escalations",
    // 7: contacts and visit plans
    "contacts", "contact_points", "visit_plans", "visit_alerts",
    // 8: performance
    "tier_ranking",
    // 5: account identity
    "account_identity", "account_identity_keys", "account_merges",
    // 9: distributor rules (deal_registrations replaced)
    "deal_registration_keys",
};

int count_migration_logs(const std::vector<std::string>& lines) {
  int n = 0;
  for (const auto& l : lines)
    if (l.find("schema migrated from version 0 to") != std::string::npos) ++n;
  return n;
}

TEST_P(MigrationTest, OpenCreatesTheWholeSchema) {
  auto store = open();
  EXPECT_EQ(store->schema_version(), detail::latest_schema_version(backend()));
  EXPECT_GE(store->schema_version(), 4);
  EXPECT_STREQ(store->kind_name(), is_sqlite() ? "sqlite" : "postgresql");
  for (const char* table : kTables) EXPECT_GE(count(*store, table), 0) << table;
  EXPECT_EQ(query_int(*store, "SELECT version FROM kam_schema"), detail::latest_schema_version(backend()));
  EXPECT_EQ(count(*store, "kam_schema"), 1);
  EXPECT_EQ(count_migration_logs(logs()), 1);
  if (is_sqlite()) {
    EXPECT_TRUE(std::filesystem::exists(db_.sqlite_path));
  }
}

TEST_P(MigrationTest, ReopeningIsANoOp) {
  {
    auto store = open();
    auto r = store->ingestion().ingest(items({account_event("e1", "A1")}), options());
    ASSERT_TRUE(r.committed);
  }
  auto store = open();
  EXPECT_EQ(store->schema_version(), detail::latest_schema_version(backend()));
  EXPECT_EQ(count(*store, "accounts"), 1);
  EXPECT_EQ(count(*store, "kam_schema"), 1);
  EXPECT_EQ(count_migration_logs(logs()), 1);  // only the first open migrated
}

TEST_P(MigrationTest, RefusesASchemaNewerThanThePlugin) {
  {
    auto store = open();
    exec(*store, "UPDATE kam_schema SET version = 99");
  }
  try {
    open();
    FAIL() << "opened a database with a newer schema";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::schema_too_new);
    EXPECT_NE(std::string(e.what()).find(
                  "has schema version 99, this plugin knows up to " +
                  std::to_string(detail::latest_schema_version(backend())) + ": upgrade the plugin"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("database "), std::string::npos) << e.what();
  }
}

TEST_P(MigrationTest, ConcurrentOpensMigrateExactlyOnce) {
  constexpr int kThreads = 4;
  std::vector<std::unique_ptr<Store>> stores(kThreads);
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      try {
        stores[i] = open();
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_TRUE(errors[i].empty()) << errors[i];
    EXPECT_EQ(stores[i]->schema_version(), detail::latest_schema_version(backend()));
  }
  EXPECT_EQ(count_migration_logs(logs()), 1);
  EXPECT_EQ(count(*stores[0], "kam_schema"), 1);
}

TEST_P(MigrationTest, BothBackendsReachTheSameVersion) {
  EXPECT_EQ(detail::latest_schema_version(Backend::sqlite),
            detail::latest_schema_version(Backend::postgresql));
  EXPECT_EQ(detail::sqlite_migrations().size(), detail::postgresql_migrations().size());
}

// SQLite: WAL and the configured synchronous mode on every connection. PostgreSQL: the configured
// lock_timeout on every connection.
TEST_P(MigrationTest, DurabilitySettingsAreApplied) {
  for (auto mode : {config::DatabaseConfig::Synchronous::full,
                    config::DatabaseConfig::Synchronous::normal}) {
    auto db = db_;
    db.synchronous = mode;
    db.busy_timeout_ms = 1234;
    auto store = open(db);
    if (is_sqlite()) {
      EXPECT_EQ(query_text(*store, "PRAGMA journal_mode"), "wal");
      EXPECT_EQ(query_int(*store, "PRAGMA synchronous"),
                mode == config::DatabaseConfig::Synchronous::full ? 2 : 1);
      EXPECT_EQ(query_int(*store, "PRAGMA busy_timeout"), 1234);
      EXPECT_EQ(query_int(*store, "PRAGMA foreign_keys"), 1);
    } else {
      EXPECT_EQ(query_text(*store, "SHOW lock_timeout"), "1234ms");
    }
  }
}

}  // namespace
}  // namespace kam::store::test
