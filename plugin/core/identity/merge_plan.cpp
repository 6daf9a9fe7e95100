// merge_plan.cpp - plan_merge: the merge rules of merge_plan.hpp.
#include "core/identity/merge_plan.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"

namespace kam::core::identity {

MergePlan plan_merge(const std::string& golden, const std::vector<std::string>& accounts,
                     const std::map<std::string, MergeState>& state) {
  if (accounts.empty()) throw Error(Status::invalid_argument, "merge into '" + golden + "': no accounts to merge");
  const auto golden_state = state.find(golden);
  if (golden_state == state.end()) throw Error(Status::not_found, "merge: golden account '" + golden + "' is unknown");
  if (!golden_state->second.merged_into.empty())
    throw Error(Status::conflict, "merge: golden account '" + golden + "' is itself merged into '" +
                                      golden_state->second.merged_into + "'; merge into '" +
                                      golden_state->second.merged_into + "' or unmerge '" + golden + "' first");
  MergePlan plan;
  const std::set<std::string> listed(accounts.begin(), accounts.end());
  std::set<std::string> seen;
  for (const std::string& id : accounts) {
    if (!seen.insert(id).second) continue;
    if (id == golden)
      throw Error(Status::invalid_argument, "merge into '" + golden + "': the golden account is among the accounts");
    const auto s = state.find(id);
    if (s == state.end())
      throw Error(Status::not_found, "merge into '" + golden + "': account '" + id + "' is unknown");
    if (s->second.merged_into == golden) {
      plan.already.push_back(id);
      continue;
    }
    if (listed.count(s->second.merged_into) != 0) continue;  // re-pointed with its golden account
    if (!s->second.merged_into.empty())
      throw Error(Status::conflict, "merge into '" + golden + "': account '" + id + "' is already merged into '" +
                                        s->second.merged_into + "'; unmerge it first");
    plan.merged.push_back(id);
    for (const std::string& member : s->second.members) plan.repointed.push_back(member);
  }
  std::sort(plan.repointed.begin(), plan.repointed.end());
  return plan;
}

}  // namespace kam::core::identity
