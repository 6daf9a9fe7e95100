// column_batch.hpp - the one way ingestion writes many rows with one statement text: columns of
// typed values, run on SQLite as a prepared statement looped inside the open transaction, on
// PostgreSQL as ONE statement over `unnest(CAST($1 AS text[]), ...)` with each column passed as an
// array parameter over libpq (pg_bulk.hpp says why not SOCI's vectors).
//
// Used by the event id claims (event_claims.cpp), the order-day totals (order_days.cpp) and the
// bulk order insert (bulk_orders.cpp). Texts are not copied: they must stay unchanged until the
// batch has run.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "store/pg_bulk.hpp"

namespace kam::store::detail {

// PostgreSQL's type of a column (SQLite binds text or a 64-bit integer either way).
enum class ColumnType { text, integer, bigint };

class ColumnBatch {
 public:
  explicit ColumnBatch(std::initializer_list<ColumnType> types);

  void reserve(size_t rows);
  // The next column of the current row; a row is complete when every column has a value.
  ColumnBatch& add(std::string_view text);
  ColumnBatch& add(int64_t value);
  size_t rows() const { return rows_; }
  bool empty() const { return rows_ == 0; }

  // SQLite: runs `sql` (its parameters ?1..?n are the columns, in order) once per row, in row order;
  // after each, on_row (when set) gets the row and the rows it changed.
  void run_each(soci::session& sql, std::string_view text,
                const std::function<void(size_t row, int changed)>& on_row = {}) const;

  // PostgreSQL: `unnest(CAST($1 AS text[]), CAST($2 AS bigint[]), ...)`, the rows as a table source.
  std::string unnest() const;
  // PostgreSQL: runs `text` once, the columns as the parameters $1..$n and `extra` after them.
  PgResult run_once(soci::session& sql, const std::string& text,
                    std::initializer_list<const std::string*> extra = {}) const;

 private:
  struct Column {
    ColumnType type;
    std::vector<std::string_view> texts;  // a text column
    std::vector<int64_t> values;          // an integer column
  };
  Column& next_column();

  std::vector<Column> columns_;
  size_t rows_ = 0, next_ = 0;  // next_: the column the next add() fills
};

}  // namespace kam::store::detail
