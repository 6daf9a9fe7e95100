// csv_cells.cpp - reading one CSV row's cells (see csv_cells.hpp).
#include "import/csv_cells.hpp"

#include <limits>
#include <optional>

#include "import/fields.hpp"
#include "time_text.hpp"

namespace kamhost::import {
namespace {

std::optional<int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const uint64_t d = static_cast<uint64_t>(s[i] - '0');
    if (v > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
}

}  // namespace

std::string_view CsvCells::cell(int column) const {
  const int i = index_[static_cast<std::size_t>(column)];
  if (i < 0) return {};
  return record_.fields[static_cast<std::size_t>(i)];
}

const char* CsvCells::opt(int column) const {
  const std::string_view v = cell(column);
  return v.empty() ? nullptr : arena_.str(v);
}

std::string_view CsvCells::required_id(int column) const {
  const std::string_view v = cell(column);
  if (v.empty()) throw ParseError(name(column) + ": is required");
  return v;
}

int64_t CsvCells::time(int column, bool required) const {
  const std::string_view v = trim(cell(column));
  if (v.empty()) {
    if (required) throw ParseError(name(column) + ": is required");
    return 0;
  }
  const auto t = parse_time(v);
  if (!t) throw ParseError(name(column) + ": " + in_quotes(v) + " " + kTimeHelp);
  return *t;
}

int64_t CsvCells::integer(int column, bool required) const {
  const std::string_view v = trim(cell(column));
  if (v.empty()) {
    if (required) throw ParseError(name(column) + ": is required");
    return 0;
  }
  const auto n = parse_int(v);
  if (!n) throw ParseError(name(column) + ": " + in_quotes(v) + " is not an integer");
  return *n;
}

std::vector<std::string_view> CsvCells::list(int column) const {
  std::vector<std::string_view> items;
  std::string_view all = cell(column);
  while (!all.empty()) {
    const std::size_t semi = all.find(';');
    const std::string_view item = trim(all.substr(0, semi));
    if (!item.empty()) items.push_back(item);
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return items;
}

}  // namespace kamhost::import
