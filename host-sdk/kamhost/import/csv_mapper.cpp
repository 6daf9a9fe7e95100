// csv_mapper.cpp - the CSV column mapping (see csv_mapper.hpp).
#include "import/csv_mapper.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "import/fingerprint.hpp"
#include "text/utf8.hpp"
#include "time_text.hpp"

namespace kamhost::import {

namespace {

// Column numbers, in documented order (CsvMapper::columns).
enum AccountColumn : int {
  a_account_id, a_name, a_name_latin, a_tax_id, a_region, a_industry, a_account_manager_id,
  a_distributor_id, a_flags, a_occurred_at, a_event_id, a_count
};
enum OrderColumn : int {
  o_order_id, o_account_id, o_occurred_at, o_amount_minor, o_currency, o_margin_minor, o_document_type,
  o_event_id, o_count
};

const std::vector<std::string> kAccountColumns = {"account_id", "name", "name_latin", "tax_id",
                                                  "region", "industry", "account_manager_id",
                                                  "distributor_id", "flags", "occurred_at", "event_id"};
const std::vector<std::string> kOrderColumns = {"order_id", "account_id", "occurred_at", "amount_minor",
                                                "currency", "margin_minor", "document_type", "event_id"};

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

// Feeds the derived event id's fingerprint: each value followed by 0x1F.
struct Fingerprint {
  std::string data;
  void add(std::string_view v) {
    data.append(v);
    data.push_back('\x1f');
  }
};

}  // namespace

const std::vector<std::string>& CsvMapper::columns(Format format) {
  return format == Format::accounts_csv ? kAccountColumns : kOrderColumns;
}

CsvMapper::CsvMapper(Format format, const std::vector<std::string>& header) : format_(format) {
  const auto& known = columns(format);
  index_.assign(known.size(), -1);
  width_ = header.size();
  auto known_list = [&] {
    std::string s;
    for (const auto& c : known) {
      if (!s.empty()) s += ",";
      s += c;
    }
    return s;
  };
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string_view name = trim(header[i]);
    auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      header_error_ = "unknown column " + in_quotes(name) + "; " + format_name(format) +
                      " columns are " + known_list();
      return;
    }
    auto& slot = index_[static_cast<std::size_t>(it - known.begin())];
    if (slot != -1) {
      header_error_ = "column " + in_quotes(name) + " appears twice";
      return;
    }
    slot = static_cast<int>(i);
  }
  std::vector<int> required;
  if (format == Format::accounts_csv) {
    required = {a_account_id, a_name};
  } else {
    required = {o_order_id, o_account_id, o_occurred_at, o_amount_minor, o_currency};
  }
  for (int c : required) {
    if (index_[static_cast<std::size_t>(c)] == -1) {
      header_error_ = "the required column " + in_quotes(known[static_cast<std::size_t>(c)]) + " is missing";
      return;
    }
  }
}

std::string_view CsvMapper::cell(const CsvRecord& record, int column) const {
  const int i = index_[static_cast<std::size_t>(column)];
  if (i < 0) return {};
  return record.fields[static_cast<std::size_t>(i)];
}

