// events_test.cpp - core/events: validate_event's rules and messages for every event kind (required
// members, ranges, currencies, the time range), event kinds and their names, and the payload
// fingerprint that tells a duplicate from a conflict.
#include "core/events.hpp"
#include "core/fnv1a.hpp"

#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace {

using kam::core::AccountUpserted;
using kam::core::ComplaintEvent;
using kam::core::DistributorUpserted;
using kam::core::EmployeeEvent;
using kam::core::Event;
using kam::core::EventKind;
using kam::core::EventPayload;
using kam::core::Money;
using kam::core::OrderCancelled;
using kam::core::OrderPosted;
using kam::core::ServiceRequestEvent;
using kam::core::validate_event;
using kam::core::VisitEvent;

constexpr int64_t kT = 1'772'323'200'000;  // 2026-03-01T00:00:00Z

Event event(EventPayload payload) {
  Event e;
  e.event_id = "ev-1";
  e.occurred_at_ms = kT;
  e.payload = std::move(payload);
  return e;
}

// The message of validate_event, "" when the event is valid.
std::string problem(const EventPayload& payload) {
  const std::optional<std::string> p = validate_event(event(payload));
  return p ? *p : "";
}

AccountUpserted account() {
  AccountUpserted a;
  a.account_id = "C1";
  a.name = "Acme";
  return a;
}

