// plan.hpp - visit plan arithmetic (docs/visits.md), pure: an account's due date from its last
// completed visit (or, never visited, the instant its plan began) plus its tier's cadence, counted in
// local days of the business time zone; when "due" and "overdue" are reached; and what the plan
// check must do at an instant (which level to raise, when to look again).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time/calendar.hpp"

namespace kam::core::visits {

// The settings of the visits section that the arithmetic needs.
struct PlanRules {
  int32_t due_ahead_days = 7;  // "due" from this many local days before the due date
  int32_t grace_days = 0;      // "overdue" once the due date plus these days has passed
};

// What is stored per account (visit_plans): the cadence of its tier (0: no plan), its last completed
// visit, and the anchor used while it has none.
struct PlanInput {
  int32_t cadence_days = 0;
  int64_t anchor_ms = 0;
  std::optional<int64_t> last_visit_ms;
};

// The alert levels of a due date, and its outcome once a visit moved the plan on (met: completed
// before it was overdue; late: after).
enum class Level : int32_t { none = 0, due = 1, overdue = 2, met = 3, late = 4 };
const char* level_name(Level level);  // "none" | "due" | "overdue" | "met" | "late"

struct Plan {
  time::LocalDate due_date;    // the local date the next visit is due on
  int64_t due_ms = 0;          // its first instant (local midnight)
  int64_t due_from_ms = 0;     // "due" is reached: due_ahead_days local days before
  int64_t overdue_from_ms = 0; // "overdue" is reached: the start of the day after due date + grace
};

// Nothing when the plan has no cadence (the tier has no visit_cadence_days).
std::optional<Plan> plan_of(const PlanInput& input, const PlanRules& rules, const time::BusinessCalendar& calendar);

// The level reached at now_ms.
Level level_at(const Plan& plan, int64_t now_ms);

// When the check must look at the plan again after now_ms: the next level's instant, or nothing
// once it is overdue (until a visit or a tier change moves the plan).
std::optional<int64_t> next_check_ms(const Plan& plan, int64_t now_ms);

// The outcome of a due date that a visit completed at visit_ms moved on from.
Level outcome_of(const Plan& plan, int64_t visit_ms);

// The notification key of one level of one due date: VISIT/<account>/<due_date>/<level>.
std::string alert_key(const std::string& account_id, const Plan& plan, Level level);

}  // namespace kam::core::visits
