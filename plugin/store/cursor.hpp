// cursor.hpp - reading a large query row by row on either backend without holding the whole
// result in memory: SQLite steps a raw statement, PostgreSQL reads a server-side cursor in pages.
// Used by the tier evaluation, which reads every account's order days once per run.
//
// Parameters are written $1, $2, ... in the SQL for both backends. The cursor must be used inside
// a transaction on PostgreSQL (cursors live in one) and destroyed before the session is; one on a
// cached statement (the second constructor) is a bounded read and needs none.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <optional>
#include <variant>
#include <vector>

#include "store/database/backend.hpp"

namespace kam::store::detail {

using CursorParam = std::variant<int64_t, std::string>;

class StatementCache;  // database/statement_cache.hpp

class Cursor {
 public:
  Cursor(soci::session& sql, Backend backend, const std::string& query, std::vector<CursorParam> params = {});
  // A bounded read (a queue page: keep a LIMIT in it) on the statement `statements` keeps under
  // `key`, prepared once per connection (database/statement_cache.hpp). PostgreSQL reads its rows in
  // one round trip without a server-side cursor, so it needs no transaction.
  Cursor(StatementCache& statements, std::string_view key, soci::session& sql, Backend backend,
         const std::string& query, std::vector<CursorParam> params = {});
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // Moves to the next row; false at the end.
  bool next();
  // Columns of the current row, numbered from 0. Text stays valid until the next next().
  int64_t int64_at(int column) const;
  std::string_view text_at(int column) const;
  bool null_at(int column) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A write statement run many times with new parameters ($1, $2, ...): a raw prepared statement on
// SQLite, one parameterised round trip per run on PostgreSQL. NULL is passed as std::nullopt.
using WriteParam = std::variant<std::monostate, int64_t, std::string>;

class RepeatedWrite {
 public:
  RepeatedWrite(soci::session& sql, Backend backend, const std::string& statement);
  ~RepeatedWrite();
  RepeatedWrite(const RepeatedWrite&) = delete;
  RepeatedWrite& operator=(const RepeatedWrite&) = delete;
  // Returns the rows changed.
  int64_t run(const std::vector<WriteParam>& params);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kam::store::detail
