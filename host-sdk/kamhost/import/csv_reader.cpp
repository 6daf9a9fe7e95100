// csv_reader.cpp - the RFC 4180 tokenizer and the format names (see csv_reader.hpp).
#include "import/csv_reader.hpp"

#include <algorithm>

namespace kamhost::import {

int CsvReader::get() {
  int c = in_.rdbuf()->sbumpc();
  if (c != std::char_traits<char>::eof()) ++bytes_;
  return c;
}

bool CsvReader::next(CsvRecord& r) {
  constexpr int kEof = std::char_traits<char>::eof();
  std::streambuf* sb = in_.rdbuf();
  if (!started_) {
    started_ = true;
    // A UTF-8 byte order mark: skip it.
    if (sb->sgetc() == 0xEF) {
      char bom[3];
      std::streamsize n = sb->sgetn(bom, 3);
      bytes_ += static_cast<uint64_t>(n);
      if (!(n == 3 && static_cast<unsigned char>(bom[1]) == 0xBB && static_cast<unsigned char>(bom[2]) == 0xBF)) {
        for (std::streamsize i = n; i > 0; --i) {  // not a BOM: put it back
          sb->sungetc();
          --bytes_;
        }
      }
    }
  }
  for (;;) {
    r.fields.clear();
    r.raw.clear();
    r.error.clear();
    r.line = line_;
    int c = get();
    if (c == kEof) return false;
    if (c == '\n') {  // empty line
      ++line_;
      continue;
    }
    if (c == '\r' && sb->sgetc() == '\n') {
      get();
      ++line_;
      continue;
    }
    std::string field;
    enum class State { field_start, unquoted, quoted, after_quote } state = State::field_start;
    for (;; c = get()) {
      if (c == kEof || c == '\n' || (c == '\r' && state != State::quoted && sb->sgetc() == '\n')) {
        if (state == State::quoted && c != kEof) {  // a line break inside quotes is data
          field.push_back(static_cast<char>(c));
          r.raw.push_back(static_cast<char>(c));
          if (c == '\n') ++line_;
          continue;
        }
        if (state == State::quoted && r.error.empty())
          r.error = "a quoted field (column " + std::to_string(r.fields.size() + 1) + ") is never closed";
        if (c == '\r') get();
        if (c != kEof) ++line_;
        r.fields.push_back(std::move(field));
        return true;
      }
      const char ch = static_cast<char>(c);
      r.raw.push_back(ch);
      switch (state) {
        case State::field_start:
          if (ch == '"') {
            state = State::quoted;
          } else if (ch == ',') {
            r.fields.push_back(std::move(field));
            field.clear();
          } else {
            field.push_back(ch);
            state = State::unquoted;
          }
          break;
        case State::unquoted:
          if (ch == ',') {
            r.fields.push_back(std::move(field));
            field.clear();
            state = State::field_start;
          } else {
            if (ch == '"' && r.error.empty())
              r.error = "a quote inside the unquoted field in column " + std::to_string(r.fields.size() + 1) +
                        " (quote the whole field and double the quote)";
            field.push_back(ch);
          }
          break;
        case State::quoted:
          if (ch == '"') {
            if (sb->sgetc() == '"') {
              get();
              r.raw.push_back('"');
              field.push_back('"');
            } else {
              state = State::after_quote;
            }
          } else {
            field.push_back(ch);
          }
          break;
        case State::after_quote:
          if (ch == ',') {
            r.fields.push_back(std::move(field));
            field.clear();
            state = State::field_start;
          } else {
            if (r.error.empty())
              r.error = "text after the closing quote in column " + std::to_string(r.fields.size() + 1);
            field.push_back(ch);
          }
          break;
      }
    }
  }
}

const char* format_name(Format f) {
  switch (f) {
    case Format::jsonl: return "jsonl";
    case Format::accounts_csv: return "accounts-csv";
    case Format::orders_csv: return "orders-csv";
    case Format::complaints_csv: return "complaints-csv";
    case Format::employees_csv: return "employees-csv";
  }
  return "?";
}

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "jsonl") return Format::jsonl;
  if (name == "accounts-csv") return Format::accounts_csv;
  if (name == "orders-csv") return Format::orders_csv;
  if (name == "complaints-csv") return Format::complaints_csv;
  if (name == "employees-csv") return Format::employees_csv;
  return std::nullopt;
}

std::optional<Format> format_from_file_name(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::transform(base.begin(), base.end(), base.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  auto ends_with = [&](std::string_view suffix) {
    return base.size() >= suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson")) return Format::jsonl;
  if (ends_with(".csv")) {
    if (base.rfind("accounts", 0) == 0) return Format::accounts_csv;
    if (base.rfind("orders", 0) == 0) return Format::orders_csv;
    if (base.rfind("complaints", 0) == 0) return Format::complaints_csv;
    if (base.rfind("employees", 0) == 0) return Format::employees_csv;
  }
  return std::nullopt;
}

}  // namespace kamhost::import
