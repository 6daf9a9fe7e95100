// import_format.cpp - JSON lines and CSV -> kam_event_* structs (see import_format.hpp, docs/import.md).
#include "import_format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace kamhost::import {

// ---------------------------------------------------------------------------------------------------
// Arena
// ---------------------------------------------------------------------------------------------------

char* Arena::allocate(std::size_t size, std::size_t align) {
  if (size > kBlockSize / 4) {
    Block b;
    b.data = std::make_unique<char[]>(size);  // new[] is aligned for any fundamental type
    b.size = size;
    large_.push_back(std::move(b));
    return large_.back().data.get();
  }
  for (;;) {
    if (current_ < blocks_.size()) {
      std::size_t start = (used_ + align - 1) / align * align;
      if (start + size <= blocks_[current_].size) {
        used_ = start + size;
        return blocks_[current_].data.get() + start;
      }
      ++current_;
      used_ = 0;
      continue;
    }
    Block b;
    b.data = std::make_unique<char[]>(kBlockSize);
    b.size = kBlockSize;
    blocks_.push_back(std::move(b));
    current_ = blocks_.size() - 1;
    used_ = 0;
  }
}

const char* Arena::str(std::string_view s) {
  char* p = allocate(s.size() + 1, 1);
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

std::string_view Arena::text(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size(), 1);
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

const char** Arena::pointers(std::size_t count) {
  if (count == 0) return nullptr;
  return reinterpret_cast<const char**>(allocate(count * sizeof(const char*), alignof(const char*)));
}

void Arena::clear() {
  large_.clear();
  current_ = 0;
  used_ = 0;
}

std::size_t Arena::capacity() const {
  std::size_t n = 0;
  for (const auto& b : blocks_) n += b.size;
  for (const auto& b : large_) n += b.size;
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------------
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at s[pos]; advances pos.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, unsigned& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<int64_t> parse_time(std::string_view s) {
  std::size_t pos = 0;
  unsigned year, month, day;
  if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  const int64_t days = days_from_civil(year, month, day);
  if (pos == s.size()) return days * 86'400'000;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  unsigned hour, minute, second;
  if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) ||
      !expect(s, pos, ':') || !digits(s, pos, 2, second))
    return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 3) ms = ms * 10 + (s[pos] - '0');
      ++n;
      ++pos;
    }
    if (n == 0) return std::nullopt;
    for (std::size_t i = n; i < 3; ++i) ms *= 10;
  }
  if (pos >= s.size()) return std::nullopt;  // RFC 3339 needs the offset
  int64_t offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    unsigned oh, om;
    if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om)) return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_min = sign * static_cast<int64_t>(oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_min * 60;
  return seconds * 1000 + ms;
}

std::string format_utc(int64_t ms, bool with_ms) {
  int64_t days = ms / 86'400'000;
  int64_t rest = ms % 86'400'000;
  if (rest < 0) {
    rest += 86'400'000;
    --days;
  }
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  const int64_t secs = rest / 1000;
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                        static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                        static_cast<long long>(secs % 60));
  std::string out(buf, static_cast<std::size_t>(n));
  if (with_ms) {
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(rest % 1000));
    out += buf;
  }
  out += 'Z';
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------------
namespace {

struct Named {
  const char* name;
  int32_t value;
};

constexpr Named kKinds[] = {{"account_upserted", KAM_EVENT_ACCOUNT_UPSERTED},
                            {"order_posted", KAM_EVENT_ORDER_POSTED},
                            {"order_cancelled", KAM_EVENT_ORDER_CANCELLED},
                            {"complaint", KAM_EVENT_COMPLAINT},
                            {"service_request", KAM_EVENT_SERVICE_REQUEST},
                            {"visit", KAM_EVENT_VISIT},
                            {"distributor_upserted", KAM_EVENT_DISTRIBUTOR_UPSERTED}};
constexpr Named kDocumentTypes[] = {
    {"order", KAM_DOCUMENT_ORDER}, {"invoice", KAM_DOCUMENT_INVOICE}, {"credit_note", KAM_DOCUMENT_CREDIT_NOTE}};
constexpr Named kComplaintActions[] = {
    {"opened", KAM_COMPLAINT_OPENED},     {"handed_off", KAM_COMPLAINT_HANDED_OFF},
    {"responded", KAM_COMPLAINT_RESPONDED}, {"resolved", KAM_COMPLAINT_RESOLVED},
    {"closed", KAM_COMPLAINT_CLOSED},     {"reopened", KAM_COMPLAINT_REOPENED},
    {"commented", KAM_COMPLAINT_COMMENTED}};
constexpr Named kServiceActions[] = {{"opened", KAM_SERVICE_OPENED},
                                     {"assigned", KAM_SERVICE_ASSIGNED},
                                     {"state_changed", KAM_SERVICE_STATE_CHANGED},
                                     {"closed", KAM_SERVICE_CLOSED},
                                     {"commented", KAM_SERVICE_COMMENTED}};
constexpr Named kVisitStatuses[] = {
    {"planned", KAM_VISIT_PLANNED}, {"completed", KAM_VISIT_COMPLETED}, {"cancelled", KAM_VISIT_CANCELLED}};

template <std::size_t N>
std::optional<int32_t> lookup(const Named (&table)[N], std::string_view name) {
  for (const auto& n : table)
    if (name == n.name) return n.value;
  return std::nullopt;
}

template <std::size_t N>
std::string names(const Named (&table)[N]) {
  std::string s;
  for (const auto& n : table) {
    if (!s.empty()) s += ", ";
    s += n.name;
  }
  return s;
}

}  // namespace

