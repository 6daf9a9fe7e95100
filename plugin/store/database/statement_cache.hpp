// statement_cache.hpp - the prepared statements of one pooled connection, kept by a key the caller
// chooses, so that a read run on every call (who is calling, a queue) is parsed and planned once
// per connection instead of once per call.
//
// SOCI 4.0.3 prepares a statement or rowset anew each time it is built; PostgreSQL then parses and
// plans it again on every call. Here: SQLite keeps a detail::SqliteStatement on the connection's
// sqlite3*; PostgreSQL a server-side statement (PQprepare, named after the key) run with
// PQexecPrepared. One cache belongs to one pool slot (ConnectionPool::Lease::statements()), so it is
// used by one thread at a time; it is declared after the slot's session, so it dies first, and
// cleared when the pool reopens that session. A key always stands for the same text, and is in use
// once at a time (a second reader of the same key while the first still steps it would reset it).
#pragma once

#include <soci/soci.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/pg_bulk.hpp"
#include "store/sqlite_statement.hpp"

namespace kam::store::detail {

class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();

  // SQLite: the statement under `key`, prepared from `text` on first use. Bind every parameter
  // before stepping it and reset it when done (SqliteRows does), or it holds its read open.
  SqliteStatement& sqlite(soci::session& sql, std::string_view key, std::string_view text);

  // PostgreSQL: runs the statement under `key` ($1, $2, ... bound to params in order, nullptr for
  // NULL; results in text form), preparing `text` on first use on this connection, and again when
  // the server no longer knows it (a new connection under the session, DISCARD ALL). Failures throw
  // soci::postgresql_soci_error with the server's SQLSTATE, as pg_exec does.
  PgResult postgresql(soci::session& sql, std::string_view key, const char* text,
                      const std::vector<const std::string*>& params);
  PgResult postgresql(soci::session& sql, std::string_view key, const char* text,
                      std::initializer_list<const std::string*> params) {
    return postgresql(sql, key, text, std::vector<const std::string*>(params));
  }

  // Forgets every statement (SQLite: finalises them); before the session closes or reopens.
  void clear() noexcept;
  std::size_t size() const { return sqlite_.size() + pg_prepared_.size(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> sqlite_;
  std::unordered_set<std::string> pg_prepared_;  // statement names prepared on pg_conn_
  const void* pg_conn_ = nullptr;                // PGconn* they were prepared on
};

// Steps a cached SQLite statement's rows and resets it when it goes out of scope (also on a throw),
// so the statement never keeps a read transaction open between calls.
class SqliteRows {
 public:
  explicit SqliteRows(SqliteStatement& statement) : st_(statement) {}
  SqliteRows(const SqliteRows&) = delete;
  SqliteRows& operator=(const SqliteRows&) = delete;
  ~SqliteRows() { st_.reset(); }
  SqliteStatement* operator->() { return &st_; }
  bool next() { return st_.next(); }

 private:
  SqliteStatement& st_;
};

}  // namespace kam::store::detail
