// db_probe.hpp - test support: read-only looks into the store's database (row counts, SQLite's
// integrity check) and throw-away PostgreSQL databases, using the databases' own C APIs so the
// checks do not go through the code under test.
#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace kam::test {

inline std::string sqlite_scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("open " + path + ": " + sqlite3_errmsg(db));
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::string e = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(sql + ": " + e);
  }
  if (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

inline std::string pg_scalar(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string e = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("connect: " + e);
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
  PGresult* r = PQexec(c, sql.c_str());
  std::string out;
  auto st = PQresultStatus(r);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    std::string e = PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    throw std::runtime_error(sql + ": " + e);
  }
  if (st == PGRES_TUPLES_OK && PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
  PQclear(r);
  PQfinish(c);
  return out;
}

// Creates a fresh database on the server of `admin_url` and returns its URL.
inline std::string fresh_pg_database(const std::string& admin_url, const std::string& tag) {
  static std::atomic<int> counter{0};
  std::string name = "kam_" + tag + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  pg_scalar(admin_url, "DROP DATABASE IF EXISTS " + name);
  pg_scalar(admin_url, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
  auto slash = admin_url.rfind('/');
  auto query = admin_url.find('?', slash);
  return admin_url.substr(0, slash + 1) + name +
         (query == std::string::npos ? "" : admin_url.substr(query));
}

// The database a backend-parameterised test runs on: `sqlite_url` for SQLite, or a fresh database
// on the server of KAM_TEST_PG_URL for PostgreSQL; empty when that variable is not set. Then
// pg_required() says whether the test must fail (KAM_REQUIRE_PG=1, as .ci/test sets) or skip.
inline std::string test_database_url(bool postgresql, const std::string& sqlite_url, const std::string& tag) {
  if (!postgresql) return sqlite_url;
  const char* server = std::getenv("KAM_TEST_PG_URL");
  if (server == nullptr || *server == 0) return {};
  return fresh_pg_database(server, tag);
}

inline bool pg_required() {
  const char* req = std::getenv("KAM_REQUIRE_PG");
  return req != nullptr && std::string(req) == "1";
}

inline constexpr const char* kPgMissingRequired = "KAM_TEST_PG_URL is not set but KAM_REQUIRE_PG=1";
inline constexpr const char* kPgMissingSkipped = "KAM_TEST_PG_URL not set: PostgreSQL tests skipped";

}  // namespace kam::test
