// event_convert.cpp - one host event (a kam_event_* struct behind its header) into a core::Event, every
// string through input_string, every size and reserved member checked; a bad item becomes its own
// early rejection (store::BatchItem), never an exception out of the batch.
#include "abi/event_convert.hpp"

#include <algorithm>
#include <cstring>

#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/limits.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"

namespace kam::abi {
namespace {

// The core names the codes kam.h defines; they are copied across as they are.
template <class Code>
constexpr bool same_code(Code code, int value) {
  return static_cast<int>(code) == value;
}
static_assert(same_code(core::DocumentType::order, KAM_DOCUMENT_ORDER) &&
              same_code(core::DocumentType::invoice, KAM_DOCUMENT_INVOICE) &&
              same_code(core::DocumentType::credit_note, KAM_DOCUMENT_CREDIT_NOTE));
static_assert(same_code(core::ComplaintAction::opened, KAM_COMPLAINT_OPENED) &&
              same_code(core::ComplaintAction::handed_off, KAM_COMPLAINT_HANDED_OFF) &&
              same_code(core::ComplaintAction::responded, KAM_COMPLAINT_RESPONDED) &&
              same_code(core::ComplaintAction::resolved, KAM_COMPLAINT_RESOLVED) &&
              same_code(core::ComplaintAction::closed, KAM_COMPLAINT_CLOSED) &&
              same_code(core::ComplaintAction::reopened, KAM_COMPLAINT_REOPENED) &&
              same_code(core::ComplaintAction::commented, KAM_COMPLAINT_COMMENTED) &&
              same_code(core::ComplaintAction::waiting_on_customer, KAM_COMPLAINT_WAITING_ON_CUSTOMER) &&
              same_code(core::ComplaintAction::customer_replied, KAM_COMPLAINT_CUSTOMER_REPLIED) &&
              same_code(core::ComplaintAction::priority_changed, KAM_COMPLAINT_PRIORITY_CHANGED));
static_assert(same_code(core::ServiceAction::opened, KAM_SERVICE_OPENED) &&
              same_code(core::ServiceAction::assigned, KAM_SERVICE_ASSIGNED) &&
              same_code(core::ServiceAction::state_changed, KAM_SERVICE_STATE_CHANGED) &&
              same_code(core::ServiceAction::closed, KAM_SERVICE_CLOSED) &&
              same_code(core::ServiceAction::commented, KAM_SERVICE_COMMENTED));
static_assert(same_code(core::VisitStatus::planned, KAM_VISIT_PLANNED) &&
              same_code(core::VisitStatus::completed, KAM_VISIT_COMPLETED) &&
              same_code(core::VisitStatus::cancelled, KAM_VISIT_CANCELLED));




// Looks the struct up as T after checking its declared size against T's 1.0 size.
template <class T>
const T& as(const kam_event_header* h, size_t min_size, const char* name) {
  check_struct(h, h->struct_size, min_size, sizeof(T), name);
  return *reinterpret_cast<const T*>(h);
}

// A struct that grew after its first size: a copy of the host's bytes, the members an older (smaller)
// struct lacks read as 0, which is what each grown member documents for an old host.
template <class T>
T read_sized(const kam_event_header* h, size_t min_size, const char* name) {
  check_struct(h, h->struct_size, min_size, sizeof(T), name);
  T copy{};
  std::memcpy(&copy, h, std::min<size_t>(h->struct_size, sizeof(T)));
  return copy;
}

// The 1.3 flag bits cross as they are.
static_assert(core::kResponseInbound == KAM_RESPONSE_INBOUND && core::kResponseAutomatic == KAM_RESPONSE_AUTOMATIC &&
              core::kResponseInternal == KAM_RESPONSE_INTERNAL && core::kEmployeeInactive == KAM_EMPLOYEE_INACTIVE);
constexpr uint32_t kKnownResponseFlags = KAM_RESPONSE_INBOUND | KAM_RESPONSE_AUTOMATIC | KAM_RESPONSE_INTERNAL;
constexpr uint32_t kKnownEmployeeFlags = KAM_EMPLOYEE_INACTIVE;
static_assert(core::kContactRemoved == KAM_CONTACT_REMOVED);
constexpr uint32_t kKnownContactFlags = KAM_CONTACT_REMOVED;

core::EventPayload payload(const kam_event_header* h) {
  // Every id of every kind has one limit (kMaxIdBytes); names and texts theirs (input_string.hpp).
  // Required members are checked by core::validate_event, which says so per kind.
  auto id = [](const char* p, const char* field) { return input_string(p, field, StringKind::id, false); };
  auto s = [](const char* p, const char* field) { return input_string(p, field, StringKind::name, false); };
  auto text = [](const char* p, const char* field) { return input_string(p, field, StringKind::text, false); };
  switch (h->kind) {
    case KAM_EVENT_ACCOUNT_UPSERTED: {
      // 1.4 appended phones and emails: a 1.3 host's 104-byte struct reads them as none.
      const auto e = read_sized<kam_event_account>(h, kEventAccountSize_1_0, "kam_event_account");
      check_reserved(e.reserved0, "reserved0");
      core::AccountUpserted p;
      p.account_id = id(e.account_id, "account_id");
      p.name = s(e.name, "name");
      p.name_latin = s(e.name_latin, "name_latin");
      p.tax_id = s(e.tax_id, "tax_id");
      p.region = s(e.region, "region");
      p.industry = s(e.industry, "industry");
      p.account_manager_id = id(e.account_manager_id, "account_manager_id");
      p.distributor_id = id(e.distributor_id, "distributor_id");
      p.flags = string_list(e.flags, e.flag_count, "flags");
      p.phones = string_list(e.phones, e.phone_count, "phones");
      p.emails = string_list(e.emails, e.email_count, "emails");
      p.has_contact_points = h->struct_size >= kEventAccountSize_1_4;
      return p;
    }
    case KAM_EVENT_ORDER_POSTED: {
      const auto& e = as<kam_event_order>(h, kEventOrderSize_1_0, "kam_event_order");
      check_reserved(e.reserved0, "reserved0");
      core::OrderPosted p;
      p.order_id = id(e.order_id, "order_id");
      p.account_id = id(e.account_id, "account_id");
      p.amount = money(e.amount, "amount");
      p.margin = money(e.margin, "margin");
      p.document_type = e.document_type == 0 ? KAM_DOCUMENT_ORDER : e.document_type;
      return p;
    }
    case KAM_EVENT_ORDER_CANCELLED: {
      const auto& e =
          as<kam_event_order_cancel>(h, kEventOrderCancelSize_1_0, "kam_event_order_cancel");
      return core::OrderCancelled{id(e.order_id, "order_id"),
                                  input_string(e.reason, "reason", StringKind::reason, false)};
    }
    case KAM_EVENT_COMPLAINT: {
      // 1.3 appended response_flags: a 1.2 host's 104-byte struct reads it as 0 (a first response).
      const auto e = read_sized<kam_event_complaint>(h, kEventComplaintSize_1_0, "kam_event_complaint");
      check_reserved(e.reserved0, "reserved0");
      check_known_flags(e.response_flags, kKnownResponseFlags, "response_flags", "KAM_RESPONSE_*: 1, 2, 4");
      core::ComplaintEvent p;
      p.complaint_id = id(e.complaint_id, "complaint_id");
      p.account_id = id(e.account_id, "account_id");
      p.action = e.action;
      p.severity = e.severity;
      p.employee_id = id(e.employee_id, "employee_id");
      p.department = s(e.department, "department");
      p.to_employee_id = id(e.to_employee_id, "to_employee_id");
      p.to_department = s(e.to_department, "to_department");
      p.channel = s(e.channel, "channel");
      p.category = s(e.category, "category");
      p.text = text(e.text, "text");
      p.response_flags = e.response_flags;
      return p;
    }
    case KAM_EVENT_SERVICE_REQUEST: {
      const auto& e = as<kam_event_service_request>(h, kEventServiceRequestSize_1_0,
                                                    "kam_event_service_request");
      check_reserved(e.reserved0, "reserved0");
      core::ServiceRequestEvent p;
      p.request_id = id(e.request_id, "request_id");
      p.account_id = id(e.account_id, "account_id");
      p.action = e.action;
      p.state = s(e.state, "state");
      p.employee_id = id(e.employee_id, "employee_id");
      p.assignee_id = id(e.assignee_id, "assignee_id");
      p.category = s(e.category, "category");
      p.text = text(e.text, "text");
      return p;
    }
    case KAM_EVENT_VISIT: {
      const auto& e = as<kam_event_visit>(h, kEventVisitSize_1_0, "kam_event_visit");
      check_reserved(e.reserved0, "reserved0");
      core::VisitEvent p;
      p.visit_id = id(e.visit_id, "visit_id");
      p.account_id = id(e.account_id, "account_id");
      p.employee_id = id(e.employee_id, "employee_id");
      p.status = e.status;
      p.planned_for_ms = e.planned_for_ms;
      p.notes = text(e.notes, "notes");
      return p;
    }
    case KAM_EVENT_DISTRIBUTOR_UPSERTED: {
      const auto& e =
          as<kam_event_distributor>(h, kEventDistributorSize_1_0, "kam_event_distributor");
      core::DistributorUpserted p;
      p.distributor_id = id(e.distributor_id, "distributor_id");
      p.name = s(e.name, "name");
      p.tax_id = s(e.tax_id, "tax_id");
      p.level = s(e.level, "level");
      p.territories = string_list(e.territories, e.territory_count, "territories");
      p.industries = string_list(e.industries, e.industry_count, "industries");
      return p;
    }
    case KAM_EVENT_EMPLOYEE_UPSERTED: {  // 1.3
      const auto& e = as<kam_event_employee>(h, kEventEmployeeSize_1_3, "kam_event_employee");
      check_reserved(e.reserved0, "reserved0");
      check_known_flags(e.flags, kKnownEmployeeFlags, "flags", "KAM_EMPLOYEE_*: 1");
      core::EmployeeEvent p;
      p.employee_id = id(e.employee_id, "employee_id");
      p.name = s(e.name, "name");
      p.department = s(e.department, "department");
      p.manager_id = id(e.manager_id, "manager_id");
      p.calendar = s(e.calendar, "calendar");
      p.time_zone = s(e.time_zone, "time_zone");
      p.flags = e.flags;
      return p;
    }
    case KAM_EVENT_CONTACT_UPSERTED: {  // 1.4
      const auto& e = as<kam_event_contact>(h, kEventContactSize_1_4, "kam_event_contact");
      check_reserved(e.reserved0, "reserved0");
      check_known_flags(e.flags, kKnownContactFlags, "flags", "KAM_CONTACT_*: 1");
      core::ContactEvent p;
      p.contact_id = id(e.contact_id, "contact_id");
      p.account_id = id(e.account_id, "account_id");
      p.name = s(e.name, "name");
      p.role = s(e.role, "role");
      p.phones = string_list(e.phones, e.phone_count, "phones");
      p.emails = string_list(e.emails, e.email_count, "emails");
      p.flags = e.flags;
      return p;
    }
    default:
      throw Error(Status::unsupported,
                  "kind " + std::to_string(h->kind) + " is not an event kind this plugin knows");
  }
}

}  // namespace

std::vector<std::string> string_list(const char* const* items, uint32_t count, const char* name) {
  if (count > 0 && items == nullptr)
    throw Error(Status::invalid_argument,
                std::string(name) + " is NULL but its count is " + std::to_string(count));
  if (count > kMaxListItems)
    throw Error(Status::invalid_argument,
                std::string(name) + ": over " + std::to_string(kMaxListItems) + " items");
  std::vector<std::string> out;
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i)
    out.push_back(input_string(items[i], (std::string(name) + "[" + std::to_string(i) + "]").c_str(),
                               StringKind::name, true));
  return out;
}

core::Money money(const kam_money& m, const char* name) {
  check_reserved(m.reserved0, (std::string(name) + ".reserved0").c_str());
  if (m.currency[3] != '\0')
    throw Error(Status::invalid_argument,
                std::string(name) + ".currency is not a NUL-terminated three-letter code");
  return {m.minor_units, std::string(m.currency)};
}

store::BatchItem convert_event(const kam_event_header* header) {
  store::BatchItem item;
  try {
    if (header == nullptr) throw Error(Status::invalid_argument, "the event pointer is NULL");
    if (header->struct_size < kEventHeaderSize_1_0)
      throw Error(Status::invalid_argument,
                  "header.struct_size " + std::to_string(header->struct_size) +
                      " is smaller than kam_event_header");
    core::Event event;
    event.event_id = input_string(header->event_id, "event_id", StringKind::id, false);
    event.occurred_at_ms = header->occurred_at_ms;
    event.payload = payload(header);
    if (auto problem = core::validate_event(event))
      throw Error(Status::invalid_argument, *problem);
    item.event = std::move(event);
  } catch (const Error& e) {
    item.event.reset();
    item.early_rejection = {store::Outcome::rejected, e.status(), e.what()};
  }
  return item;
}

}  // namespace kam::abi