OrderPosted order() {
  OrderPosted o;
  o.order_id = "O1";
  o.account_id = "C1";
  o.amount = Money{10'000, "CNY"};
  o.margin = Money{2'000, "CNY"};
  return o;
}

ComplaintEvent complaint(int32_t action) {
  ComplaintEvent c;
  c.complaint_id = "K1";
  c.account_id = "C1";
  c.action = action;
  c.employee_id = "e1";
  c.to_employee_id = "e2";
  return c;
}

ServiceRequestEvent service(int32_t action) {
  ServiceRequestEvent s;
  s.request_id = "R1";
  s.account_id = "C1";
  s.action = action;
  s.employee_id = "e1";
  s.assignee_id = "e2";
  s.state = "waiting";
  return s;
}

VisitEvent visit(int32_t status) {
  VisitEvent v;
  v.visit_id = "V1";
  v.account_id = "C1";
  v.employee_id = "e1";
  v.status = status;
  v.planned_for_ms = kT + 86'400'000;
  return v;
}

TEST(EventHeader, IdAndTimeRange) {
  Event e = event(account());
  EXPECT_EQ(validate_event(e), std::nullopt);
  e.event_id = "";
  EXPECT_EQ(validate_event(e), "event_id: is required");
  e.event_id = std::string(200, 'x');
  EXPECT_EQ(validate_event(e), std::nullopt);
  e.event_id = std::string(201, 'x');
  EXPECT_EQ(validate_event(e), "event_id: longer than 200 bytes");
  e.event_id = "ev-1";
  e.occurred_at_ms = kam::core::kMinTimeMs;
  EXPECT_EQ(validate_event(e), std::nullopt);
  e.occurred_at_ms = kam::core::kMaxTimeMs;
  EXPECT_EQ(validate_event(e), std::nullopt);
  e.occurred_at_ms = -1;
  EXPECT_EQ(validate_event(e), "occurred_at_ms: -1 is outside 1970-01-01..9999-12-31");
  e.occurred_at_ms = kam::core::kMaxTimeMs + 1;
  EXPECT_EQ(validate_event(e), "occurred_at_ms: 253402300800000 is outside 1970-01-01..9999-12-31");
}

TEST(EventAccount, NeedsIdAndName) {
  EXPECT_EQ(problem(account()), "");
  AccountUpserted a = account();
  a.account_id = "";
  EXPECT_EQ(problem(a), "account_id: is required");
  a = account();
  a.name = "";
  EXPECT_EQ(problem(a), "name: is required");
}

TEST(EventOrder, RequiredMembersAndDocumentType) {
  EXPECT_EQ(problem(order()), "");
  OrderPosted o = order();
  o.order_id = "";
  EXPECT_EQ(problem(o), "order_id: is required");
  o = order();
  o.account_id = "";
  EXPECT_EQ(problem(o), "account_id: is required");
  for (int32_t type : {1, 2, 3}) {
    o = order();
    o.document_type = type;
    EXPECT_EQ(problem(o), "") << type;
  }
  o.document_type = 0;  // the ABI maps 0 to ORDER before this; here it is out of range
  EXPECT_EQ(problem(o), "document_type: 0 is not a KAM_DOCUMENT_*");
  o.document_type = 4;
  EXPECT_EQ(problem(o), "document_type: 4 is not a KAM_DOCUMENT_*");
}

TEST(EventOrder, AmountCurrencySignAndRange) {
  OrderPosted o = order();
  o.amount.currency = "XYZ";
  EXPECT_EQ(problem(o), "amount.currency: 'XYZ' is not an ISO 4217 currency code");
  o.amount.currency = "cny";
  EXPECT_EQ(problem(o), "amount.currency: 'cny' is not an ISO 4217 currency code");
  o = order();
  o.amount.minor_units = -1;
  EXPECT_EQ(problem(o), "amount: must not be negative (got -1)");
  o.amount.minor_units = 0;
  EXPECT_EQ(problem(o), "");
  o.amount.minor_units = 1'000'000'000'000'000LL;
  EXPECT_EQ(problem(o), "");
  o.amount.minor_units = 1'000'000'000'000'001LL;
  EXPECT_EQ(problem(o), "amount: 1000000000000001 is out of range (at most 10^15 minor units)");
}

TEST(EventOrder, MarginMayBeNegativeOrAbsentButNotInAnotherCurrency) {
  OrderPosted o = order();
  o.margin.minor_units = -5'000;
  EXPECT_EQ(problem(o), "");
  o.margin.minor_units = -1'000'000'000'000'001LL;
  EXPECT_EQ(problem(o), "margin: -1000000000000001 is out of range (at most 10^15 minor units)");
  o = order();
  o.margin = Money{0, ""};  // no margin
  EXPECT_EQ(problem(o), "");
  o.margin = Money{7, ""};
  EXPECT_EQ(problem(o), "margin.currency: is required when margin.minor_units is not 0 (it is 7)");
  o.margin = Money{7, "EUR"};
  EXPECT_EQ(problem(o), "margin.currency: 'EUR' differs from amount.currency 'CNY'");
  o.margin = Money{7, "ABC"};
  EXPECT_EQ(problem(o), "margin.currency: 'ABC' is not an ISO 4217 currency code");
}

TEST(EventOrderCancel, NeedsTheOrderId) {
  OrderCancelled c;
  EXPECT_EQ(problem(c), "order_id: is required");
  c.order_id = "O1";
  EXPECT_EQ(problem(c), "");  // the reason is optional
}

TEST(EventComplaint, ActionsAndWhatEachNeeds) {
  for (int32_t action = 1; action <= 10; ++action) EXPECT_EQ(problem(complaint(action)), "") << action;
  EXPECT_EQ(problem(complaint(0)), "action: 0 is not a KAM_COMPLAINT_*");
  EXPECT_EQ(problem(complaint(11)), "action: 11 is not a KAM_COMPLAINT_*");
  ComplaintEvent c = complaint(1);
  c.complaint_id = "";
  EXPECT_EQ(problem(c), "complaint_id: is required");
  c = complaint(1);  // OPENED needs the account, later steps do not
  c.account_id = "";
  EXPECT_EQ(problem(c), "account_id: is required");
  c.action = 3;
  EXPECT_EQ(problem(c), "");
  c = complaint(2);  // HANDED_OFF needs whom it goes to
  c.to_employee_id = "";
  EXPECT_EQ(problem(c), "to_employee_id: is required");
  c = complaint(4);
  c.employee_id = "";
  EXPECT_EQ(problem(c), "employee_id: is required");
}

TEST(EventComplaint, SeverityZeroToFour) {
  ComplaintEvent c = complaint(1);
  for (int32_t s = 0; s <= 4; ++s) {
    c.severity = s;
    EXPECT_EQ(problem(c), "") << s;
  }
  c.severity = 5;
  EXPECT_EQ(problem(c), "severity: 5 is outside 0..4");
  c.severity = -1;
  EXPECT_EQ(problem(c), "severity: -1 is outside 0..4");
}

TEST(EventComplaint, ResponseFlagsAreTheThreeKnownBits) {
  ComplaintEvent c = complaint(3);
  for (uint32_t flags = 0; flags <= 7; ++flags) {
    c.response_flags = flags;
    EXPECT_EQ(problem(c), "") << flags;
  }
  c.response_flags = 8;
  EXPECT_EQ(problem(c), "response_flags: 8 has bits other than KAM_RESPONSE_INBOUND (1), _AUTOMATIC (2), _INTERNAL (4)");
}

EmployeeEvent employee() {
  EmployeeEvent e;
  e.employee_id = "e-ann";
  e.name = "Ann";
  e.department = "service";
  e.manager_id = "e-max";
  e.time_zone = "Asia/Shanghai";
  return e;
}

TEST(EventEmployee, IdZoneManagerAndFlags) {
  EXPECT_EQ(problem(employee()), "");
  EmployeeEvent e = employee();
  e.employee_id = "";
  EXPECT_EQ(problem(e), "employee_id: is required");
  e = employee();
  e.manager_id = "e-ann";
  EXPECT_EQ(problem(e), "manager_id: 'e-ann' is the employee itself (an employee is not their own manager)");
  e = employee();
  e.time_zone = "Mars/Olympus";
  EXPECT_EQ(problem(e), "time_zone: unknown time zone 'Mars/Olympus' (an IANA name such as Asia/Shanghai)");
  e = employee();
  e.time_zone = "";
  e.manager_id = "";
  e.flags = kam::core::kEmployeeInactive;
  EXPECT_EQ(problem(e), "");
  e.flags = 2;
  EXPECT_EQ(problem(e), "flags: 2 has bits other than KAM_EMPLOYEE_INACTIVE (1)");
  EXPECT_EQ(event(employee()).kind(), EventKind::employee_upserted);
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::employee_upserted), "employee_upserted");
}

