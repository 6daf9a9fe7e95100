// sqlite_statement.hpp - a prepared statement on the sqlite3 connection under a SOCI session, for
// the few statements ingestion runs once per event (claiming an event id, inserting an order).
//
// SOCI adds about 30% to SQLite's own work per execution of these small inserts (it walks its
// use-elements, copies values into its buffers and rebinds all of them every time). This binds
// straight to the caller's strings (SQLITE_STATIC: they must stay unchanged until run() returns).
// Failures throw soci::sqlite3_soci_error, exactly what SOCI would throw, so db_error.cpp classifies
// them the same way. The statement must be destroyed before the session is.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string_view>

namespace kam::store::detail {

class SqliteStatement {
 public:
  // `sql` must be an open SQLite session.
  SqliteStatement(soci::session& sql, std::string_view text);
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are numbered from 1, in the order of the `?` in the text.
  void bind(int position, std::string_view text);
  void bind(int position, int64_t value);
  void bind_null(int position);

  // Steps the statement to its end, resets it and returns the rows it changed.
  int run();

  // For queries: steps to the next row (false at the end; call reset() before running it again) and
  // reads columns of the current row (numbered from 0; text stays valid until the next step).
  bool next();
  int64_t int64_at(int column);
  std::string_view text_at(int column);
  bool null_at(int column);
  void reset();

 private:
  [[noreturn]] void fail(int rc, const char* doing);

  void* db_ = nullptr;    // sqlite3*
  void* stmt_ = nullptr;  // sqlite3_stmt*
};

}  // namespace kam::store::detail
