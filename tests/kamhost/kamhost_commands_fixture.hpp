// kamhost_commands_fixture.hpp - the import / audit / notifications tests' fixture: a config on
// SQLite in a fresh directory, kamhost runs in it, and reads of the database it wrote.
#pragma once

#include <sqlite3.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "kamhost_test_support.hpp"

namespace kamhost_test {

using nlohmann::json;

// One account and one order of it, as JSON lines.
inline const char* kAccount1 = R"({"kind":"account_upserted","event_id":"a1","occurred_at":"2026-01-01","account_id":"1","name":"One"})";
inline const char* kOrder1 =
    R"({"kind":"order_posted","event_id":"o1","occurred_at":"2026-01-02","order_id":"SO-1","account_id":"1","amount_minor":5,"currency":"CNY"})";

class KamhostTest : public testing::Test {
 protected:
  void SetUp() override { config_ = dir_.write("kam.yaml", config_text(dir_.path())); }

  Result run(std::vector<std::string> args) { return kamhost(dir_.path(), args); }
  // import FILE --config kam.yaml EXTRA...
  Result import(const std::string& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"import", file, "--config", config_};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  json audit_json(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"audit", "--config", config_, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    Result r = run(args);
    EXPECT_EQ(r.exit, 0) << r;
    return json::parse(r.out);
  }
  void sql(const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("kam.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << statement;
    sqlite3_free(error);
    sqlite3_close(db);
  }
  int64_t count(const std::string& table) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir_.file("kam.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  TempDir dir_;
  std::string config_;
};

}  // namespace kamhost_test
