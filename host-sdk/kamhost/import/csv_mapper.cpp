// csv_mapper.cpp - the CSV column mapping (see csv_mapper.hpp).
#include "import/csv_mapper.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "import/csv_cells.hpp"
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

}  // namespace

const std::vector<std::string>& CsvMapper::columns(Format format) {
  switch (format) {
    case Format::accounts_csv: return kAccountColumns;
    case Format::complaints_csv: return complaint_columns();
    case Format::employees_csv: return employee_columns();
    default: return kOrderColumns;
  }
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
  switch (format) {
    case Format::accounts_csv: required = {a_account_id, a_name}; break;
    case Format::complaints_csv: required = complaint_required_columns(); break;
    case Format::employees_csv: required = employee_required_columns(); break;
    default: required = {o_order_id, o_account_id, o_occurred_at, o_amount_minor, o_currency};
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
  const CsvCells cells(known, index_, record, arena);
  if (format_ == Format::complaints_csv) return complaint_row(cells, out);
  if (format_ == Format::employees_csv) return employee_row(cells, out);
  auto opt = [&](int column) { return cells.opt(column); };
  auto time = [&](int column, bool required) { return cells.time(column, required); };
  auto integer = [&](int column, bool required) { return cells.integer(column, required); };
  auto required_id = [&](int column) { return cells.required_id(column); };

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
    const std::vector<std::string_view> flags = cells.list(a_flags);
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
