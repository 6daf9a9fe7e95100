// targets.cpp - target validation and matching; see targets.hpp for the precedence.
#include "core/complaints/targets.hpp"

#include <algorithm>

#include "core/complaints/step.hpp"
#include "core/error.hpp"

namespace kam::core::complaints {
namespace {

std::string path_of(std::size_t i) { return "targets[" + std::to_string(i) + "]"; }

std::string describe(const Target& t) {
  return "tier " + (t.tier.empty() ? std::string("any") : "'" + t.tier + "'") + ", priority " +
         (t.priority == 0 ? std::string("any") : std::to_string(t.priority));
}

bool applies(const Target& t, const std::string& tier, int32_t priority) {
  return (t.tier.empty() || t.tier == tier) && (t.priority == 0 || t.priority == priority);
}

int specificity(const Target& t) { return (t.tier.empty() ? 0 : 1) + (t.priority == 0 ? 0 : 1); }

// Indexes of the most specific targets that apply (more than one: a tie).
std::vector<std::size_t> best(const std::vector<Target>& targets, const std::string& tier, int32_t priority) {
  std::vector<std::size_t> out;
  int top = -1;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!applies(targets[i], tier, priority)) continue;
    const int s = specificity(targets[i]);
    if (s > top) out.clear(), top = s;
    if (s == top) out.push_back(i);
  }
  return out;
}

}  // namespace

std::vector<TargetIssue> validate_targets(const std::vector<Target>& targets, const std::vector<std::string>& tiers) {
  std::vector<TargetIssue> issues;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    const std::string path = path_of(i);
    if (t.priority < 0 || t.priority > kMaxPriority)
      issues.push_back({path, "priority " + std::to_string(t.priority) + " is not 0 (any) or 1..4"});
    if (!t.tier.empty() && std::find(tiers.begin(), tiers.end(), t.tier) == tiers.end())
      issues.push_back({path, "unknown tier '" + t.tier + "'"});
    if (t.calendar.empty()) issues.push_back({path, "no calendar: name the calendar the minutes run on"});
    if (t.first_response_minutes < 0 || t.resolution_minutes < 0)
      issues.push_back({path, "minutes must not be negative"});
    for (std::size_t w = 0; w < t.warning_bp.size(); ++w) {
      if (t.warning_bp[w] <= 0 || t.warning_bp[w] >= 10000)
        issues.push_back(
            {path + ".warnings[" + std::to_string(w) + "]", "a warning is a fraction between 0% and 100%"});
      else if (w > 0 && t.warning_bp[w] <= t.warning_bp[w - 1])
        issues.push_back({path + ".warnings[" + std::to_string(w) + "]", "warnings must be in increasing order"});
    }
    for (std::size_t j = 0; j < i; ++j)
      if (targets[j].tier == t.tier && targets[j].priority == t.priority)
        issues.push_back({path, describe(t) + " is already given at " + path_of(j)});
  }
  // A tie can only happen between a tier-only and a priority-only target (equal specificity 1):
  // for that tier at that priority, both apply unless a target names both.
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].tier.empty() || targets[i].priority != 0) continue;
    for (std::size_t j = 0; j < targets.size(); ++j) {
      if (!targets[j].tier.empty() || targets[j].priority == 0) continue;
      if (best(targets, targets[i].tier, targets[j].priority).size() > 1)
        issues.push_back({path_of(i), describe(targets[i]) + " and " + path_of(j) + " (" + describe(targets[j]) +
                                          ") tie for tier '" + targets[i].tier + "' at priority " +
                                          std::to_string(targets[j].priority) + ": add a target naming both"});
    }
  }
  return issues;
}

std::optional<Target> match_target(const std::vector<Target>& targets, const std::string& tier, int32_t priority) {
  const std::vector<std::size_t> found = best(targets, tier, priority);
  if (found.empty()) return std::nullopt;
  if (found.size() > 1)
    throw Error(Status::config, "complaint targets: " + path_of(found[0]) + " and " + path_of(found[1]) +
                                    " tie for tier '" + tier + "' at priority " + std::to_string(priority));
  return targets[found[0]];
}

}  // namespace kam::core::complaints
