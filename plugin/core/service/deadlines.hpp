// deadlines.hpp - what a request's stay in one state brings due, as instants computed once when the
// state is entered (docs/service.md, deadlines): the state's deadline (business time on the
// workflow's calendar), each on_deadline step's instant (a warning at a fraction of it, an
// escalation at it or business time after it) and each auto transition out of the state. The store
// keeps the deadline and the next due instant on the request's current row, so the tick and the
// queue read an index and never a ledger.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/service/workflow.hpp"
#include "core/time/work_calendar.hpp"

namespace kam::core::service {

struct DueStep {
  enum class Kind { warning, escalation, auto_transition };
  Kind kind = Kind::warning;
  std::size_t index = 0;  // on_deadline index; auto transitions: on_deadline.size() + transition index
  int64_t due_ms = 0;
  std::string to_state;                // auto_transition: where it goes
  const DeadlineStep* step = nullptr;  // warning and escalation
};

// The state's deadline when entered at `entered_ms`; none without one (or past the calendar's years).
std::optional<int64_t> deadline_of(const State& state, const time::WorkCalendar& calendar, int64_t entered_ms);

// Every step of `state` entered at `entered_ms`, by instant (then index). Steps past the calendar's
// years are left out (never due).
std::vector<DueStep> state_steps(const Workflow& workflow, const State& state, const time::WorkCalendar& calendar,
                                 int64_t entered_ms);

// The earliest instant of `steps` after `after_ms`, if any.
std::optional<int64_t> next_due(const std::vector<DueStep>& steps, int64_t after_ms);

// "REQ/e7/2": the notification key of step `index` of the state entry at ledger seq `entry_seq`.
std::string step_key(const std::string& request_id, int32_t entry_seq, std::size_t index);

// Why `employee` (holding `roles`) may not move a request of `workflow` from `from` to `to`, or
// nothing when the workflow allows it.
std::optional<std::string> refused_transition(const Workflow& workflow, const std::string& from, const std::string& to,
                                              const std::vector<std::string>& roles);

}  // namespace kam::core::service