TEST(EventEmployee, TheCalendarMustBeConfigured) {
  using kam::core::check_employee_calendar;
  EmployeeEvent e = employee();
  EXPECT_FALSE(check_employee_calendar(e, {}));  // none given
  e.calendar = "china";
  EXPECT_FALSE(check_employee_calendar(e, {"berlin", "china"}));
  EXPECT_EQ(check_employee_calendar(e, {"berlin", "office"}).value_or(""),
            "calendar: unknown calendar 'china'; calendars defined: berlin, office");
  EXPECT_EQ(check_employee_calendar(e, {}).value_or(""), "calendar: unknown calendar 'china'; the config defines no calendars");
}

TEST(EventServiceRequest, ActionsAndWhatEachNeeds) {
  for (int32_t action = 1; action <= 5; ++action) EXPECT_EQ(problem(service(action)), "") << action;
  EXPECT_EQ(problem(service(0)), "action: 0 is not a KAM_SERVICE_*");
  EXPECT_EQ(problem(service(6)), "action: 6 is not a KAM_SERVICE_*");
  ServiceRequestEvent s = service(1);
  s.request_id = "";
  EXPECT_EQ(problem(s), "request_id: is required");
  s = service(1);
  s.account_id = "";
  EXPECT_EQ(problem(s), "account_id: is required");
  s.action = 5;
  EXPECT_EQ(problem(s), "");
  s = service(2);
  s.assignee_id = "";
  EXPECT_EQ(problem(s), "assignee_id: is required");
  s = service(3);
  s.state = "";
  EXPECT_EQ(problem(s), "state: is required");
  s = service(4);
  s.employee_id = "";
  EXPECT_EQ(problem(s), "employee_id: is required");
}

TEST(EventVisit, RequiredMembersAndStatus) {
  for (int32_t status = 1; status <= 3; ++status) EXPECT_EQ(problem(visit(status)), "") << status;
  EXPECT_EQ(problem(visit(0)), "status: 0 is not a KAM_VISIT_*");
  EXPECT_EQ(problem(visit(4)), "status: 4 is not a KAM_VISIT_*");
  VisitEvent v = visit(2);
  v.visit_id = "";
  EXPECT_EQ(problem(v), "visit_id: is required");
  v = visit(2);
  v.account_id = "";
  EXPECT_EQ(problem(v), "account_id: is required");
  v = visit(2);
  v.employee_id = "";
  EXPECT_EQ(problem(v), "employee_id: is required");
}

TEST(EventVisit, APlannedVisitNeedsAPlannedTimeInRange) {
  VisitEvent v = visit(1);
  v.planned_for_ms = 0;
  EXPECT_EQ(problem(v), "planned_for_ms: is required for a PLANNED visit");
  v.planned_for_ms = -5;
  EXPECT_EQ(problem(v), "planned_for_ms: -5 is outside 1970-01-01..9999-12-31");
  v.planned_for_ms = kam::core::kMaxTimeMs + 1;
  EXPECT_EQ(problem(v), "planned_for_ms: 253402300800000 is outside 1970-01-01..9999-12-31");
  v = visit(2);  // only PLANNED reads it
  v.planned_for_ms = -5;
  EXPECT_EQ(problem(v), "");
}

TEST(EventDistributor, NeedsIdAndName) {
  DistributorUpserted d;
  EXPECT_EQ(problem(d), "distributor_id: is required");
  d.distributor_id = "D1";
  EXPECT_EQ(problem(d), "name: is required");
  d.name = "Channel Co";
  EXPECT_EQ(problem(d), "");
}

