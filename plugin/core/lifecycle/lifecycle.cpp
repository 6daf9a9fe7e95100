// lifecycle.cpp - the rules of lifecycle.hpp.
#include "core/lifecycle/lifecycle.hpp"

namespace kam::core::lifecycle {

const char* complaint_status_name(ComplaintStatus status) {
  switch (status) {
    case ComplaintStatus::open: return "open";
    case ComplaintStatus::resolved: return "resolved";
    case ComplaintStatus::closed: return "closed";
  }
  return "open";
}

ComplaintChange complaint_change(ComplaintAction action) {
  ComplaintChange c;
  switch (action) {
    case ComplaintAction::handed_off:
      c.handed_off = true;
      break;
    case ComplaintAction::responded:
      c.responded = true;
      break;
    case ComplaintAction::resolved:
      c.status = ComplaintStatus::resolved;
      c.resolved_at = TimeChange::set_to_step;
      break;
    case ComplaintAction::closed:
      c.status = ComplaintStatus::closed;
      c.closed_at = TimeChange::set_to_step;
      break;
    case ComplaintAction::reopened:
      c.status = ComplaintStatus::open;
      c.reopened = true;
      c.resolved_at = TimeChange::clear;
      c.closed_at = TimeChange::clear;
      break;
    case ComplaintAction::opened:     // not a change: the complaint is created
    case ComplaintAction::commented:  // only the last event
    case ComplaintAction::waiting_on_customer:  // 1.3 steps: kept as events, no column of their own
    case ComplaintAction::customer_replied:
    case ComplaintAction::priority_changed:
      break;
  }
  return c;
}

std::string opened_service_state(const std::string& given) { return given.empty() ? "open" : given; }

ServiceChange service_change(ServiceAction action, const std::string& given_state) {
  ServiceChange c;
  switch (action) {
    case ServiceAction::assigned:
      c.assigned = true;
      break;
    case ServiceAction::state_changed:
      c.state = given_state;
      c.closed_at = TimeChange::clear;
      break;
    case ServiceAction::closed:
      c.state = "closed";
      c.closed_at = TimeChange::set_to_step;
      break;
    case ServiceAction::opened:     // not a change: the request is created
    case ServiceAction::commented:  // only the last event
      break;
  }
  return c;
}

VisitChange visit_change(VisitStatus status, int64_t planned_for_ms, int64_t at_ms) {
  VisitChange c;
  switch (status) {
    case VisitStatus::planned:
      if (planned_for_ms > 0) c.planned_for_ms = planned_for_ms;
      break;
    case VisitStatus::completed:
      c.completed_at_ms = at_ms;
      break;
    case VisitStatus::cancelled:
      c.cancelled_at_ms = at_ms;
      break;
  }
  return c;
}

}  // namespace kam::core::lifecycle
