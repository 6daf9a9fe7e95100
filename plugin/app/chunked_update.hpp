// chunked_update.hpp - the skeleton of a job that updates many items at once (the tier evaluation;
// SLA deadlines next): read every candidate in one consistent scan, decide each with a pure
// function, write the changes in chunks, each chunk one transaction that compare-and-sets every
// item on the state it was read in and writes its notifications and audit entry with it. Reports
// progress (reading is the first half of the work, deciding the second) and, in a dry run, decides
// and counts but writes nothing.
//
// The caller owns what is domain-specific: what a row and a change are, the decision, and the write
// (Store's compare-and-set call for its items). A change whose item moved since the read is the
// store's to skip: another host decided it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace kam::app {

template <class Row, class Change>
class ChunkedUpdate {
 public:
  struct Options {
    size_t chunk = 20000;  // changes per write transaction: short locks, bounded memory
    bool dry_run = false;  // decide and count, write nothing
    std::function<void(uint64_t done, uint64_t total)> progress;  // optional; units are rows
  };

  explicit ChunkedUpdate(Options options) : options_(std::move(options)) {}

  bool wants_progress() const { return static_cast<bool>(options_.progress); }
  // How many rows the read should give (for progress before it ends; 0 = unknown).
  void expect(uint64_t rows) { expected_ = rows; }

  // 1. Read: `scan(add)` calls add(Row&&) for every candidate, from one consistent scan.
  template <class Scan>
  void read(Scan&& scan) {
    uint64_t next_report = 0;
    scan([&](Row&& row) {
      rows_.push_back(std::move(row));
      if (rows_.size() >= next_report) {
        progress(rows_.size());
        next_report = rows_.size() + std::max<uint64_t>(1000, expected_ / 50);
      }
    });
  }

  // Between reading and deciding: what needs every row (a ranking) works on them here.
  std::vector<Row>& rows() { return rows_; }
  size_t row_count() const { return row_count_; }

  // 2. Decide and 3. write: decide(Row&) -> std::optional<Change> for each row (the row is freed
  // after), write(std::vector<Change>&, bool last) for every full chunk and once for the last one
  // (possibly empty: the run's own record goes there), never in a dry run.
  template <class Decide, class Write>
  void decide_and_write(Decide&& decide, Write&& write) {
    row_count_ = rows_.size();
    std::vector<Change> changes;
    uint64_t next_report = 0;
    for (size_t i = 0; i < rows_.size(); ++i) {
      std::optional<Change> change = decide(rows_[i]);
      rows_[i] = Row{};  // decided: free it
      if (change) {
        changes.push_back(std::move(*change));
        if (changes.size() >= options_.chunk) flush(changes, false, write);
      }
      if (i + 1 >= next_report) {
        progress(rows_.size() + i + 1);
        next_report = i + 1 + std::max<uint64_t>(1000, rows_.size() / 50);
      }
    }
    flush(changes, true, write);
    progress(2 * rows_.size());
  }

 private:
  // half_units: rows read, then rows read + rows decided.
  void progress(uint64_t half_units) const {
    if (!options_.progress) return;
    const uint64_t total = std::max<uint64_t>(expected_, rows_.size());
    options_.progress(std::min(half_units / 2, total), total);
  }

  template <class Write>
  void flush(std::vector<Change>& changes, bool last, Write& write) {
    if (!options_.dry_run) write(changes, last);
    changes.clear();
  }

  Options options_;
  std::vector<Row> rows_;
  uint64_t expected_ = 0;
  size_t row_count_ = 0;
};

}  // namespace kam::app
