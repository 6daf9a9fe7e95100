// cursor.hpp - reading a large query row by row on either backend without holding the whole
// result in memory: SQLite steps a raw statement, PostgreSQL reads a server-side cursor in pages.
// Used by the tier evaluation, which reads every account's order days once per run.
//
// Parameters are written $1, $2, ... in the SQL for both backends. The cursor must be used inside
// a transaction on PostgreSQL (cursors live in one) and destroyed before the session is; one on a
// cached statement (the second constructor) is a bounded read and needs none.
#pragma once

#include <soci/soci.h>

#include <algorithm>
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

// What the repositories' statements share: a nullable integer column read or written, and the
// "$first, $first+1, ..." list of n parameters of an IN (...).
inline std::optional<int64_t> optional_int64_at(const Cursor& c, int column) {
  if (c.null_at(column)) return std::nullopt;
  return c.int64_at(column);
}
inline WriteParam optional_param(const std::optional<int64_t>& v) {
  if (v) return *v;
  return std::monostate{};
}
std::string placeholders(size_t first, size_t n);

// Calls fn(list, params) for each run of at most `chunk` ids: `list` is placeholders(1, n) for the
// run's n ids, `params` the ids themselves (an IN list that stays within the backends' limits).
template <class Fn>
void in_chunks(const std::vector<std::string>& ids, size_t chunk, Fn&& fn) {
  for (size_t from = 0; from < ids.size(); from += chunk) {
    const size_t to = std::min(ids.size(), from + chunk);
    std::vector<CursorParam> params(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                    ids.begin() + static_cast<std::ptrdiff_t>(to));
    fn(placeholders(1, to - from), std::move(params));
  }
}

}  // namespace kam::store::detail
