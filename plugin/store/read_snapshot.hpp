// read_snapshot.hpp - a read-only transaction around a read of several queries, so they all see
// one state of the database (PostgreSQL: REPEATABLE READ; also needed there for cursors).
#pragma once

#include <soci/soci.h>

#include "store/database/backend.hpp"

namespace kam::store::detail {

class ReadSnapshot {
 public:
  ReadSnapshot(soci::session& sql, Backend backend) : sql_(sql) {
    sql_ << (backend == Backend::postgresql ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  }
  ~ReadSnapshot() {
    try {
      sql_ << "COMMIT";
    } catch (...) {
      // A failed read transaction ends with the session's next use.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  soci::session& sql_;
};

}  // namespace kam::store::detail
