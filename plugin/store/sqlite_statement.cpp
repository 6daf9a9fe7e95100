#include "store/sqlite_statement.hpp"

// SOCI's header includes <sqlite3.h> inside namespace sqlite_api (with its include guard), so the C
// API is reached through that namespace here.
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace kam::store::detail {

namespace sq = sqlite_api;

namespace {

sq::sqlite3* connection_of(soci::session& sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  if (backend == nullptr || backend->conn_ == nullptr)
    throw soci::soci_error("internal error: not an open SQLite session");
  return backend->conn_;
}

}  // namespace

SqliteStatement::SqliteStatement(soci::session& sql, std::string_view text) {
  auto* db = connection_of(sql);
  db_ = db;
  sq::sqlite3_stmt* stmt = nullptr;
  const int rc = sq::sqlite3_prepare_v2(db, text.data(), static_cast<int>(text.size()), &stmt,
                                        nullptr);
  if (rc != SQLITE_OK) {
    sq::sqlite3_finalize(stmt);
    fail(rc, "prepare");
  }
  stmt_ = stmt;
}

SqliteStatement::~SqliteStatement() { sq::sqlite3_finalize(static_cast<sq::sqlite3_stmt*>(stmt_)); }

void SqliteStatement::fail(int rc, const char* doing) {
  std::string message = std::string("sqlite3 ") + doing + ": " +
                        sq::sqlite3_errmsg(static_cast<sq::sqlite3*>(db_));
  throw soci::sqlite3_soci_error(message, rc);
}

void SqliteStatement::bind(int position, std::string_view text) {
  // SQLITE_STATIC: SQLite reads the caller's bytes when the statement runs, without copying them.
  const int rc = sq::sqlite3_bind_text(static_cast<sq::sqlite3_stmt*>(stmt_), position,
                                       text.empty() ? "" : text.data(),
                                       static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(rc, "bind");
}

void SqliteStatement::bind(int position, int64_t value) {
  const int rc = sq::sqlite3_bind_int64(static_cast<sq::sqlite3_stmt*>(stmt_), position, value);
  if (rc != SQLITE_OK) fail(rc, "bind");
}

void SqliteStatement::bind_null(int position) {
  const int rc = sq::sqlite3_bind_null(static_cast<sq::sqlite3_stmt*>(stmt_), position);
  if (rc != SQLITE_OK) fail(rc, "bind");
}

int SqliteStatement::run() {
  auto* stmt = static_cast<sq::sqlite3_stmt*>(stmt_);
  int rc;
  while ((rc = sq::sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    sq::sqlite3_reset(stmt);
    fail(rc, "step");
  }
  const int changed = sq::sqlite3_changes(static_cast<sq::sqlite3*>(db_));
  sq::sqlite3_reset(stmt);
  return changed;
}

bool SqliteStatement::null_at(int column) {
  return sq::sqlite3_column_type(static_cast<sq::sqlite3_stmt*>(stmt_), column) == SQLITE_NULL;
}

bool SqliteStatement::next() {
  auto* stmt = static_cast<sq::sqlite3_stmt*>(stmt_);
  const int rc = sq::sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sq::sqlite3_reset(stmt);
  fail(rc, "step");
}

int64_t SqliteStatement::int64_at(int column) {
  return sq::sqlite3_column_int64(static_cast<sq::sqlite3_stmt*>(stmt_), column);
}

std::string_view SqliteStatement::text_at(int column) {
  auto* stmt = static_cast<sq::sqlite3_stmt*>(stmt_);
  const auto* text = sq::sqlite3_column_text(stmt, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<size_t>(sq::sqlite3_column_bytes(stmt, column))};
}

void SqliteStatement::reset() { sq::sqlite3_reset(static_cast<sq::sqlite3_stmt*>(stmt_)); }

}  // namespace kam::store::detail
