// sqlite_dialect.hpp - a schema step's SQLite statements derived from its PostgreSQL ones, so the two
// never drift (schema_v4, schema_v7): times are INTEGER (64-bit in SQLite) instead of BIGINT, and
// each table is keyed by its host id WITHOUT ROWID (one B-tree per table instead of two).
#pragma once

#include <string>
#include <vector>

namespace kam::store::detail {

// Built once per step (a function-local static); `statements` point into `texts`.
class SqliteStatements {
 public:
  explicit SqliteStatements(const std::vector<const char*>& postgresql);
  SqliteStatements(const SqliteStatements&) = delete;
  SqliteStatements& operator=(const SqliteStatements&) = delete;
  const std::vector<const char*>& statements() const { return statements_; }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> statements_;
};

}  // namespace kam::store::detail
