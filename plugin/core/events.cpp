#include "core/events.hpp"

#include <limits>
#include <type_traits>

#include "core/money/currency.hpp"
#include "core/fnv1a.hpp"
#include "core/time/zone.hpp"

namespace kam::core {
namespace {

// FNV-1a 64 over a length-prefixed encoding: stable across builds, so it may be stored.
class Fingerprint {
 public:
  void u64(uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
    f_.bytes(b, 8);
  }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void str(const std::string& s) {
    u64(s.size());
    f_.bytes(s);
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  void money(const Money& m) {
    i64(m.minor_units);
    str(m.currency);
  }
  uint64_t value() const { return f_.value(); }

 private:
  Fnv1a64 f_;
};

std::optional<std::string> require(const std::string& value, const char* field) {
  if (value.empty()) return std::string(field) + ": is required";
  return std::nullopt;
}

std::optional<std::string> check_money(const Money& m, const char* field, bool may_be_negative) {
  if (!money::is_known_currency(m.currency))
    return std::string(field) + ".currency: '" + m.currency + "' is not an ISO 4217 currency code";
  if (!may_be_negative && m.minor_units < 0)
    return std::string(field) + ": must not be negative (got " + std::to_string(m.minor_units) + ")";
  // Keep sums of many amounts far from overflow: at most 10^15 minor units per document.
  constexpr int64_t kMax = 1'000'000'000'000'000LL;
  if (m.minor_units > kMax || m.minor_units < -kMax)
    return std::string(field) + ": " + std::to_string(m.minor_units) +
           " is out of range (at most 10^15 minor units)";
  return std::nullopt;
}

}  // namespace

EventKind Event::kind() const { return static_cast<EventKind>(payload.index() + 1); }

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::account_upserted: return "account_upserted";
    case EventKind::order_posted: return "order_posted";
    case EventKind::order_cancelled: return "order_cancelled";
    case EventKind::complaint: return "complaint";
    case EventKind::service_request: return "service_request";
    case EventKind::visit: return "visit";
    case EventKind::distributor_upserted: return "distributor_upserted";
    case EventKind::employee_upserted: return "employee_upserted";
    case EventKind::contact_upserted: return "contact_upserted";
  }
  return "unknown";
}

uint64_t payload_fingerprint(const Event& e) {
  Fingerprint f;
  f.i64(static_cast<int64_t>(e.kind()));
  f.i64(e.occurred_at_ms);
  std::visit(
      [&f](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, AccountUpserted>) {
          for (const auto* s : {&p.account_id, &p.name, &p.name_latin, &p.tax_id, &p.region,
                                &p.industry, &p.account_manager_id, &p.distributor_id})
            f.str(*s);
          f.strs(p.flags);
          // 1.4 members, only when set: a 1.3 account event's fingerprint is unchanged.
          if (!p.phones.empty() || !p.emails.empty()) {
            f.str("contact_points");
            f.strs(p.phones);
            f.strs(p.emails);
          }
        } else if constexpr (std::is_same_v<T, OrderPosted>) {
          f.str(p.order_id);
          f.str(p.account_id);
          f.money(p.amount);
          f.money(p.margin);
          f.i64(p.document_type);
        } else if constexpr (std::is_same_v<T, OrderCancelled>) {
          f.str(p.order_id);
          f.str(p.reason);
        } else if constexpr (std::is_same_v<T, ComplaintEvent>) {
          f.str(p.complaint_id);
          f.str(p.account_id);
          f.i64(p.action);
          f.i64(p.severity);
          for (const auto* s : {&p.employee_id, &p.department, &p.to_employee_id, &p.to_department,
                                &p.channel, &p.category, &p.text})
            f.str(*s);
          // 1.3 members, only when set: a 1.2 event's fingerprint is unchanged (see the header).
          if (p.response_flags != 0) {
            f.str("response_flags");
            f.u64(p.response_flags);
          }
        } else if constexpr (std::is_same_v<T, ServiceRequestEvent>) {
          f.str(p.request_id);
          f.str(p.account_id);
          f.i64(p.action);
          for (const auto* s : {&p.state, &p.employee_id, &p.assignee_id, &p.category, &p.text})
            f.str(*s);
        } else if constexpr (std::is_same_v<T, VisitEvent>) {
          f.str(p.visit_id);
          f.str(p.account_id);
          f.str(p.employee_id);
          f.i64(p.status);
          f.i64(p.planned_for_ms);
          f.str(p.notes);
        } else if constexpr (std::is_same_v<T, DistributorUpserted>) {
          for (const auto* s : {&p.distributor_id, &p.name, &p.tax_id, &p.level}) f.str(*s);
          f.strs(p.territories);
          f.strs(p.industries);
        } else if constexpr (std::is_same_v<T, EmployeeEvent>) {
          for (const auto* s : {&p.employee_id, &p.name, &p.department, &p.manager_id, &p.calendar, &p.time_zone})
            f.str(*s);
          f.u64(p.flags);
        } else if constexpr (std::is_same_v<T, ContactEvent>) {
          for (const auto* s : {&p.contact_id, &p.account_id, &p.name, &p.role}) f.str(*s);
          f.strs(p.phones);
          f.strs(p.emails);
          f.u64(p.flags);
        }
      },
      e.payload);
  return f.value();
}

