// complaint_util.hpp - helpers shared by the complaint core tests: steps written in one line, a
// complaint driven through apply_step with its ledger, and an SLA setup on China's 2026 calendar
// (china_2026() from the calendar tests) with 4 business hours to first response and 3 business
// days (24 h) to resolution.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/complaints/escalation.hpp"
#include "core/complaints/record.hpp"
#include "time/work_calendar_util.hpp"

namespace kam::core::complaints::test {

using time::test::at;
using time::test::kHourMs;
using time::test::kMinuteMs;

// Shanghai wall-clock time in 2026 (UTC+8 all year).
inline int64_t cst(unsigned month, unsigned day, int hour, int minute = 0) {
  return at(2026, month, day, hour, minute, 8);
}

inline Step step(Action action, int64_t at_ms, std::string employee = "e-ann") {
  Step s;
  s.complaint_id = "C-1";
  s.action = action;
  s.at_ms = at_ms;
  s.employee_id = std::move(employee);
  return s;
}

inline Step opened(int64_t at_ms, std::string employee = "e-ann", std::string department = "sales",
                   std::string tier = "gold", int32_t priority = 2) {
  Step s = step(Action::opened, at_ms, std::move(employee));
  s.department = std::move(department);
  s.tier = std::move(tier);
  s.priority = priority;
  s.account_id = "A-1";
  return s;
}

inline Step handed_off(int64_t at_ms, std::string to, std::string to_department, std::string by = "e-ann") {
  Step s = step(Action::handed_off, at_ms, std::move(by));
  s.to_employee_id = std::move(to);
  s.to_department = std::move(to_department);
  return s;
}

inline Step responded(int64_t at_ms, std::string by = "e-ann", bool outbound = true, bool by_person = true,
                      bool customer_visible = true) {
  Step s = step(Action::responded, at_ms, std::move(by));
  s.outbound = outbound;
  s.by_person = by_person;
  s.customer_visible = customer_visible;
  return s;
}

inline Step prioritised(int64_t at_ms, int32_t priority) {
  Step s = step(Action::priority_changed, at_ms);
  s.priority = priority;
  return s;
}

inline Target target(std::string tier, int32_t priority, int64_t first_minutes, int64_t resolution_minutes,
                     std::string calendar = "china-2026") {
  Target t;
  t.tier = std::move(tier);
  t.priority = priority;
  t.calendar = std::move(calendar);
  t.first_response_minutes = first_minutes;
  t.resolution_minutes = resolution_minutes;
  return t;
}

// One complaint: its ledger and the calendars its clocks run on.
struct Life {
  SlaSetup setup;
  Calendars calendars;
  Ledger ledger;
  std::string id = "C-1";

  // China 2026, gold: 4 business hours to first response, 24 to resolution, warning at 75%.
  Life() : Life(time::WorkCalendar(time::test::china_2026())) {}
  explicit Life(time::WorkCalendar calendar) {
    setup.targets = {target("gold", 0, 4 * 60, 24 * 60, calendar.definition().name)};
    setup.calendar_keys[calendar.definition().name] = calendar.definition().name + "#1";
    calendars.emplace(calendar.definition().name + "#1", std::move(calendar));
  }

  ComplaintState state() const { return replay(ledger); }
  // Applies a step; returns the rejection reason ("" when accepted).
  std::string apply(Step s) {
    s.complaint_id = id;
    StepOutcome out = apply_step(state(), s, setup);
    if (out.rejected) return *out.rejected;
    ledger.insert(ledger.end(), out.appended.begin(), out.appended.end());
    return "";
  }
  void accept(const Step& s) { ASSERT_EQ(apply(s), "") << action_name(s.action); }
  // A new version of calendar `name`, in force from `at_ms`.
  void change_calendar(int64_t at_ms, time::WorkCalendar calendar, const std::string& key) {
    const std::string name = calendar.definition().name;
    calendars.emplace(key, std::move(calendar));
    setup.calendar_keys[name] = key;
    if (auto e = calendar_change(state(), at_ms, name, key)) ledger.push_back(*e);
  }
  Clock clock(ClockKind kind) const { return Clock(ledger, kind, calendars); }
  ClockStatus status(ClockKind kind, int64_t now_ms) const { return clock(kind).status(now_ms); }
  ComplaintRecord record(int64_t now_ms) const { return derive_record(id, ledger, calendars, now_ms); }
  std::vector<Escalation> due(const EscalationChain& chain, const OrgFacts& org, int64_t now_ms) const {
    return due_escalations(id, state(), {clock(ClockKind::first_response), clock(ClockKind::resolution)}, chain, org,
                           now_ms);
  }
};

}  // namespace kam::core::complaints::test
