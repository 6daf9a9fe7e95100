// json_event.cpp - the JSON-lines parser (see json_event.hpp): nlohmann::json reads the line, a
// typed field reader checks each member and names it in every message.
#include "import/json_event.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>

#include "time_text.hpp"

namespace kamhost::import {
namespace {

using nlohmann::json;

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
    // As in CSV: each item trimmed of white space, empty items left out (docs/import.md).
    const char** items = arena_.pointers(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& item = (*v)[i];
      if (!item.is_string())
        throw ParseError(std::string(name) + "[" + std::to_string(i) + "]: must be a string, not " +
                         type_name(item));
      const std::string_view text = trim(item.get_ref<const std::string&>());
      if (!text.empty()) items[count++] = arena_.str(text);
    }
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

  // A complaint's priority: "priority" (a name or 0..4) or "severity" (0..4, the C struct's name), not both.
  int32_t priority() const {
    const json* by_priority = find("priority");
    if (by_priority != nullptr && find("severity") != nullptr)
      throw ParseError("priority: give priority or severity (the same thing), not both");
    if (by_priority != nullptr) {
      if (by_priority->is_string()) return priority_from_text(by_priority->get_ref<const std::string&>(), "priority");
      const int64_t v = integer("priority").value_or(0);
      if (v < 0 || v > 4) throw ParseError("priority: " + std::to_string(v) + " is outside 0..4 (0 = unspecified, 4 = critical)");
      return static_cast<int32_t>(v);
    }
    const int64_t severity = integer("severity").value_or(0);
    if (severity < 0 || severity > 4)
      throw ParseError("severity: " + std::to_string(severity) + " is outside 0..4 (0 = unspecified, 4 = critical)");
    return static_cast<int32_t>(severity);
  }

  // Bit flags as an array of their names (["inbound", "internal"]); absent: 0.
  template <std::size_t N>
  uint32_t flags(const char* name, const Named (&table)[N]) const {
    uint32_t count = 0;
    const char* const* items = list(name, count);
    std::vector<std::string_view> given(items, items + count);
    return flag_bits(table, N, given, name);
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
                         "distributor_id", "flags", "phones", "emails"});
      auto& e = out.account;
      // A line without phones and emails is sent as a 1.3 host would (104 bytes): the numbers and
      // addresses already stored stay; with either, the lists replace them (kam/events.h).
      h.struct_size = f.find("phones") || f.find("emails") ? sizeof e : offsetof(kam_event_account, phones);
      e.account_id = f.str("account_id");
      e.name = f.str("name");
      e.name_latin = f.str("name_latin");
      e.tax_id = f.str("tax_id");
      e.region = f.str("region");
      e.industry = f.str("industry");
      e.account_manager_id = f.str("account_manager_id");
      e.distributor_id = f.str("distributor_id");
      e.flags = f.list("flags", e.flag_count);
      e.phones = f.list("phones", e.phone_count);
      e.emails = f.list("emails", e.email_count);
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
      f.only(kind_name, {"complaint_id", "account_id", "action", "severity", "priority", "employee_id", "department",
                         "to_employee_id", "to_department", "channel", "category", "text", "response_flags"});
      auto& e = out.complaint;
      h.struct_size = sizeof e;
      e.complaint_id = f.str("complaint_id");
      e.account_id = f.str("account_id");
      e.action = f.enumeration("action", kComplaintActions, true, "a complaint action");
      e.severity = f.priority();
      e.employee_id = f.str("employee_id");
      e.department = f.str("department");
      e.to_employee_id = f.str("to_employee_id");
      e.to_department = f.str("to_department");
      e.channel = f.str("channel");
      e.category = f.str("category");
      e.text = f.str("text");
      e.response_flags = f.flags("response_flags", kResponseFlags);
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
    case KAM_EVENT_EMPLOYEE_UPSERTED: {
      f.only(kind_name, {"employee_id", "name", "department", "manager_id", "calendar", "time_zone", "flags"});
      auto& e = out.employee;
      h.struct_size = sizeof e;
      e.employee_id = f.str("employee_id");
      e.name = f.str("name");
      e.department = f.str("department");
      e.manager_id = f.str("manager_id");
      e.calendar = f.str("calendar");
      e.time_zone = f.str("time_zone");
      e.flags = f.flags("flags", kEmployeeFlags);
      break;
    }
    case KAM_EVENT_CONTACT_UPSERTED: {  // 1.4
      f.only(kind_name, {"contact_id", "account_id", "name", "role", "phones", "emails", "flags"});
      auto& e = out.contact;
      h.struct_size = sizeof e;
      e.contact_id = f.str("contact_id");
      e.account_id = f.str("account_id");
      e.name = f.str("name");
      e.role = f.str("role");
      e.phones = f.list("phones", e.phone_count);
      e.emails = f.list("emails", e.email_count);
      e.flags = f.flags("flags", kContactFlags);
      break;
    }
    default:
      throw ParseError("kind: " + in_quotes(kind_name) + " is not supported");
  }
}

}  // namespace kamhost::import
