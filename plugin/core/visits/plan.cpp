// plan.cpp - visit plan arithmetic; see plan.hpp.
#include "core/visits/plan.hpp"

namespace kam::core::visits {

const char* level_name(Level level) {
  switch (level) {
    case Level::due: return "due";
    case Level::overdue: return "overdue";
    case Level::met: return "met";
    case Level::late: return "late";
    case Level::none: break;
  }
  return "none";
}

std::optional<Plan> plan_of(const PlanInput& input, const PlanRules& rules, const time::BusinessCalendar& calendar) {
  if (input.cadence_days <= 0) return std::nullopt;
  const int64_t from = input.last_visit_ms.value_or(input.anchor_ms);
  const auto day = [](int32_t days) { return time::LocalDate{days}; };
  Plan p;
  p.due_date = day(calendar.local_date(from).days_since_epoch + input.cadence_days);
  p.due_ms = calendar.start_of_day_ms(p.due_date);
  p.due_from_ms = calendar.start_of_day_ms(day(p.due_date.days_since_epoch - rules.due_ahead_days));
  p.overdue_from_ms = calendar.start_of_day_ms(day(p.due_date.days_since_epoch + rules.grace_days + 1));
  return p;
}

Level level_at(const Plan& plan, int64_t now_ms) {
  if (now_ms >= plan.overdue_from_ms) return Level::overdue;
  if (now_ms >= plan.due_from_ms) return Level::due;
  return Level::none;
}

std::optional<int64_t> next_check_ms(const Plan& plan, int64_t now_ms) {
  const Level level = level_at(plan, now_ms);
  if (level == Level::none) return plan.due_from_ms;
  if (level == Level::due) return plan.overdue_from_ms;
  return std::nullopt;
}

Level outcome_of(const Plan& plan, int64_t visit_ms) {
  return visit_ms < plan.overdue_from_ms ? Level::met : Level::late;
}

std::string alert_key(const std::string& account_id, const Plan& plan, Level level) {
  return "VISIT/" + account_id + "/" + plan.due_date.to_string() + "/" + level_name(level);
}

}  // namespace kam::core::visits