void CsvMapper::to_event(const CsvRecord& record, Arena& arena, AnyEvent& out) const {
  std::memset(&out, 0, sizeof out);
  if (!header_error_.empty()) throw ParseError(header_error_);
  if (!record.error.empty()) throw ParseError("malformed CSV: " + record.error);
  if (record.fields.size() != width_)
    throw ParseError("the row has " + std::to_string(record.fields.size()) + " fields, the header has " +
                     std::to_string(width_));
  const auto& known = columns(format_);
  for (std::size_t c = 0; c < known.size(); ++c) {
    if (!valid_utf8(cell(record, static_cast<int>(c)))) throw ParseError(known[c] + ": is not valid UTF-8");
  }
  auto opt = [&](int column) -> const char* {
    std::string_view v = cell(record, column);
    return v.empty() ? nullptr : arena.str(v);
  };
  auto time = [&](int column, bool required) -> int64_t {
    std::string_view v = trim(cell(record, column));
    if (v.empty()) {
      if (required) throw ParseError(known[static_cast<std::size_t>(column)] + ": is required");
      return 0;
    }
    auto t = parse_time(v);
    if (!t) throw ParseError(known[static_cast<std::size_t>(column)] + ": " + in_quotes(v) + " " + kTimeHelp);
    return *t;
  };
  auto integer = [&](int column, bool required) -> int64_t {
    std::string_view v = trim(cell(record, column));
    if (v.empty()) {
      if (required) throw ParseError(known[static_cast<std::size_t>(column)] + ": is required");
      return 0;
    }
    auto n = parse_int(v);
    if (!n) throw ParseError(known[static_cast<std::size_t>(column)] + ": " + in_quotes(v) + " is not an integer");
    return *n;
  };
  auto required_id = [&](int column) {
    std::string_view v = cell(record, column);
    if (v.empty()) throw ParseError(known[static_cast<std::size_t>(column)] + ": is required");
    return v;
  };

  Fingerprint fp;
  std::string event_id(cell(record, format_ == Format::accounts_csv ? static_cast<int>(a_event_id) : static_cast<int>(o_event_id)));
  kam_event_header& h = out.header;

  if (format_ == Format::accounts_csv) {
    auto& e = out.account;
    h.struct_size = sizeof e;
    h.kind = KAM_EVENT_ACCOUNT_UPSERTED;
    const std::string_view account_id = required_id(a_account_id);
    h.occurred_at_ms = time(a_occurred_at, false);
    e.account_id = arena.str(account_id);
    e.name = opt(a_name);
    e.name_latin = opt(a_name_latin);
    e.tax_id = opt(a_tax_id);
    e.region = opt(a_region);
    e.industry = opt(a_industry);
    e.account_manager_id = opt(a_account_manager_id);
    e.distributor_id = opt(a_distributor_id);
    std::vector<std::string_view> flags;
    std::string_view all = cell(record, a_flags);
    while (!all.empty()) {
      const std::size_t semi = all.find(';');
      std::string_view flag = trim(all.substr(0, semi));
      if (!flag.empty()) flags.push_back(flag);
      if (semi == std::string_view::npos) break;
      all.remove_prefix(semi + 1);
    }
    const char** list = arena.pointers(flags.size());
    for (std::size_t i = 0; i < flags.size(); ++i) list[i] = arena.str(flags[i]);
    e.flags = list;
    e.flag_count = static_cast<uint32_t>(flags.size());
    if (event_id.empty()) {
      fp.add("account");
      for (int c : {a_account_id, a_name, a_name_latin, a_tax_id, a_region, a_industry, a_account_manager_id,
                    a_distributor_id})
        fp.add(cell(record, c));
      std::string joined;
      for (std::size_t i = 0; i < flags.size(); ++i) {
        if (i > 0) joined += ';';
        joined.append(flags[i]);
      }
      fp.add(joined);
      fp.add(std::to_string(h.occurred_at_ms));
      event_id = "csv-account:" + std::string(account_id) + ":" + fnv1a64_hex(fp.data);
    }
  } else {
    auto& e = out.order;
    h.struct_size = sizeof e;
    h.kind = KAM_EVENT_ORDER_POSTED;
    const std::string_view order_id = required_id(o_order_id);
    const std::string_view account_id = required_id(o_account_id);
    h.occurred_at_ms = time(o_occurred_at, true);
    e.order_id = arena.str(order_id);
    e.account_id = arena.str(account_id);
    e.amount.minor_units = integer(o_amount_minor, true);
    e.margin.minor_units = integer(o_margin_minor, false);
    const std::string_view currency_cell = trim(cell(record, o_currency));
    const std::string currency(currency_cell);
    currency_or_throw(currency.c_str());
    set_currency(e.amount, currency);
    set_currency(e.margin, currency);
    const std::string_view doc = trim(cell(record, o_document_type));
    if (doc.empty()) {
      e.document_type = KAM_DOCUMENT_ORDER;
    } else {
      auto d = document_type_from_name(doc);
      if (!d) throw ParseError("document_type: " + in_quotes(doc) + " is not a document type (" + names(kDocumentTypes) + ")");
      e.document_type = *d;
    }
    if (event_id.empty()) {
      fp.add("order");
      fp.add(order_id);
      fp.add(account_id);
      fp.add(std::to_string(h.occurred_at_ms));
      fp.add(std::to_string(e.amount.minor_units));
      fp.add(currency);
      fp.add(std::to_string(e.margin.minor_units));
      fp.add(kDocumentTypes[e.document_type - 1].name);
      event_id = "csv-order:" + std::string(order_id) + ":" + fnv1a64_hex(fp.data);
    }
  }
  h.event_id = arena.str(event_id);
}

}  // namespace kamhost::import
