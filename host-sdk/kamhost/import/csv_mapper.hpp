// csv_mapper.hpp - CSV rows (accounts, orders, complaints, employees) -> kam.h events by the header
// row's column names (the complaint and employee rows: csv_org.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/arena.hpp"
#include "import/csv_reader.hpp"
#include "import/events.hpp"
#include "import/fields.hpp"

namespace kamhost::import {

// Turns CSV rows into events of the format's kind according to a header row.
class CsvMapper {
 public:
  CsvMapper(Format format, const std::vector<std::string>& header);
  // Empty when the header is usable; else why not (an unknown, repeated or missing column).
  const std::string& header_error() const { return header_error_; }
  // Parses a data row into out (zeroed first; strings in arena). Throws ParseError naming the column
  // (and header_error() for every row when the header is not usable).
  // Without an event_id column (or with an empty cell) the event id is derived from the row:
  // "csv-account:<account_id>:<fnv>" / "csv-order:<order_id>:<fnv>" (complaints and employees:
  // csv_cells.hpp), fnv = fnv1a64_hex of the
  // values as sent, in the documented column order, each followed by the byte 0x1F.
  void to_event(const CsvRecord& record, Arena& arena, AnyEvent& out) const;
  // The columns this format knows, in documented order.
  static const std::vector<std::string>& columns(Format format);

 private:
  std::string_view cell(const CsvRecord& record, int column) const;
  Format format_;
  std::vector<int> index_;  // column -> field index in the row, -1 when absent
  std::size_t width_ = 0;   // fields in the header
  std::string header_error_;
};

}  // namespace kamhost::import
