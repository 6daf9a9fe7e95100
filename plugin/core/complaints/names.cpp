// names.cpp - the names of actions and ledger entry kinds, as logs, JSON and the database use them,
// and the step a complaint event stands for.
#include "core/complaints/ledger.hpp"
#include "core/complaints/step.hpp"

namespace kam::core::complaints {

std::string_view action_name(Action action) {
  switch (action) {
    case Action::opened: return "opened";
    case Action::handed_off: return "handed_off";
    case Action::responded: return "responded";
    case Action::resolved: return "resolved";
    case Action::closed: return "closed";
    case Action::reopened: return "reopened";
    case Action::commented: return "commented";
    case Action::waiting_on_customer: return "waiting_on_customer";
    case Action::customer_replied: return "customer_replied";
    case Action::priority_changed: return "priority_changed";
  }
  return "unknown";
}

std::string_view entry_kind_name(EntryKind kind) {
  switch (kind) {
    case EntryKind::received: return "received";
    case EntryKind::first_response: return "first_response";
    case EntryKind::responded: return "responded";
    case EntryKind::paused: return "paused";
    case EntryKind::resumed: return "resumed";
    case EntryKind::handed_off: return "handed_off";
    case EntryKind::resolved: return "resolved";
    case EntryKind::reopened: return "reopened";
    case EntryKind::closed: return "closed";
    case EntryKind::commented: return "commented";
    case EntryKind::priority_changed: return "priority_changed";
    case EntryKind::target_set: return "target_set";
    case EntryKind::calendar_changed: return "calendar_changed";
  }
  return "unknown";
}

Step step_of(const ComplaintEvent& event, int64_t at_ms, std::string tier) {
  Step s;
  s.complaint_id = event.complaint_id;
  s.at_ms = at_ms;
  s.action = static_cast<Action>(event.action);
  s.employee_id = event.employee_id;
  s.department = event.department;
  s.to_employee_id = event.to_employee_id;
  s.to_department = event.to_department;
  s.priority = event.severity;
  s.account_id = event.account_id;
  s.tier = std::move(tier);
  s.outbound = (event.response_flags & kResponseInbound) == 0;
  s.by_person = (event.response_flags & kResponseAutomatic) == 0;
  s.customer_visible = (event.response_flags & kResponseInternal) == 0;
  return s;
}

}  // namespace kam::core::complaints
