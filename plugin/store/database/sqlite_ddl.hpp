// sqlite_ddl.hpp - a schema step's SQLite statements derived from its PostgreSQL ones, so the two
// never drift: times are INTEGER (64-bit in SQLite) instead of BIGINT, and each table is keyed by
// its host id WITHOUT ROWID. Schema steps 4 and 6 use it.
#pragma once

#include <string>
#include <vector>

namespace kam::store::detail {

class SqliteDdl {
 public:
  explicit SqliteDdl(const std::vector<const char*>& postgresql);
  // Valid as long as this object (a function-local static in each schema step).
  const std::vector<const char*>& statements() const { return pointers_; }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> pointers_;
};

}  // namespace kam::store::detail
