// validate.hpp - the checks a workflow must pass at load (docs/service.md): every transition names
// known states, every role a transition names is defined by an access rule, every state is
// reachable from the initial one, a state with no way out is final, a final state has no deadline,
// and on_deadline steps need a deadline. Issues point at what they are about, so the config
// reader reports each at its node's line:column.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "core/service/workflow.hpp"

namespace kam::core::service {

struct WorkflowIssue {
  enum class At { initial, state, transition_from, transition_to, transition_role };
  At at = At::state;
  std::string state;           // At::state: the state's name
  std::size_t transition = 0;  // At::transition_*: the transition's index
  std::size_t item = 0;        // the index in its from / roles list
  std::string message;
};

// `roles`: the role names the access section defines.
std::vector<WorkflowIssue> validate_workflow(const Workflow& workflow, const std::set<std::string>& roles);

}  // namespace kam::core::service