TEST(EventKinds, KindFollowsThePayloadAndHasAName) {
  EXPECT_EQ(event(account()).kind(), EventKind::account_upserted);
  EXPECT_EQ(event(order()).kind(), EventKind::order_posted);
  EXPECT_EQ(event(OrderCancelled{}).kind(), EventKind::order_cancelled);
  EXPECT_EQ(event(complaint(1)).kind(), EventKind::complaint);
  EXPECT_EQ(event(service(1)).kind(), EventKind::service_request);
  EXPECT_EQ(event(visit(1)).kind(), EventKind::visit);
  EXPECT_EQ(event(DistributorUpserted{}).kind(), EventKind::distributor_upserted);
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::account_upserted), "account_upserted");
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::order_posted), "order_posted");
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::order_cancelled), "order_cancelled");
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::complaint), "complaint");
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::service_request), "service_request");
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::visit), "visit");
  EXPECT_STREQ(kam::core::event_kind_name(EventKind::distributor_upserted), "distributor_upserted");
  EXPECT_STREQ(kam::core::event_kind_name(static_cast<EventKind>(99)), "unknown");
}

TEST(EventFingerprint, IgnoresTheIdAndSeesEveryPayloadChange) {
  using kam::core::payload_fingerprint;
  Event a = event(order());
  Event b = a;
  b.event_id = "another-id";
  EXPECT_EQ(payload_fingerprint(a), payload_fingerprint(b));
  b = a;
  b.occurred_at_ms += 1;
  EXPECT_NE(payload_fingerprint(a), payload_fingerprint(b));
  b = a;
  std::get<OrderPosted>(b.payload).amount.minor_units += 1;
  EXPECT_NE(payload_fingerprint(a), payload_fingerprint(b));
  b = a;
  std::get<OrderPosted>(b.payload).margin.currency = "EUR";
  EXPECT_NE(payload_fingerprint(a), payload_fingerprint(b));
  // Length-prefixed: moving a byte from one string to the next is another payload.
  AccountUpserted x = account(), y = account();
  x.account_id = "C1";
  x.name = "Acme";
  y.account_id = "C1A";
  y.name = "cme";
  EXPECT_NE(payload_fingerprint(event(x)), payload_fingerprint(event(y)));
  // The same fields in another kind are another payload.
  OrderCancelled cancel;
  cancel.order_id = "O1";
  ComplaintEvent bare;
  bare.complaint_id = "O1";
  EXPECT_NE(payload_fingerprint(event(cancel)), payload_fingerprint(event(bare)));
}

// The 1.2 encoding of a complaint event, written out here from the format (kind, time, then each
// member length-prefixed), so a 1.2 fingerprint stored in a database is checked independently.
uint64_t fingerprint_1_2(const Event& e) {
  kam::core::Fnv1a64 f;
  const auto u64 = [&f](uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
    f.bytes(b, 8);
  };
  const auto str = [&](const std::string& s) {
    u64(s.size());
    f.bytes(s);
  };
  const ComplaintEvent& c = std::get<ComplaintEvent>(e.payload);
  u64(4);
  u64(static_cast<uint64_t>(e.occurred_at_ms));
  str(c.complaint_id);
  str(c.account_id);
  u64(static_cast<uint64_t>(static_cast<int64_t>(c.action)));
  u64(static_cast<uint64_t>(static_cast<int64_t>(c.severity)));
  for (const auto* s : {&c.employee_id, &c.department, &c.to_employee_id, &c.to_department, &c.channel,
                        &c.category, &c.text})
    str(*s);
  return f.value();
}

TEST(EventFingerprint, AComplaintStoredBefore13IsStillADuplicateAfterIt) {
  using kam::core::payload_fingerprint;
  ComplaintEvent c = complaint(3);
  c.department = "service";
  c.text = "called back";
  const Event before = event(c);  // no response_flags: what a 1.2 host sent and 1.2 stored
  EXPECT_EQ(payload_fingerprint(before), fingerprint_1_2(before));
  c.response_flags = kam::core::kResponseInternal;  // a 1.3 member set: another payload
  EXPECT_NE(payload_fingerprint(event(c)), payload_fingerprint(before));
  c.response_flags = kam::core::kResponseAutomatic;
  EXPECT_NE(payload_fingerprint(event(c)), payload_fingerprint(event([&] {
              ComplaintEvent d = c;
              d.response_flags = kam::core::kResponseInbound;
              return d;
            }())));
}

TEST(EventFingerprint, EveryEmployeeMemberCounts) {
  using kam::core::payload_fingerprint;
  const uint64_t base = payload_fingerprint(event(employee()));
  for (int member = 0; member < 7; ++member) {
    EmployeeEvent e = employee();
    switch (member) {
      case 0: e.employee_id += "x"; break;
      case 1: e.name += "x"; break;
      case 2: e.department += "x"; break;
      case 3: e.manager_id += "x"; break;
      case 4: e.calendar += "x"; break;
      case 5: e.time_zone = "Europe/Berlin"; break;
      case 6: e.flags = 1; break;
    }
    EXPECT_NE(payload_fingerprint(event(e)), base) << member;
  }
}

}  // namespace
