// Prepared statements kept per pooled connection (store/database/statement_cache.hpp): prepared once
// and run again with new values, prepared again after the server dropped the connection or forgot
// its statements, finalised before the store closes (and a reopened store prepares its own), and two
// threads on two connections each with their own.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/cursor.hpp"
#include "store/database/conninfo.hpp"
#include "store/database/statement_cache.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using StatementCacheTest = StoreTest;
KAM_STORE_INSTANTIATE(StatementCacheTest);

constexpr const char* kAccountsNamed = "SELECT COUNT(*) FROM accounts WHERE name = $1";

// How many accounts have this name, through the connection's cached statement.
int64_t accounts_named(Backend backend, soci::session& sql, detail::StatementCache& cache, const std::string& name) {
  if (backend == Backend::sqlite) {
    detail::SqliteStatement& st = cache.sqlite(sql, "test.accounts_named", kAccountsNamed);
    st.bind(1, name);
    detail::SqliteRows rows(st);
    return rows.next() ? rows->int64_at(0) : -1;
  }
  return cache.postgresql(sql, "test.accounts_named", kAccountsNamed, {&name}).int64(0, 0);
}

// The same on a pooled connection; and how many statements that connection keeps.
int64_t accounts_named(Store& store, const std::string& name, std::size_t* kept = nullptr) {
  int64_t n = -1;
  store.database().with_statements("count accounts", [&](soci::session& sql, detail::StatementCache& cache) {
    n = accounts_named(store.database().backend(), sql, cache, name);
    if (kept) *kept = cache.size();
  });
  return n;
}

class Accounts {
 public:
  static void add(Store& store, const std::string& id, const std::string& name) {
    store.database().write_transaction("add an account", [&](soci::session& sql) {
      sql << "INSERT INTO accounts (account_id, name, updated_at_ms, last_event_id) VALUES (:i, :n, 1, 'x')",
          soci::use(id), soci::use(name);
    });
  }
};

TEST_P(StatementCacheTest, PreparedOnceAndRunAgainWithNewValues) {
  auto db = db_;
  db.pool_size = 1;  // every call on the one connection
  auto store = open(db);
  std::size_t kept = 0;
  EXPECT_EQ(accounts_named(*store, "Acme", &kept), 0);
  EXPECT_EQ(kept, 1u);
  Accounts::add(*store, "A1", "Acme");
  Accounts::add(*store, "A2", "Acme");
  Accounts::add(*store, "A3", "Other");
  EXPECT_EQ(accounts_named(*store, "Acme", &kept), 2);
  EXPECT_EQ(accounts_named(*store, "Other", &kept), 1);
  EXPECT_EQ(accounts_named(*store, "none", &kept), 0);
  EXPECT_EQ(kept, 1u);  // still the one statement
  // The statement holds no read open between calls: a write on the same connection goes through.
  Accounts::add(*store, "A4", "Acme");
  EXPECT_EQ(accounts_named(*store, "Acme"), 3);
}

TEST_P(StatementCacheTest, PreparedAgainAfterTheServerDroppedTheConnection) {
  if (is_sqlite()) GTEST_SKIP() << "a SQLite connection is a file: nothing drops it";
  auto db = db_;
  db.pool_size = 1;
  auto store = open(db);
  Accounts::add(*store, "A1", "Acme");
  EXPECT_EQ(accounts_named(*store, "Acme"), 1);
  {
    soci::session killer(*soci::factory_postgresql(), detail::postgresql_connect_string(db_.pg_conninfo));
    killer << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              " WHERE datname = current_database() AND pid <> pg_backend_pid()";
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the FATAL message arrive
  // The pool reopens the connection and forgets its statements; the lookup prepares again.
  std::size_t kept = 0;
  EXPECT_EQ(accounts_named(*store, "Acme", &kept), 1);
  EXPECT_EQ(kept, 1u);
  EXPECT_EQ(accounts_named(*store, "Acme"), 1);
}

TEST_P(StatementCacheTest, PreparedAgainWhenTheServerForgotIt) {
  if (is_sqlite()) GTEST_SKIP() << "PostgreSQL's DEALLOCATE";
  auto db = db_;
  db.pool_size = 1;
  auto store = open(db);
  Accounts::add(*store, "A1", "Acme");
  EXPECT_EQ(accounts_named(*store, "Acme"), 1);
  store->database().with_session("forget", [](soci::session& sql) { sql << "DEALLOCATE ALL"; });
  EXPECT_EQ(accounts_named(*store, "Acme"), 1);
  EXPECT_EQ(accounts_named(*store, "Acme"), 1);
}

TEST_P(StatementCacheTest, AStoreClosedAndOpenedAgainPreparesItsOwn) {
  {
    auto store = open();
    Accounts::add(*store, "A1", "Acme");
    EXPECT_EQ(accounts_named(*store, "Acme"), 1);
  }  // statements finalised before their sessions close
  auto again = open();
  Accounts::add(*again, "A2", "Acme");
  EXPECT_EQ(accounts_named(*again, "Acme"), 2);
}

TEST_P(StatementCacheTest, ACursorOnACachedStatementReadsABoundedPageWithoutATransaction) {
  auto db = db_;
  db.pool_size = 1;
  auto store = open(db);
  for (const char* id : {"A1", "A2", "A3"}) Accounts::add(*store, id, "Acme");
  const auto page = [&](int64_t limit) {
    std::vector<std::string> ids;
    std::size_t kept = 0;
    store->database().with_statements("page", [&](soci::session& sql, detail::StatementCache& statements) {
      detail::Cursor c(statements, "test.page", sql, backend(),
                       "SELECT account_id FROM accounts WHERE name = $1 ORDER BY account_id LIMIT $2",
                       {std::string("Acme"), limit});
      while (c.next()) ids.emplace_back(c.text_at(0));
      kept = statements.size();
    });
    EXPECT_EQ(kept, 1u);
    return ids;
  };
  EXPECT_EQ(page(2), (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(page(10), (std::vector<std::string>{"A1", "A2", "A3"}));
  EXPECT_EQ(page(1), (std::vector<std::string>{"A1"}));
  Accounts::add(*store, "A0", "Acme");  // the statement left no read open
  EXPECT_EQ(page(1), (std::vector<std::string>{"A0"}));
}

TEST_P(StatementCacheTest, TwoThreadsOnTwoConnectionsEachHaveTheirOwn) {
  auto db = db_;
  db.pool_size = 2;
  auto store = open(db);
  Accounts::add(*store, "A1", "Acme");
  Accounts::add(*store, "A2", "Other");
  std::mutex mu;
  std::condition_variable both;
  int inside = 0;
  std::atomic<int> wrong{0};
  const auto worker = [&](const std::string& name) {
    store->database().with_statements("count accounts", [&](soci::session& sql, detail::StatementCache& cache) {
      {  // both connections leased at once: each thread runs on its own
        std::unique_lock<std::mutex> lock(mu);
        ++inside;
        both.notify_all();
        both.wait(lock, [&] { return inside == 2; });
      }
      for (int i = 0; i < 300; ++i)
        if (accounts_named(backend(), sql, cache, name) != 1) ++wrong;
      if (cache.size() != 1) ++wrong;
    });
  };
  std::thread a(worker, "Acme"), b(worker, "Other");
  a.join();
  b.join();
  EXPECT_EQ(wrong.load(), 0);
  // Afterwards either connection answers either name.
  EXPECT_EQ(accounts_named(*store, "Acme"), 1);
  EXPECT_EQ(accounts_named(*store, "Other"), 1);
}

}  // namespace
}  // namespace kam::store::test
