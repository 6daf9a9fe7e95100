// Schema 5 on a database written before it: a version 4 database built with the released steps 1..4
// (the statements of migrations.hpp, applied by hand as a 1.3 plugin did) holding accounts gets
// their identity rows and keys when this store opens it, and they match like freshly ingested ones.
#include <filesystem>
#include <memory>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/database/conninfo.hpp"
#include "store/database/migrations.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using IdentityMigrationTest = StoreTest;
KAM_STORE_INSTANTIATE(IdentityMigrationTest);

TEST_P(IdentityMigrationTest, VersionFourDatabaseGetsIdentityRowsWhenOpened) {
  {
    if (is_sqlite()) std::filesystem::create_directories(std::filesystem::path(db_.sqlite_path).parent_path());
    // Connected as the store connects (conninfo.hpp), without migrating.
    auto session = is_sqlite() ? std::make_unique<soci::session>(*soci::factory_sqlite3(),
                                                                 detail::sqlite_connect_string(db_.sqlite_path))
                               : std::make_unique<soci::session>(*soci::factory_postgresql(),
                                                                 detail::postgresql_connect_string(db_.pg_conninfo));
    soci::session& sql = *session;
    sql << "CREATE TABLE kam_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)";
    for (const detail::Migration& step :
         is_sqlite() ? detail::sqlite_migrations() : detail::postgresql_migrations()) {
      if (step.version > 4) break;
      for (const char* statement : step.statements) sql << statement;
    }
    sql << "INSERT INTO kam_schema (id, version) VALUES (1, 4)";
    const char* const accounts[][3] = {{"A1", "华东电子科技（上海）有限公司", ""},
                                       {"A2", "上海华东电子科技有限公司", ""},
                                       {"A3", "北京华东电子科技有限公司", "Huadong Electronics (Beijing) Co., Ltd."}};
    for (const auto& a : accounts) {
      const std::string id = a[0], name = a[1], latin = a[2];  // SOCI binds references: they must outlive the statement
      sql << "INSERT INTO accounts (account_id, name, name_latin, updated_at_ms, last_event_id)"
             " VALUES (:id, :name, :latin, 1, 'e')",
          soci::use(id), soci::use(name), soci::use(latin);
    }
  }
  auto store = open();
  EXPECT_EQ(store->schema_version(), detail::latest_schema_version(backend()));
  EXPECT_EQ(count(*store, "account_identity"), 4) << "A3 has two spellings";
  EXPECT_GT(count(*store, "account_identity_keys"), 6);
  bool logged = false;
  for (const std::string& line : logs())
    logged = logged || line.find("identity rows written for 3 accounts stored before schema 5") != std::string::npos;
  EXPECT_TRUE(logged);
  const IdentityBase base = store->identity().base();
  ASSERT_EQ(base.accounts.size(), 3u);
  EXPECT_EQ(base.accounts[0].records.front().key, "华东|electronics,technology|shanghai");
  EXPECT_EQ(base.accounts[0].records.front().key, base.accounts[1].records.front().key);
  EXPECT_EQ(base.accounts[2].records.size(), 2u);
  // Opening again writes nothing more.
  store.reset();
  store = open();
  EXPECT_EQ(count(*store, "account_identity"), 4);
}

}  // namespace
}  // namespace kam::store::test
