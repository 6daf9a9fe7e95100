// csv_cells.hpp - the cells of one CSV row by column, read with the checks every CSV format shares
// (csv_mapper.cpp: accounts and orders; csv_org.cpp: complaints and employees): a required id, an
// optional text, a time, an integer, a ';'-separated list. Every message names the column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/arena.hpp"
#include "import/csv_reader.hpp"
#include "import/events.hpp"

namespace kamhost::import {

class CsvCells {
 public:
  // names: the format's columns in documented order; index: column -> field in the row (-1: absent).
  CsvCells(const std::vector<std::string>& names, const std::vector<int>& index, const CsvRecord& record, Arena& arena)
      : names_(names), index_(index), record_(record), arena_(arena) {}

  // The cell as sent ("" when the column is absent).
  std::string_view cell(int column) const;
  // The cell copied into the arena, nullptr when empty.
  const char* opt(int column) const;
  // The cell, which must not be empty.
  std::string_view required_id(int column) const;
  // An RFC 3339 time or a date (UTC epoch ms); 0 when empty and not required.
  int64_t time(int column, bool required) const;
  // A whole number; 0 when empty and not required.
  int64_t integer(int column, bool required) const;
  // Items separated by ';', each trimmed, empty ones left out.
  std::vector<std::string_view> list(int column) const;
  const std::string& name(int column) const { return names_[static_cast<std::size_t>(column)]; }
  Arena& arena() const { return arena_; }

 private:
  const std::vector<std::string>& names_;
  const std::vector<int>& index_;
  const CsvRecord& record_;
  Arena& arena_;
};

// Feeds a derived event id's fingerprint (docs/import.md): each value followed by the byte 0x1F.
struct Fingerprint {
  std::string data;
  void add(std::string_view v) {
    data.append(v);
    data.push_back('\x1f');
  }
};

// The rows of the complaints and employees formats (csv_org.cpp); the column names in documented
// order, and the required ones.
const std::vector<std::string>& complaint_columns();
const std::vector<std::string>& employee_columns();
std::vector<int> complaint_required_columns();
std::vector<int> employee_required_columns();
// Fills out (zeroed by the caller) from the row; the event id is the event_id cell or derived from
// the row ("csv-complaint:<complaint_id>:<fnv>", "csv-employee:<employee_id>:<fnv>").
void complaint_row(const CsvCells& cells, AnyEvent& out);
void employee_row(const CsvCells& cells, AnyEvent& out);

}  // namespace kamhost::import
