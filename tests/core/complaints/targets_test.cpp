// targets_test.cpp - target matching precedence and validation: specific beats default, no blank
// condition silently wins, ties are reported as data.
#include <gtest/gtest.h>

#include "complaints/complaint_util.hpp"
#include "core/error.hpp"

namespace kam::core::complaints {
namespace {

using namespace kam::core::complaints::test;

TEST(ComplaintTargets, TheMostSpecificTargetWins) {
  // The default is listed first: the order of the list never decides.
  const std::vector<Target> targets = {target("", 0, 480, 4800), target("gold", 0, 240, 2400),
                                       target("gold", 4, 60, 480), target("", 4, 120, 960)};
  EXPECT_TRUE(validate_targets(targets, {"gold", "silver"}).empty());
  struct Case {
    const char* tier;
    int32_t priority;
    int64_t first_minutes;
  } cases[] = {
      {"gold", 4, 60},     // tier and priority
      {"gold", 2, 240},    // the tier's target beats the default
      {"gold", 0, 240},    // unspecified priority: only priority-blank targets
      {"silver", 4, 120},  // the priority's target beats the default
      {"silver", 1, 480},  // the default
  };
  for (const Case& c : cases) {
    const std::optional<Target> t = match_target(targets, c.tier, c.priority);
    ASSERT_TRUE(t.has_value()) << c.tier << " " << c.priority;
    EXPECT_EQ(t->first_response_minutes, c.first_minutes) << c.tier << " " << c.priority;
  }
  EXPECT_FALSE(match_target({target("gold", 0, 60, 60)}, "silver", 1).has_value());
}

TEST(ComplaintTargets, TiesAndBadEntriesAreReportedAsData) {
  const std::vector<Target> targets = {target("gold", 0, 240, 2400), target("", 4, 120, 960),
                                       target("gold", 0, 60, 60), target("platinum", 9, -1, 60, "")};
  std::vector<Target> with_warnings = {target("", 0, 60, 60)};
  with_warnings[0].warning_bp = {8000, 5000, 10000};
  const std::vector<TargetIssue> issues = validate_targets(targets, {"gold"});
  const std::vector<TargetIssue> expected = {
      {"targets[2]", "tier 'gold', priority any is already given at targets[0]"},
      {"targets[3]", "priority 9 is not 0 (any) or 1..4"},
      {"targets[3]", "unknown tier 'platinum'"},
      {"targets[3]", "no calendar: name the calendar the minutes run on"},
      {"targets[3]", "minutes must not be negative"},
      {"targets[0]",
       "tier 'gold', priority any and targets[1] (tier any, priority 4) tie for tier 'gold' at priority 4: add a "
       "target naming both"},
      {"targets[2]",
       "tier 'gold', priority any and targets[1] (tier any, priority 4) tie for tier 'gold' at priority 4: add a "
       "target naming both"},
  };
  EXPECT_EQ(issues, expected);
  const std::vector<TargetIssue> warning_issues = {
      {"targets[0].warnings[1]", "warnings must be in increasing order"},
      {"targets[0].warnings[2]", "a warning is a fraction between 0% and 100%"}};
  EXPECT_EQ(validate_targets(with_warnings, {}), warning_issues);
  // Matching a tie refuses rather than picking one.
  try {
    match_target({target("gold", 0, 240, 2400), target("", 4, 120, 960)}, "gold", 4);
    FAIL() << "a tie must not match";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::config);
    EXPECT_STREQ(e.what(), "complaint targets: targets[0] and targets[1] tie for tier 'gold' at priority 4");
  }
  // A target naming both settles the tie.
  EXPECT_TRUE(validate_targets({target("gold", 0, 240, 2400), target("", 4, 120, 960), target("gold", 4, 60, 480)},
                               {"gold"})
                  .empty());
}

}  // namespace
}  // namespace kam::core::complaints
