// workflow.cpp - the look-ups of workflow.hpp.
#include "core/service/workflow.hpp"

#include <algorithm>

namespace kam::core::service {

const State* Workflow::state(std::string_view name) const {
  for (const State& s : states)
    if (s.name == name) return &s;
  return nullptr;
}

const Transition* Workflow::transition(std::string_view from, std::string_view to) const {
  for (const Transition& t : transitions)
    if (t.to == to && std::find(t.from.begin(), t.from.end(), from) != t.from.end()) return &t;
  return nullptr;
}

std::string_view pool_rule_name(PoolRule rule) { return rule == PoolRule::round_robin ? "round_robin" : "least_open"; }

const Workflow* ServiceConfig::workflow(std::string_view name) const {
  for (const Workflow& w : workflows)
    if (w.name == name) return &w;
  return nullptr;
}

const Workflow* ServiceConfig::workflow_for_tier(std::string_view tier) const {
  const auto it = by_tier.find(std::string(tier));
  return workflow(it != by_tier.end() ? std::string_view(it->second) : std::string_view(default_workflow));
}

const Pool* ServiceConfig::pool(std::string_view name) const {
  for (const Pool& p : pools)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> ServiceConfig::roles_of(const std::string& employee_id) const {
  std::vector<std::string> roles;
  if (const auto it = employee_roles.find(employee_id); it != employee_roles.end()) roles = it->second;
  for (const Pool& p : pools)
    if (!p.role.empty() && std::find(p.members.begin(), p.members.end(), employee_id) != p.members.end() &&
        std::find(roles.begin(), roles.end(), p.role) == roles.end())
      roles.push_back(p.role);
  return roles;
}

}  // namespace kam::core::service
