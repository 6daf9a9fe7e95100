// import_format.hpp - the file formats of `kamhost import` (docs/import.md): JSON lines and CSV
// (accounts, orders) turned into the kam_event_* structs of kam.h.
//
// Nothing here calls the plugin. The parsers copy every string they put into an event into an
// Arena, so the events stay valid until the Arena is cleared (once per batch): memory is bounded by
// one batch, whatever the size of the file.
#pragma once

#include <kam/kam.h>

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/fnv1a.hpp"

namespace kamhost::import {

// A line that cannot become an event; the message names the field ("occurred_at: ...").
// It goes to the rejects file with status KAM_ERR_INVALID_ARGUMENT.
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Owns the strings and string lists of one batch's events. Pointers it returns stay valid until
// clear(), which keeps the memory for the next batch (only oversized pieces are given back).
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A NUL-terminated copy of s.
  const char* str(std::string_view s);
  // A copy of s, not NUL-terminated (for the original lines kept for the rejects file).
  std::string_view text(std::string_view s);
  // An array of count pointers (uninitialised), aligned for const char*.
  const char** pointers(std::size_t count);
  void clear();
  // Bytes held (for tests: it must not grow with the number of batches).
  std::size_t capacity() const;

 private:
  char* allocate(std::size_t size, std::size_t align);
  static constexpr std::size_t kBlockSize = 256 * 1024;
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;   // reused across clear()
  std::vector<Block> large_;    // pieces over kBlockSize / 4, freed by clear()
  std::size_t current_ = 0;     // index into blocks_
  std::size_t used_ = 0;        // bytes used in blocks_[current_]
};

// Any event struct of kam.h; header.kind says which member is set.
union AnyEvent {
  kam_event_header header;
  kam_event_account account;
  kam_event_order order;
  kam_event_order_cancel order_cancel;
  kam_event_complaint complaint;
  kam_event_service_request service_request;
  kam_event_visit visit;
  kam_event_distributor distributor;
};

// ---- times ----

// "2026-03-01T09:30:00Z", "2026-03-01T17:30:00.250+08:00" (RFC 3339; 't' or ' ' also separate date
// and time, 'z' also means UTC) or a date "2026-03-01" (midnight UTC) -> UTC epoch milliseconds.
// Fractions below a millisecond are dropped. nullopt when s is not such a time.
std::optional<int64_t> parse_time(std::string_view s);

// UTC epoch milliseconds -> "2026-03-01T09:30:00Z" (with ".123" when with_ms).
std::string format_utc(int64_t ms, bool with_ms = false);

// ---- enumerations by name ----
std::optional<kam_event_kind> event_kind_from_name(std::string_view name);
std::optional<kam_document_type> document_type_from_name(std::string_view name);
std::optional<kam_complaint_action> complaint_action_from_name(std::string_view name);
std::optional<kam_service_action> service_action_from_name(std::string_view name);
std::optional<kam_visit_status> visit_status_from_name(std::string_view name);

// ---- JSON lines ----

// True for lines that carry no event: empty, only white space, or starting with '#'.
bool is_skipped_json_line(std::string_view line);

// Parses one JSON line into out (zeroed first; strings copied into arena). Throws ParseError.
void parse_json_event(std::string_view line, Arena& arena, AnyEvent& out);

// ---- CSV ----

// FNV-1a 64 as 16 lower-case hex digits: the plugin core's header-only one (no plugin code is
// linked; the derived CSV event ids only need a stable hash).
using kam::core::fnv1a64_hex;

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

enum class Format { jsonl, accounts_csv, orders_csv };
const char* format_name(Format f);
std::optional<Format> format_from_name(std::string_view name);
// The format a file name implies (.jsonl/.ndjson, accounts*.csv, orders*.csv), or nullopt.
std::optional<Format> format_from_file_name(const std::string& path);

// Turns CSV rows into account or order events according to a header row.
class CsvMapper {
 public:
  CsvMapper(Format format, const std::vector<std::string>& header);
  // Empty when the header is usable; else why not (an unknown, repeated or missing column).
  const std::string& header_error() const { return header_error_; }
  // Parses a data row into out (zeroed first; strings in arena). Throws ParseError naming the column
  // (and header_error() for every row when the header is not usable).
  // Without an event_id column (or with an empty cell) the event id is derived from the row:
  // "csv-account:<account_id>:<fnv>" / "csv-order:<order_id>:<fnv>", fnv = fnv1a64_hex of the
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
