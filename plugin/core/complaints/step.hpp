// step.hpp - one step in a complaint's life, as the complaint core takes it: a plain value filled
// from a KAM_EVENT_COMPLAINT event (core::ComplaintEvent, step_of below) plus the account's tier.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/events.hpp"

namespace kam::core::complaints {

// The step's action is the event's: KAM_COMPLAINT_* (core/events.hpp names them once).
using Action = ComplaintAction;

std::string_view action_name(Action action);  // "handed_off"

// Priorities 1 (low) .. 4 (critical); 0 = unspecified (matches only targets without a priority).
inline constexpr int32_t kMaxPriority = 4;

struct Step {
  std::string complaint_id;
  int64_t at_ms = 0;  // when it happened (the event's occurred_at_ms)
  Action action = Action::opened;
  std::string employee_id;  // who acted; OPENED: the first owner
  std::string department;   // OPENED: the first owner's department
  std::string to_employee_id, to_department;  // HANDED_OFF
  int32_t priority = 0;                        // OPENED, PRIORITY_CHANGED
  std::string account_id, tier;                // OPENED: the account and its tier at that instant
  // RESPONDED: only an outbound, human, customer-visible response is a first response; an inbound
  // message, an internal note or an automatic acknowledgement is recorded but stops no clock.
  bool outbound = true, by_person = true, customer_visible = true;
};

// The step a complaint event stands for, at the event's instant; `tier` is the account's current
// tier (used by OPENED). response_flags map onto the three response facts (no bit: all true).
Step step_of(const ComplaintEvent& event, int64_t at_ms, std::string tier);

}  // namespace kam::core::complaints
