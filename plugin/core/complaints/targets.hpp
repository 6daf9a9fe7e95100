// targets.hpp - SLA targets per tier x priority (first response and resolution, business minutes on
// a named calendar) and the fixed matching precedence: a target naming both the tier and the
// priority beats one naming only one of them, which beats the default (neither). Two targets that
// could both be the best match for some complaint are a configuration error, reported as data, and
// never resolved by the order of the list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kam::core::complaints {

struct Target {
  std::string tier;      // empty: any tier
  int32_t priority = 0;  // 0: any priority
  std::string calendar;  // the calendar's name (required)
  int64_t first_response_minutes = 0, resolution_minutes = 0;  // 0: no such clock
  std::vector<int32_t> warning_bp = {7500};  // warnings at these fractions (basis points, < 10000)
};

// One problem in a target list: `path` names the entry as the YAML will ("targets[2]").
struct TargetIssue {
  std::string path;
  std::string message;
  friend bool operator==(const TargetIssue&, const TargetIssue&) = default;
};

// Every problem: a priority outside 0..4, no calendar, negative minutes, a warning fraction outside
// (0, 10000) or out of order, two targets with the same tier and priority, and a tier-only target
// and a priority-only target that would tie for that tier at that priority without a target naming
// both (`tiers` lists the configured tier names to check against; an unknown tier is an issue too).
std::vector<TargetIssue> validate_targets(const std::vector<Target>& targets, const std::vector<std::string>& tiers);

// The best target for a tier and priority by the precedence above; nothing when none applies.
// Throws kam::Error(Status::config) on a tie (validate_targets reports those at load).
std::optional<Target> match_target(const std::vector<Target>& targets, const std::string& tier, int32_t priority);

}  // namespace kam::core::complaints
