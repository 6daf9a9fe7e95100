// step.hpp - one step in a complaint's life, as the complaint core takes it: a plain value the
// integration fills from a KAM_EVENT_COMPLAINT event (core::ComplaintEvent plus the fields the event
// struct gains for issue 10: priority, pause/resume, and how a response was sent).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kam::core::complaints {

// The first seven equal KAM_COMPLAINT_* in kam.h; the rest are the values the event gains.
enum class Action : int32_t {
  opened = 1,
  handed_off = 2,
  responded = 3,
  resolved = 4,
  closed = 5,
  reopened = 6,
  commented = 7,
  waiting_on_customer = 8,  // the clocks pause (business time)
  customer_replied = 9,     // back from waiting: the clocks run again
  priority_changed = 10,
};

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

}  // namespace kam::core::complaints
