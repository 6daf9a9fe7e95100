// escalation.cpp - which escalation steps are due; see escalation.hpp.
#include "core/complaints/escalation.hpp"

#include <algorithm>

namespace kam::core::complaints {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

void add_manager(Recipients& out, const OrgFacts& org, const std::string& employee, const char* whose) {
  const auto found = org.find(employee);
  if (found == org.end() || found->second.manager_id.empty())
    out.unresolved.push_back(std::string(whose) + " manager: no manager on record for employee '" + employee + "'");
  else
    add_unique(out.employees, found->second.manager_id);
}

}  // namespace

Recipients resolve_recipients(const std::vector<Recipient>& to, const std::string& owner, const std::string& assignee,
                              const OrgFacts& org) {
  Recipients out;
  for (const Recipient& r : to) {
    switch (r.kind) {
      case RecipientKind::owner: add_unique(out.employees, owner); break;
      case RecipientKind::assignee: add_unique(out.employees, assignee); break;
      case RecipientKind::owner_manager: add_manager(out, org, owner, "owner's"); break;
      case RecipientKind::assignee_manager: add_manager(out, org, assignee, "assignee's"); break;
      case RecipientKind::role: add_unique(out.roles, r.role); break;
    }
  }
  return out;
}

std::string escalation_key(const std::string& complaint_id, ClockKind clock, std::size_t step, int32_t generation) {
  return complaint_id + "/" + std::string(clock_name(clock)) + "/" + std::to_string(step) + "/g" +
         std::to_string(generation);
}

std::vector<Escalation> due_escalations(const std::string& complaint_id, const ComplaintState& state,
                                        const std::vector<Clock>& clocks, const EscalationChain& chain,
                                        const OrgFacts& org, int64_t now_ms) {
  std::vector<Escalation> due;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const EscalationStep& step = chain[i];
    const auto clock =
        std::find_if(clocks.begin(), clocks.end(), [&](const Clock& c) { return c.kind() == step.clock; });
    if (clock == clocks.end()) continue;
    const std::optional<int64_t> since = clock->active_since(now_ms);
    if (!since) continue;
    const std::optional<Reached> at = clock->reached(step.at_bp, step.after_minutes * 60000);
    if (!at || at->at_ms > now_ms || at->at_ms < *since) continue;
    Escalation e;
    e.key = escalation_key(complaint_id, step.clock, i, at->generation);
    e.complaint_id = complaint_id;
    e.clock = step.clock;
    e.step = i;
    e.generation = at->generation;
    e.kind = step.at_bp >= 10000 ? NotifyKind::breach : NotifyKind::warning;
    e.due_at_ms = at->at_ms;
    Recipients to = resolve_recipients(step.to, state.first_owner, state.assignee, org);
    e.employees = std::move(to.employees);
    e.roles = std::move(to.roles);
    e.unresolved = std::move(to.unresolved);
    due.push_back(std::move(e));
  }
  return due;
}

}  // namespace kam::core::complaints