std::optional<kam_event_kind> event_kind_from_name(std::string_view name) { return lookup(kKinds, name); }
std::optional<kam_document_type> document_type_from_name(std::string_view name) {
  return lookup(kDocumentTypes, name);
}
std::optional<kam_complaint_action> complaint_action_from_name(std::string_view name) {
  return lookup(kComplaintActions, name);
}
std::optional<kam_service_action> service_action_from_name(std::string_view name) {
  return lookup(kServiceActions, name);
}
std::optional<kam_visit_status> visit_status_from_name(std::string_view name) {
  return lookup(kVisitStatuses, name);
}

// ---------------------------------------------------------------------------------------------------
// JSON lines
// ---------------------------------------------------------------------------------------------------
namespace {

using nlohmann::json;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A value quoted for a message, shortened so a message stays readable.
std::string in_quotes(std::string_view v) {
  constexpr std::size_t kMax = 60;
  std::string s = "'";
  if (v.size() > kMax) {
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 char
    s.append(v.substr(0, cut));
    s += "...";
  } else {
    s.append(v);
  }
  s += "'";
  return s;
}

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_float: return "a fractional number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "a number";
    default: return "null";
  }
}

constexpr const char* kTimeHelp =
    "is not an RFC 3339 time with an offset (2026-03-01T09:30:00Z, 2026-03-01T17:30:00+08:00) or a "
    "date (2026-03-01)";

// The fields of one JSON object, read by name with type checks. Every message names the field.
class JsonFields {
 public:
  JsonFields(const json& object, Arena& arena) : obj_(object), arena_(arena) {}

  const json* find(const char* name) const {
    auto it = obj_.find(name);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  // nullptr when absent or null.
  const char* str(const char* name) const {
    const json* v = find(name);
    if (v == nullptr) return nullptr;
    if (!v->is_string())
      throw ParseError(std::string(name) + ": must be a string, not " + type_name(*v));
    return arena_.str(v->get_ref<const std::string&>());
  }

  std::optional<int64_t> integer(const char* name) const {
    const json* v = find(name);
    if (v == nullptr) return std::nullopt;
    if (v->is_number_integer()) return v->get<int64_t>();
    if (v->is_number_unsigned())
      throw ParseError(std::string(name) + ": " + v->dump() + " is too large");
    if (v->is_number_float())
      throw ParseError(std::string(name) + ": must be a whole number, not " + v->dump());
    throw ParseError(std::string(name) + ": must be an integer, not " + type_name(*v));
  }

  const char* const* list(const char* name, uint32_t& count) const {
    count = 0;
    const json* v = find(name);
    if (v == nullptr) return nullptr;
    if (!v->is_array())
      throw ParseError(std::string(name) + ": must be an array of strings, not " + type_name(*v));
    if (v->size() > std::numeric_limits<uint32_t>::max()) throw ParseError(std::string(name) + ": too many items");
    const char** items = arena_.pointers(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& item = (*v)[i];
      if (!item.is_string())
        throw ParseError(std::string(name) + "[" + std::to_string(i) + "]: must be a string, not " +
                         type_name(item));
      items[i] = arena_.str(item.get_ref<const std::string&>());
    }
    count = static_cast<uint32_t>(v->size());
    return items;
  }

  // name (RFC 3339 or date) or name_ms (epoch ms); nullopt when neither is there.
  std::optional<int64_t> time(const char* name, const char* ms_name) const {
    const json* text = find(name);
    const json* ms = find(ms_name);
    if (text != nullptr && ms != nullptr)
      throw ParseError(std::string(name) + ": give " + name + " or " + ms_name + ", not both");
    if (ms != nullptr) return integer(ms_name);
    if (text == nullptr) return std::nullopt;
    if (!text->is_string())
      throw ParseError(std::string(name) + ": must be a string, not " + type_name(*text));
    const std::string& s = text->get_ref<const std::string&>();
    auto t = parse_time(s);
    if (!t) throw ParseError(std::string(name) + ": " + in_quotes(s) + " " + kTimeHelp);
    return t;
  }

  template <std::size_t N>
  int32_t enumeration(const char* name, const Named (&table)[N], bool required, const char* what) const {
    const json* v = find(name);
    if (v == nullptr) {
      if (!required) return 0;
      throw ParseError(std::string(name) + ": is required (" + names(table) + ")");
    }
    if (!v->is_string())
      throw ParseError(std::string(name) + ": must be a string (" + names(table) + "), not " + type_name(*v));
    const std::string& s = v->get_ref<const std::string&>();
    auto value = lookup(table, s);
    if (!value) throw ParseError(std::string(name) + ": " + in_quotes(s) + " is not " + what + " (" + names(table) + ")");
    return *value;
  }

  // Every member must be one of allowed (or a common one).
  void only(std::string_view kind, std::initializer_list<const char*> allowed) const {
    static constexpr const char* kCommon[] = {"kind", "event_id", "occurred_at", "occurred_at_ms"};
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      const std::string& key = it.key();
      bool ok = std::any_of(std::begin(kCommon), std::end(kCommon), [&](const char* c) { return key == c; }) ||
                std::any_of(allowed.begin(), allowed.end(), [&](const char* c) { return key == c; });
      if (!ok) {
        std::string fields;
        for (const char* c : allowed) {
          if (!fields.empty()) fields += ", ";
          fields += c;
        }
        throw ParseError(in_quotes(key) + ": unknown field for kind " + std::string(kind) + " (its fields: " + fields +
                         ")");
      }
    }
  }

