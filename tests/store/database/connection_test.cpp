// Connections: lease timeouts, recovery after failures, and error messages without secrets.
#include <chrono>
#include <fstream>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>

#include "store/database/conninfo.hpp"
#include "store/database/db_error.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using ConnectionTest = StoreTest;
KAM_STORE_INSTANTIATE(ConnectionTest);

TEST_P(ConnectionTest, LeaseTimeoutIsBusy) {
  auto db = db_;
  db.pool_size = 1;
  db.lease_timeout_ms = 200;
  auto store = open(db);
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    store->database().with_session("hold the only connection", [&](soci::session&) {
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(800));
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto start = std::chrono::steady_clock::now();
  try {
    store->outbox().pending(10);
    ADD_FAILURE() << "leased a connection that was in use";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::busy);
    EXPECT_NE(std::string(e.what()).find("no database connection"), std::string::npos) << e.what();
  }
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(190));
  EXPECT_LT(waited, std::chrono::milliseconds(790));
  holder.join();
  EXPECT_NO_THROW(store->outbox().pending(10));  // free again
}

TEST_P(ConnectionTest, WriterThatWaitsTooLongIsBusy) {
  auto db = db_;
  db.pool_size = 2;
  db.busy_timeout_ms = 200;
  auto store = open(db);
  std::atomic<bool> writing{false};
  std::thread writer([&] {
    store->database().write_transaction("long write", [&](soci::session& s) {
      s << "INSERT INTO tier_history (account_id, tier, since_ms, config_version)"
           " VALUES ('A1', 'gold', 1, 1)";
      // PostgreSQL: hold the row lock the other writer will need.
      s << "INSERT INTO accounts (account_id, name, updated_at_ms, last_event_id)"
           " VALUES ('A1', 'x', 1, 'x')";
      writing = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(800));
    });
  });
  while (!writing) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  try {
    store->database().write_transaction("second write", [&](soci::session& s) {
      s << "INSERT INTO accounts (account_id, name, updated_at_ms, last_event_id)"
           " VALUES ('A1', 'y', 2, 'y')";
    });
    ADD_FAILURE() << "the second writer did not wait";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::busy) << e.what();
  }
  writer.join();
  EXPECT_EQ(count(*store, "accounts"), 1);
}

TEST_P(ConnectionTest, DatabaseErrorsSayWhatWasBeingDone) {
  auto store = open();
  try {
    store->database().write_transaction("frobnicate the widgets", [](soci::session& s) {
      s << "INSERT INTO no_such_table VALUES (1)";
    });
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::store);
    EXPECT_EQ(std::string(e.what()).rfind("frobnicate the widgets: ", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
  // The connection that failed is fine for the next call.
  EXPECT_NO_THROW(store->ingestion().ingest(items({account_event("e1", "A1")}), options()));
  EXPECT_EQ(count(*store, "accounts"), 1);
}

TEST_P(ConnectionTest, RecoversWhenTheServerDropsConnections) {
  auto db = db_;
  db.pool_size = 2;
  auto store = open(db);
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e1", "A1")}), options()).committed);
  if (!is_sqlite()) {
    // Kill every KAM connection to this test's database, as a server restart or a DBA would.
    const std::string other = db_.pg_conninfo;
    soci::session killer(*soci::factory_postgresql(),
                         detail::postgresql_connect_string(other));
    killer << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              " WHERE datname = current_database() AND pid <> pg_backend_pid()";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // The pool notices the closed connections when it hands them out and opens new ones.
  for (int i = 0; i < 3; ++i) {
    auto r = store->ingestion().ingest(items({order_event("o" + std::to_string(i), "O" + std::to_string(i), "A1")}),
                           options());
    EXPECT_TRUE(r.committed);
  }
  EXPECT_EQ(count(*store, "orders"), 3);
}

TEST_P(ConnectionTest, OpenFailuresNameTheDatabaseButNeverThePassword) {
  auto db = db_;
  if (is_sqlite()) {
    // A file where the directory should be.
    const std::string blocker = db_.sqlite_path.substr(0, db_.sqlite_path.rfind("/data/")) + "/file";
    std::ofstream(blocker) << "x";
    db.sqlite_path = blocker + "/kam.db";
    db.url = "sqlite:" + db.sqlite_path;
  } else {
    db.pg_conninfo = "postgresql://kam:SuperSecret99@127.0.0.1:1/kam?connect_timeout=2";
    db.url = "postgresql://kam@127.0.0.1:1/kam";
  }
  try {
    open(db);
    FAIL() << "opened an unreachable database";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::store);
    const std::string what = e.what();
    EXPECT_EQ(what.find("SuperSecret99"), std::string::npos) << what;
    EXPECT_NE(what.find(db.url), std::string::npos) << what;
  }
}

TEST_P(ConnectionTest, OpenFailuresNeverShowAPasswordHoweverSpelled) {
  if (is_sqlite()) GTEST_SKIP() << "PostgreSQL URLs only";
  // libpq reads "u?x:Secret@" as user "u?x" with a password, and decodes "pass%77ord".
  auto db = db_;
  db.url = "postgresql://u?x:SuperSecret98@127.0.0.1:1/kam?pass%77ord=SuperSecret97";
  db.pg_conninfo = db.url + "&connect_timeout=2&%70assword=SuperSecret96";
  try {
    open(db);
    FAIL() << "opened an unreachable database";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("SuperSecret9"), std::string::npos) << what;
    EXPECT_NE(what.find("127.0.0.1:1/kam"), std::string::npos) << what;
  }
}

TEST_P(ConnectionTest, RedactsPasswordsFromText) {
  using detail::redact_secrets;
  EXPECT_EQ(redact_secrets("host=h password=s3cret dbname=d"), "host=h password=*** dbname=d");
  EXPECT_EQ(redact_secrets("password = 'a b\\' c' x=1"), "password = *** x=1");
  EXPECT_EQ(redact_secrets("postgresql://u:s3cret@h:5432/d"), "postgresql://u:***@h:5432/d");
  EXPECT_EQ(redact_secrets("postgresql://u@h/d?sslmode=require&password=s3cret&x=1"),
            "postgresql://u@h/d?sslmode=require&password=***&x=1");
  EXPECT_EQ(redact_secrets("PASSWORD=abc"), "PASSWORD=***");
  EXPECT_EQ(redact_secrets("postgresql://u@h:5432/d"), "postgresql://u@h:5432/d");
}

}  // namespace
}  // namespace kam::store::test
