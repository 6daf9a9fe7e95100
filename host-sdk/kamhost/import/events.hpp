// events.hpp - the kam.h event structs as the import formats fill them: one union for any kind, and
// the names the files use for kinds, document types and actions (docs/import.md), one table each.
#pragma once

#include <kam/kam.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kamhost::import {

// Any event struct of kam.h; header.kind says which member is set.
union AnyEvent {
  kam_event_header header;
  kam_event_account account;
  kam_event_order order;
  kam_event_order_cancel order_cancel;
  kam_event_complaint complaint;
  kam_event_service_request service_request;
  kam_event_visit visit;
  kam_event_distributor distributor;
  kam_event_employee employee;
  kam_event_contact contact;  // 1.4
};

// A name in a file and the kam.h value it stands for.
struct Named {
  const char* name;
  int32_t value;
};

inline constexpr Named kKinds[] = {{"account_upserted", KAM_EVENT_ACCOUNT_UPSERTED},
                            {"order_posted", KAM_EVENT_ORDER_POSTED},
                            {"order_cancelled", KAM_EVENT_ORDER_CANCELLED},
                            {"complaint", KAM_EVENT_COMPLAINT},
                            {"service_request", KAM_EVENT_SERVICE_REQUEST},
                            {"visit", KAM_EVENT_VISIT},
                            {"distributor_upserted", KAM_EVENT_DISTRIBUTOR_UPSERTED},
                            {"employee_upserted", KAM_EVENT_EMPLOYEE_UPSERTED},
                            {"contact_upserted", KAM_EVENT_CONTACT_UPSERTED},
                            {"contact", KAM_EVENT_CONTACT_UPSERTED}};
inline constexpr Named kDocumentTypes[] = {
    {"order", KAM_DOCUMENT_ORDER}, {"invoice", KAM_DOCUMENT_INVOICE}, {"credit_note", KAM_DOCUMENT_CREDIT_NOTE}};
inline constexpr Named kComplaintActions[] = {
    {"opened", KAM_COMPLAINT_OPENED},     {"handed_off", KAM_COMPLAINT_HANDED_OFF},
    {"responded", KAM_COMPLAINT_RESPONDED}, {"resolved", KAM_COMPLAINT_RESOLVED},
    {"closed", KAM_COMPLAINT_CLOSED},     {"reopened", KAM_COMPLAINT_REOPENED},
    {"commented", KAM_COMPLAINT_COMMENTED}, {"waiting_on_customer", KAM_COMPLAINT_WAITING_ON_CUSTOMER},
    {"customer_replied", KAM_COMPLAINT_CUSTOMER_REPLIED}, {"priority_changed", KAM_COMPLAINT_PRIORITY_CHANGED}};
// A complaint's priority (kam_event_complaint.severity) by the config's names, or as 0..4.
inline constexpr Named kPriorities[] = {{"low", 1}, {"normal", 2}, {"high", 3}, {"critical", 4}};
// The bits of kam_event_complaint.response_flags (none: a first response) and kam_event_employee.flags.
inline constexpr Named kResponseFlags[] = {
    {"inbound", KAM_RESPONSE_INBOUND}, {"automatic", KAM_RESPONSE_AUTOMATIC}, {"internal", KAM_RESPONSE_INTERNAL}};
inline constexpr Named kEmployeeFlags[] = {{"inactive", KAM_EMPLOYEE_INACTIVE}};
inline constexpr Named kContactFlags[] = {{"removed", KAM_CONTACT_REMOVED}};
inline constexpr Named kServiceActions[] = {{"opened", KAM_SERVICE_OPENED},
                                     {"assigned", KAM_SERVICE_ASSIGNED},
                                     {"state_changed", KAM_SERVICE_STATE_CHANGED},
                                     {"closed", KAM_SERVICE_CLOSED},
                                     {"commented", KAM_SERVICE_COMMENTED}};
inline constexpr Named kVisitStatuses[] = {
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

// One table lookup per enumeration (nullopt for an unknown name).
inline std::optional<kam_event_kind> event_kind_from_name(std::string_view name) {
  if (auto v = lookup(kKinds, name)) return static_cast<kam_event_kind>(*v);
  return std::nullopt;
}
inline std::optional<kam_document_type> document_type_from_name(std::string_view name) {
  if (auto v = lookup(kDocumentTypes, name)) return static_cast<kam_document_type>(*v);
  return std::nullopt;
}
inline std::optional<kam_complaint_action> complaint_action_from_name(std::string_view name) {
  if (auto v = lookup(kComplaintActions, name)) return static_cast<kam_complaint_action>(*v);
  return std::nullopt;
}
inline std::optional<kam_service_action> service_action_from_name(std::string_view name) {
  if (auto v = lookup(kServiceActions, name)) return static_cast<kam_service_action>(*v);
  return std::nullopt;
}
inline std::optional<kam_visit_status> visit_status_from_name(std::string_view name) {
  if (auto v = lookup(kVisitStatuses, name)) return static_cast<kam_visit_status>(*v);
  return std::nullopt;
}

}  // namespace kamhost::import