 private:
  const json& obj_;
  Arena& arena_;
};

void set_currency(kam_money& m, std::string_view currency) {
  std::memset(m.currency, 0, sizeof m.currency);
  std::memcpy(m.currency, currency.data(), std::min<std::size_t>(currency.size(), 3));
}

std::string_view currency_or_throw(const char* value) {
  if (value == nullptr || *value == '\0') throw ParseError("currency: is required (an ISO 4217 code like CNY)");
  std::string_view c(value);
  if (c.size() != 3) throw ParseError("currency: " + in_quotes(c) + " is not a three-letter ISO 4217 code");
  return c;
}

std::string nlohmann_reason(const char* what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> from "parse error".
  std::string_view w(what);
  if (!w.empty() && w.front() == '[') {
    auto close = w.find("] ");
    if (close != std::string_view::npos) w.remove_prefix(close + 2);
  }
  std::string s(w);
  if (auto p = s.find("at line 1, "); p != std::string::npos) s.erase(p, 11);
  return s;
}

}  // namespace

bool is_skipped_json_line(std::string_view line) {
  std::string_view t = trim(line);
  return t.empty() || t.front() == '#';
}

void parse_json_event(std::string_view line, Arena& arena, AnyEvent& out) {
  std::memset(&out, 0, sizeof out);
  json obj;
  try {
    obj = json::parse(line.begin(), line.end());
  } catch (const json::exception& e) {
    throw ParseError("not valid JSON: " + nlohmann_reason(e.what()));
  }
  if (!obj.is_object()) throw ParseError(std::string("the line is ") + type_name(obj) + ", not a JSON object");
  JsonFields f(obj, arena);

  const json* kind_value = f.find("kind");
  if (kind_value == nullptr) throw ParseError("kind: is required (" + names(kKinds) + ")");
  if (!kind_value->is_string()) throw ParseError(std::string("kind: must be a string, not ") + type_name(*kind_value));
  const std::string& kind_name = kind_value->get_ref<const std::string&>();
  auto kind = event_kind_from_name(kind_name);
  if (!kind) throw ParseError("kind: " + in_quotes(kind_name) + " is not an event kind (" + names(kKinds) + ")");

  kam_event_header& h = out.header;
  h.kind = *kind;
  h.event_id = f.str("event_id");
  if (h.event_id == nullptr) throw ParseError("event_id: is required");
  auto occurred = f.time("occurred_at", "occurred_at_ms");
  if (!occurred) throw ParseError("occurred_at: is required (or occurred_at_ms)");
  h.occurred_at_ms = *occurred;

  switch (*kind) {
    case KAM_EVENT_ACCOUNT_UPSERTED: {
      f.only(kind_name, {"account_id", "name", "name_latin", "tax_id", "region", "industry", "account_manager_id",
                         "distributor_id", "flags"});
      auto& e = out.account;
      h.struct_size = sizeof e;
      e.account_id = f.str("account_id");
      e.name = f.str("name");
      e.name_latin = f.str("name_latin");
      e.tax_id = f.str("tax_id");
      e.region = f.str("region");
      e.industry = f.str("industry");
      e.account_manager_id = f.str("account_manager_id");
      e.distributor_id = f.str("distributor_id");
      e.flags = f.list("flags", e.flag_count);
      break;
    }
    case KAM_EVENT_ORDER_POSTED: {
      f.only(kind_name, {"order_id", "account_id", "amount_minor", "margin_minor", "currency", "document_type"});
      auto& e = out.order;
      h.struct_size = sizeof e;
      e.order_id = f.str("order_id");
      e.account_id = f.str("account_id");
      auto amount = f.integer("amount_minor");
      if (!amount) throw ParseError("amount_minor: is required (an integer in minor units)");
      const std::string_view currency = currency_or_throw(f.str("currency"));
      e.amount.minor_units = *amount;
      e.margin.minor_units = f.integer("margin_minor").value_or(0);
      set_currency(e.amount, currency);
      set_currency(e.margin, currency);
      e.document_type = f.enumeration("document_type", kDocumentTypes, false, "a document type");
      break;
    }
    case KAM_EVENT_ORDER_CANCELLED: {
      f.only(kind_name, {"order_id", "reason"});
      auto& e = out.order_cancel;
      h.struct_size = sizeof e;
      e.order_id = f.str("order_id");
      e.reason = f.str("reason");
      break;
    }
    case KAM_EVENT_COMPLAINT: {
      f.only(kind_name, {"complaint_id", "account_id", "action", "severity", "employee_id", "department",
                         "to_employee_id", "to_department", "channel", "category", "text"});
      auto& e = out.complaint;
      h.struct_size = sizeof e;
      e.complaint_id = f.str("complaint_id");
      e.account_id = f.str("account_id");
      e.action = f.enumeration("action", kComplaintActions, true, "a complaint action");
      auto severity = f.integer("severity").value_or(0);
      if (severity < 0 || severity > 4)
        throw ParseError("severity: " + std::to_string(severity) + " is outside 0..4 (0 = unspecified, 4 = critical)");
      e.severity = static_cast<int32_t>(severity);
      e.employee_id = f.str("employee_id");
      e.department = f.str("department");
      e.to_employee_id = f.str("to_employee_id");
      e.to_department = f.str("to_department");
      e.channel = f.str("channel");
      e.category = f.str("category");
      e.text = f.str("text");
      break;
    }
    case KAM_EVENT_SERVICE_REQUEST: {
      f.only(kind_name, {"request_id", "account_id", "action", "state", "employee_id", "assignee_id", "category",
                         "text"});
      auto& e = out.service_request;
      h.struct_size = sizeof e;
      e.request_id = f.str("request_id");
      e.account_id = f.str("account_id");
      e.action = f.enumeration("action", kServiceActions, true, "a service-request action");
      e.state = f.str("state");
      e.employee_id = f.str("employee_id");
      e.assignee_id = f.str("assignee_id");
      e.category = f.str("category");
      e.text = f.str("text");
      break;
    }
    case KAM_EVENT_VISIT: {
      f.only(kind_name, {"visit_id", "account_id", "employee_id", "status", "planned_for", "planned_for_ms", "notes"});
      auto& e = out.visit;
      h.struct_size = sizeof e;
      e.visit_id = f.str("visit_id");
      e.account_id = f.str("account_id");
      e.employee_id = f.str("employee_id");
      e.status = f.enumeration("status", kVisitStatuses, true, "a visit status");
      e.planned_for_ms = f.time("planned_for", "planned_for_ms").value_or(0);
      e.notes = f.str("notes");
      break;
    }
    case KAM_EVENT_DISTRIBUTOR_UPSERTED: {
      f.only(kind_name, {"distributor_id", "name", "tax_id", "level", "territories", "industries"});
      auto& e = out.distributor;
      h.struct_size = sizeof e;
      e.distributor_id = f.str("distributor_id");
      e.name = f.str("name");
      e.tax_id = f.str("tax_id");
      e.level = f.str("level");
      e.territories = f.list("territories", e.territory_count);
      e.industries = f.list("industries", e.industry_count);
      break;
    }
    default:
      throw ParseError("kind: " + in_quotes(kind_name) + " is not supported");
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------

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
  }
  return "?";
}

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "jsonl") return Format::jsonl;
  if (name == "accounts-csv") return Format::accounts_csv;
  if (name == "orders-csv") return Format::orders_csv;
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
  }
  return std::nullopt;
}

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

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

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
