// merge_plan.hpp - what merging accounts into a golden account changes, decided from the accounts'
// current merge state (pure: the store reads the state and writes the plan in one transaction).
// Rules (docs/identity.md, "Merging"): the golden account and every account must exist; the golden
// account must not be merged itself and not be among the accounts; an account merged into another
// golden account is refused (unmerge it first); one already merged into this golden account is left
// as it is; an account that is itself golden (a chain) brings its members: they are re-pointed to
// the new golden account, so merges are never more than one level deep.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kam::core::identity {

struct MergeState {
  std::string merged_into;           // its golden account, or empty
  std::vector<std::string> members;  // accounts merged into it
};

struct MergePlan {
  std::vector<std::string> merged;     // new: account -> golden
  std::vector<std::string> already;    // already merged into the golden account
  std::vector<std::string> repointed;  // members of merged golden accounts, now -> golden
};

// `state` holds every existing account among golden and accounts (a missing one is unknown).
// Throws kam::Error: invalid_argument (no accounts, golden among them), not_found (unknown
// account), conflict (golden is merged; an account is merged elsewhere).
MergePlan plan_merge(const std::string& golden, const std::vector<std::string>& accounts,
                     const std::map<std::string, MergeState>& state);

}  // namespace kam::core::identity
