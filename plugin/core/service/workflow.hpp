// workflow.hpp - dedicated service workflows as data (the config's `service:` section,
// docs/service.md): a workflow's named states, each with an optional deadline in business time on
// the workflow's calendar and what happens as it nears and passes it; the allowed transitions and
// the roles that may perform each; and the section's other parts: engineer pools with their routing
// rule, the supervisors who hear of unroutable requests, which workflow each tier follows and which
// roles each employee holds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/complaints/escalation.hpp"

namespace kam::core::service {

// Recipients as complaints name them (core/complaints/escalation.hpp); for a service request the
// "owner" is the account's manager (its dedicated account manager) and the assignee whoever works
// on it now.
using complaints::Recipient;
using complaints::RecipientKind;

enum class StepKind : int32_t { warning = 1, escalation = 2 };

// One entry of a state's on_deadline list: a warning at a fraction of the deadline, or an
// escalation at the deadline (plus business time after it: a chain of escalations).
struct DeadlineStep {
  StepKind kind = StepKind::warning;
  int32_t at_bp = 10000;      // warning: the fraction (< 10000); escalation: 10000
  int64_t after_minutes = 0;  // escalation only: business minutes past the deadline
  std::vector<Recipient> to;
  std::string name;  // "warning 75%", "escalation breach + 2h"
};

struct State {
  std::string name;
  bool final = false;                       // the request is done here (it leaves the queues)
  std::optional<int64_t> deadline_minutes;  // business minutes; none: no clock in this state
  std::vector<DeadlineStep> on_deadline;
};

struct Transition {
  std::vector<std::string> from;
  std::string to;
  std::vector<std::string> roles;             // who may perform it; empty: any employee
  std::optional<int64_t> auto_after_minutes;  // the tick performs it after this much business time
};

struct Workflow {
  std::string name, calendar, initial;
  std::vector<State> states;  // config order
  std::vector<Transition> transitions;

  const State* state(std::string_view name) const;
  // The first transition from `from` to `to`, or null.
  const Transition* transition(std::string_view from, std::string_view to) const;
};

enum class PoolRule : int32_t { least_open = 1, round_robin = 2 };
std::string_view pool_rule_name(PoolRule rule);  // "least_open" | "round_robin"

struct Pool {
  std::string name;
  std::vector<std::string> members;  // employee ids, in the config's order (ties go to the first)
  PoolRule rule = PoolRule::least_open;
  std::string role;  // a role every member holds for transitions (empty: none)
};

struct ServiceConfig {
  int64_t check_every_minutes = 1;
  std::vector<Pool> pools;
  std::string default_pool;            // for tiers whose benefits name no engineer_pool
  std::vector<Recipient> supervisors;  // who hears of unroutable requests
  std::vector<Workflow> workflows;
  std::map<std::string, std::string> by_tier;  // tier -> workflow
  std::string default_workflow;                // by_tier.default
  std::map<std::string, std::vector<std::string>> employee_roles;

  // Without workflows, service requests are kept as events only (as before 1.4).
  bool enabled() const { return !workflows.empty(); }
  const Workflow* workflow(std::string_view name) const;
  const Workflow* workflow_for_tier(std::string_view tier) const;  // by_tier, else the default
  const Pool* pool(std::string_view name) const;
  // The employee's roles: employee_roles, then the role of every pool the employee is a member of.
  std::vector<std::string> roles_of(const std::string& employee_id) const;
};

}  // namespace kam::core::service
