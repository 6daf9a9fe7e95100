// sql_rows.hpp - what who_bench and visits_bench share: rows generated with one SQL statement each
// straight into the store's tables (a series 0..n-1 on either backend, zero-padded ids), and running
// a bench on a SQLite file and, given a server, on a fresh PostgreSQL database.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <sqlite3.h>
#include <string>

#include "config/config.hpp"
#include "db_probe.hpp"

namespace kam::bench {

// A FROM item of rows g.i = 0..count-1.
inline std::string series(bool sqlite, const std::string& count) {
  return sqlite ? "(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < " + count +
                      ") SELECT i FROM s) g"
                : "generate_series(0, " + count + " - 1) AS g(i)";
}

// `expr` as text, zero-padded to `width` digits.
inline std::string padded(bool sqlite, const std::string& expr, int width) {
  return sqlite ? "printf('%0" + std::to_string(width) + "d', " + expr + ")"
                : "lpad((" + expr + ")::text, " + std::to_string(width) + ", '0')";
}

// One statement on the bench's database (outside the store, through the backend's C library):
// the first column of its first row. SQLite read-write (db_probe's sqlite_scalar is read-only).
inline std::string run_sql(bool sqlite, const std::string& target, const std::string& statement) {
  if (!sqlite) return test::pg_scalar(target, statement);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(target.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    throw std::runtime_error("open " + target + ": " + sqlite3_errmsg(db));
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, statement.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    const std::string e = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(statement + ": " + e);
  }
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  const bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
  const std::string e = failed ? sqlite3_errmsg(db) : "";
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (failed) throw std::runtime_error(statement + ": " + e);
  return out;
}

// Runs fn(db, n, target) on SQLite in `dir` (synchronous=normal) with n, then with a PostgreSQL
// server URL on a fresh database `tag` with pg_n (0: n). target: the file or the database URL.
template <class Fn>
void on_backends(const std::filesystem::path& dir, const std::string& pg, const char* tag, uint64_t n, uint64_t pg_n,
                 Fn&& fn) {
  config::DatabaseConfig db;
  db.kind = config::DatabaseConfig::Kind::sqlite;
  db.sqlite_path = (dir / "kam.db").string();
  db.url = "sqlite:" + db.sqlite_path;
  db.synchronous = config::DatabaseConfig::Synchronous::normal;
  fn(db, n, db.sqlite_path);
  if (pg.empty()) {
    std::printf("\nPostgreSQL: skipped (pass --pg URL)\n");
    return;
  }
  config::DatabaseConfig p;
  p.kind = config::DatabaseConfig::Kind::postgresql;
  p.pg_conninfo = p.url = test::fresh_pg_database(pg, tag);
  fn(p, pg_n ? pg_n : n, p.pg_conninfo);
}

}  // namespace kam::bench
