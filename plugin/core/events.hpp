// events.hpp - the ERP events KAM ingests, as plain C++ values.
//
// The C ABI layer converts the host's kam_event_* structs into these (copying every string), the
// store persists them. Optional text is an empty string when absent. Field meanings are documented
// on the matching structs in host-sdk/include/kam/kam.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kam::core {

// Values equal KAM_EVENT_* in kam.h.
enum class EventKind : int32_t {
  account_upserted = 1,
  order_posted = 2,
  order_cancelled = 3,
  complaint = 4,
  service_request = 5,
  visit = 6,
  distributor_upserted = 7,
  employee_upserted = 8,  // 1.3: the org facts (manager, department) complaint escalation reads
  contact_upserted = 9,   // 1.4: a contact person's phone numbers and e-mail addresses (who is calling)
};

// The codes an event carries, named once. The event structs keep the raw int32_t the host sent
// (validate_event refuses values outside these before anything else reads them); the values equal
// kam.h's KAM_DOCUMENT_*, KAM_COMPLAINT_*, KAM_SERVICE_* and KAM_VISIT_*. ComplaintAction is also
// the complaint core's step action (core::complaints::Action is this enum).
enum class DocumentType : int32_t { order = 1, invoice = 2, credit_note = 3 };
enum class ComplaintAction : int32_t {
  opened = 1,
  handed_off = 2,
  responded = 3,
  resolved = 4,
  closed = 5,
  reopened = 6,
  commented = 7,
  waiting_on_customer = 8,  // 1.3: the SLA clocks pause (business time)
  customer_replied = 9,     // 1.3: back from waiting: the clocks run again
  priority_changed = 10,    // 1.3: severity is the new priority (1..4)
};
// kam.h's KAM_RESPONSE_* bits of a RESPONDED step (1.3). 0: an outbound response a person sent that
// the customer sees, the only kind that is a first response (also what a 1.2 host sends).
inline constexpr uint32_t kResponseInbound = 1, kResponseAutomatic = 2, kResponseInternal = 4;
inline constexpr uint32_t kResponseKnownBits = kResponseInbound | kResponseAutomatic | kResponseInternal;
// kam.h's KAM_EMPLOYEE_* bits (1.3).
inline constexpr uint32_t kEmployeeInactive = 1;
enum class ServiceAction : int32_t { opened = 1, assigned = 2, state_changed = 3, closed = 4, commented = 5 };
enum class VisitStatus : int32_t { planned = 1, completed = 2, cancelled = 3 };

// Whether a raw code is one of the enum's values (they run from 1 to the last one, without gaps).
template <class Code, Code last>
constexpr bool is_code(int32_t raw) {
  return raw >= 1 && raw <= static_cast<int32_t>(last);
}

struct Money {
  int64_t minor_units = 0;
  std::string currency;  // ISO 4217, three upper-case letters
};

struct AccountUpserted {
  std::string account_id, name, name_latin, tax_id, region, industry, account_manager_id,
      distributor_id;
  std::vector<std::string> flags;
  // 1.4: the account's own numbers and addresses, as sent (normalised when stored); the whole list.
  // has_contact_points is false for a 1.3 host's event (it cannot send them): the stored ones stay.
  std::vector<std::string> phones, emails;
  bool has_contact_points = true;
};

struct OrderPosted {
  std::string order_id, account_id;
  Money amount, margin;
  int32_t document_type = 1;  // DocumentType
};

struct OrderCancelled {
  std::string order_id, reason;
};

struct ComplaintEvent {
  std::string complaint_id, account_id;
  int32_t action = 0;    // ComplaintAction
  int32_t severity = 0;  // the priority: 0 unspecified, 1 (low) .. 4 (critical)
  std::string employee_id, department, to_employee_id, to_department, channel, category, text;
  uint32_t response_flags = 0;  // 1.3, RESPONDED: kResponse* bits (0: counts as a first response)
};

struct ServiceRequestEvent {
  std::string request_id, account_id;
  int32_t action = 0;  // ServiceAction
  std::string state, employee_id, assignee_id, category, text;
};

struct VisitEvent {
  std::string visit_id, account_id, employee_id;
  int32_t status = 0;  // VisitStatus
  int64_t planned_for_ms = 0;
  std::string notes;
};

struct DistributorUpserted {
  std::string distributor_id, name, tax_id, level;
  std::vector<std::string> territories, industries;
};

// 1.3: an employee record (the whole record each time): who manages whom, which department, for
// complaint escalation ("the owner's manager") and KPIs by department.
struct EmployeeEvent {
  std::string employee_id, name, department, manager_id;
  std::string calendar;   // a calendar name from the YAML (shown with the queue); "" none
  std::string time_zone;  // IANA; shown, never used for deadlines (the calendar's zone is)
  uint32_t flags = 0;     // kEmployee* bits
};

// kam.h's KAM_CONTACT_* bits (1.4).
inline constexpr uint32_t kContactRemoved = 1;

// 1.4: a contact person of an account (the whole record each time): the numbers and addresses by
// which the hotline recognises the caller. Phones and e-mails as sent (normalised when stored).
struct ContactEvent {
  std::string contact_id, account_id, name, role;
  std::vector<std::string> phones, emails;
  uint32_t flags = 0;  // kContact* bits
};

// In EventKind order (Event::kind is the index + 1).
using EventPayload = std::variant<AccountUpserted, OrderPosted, OrderCancelled, ComplaintEvent,
                                  ServiceRequestEvent, VisitEvent, DistributorUpserted, EmployeeEvent,
                                  ContactEvent>;

struct Event {
  std::string event_id;
  int64_t occurred_at_ms = 0;
  EventPayload payload;

  EventKind kind() const;
};

// The event's name as used in logs, JSON and the database ("order_posted").
const char* event_kind_name(EventKind kind);

// A stable 64-bit fingerprint of everything in the event but its id: two sends of the same event
// id with equal fingerprints are a duplicate, with different ones a conflict. Stable across builds
// and platforms (FNV-1a over a length-prefixed encoding), so it can be stored. A member added to an
// existing event later (ComplaintEvent::response_flags, 1.3) is included only when it is not its
// default, so an event stored before it existed, sent again after the upgrade, is still a duplicate.
uint64_t payload_fingerprint(const Event& event);

// Checks that need no database: required fields, ranges, currency codes, timestamps, time zones.
// Returns the first problem as "field: what is wrong", or nothing when the event is valid.
std::optional<std::string> validate_event(const Event& event);

// Whether an employee's calendar is one the config defines (checked where the config is known, at
// ingestion): "calendar: unknown calendar 'X'; calendars defined: a, b" or nothing. An empty
// calendar is none and valid.
std::optional<std::string> check_employee_calendar(const EmployeeEvent& employee,
                                                   const std::vector<std::string>& calendar_names);

// Timestamps KAM accepts: 1970-01-01 to 9999-12-31 UTC.
inline constexpr int64_t kMinTimeMs = 0;
inline constexpr int64_t kMaxTimeMs = 253402300799999;

}  // namespace kam::core