std::optional<std::string> validate_event(const Event& e) {
  if (e.event_id.empty()) return "event_id: is required";
  if (e.event_id.size() > 200) return "event_id: longer than 200 bytes";
  if (e.occurred_at_ms < kMinTimeMs || e.occurred_at_ms > kMaxTimeMs)
    return "occurred_at_ms: " + std::to_string(e.occurred_at_ms) +
           " is outside 1970-01-01..9999-12-31";
  return std::visit(
      [](const auto& p) -> std::optional<std::string> {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, AccountUpserted>) {
          if (auto r = require(p.account_id, "account_id")) return r;
          return require(p.name, "name");
        } else if constexpr (std::is_same_v<T, OrderPosted>) {
          if (auto r = require(p.order_id, "order_id")) return r;
          if (auto r = require(p.account_id, "account_id")) return r;
          if (auto r = check_money(p.amount, "amount", false)) return r;
          if (p.margin.currency.empty()) {
            // No margin (docs/tiers.md, Metrics): an empty currency with 0 units.
            if (p.margin.minor_units != 0)
              return "margin.currency: is required when margin.minor_units is not 0 (it is " +
                     std::to_string(p.margin.minor_units) + ")";
          } else if (auto r = check_money(p.margin, "margin", true)) {
            return r;
          } else if (p.margin.currency != p.amount.currency) {
            return "margin.currency: '" + p.margin.currency + "' differs from amount.currency '" +
                   p.amount.currency + "'";
          }
          if (!is_code<DocumentType, DocumentType::credit_note>(p.document_type))
            return "document_type: " + std::to_string(p.document_type) + " is not a KAM_DOCUMENT_*";
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, OrderCancelled>) {
          return require(p.order_id, "order_id");
        } else if constexpr (std::is_same_v<T, ComplaintEvent>) {
          if (auto r = require(p.complaint_id, "complaint_id")) return r;
          if (!is_code<ComplaintAction, ComplaintAction::priority_changed>(p.action))
            return "action: " + std::to_string(p.action) + " is not a KAM_COMPLAINT_*";
          if (p.action == static_cast<int32_t>(ComplaintAction::opened)) {
            if (auto r = require(p.account_id, "account_id")) return r;
          }
          if (p.action == static_cast<int32_t>(ComplaintAction::handed_off)) {
            if (auto r = require(p.to_employee_id, "to_employee_id")) return r;
          }
          if (p.severity < 0 || p.severity > 4)
            return "severity: " + std::to_string(p.severity) + " is outside 0..4";
          if ((p.response_flags & ~kResponseKnownBits) != 0)
            return "response_flags: " + std::to_string(p.response_flags) +
                   " has bits other than KAM_RESPONSE_INBOUND (1), _AUTOMATIC (2), _INTERNAL (4)";
          return require(p.employee_id, "employee_id");
        } else if constexpr (std::is_same_v<T, ServiceRequestEvent>) {
          if (auto r = require(p.request_id, "request_id")) return r;
          if (!is_code<ServiceAction, ServiceAction::commented>(p.action))
            return "action: " + std::to_string(p.action) + " is not a KAM_SERVICE_*";
          const auto action = static_cast<ServiceAction>(p.action);
          if (action == ServiceAction::opened) {
            if (auto r = require(p.account_id, "account_id")) return r;
          }
          if (action == ServiceAction::assigned) {
            if (auto r = require(p.assignee_id, "assignee_id")) return r;
          }
          if (action == ServiceAction::state_changed) {
            if (auto r = require(p.state, "state")) return r;
          }
          return require(p.employee_id, "employee_id");
        } else if constexpr (std::is_same_v<T, VisitEvent>) {
          if (auto r = require(p.visit_id, "visit_id")) return r;
          if (auto r = require(p.account_id, "account_id")) return r;
          if (auto r = require(p.employee_id, "employee_id")) return r;
          if (!is_code<VisitStatus, VisitStatus::cancelled>(p.status))
            return "status: " + std::to_string(p.status) + " is not a KAM_VISIT_*";
          const bool planned = p.status == static_cast<int32_t>(VisitStatus::planned);
          if (planned && p.planned_for_ms == 0) return "planned_for_ms: is required for a PLANNED visit";
          if (planned && (p.planned_for_ms < kMinTimeMs || p.planned_for_ms > kMaxTimeMs))
            return "planned_for_ms: " + std::to_string(p.planned_for_ms) + " is outside 1970-01-01..9999-12-31";
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, EmployeeEvent>) {
          if (auto r = require(p.employee_id, "employee_id")) return r;
          if (p.manager_id == p.employee_id)
            return "manager_id: '" + p.manager_id + "' is the employee itself (an employee is not their own manager)";
          if (!p.time_zone.empty() && !time::is_known_time_zone(p.time_zone))
            return "time_zone: unknown time zone '" + p.time_zone + "' (an IANA name such as Asia/Shanghai)";
          if ((p.flags & ~kEmployeeInactive) != 0)
            return "flags: " + std::to_string(p.flags) + " has bits other than KAM_EMPLOYEE_INACTIVE (1)";
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, ContactEvent>) {
          if (auto r = require(p.contact_id, "contact_id")) return r;
          if (auto r = require(p.account_id, "account_id")) return r;
          if ((p.flags & ~kContactRemoved) != 0)
            return "flags: " + std::to_string(p.flags) + " has bits other than KAM_CONTACT_REMOVED (1)";
          return std::nullopt;
        } else {
          if (auto r = require(p.distributor_id, "distributor_id")) return r;
          return require(p.name, "name");
        }
      },
      e.payload);
}

std::optional<std::string> check_employee_calendar(const EmployeeEvent& employee,
                                                   const std::vector<std::string>& calendar_names) {
  if (employee.calendar.empty()) return std::nullopt;
  for (const std::string& name : calendar_names)
    if (name == employee.calendar) return std::nullopt;
  std::string message = "calendar: unknown calendar '" + employee.calendar + "'; ";
  if (calendar_names.empty()) return message + "the config defines no calendars";
  message += "calendars defined:";
  for (std::size_t i = 0; i < calendar_names.size(); ++i) message += (i ? ", " : " ") + calendar_names[i];
  return message;
}

}  // namespace kam::core
