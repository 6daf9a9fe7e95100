// csv_reader.hpp - RFC 4180 records from a stream, and the import file formats by name.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kamhost::import {

// One CSV record (RFC 4180): fields, the line it starts on, and its text as read (without the line
// break that ends it). error is set when the record is malformed (a quote in an unquoted field, text
// after a closing quote, a quote never closed); fields are then incomplete.
struct CsvRecord {
  uint64_t line = 0;
  std::vector<std::string> fields;
  std::string raw;
  std::string error;
};

// Reads RFC 4180 records from a stream: fields separated by ',', records by CRLF or LF, fields
// optionally in double quotes (which may hold ',', '"' doubled and line breaks). A UTF-8 byte order
// mark at the very start is skipped. Empty lines (outside quotes) are skipped.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // False at the end of the input.
  bool next(CsvRecord& record);
  // Bytes consumed so far (for the progress bar).
  uint64_t bytes_read() const { return bytes_; }

 private:
  int get();
  std::istream& in_;
  uint64_t line_ = 1;
  uint64_t bytes_ = 0;
  bool started_ = false;
};

enum class Format { jsonl, accounts_csv, orders_csv, complaints_csv, employees_csv };
const char* format_name(Format f);
std::optional<Format> format_from_name(std::string_view name);
// The format a file name implies (.jsonl/.ndjson, accounts*.csv, orders*.csv, complaints*.csv,
// employees*.csv), or nullopt.
std::optional<Format> format_from_file_name(const std::string& path);

}  // namespace kamhost::import
