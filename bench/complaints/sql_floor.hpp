// sql_floor.hpp - complaints_bench's baselines: the same rows the store's complaint queries read,
// read with the backend's own C library (sqlite3, libpq) through one prepared, indexed SELECT each,
// every column of every row touched, nothing derived. What a query costs beyond this is the
// store's and the complaint core's work. Also the bench's few looks at the tables (how many are
// due by when, how large the queues are).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kam::bench {

struct RowsRead {
  uint64_t rows = 0, complaints = 0, bytes = 0;
};

class SqlFloor {
 public:
  // The plugin's SQLite file (with `pragmas` run first, e.g. a larger page cache) / a libpq
  // connection string.
  static std::unique_ptr<SqlFloor> sqlite(const std::string& path, const std::string& pragmas = "");
  static std::unique_ptr<SqlFloor> postgresql(const std::string& conninfo);
  virtual ~SqlFloor() = default;

  // The ledger rows, with the account's name and manager, of the open complaints the employee owns
  // or is assigned (complaint_current's owner and assignee indexes), by complaint and seq.
  virtual RowsRead queue_rows(const std::string& employee_id) = 0;
  // Only the cache rows (complaint_current) of the same complaints, by next due instant: what a
  // queue would read if the cache row carried the current clock's deadline (not what KAM reads).
  virtual RowsRead queue_cache_rows(const std::string& employee_id) = 0;
  // The ledger rows of the complaints received in [from, to) (the KPI report's rows).
  virtual RowsRead period_rows(int64_t from_ms, int64_t to_ms) = 0;
  // The ledger rows of the complaints due at now (next_due_ms <= now: the SLA check's rows).
  virtual RowsRead due_rows(int64_t now_ms) = 0;
  // The instant at which the n-th complaint due after `after_ms` comes due (none: fewer are due).
  virtual std::optional<int64_t> nth_due_after(int64_t after_ms, uint64_t n) = 0;
  // A count (SELECT COUNT(*) ...).
  virtual int64_t count(const std::string& query) = 0;
};

}  // namespace kam::bench
