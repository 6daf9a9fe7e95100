// validate.cpp - the load-time checks of a workflow; see validate.hpp.
#include "core/service/validate.hpp"

#include <deque>

namespace kam::core::service {
namespace {

std::string known_states(const Workflow& w) {
  std::string out;
  for (const State& s : w.states) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

}  // namespace

std::vector<WorkflowIssue> validate_workflow(const Workflow& w, const std::set<std::string>& roles) {
  using At = WorkflowIssue::At;
  std::vector<WorkflowIssue> issues;
  const std::string states = known_states(w);
  if (!w.state(w.initial))
    issues.push_back({At::initial, "", 0, 0, "unknown state '" + w.initial + "'; states: " + states});
  for (std::size_t t = 0; t < w.transitions.size(); ++t) {
    const Transition& tr = w.transitions[t];
    for (std::size_t i = 0; i < tr.from.size(); ++i)
      if (!w.state(tr.from[i]))
        issues.push_back({At::transition_from, "", t, i,
                          "a transition from an unknown state '" + tr.from[i] + "'; states: " + states});
    if (!w.state(tr.to))
      issues.push_back(
          {At::transition_to, "", t, 0, "a transition to an unknown state '" + tr.to + "'; states: " + states});
    for (std::size_t i = 0; i < tr.roles.size(); ++i)
      if (!roles.count(tr.roles[i]))
        issues.push_back(
            {At::transition_role, "", t, i, "role '" + tr.roles[i] + "' is defined by no access rule (access.roles)"});
  }
  // Reachable from the initial state through the transitions.
  std::set<std::string> reached;
  std::deque<std::string> next;
  if (w.state(w.initial)) next.push_back(w.initial);
  while (!next.empty()) {
    const std::string s = next.front();
    next.pop_front();
    if (!reached.insert(s).second) continue;
    for (const Transition& tr : w.transitions)
      for (const std::string& from : tr.from)
        if (from == s && w.state(tr.to)) next.push_back(tr.to);
  }
  for (const State& s : w.states) {
    bool way_out = false;
    for (const Transition& tr : w.transitions)
      for (const std::string& from : tr.from) way_out = way_out || (from == s.name && w.state(tr.to));
    if (w.state(w.initial) && !reached.count(s.name))
      issues.push_back({At::state, s.name, 0, 0,
                        "state '" + s.name + "' is unreachable from the initial state '" + w.initial + "'"});
    if (!s.final && !way_out)
      issues.push_back({At::state, s.name, 0, 0,
                        "state '" + s.name +
                            "' has no way out and is not final (add a transition from it, "
                            "or final: true)"});
    if (s.final && s.deadline_minutes)
      issues.push_back(
          {At::state, s.name, 0, 0, "final state '" + s.name + "' has a deadline; a done request has none"});
    if (!s.deadline_minutes && !s.on_deadline.empty())
      issues.push_back({At::state, s.name, 0, 0, "state '" + s.name + "' has on_deadline steps but no deadline"});
  }
  return issues;
}

}  // namespace kam::core::service
