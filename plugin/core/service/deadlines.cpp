// deadlines.cpp - state steps, their instants and the transition check; see deadlines.hpp.
#include "core/service/deadlines.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace kam::core::service {
namespace {

std::optional<int64_t> add_minutes(const time::WorkCalendar& calendar, int64_t from_ms, int64_t minutes) {
  try {
    return calendar.add_minutes(from_ms, minutes);
  } catch (const Error&) {
    return std::nullopt;  // past the calendar's years: never
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::optional<int64_t> deadline_of(const State& state, const time::WorkCalendar& calendar, int64_t entered_ms) {
  if (!state.deadline_minutes) return std::nullopt;
  return add_minutes(calendar, entered_ms, *state.deadline_minutes);
}

std::vector<DueStep> state_steps(const Workflow& workflow, const State& state, const time::WorkCalendar& calendar,
                                 int64_t entered_ms) {
  std::vector<DueStep> steps;
  for (std::size_t i = 0; i < state.on_deadline.size() && state.deadline_minutes; ++i) {
    const DeadlineStep& s = state.on_deadline[i];
    // A warning at 75% of 1h is 45 business minutes in; an escalation "after 2h" is deadline + 2h.
    const int64_t business_ms = s.kind == StepKind::warning ? *state.deadline_minutes * 60000 * s.at_bp / 10000
                                                            : (*state.deadline_minutes + s.after_minutes) * 60000;
    std::optional<int64_t> at;
    try {
      at = calendar.add_ms(entered_ms, business_ms);
    } catch (const Error&) {
    }
    if (at)
      steps.push_back(
          {s.kind == StepKind::warning ? DueStep::Kind::warning : DueStep::Kind::escalation, i, *at, "", &s});
  }
  for (std::size_t t = 0; t < workflow.transitions.size(); ++t) {
    const Transition& tr = workflow.transitions[t];
    if (!tr.auto_after_minutes || std::find(tr.from.begin(), tr.from.end(), state.name) == tr.from.end()) continue;
    if (const auto at = add_minutes(calendar, entered_ms, *tr.auto_after_minutes))
      steps.push_back({DueStep::Kind::auto_transition, state.on_deadline.size() + t, *at, tr.to, nullptr});
  }
  std::stable_sort(steps.begin(), steps.end(), [](const DueStep& a, const DueStep& b) {
    return a.due_ms != b.due_ms ? a.due_ms < b.due_ms : a.index < b.index;
  });
  return steps;
}

std::optional<int64_t> next_due(const std::vector<DueStep>& steps, int64_t after_ms) {
  for (const DueStep& s : steps)
    if (s.due_ms > after_ms) return s.due_ms;
  return std::nullopt;
}

std::string step_key(const std::string& request_id, int32_t entry_seq, std::size_t index) {
  return request_id + "/e" + std::to_string(entry_seq) + "/" + std::to_string(index);
}

std::optional<std::string> refused_transition(const Workflow& workflow, const std::string& from, const std::string& to,
                                              const std::vector<std::string>& roles) {
  if (!workflow.state(to)) return "workflow '" + workflow.name + "' has no state '" + to + "'";
  const Transition* tr = workflow.transition(from, to);
  if (!tr) {
    std::vector<std::string> allowed;
    for (const Transition& t : workflow.transitions)
      if (std::find(t.from.begin(), t.from.end(), from) != t.from.end()) allowed.push_back(t.to);
    return "workflow '" + workflow.name + "' has no transition " + from + " -> " + to +
           (allowed.empty() ? std::string(" (none leaves '" + from + "')")
                            : " (from '" + from + "': " + joined(allowed) + ")");
  }
  if (tr->roles.empty()) return std::nullopt;
  for (const std::string& r : roles)
    if (std::find(tr->roles.begin(), tr->roles.end(), r) != tr->roles.end()) return std::nullopt;
  return "the transition " + from + " -> " + to + " needs one of the roles " + joined(tr->roles) +
         "; the employee holds " + (roles.empty() ? std::string("none") : joined(roles));
}

}  // namespace kam::core::service
