// plan_test.cpp - core/visits: due dates in local days of the business zone from the last visit (or
// the anchor), the instants "due" and "overdue" are reached, when to look again, the outcome of a
// due date and the alert keys.
#include "core/visits/plan.hpp"

#include <gtest/gtest.h>

namespace kam::core::visits {
namespace {

constexpr int64_t kHour = 3'600'000, kDay = 24 * kHour;
// 2026-01-05 23:30 in Shanghai is 15:30 UTC: the local date is the 5th, not the UTC one.
constexpr int64_t kJan5Late = 1'767'225'600'000 + 4 * kDay + 15 * kHour + 30 * 60'000;

TEST(VisitPlan, DueDateIsLocalDatePlusCadence) {
  const time::BusinessCalendar shanghai("Asia/Shanghai");
  const auto p = plan_of({90, kJan5Late, std::nullopt}, {7, 0}, shanghai);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->due_date.to_string(), "2026-04-05");
  EXPECT_EQ(p->due_ms, shanghai.start_of_day_ms(*time::LocalDate::parse("2026-04-05")));
  EXPECT_EQ(p->due_from_ms, shanghai.start_of_day_ms(*time::LocalDate::parse("2026-03-29")));
  EXPECT_EQ(p->overdue_from_ms, shanghai.start_of_day_ms(*time::LocalDate::parse("2026-04-06")));
  // The last completed visit wins over the anchor; grace days push "overdue" out.
  const auto visited = plan_of({30, kJan5Late, kJan5Late + 10 * kDay}, {7, 2}, shanghai);
  EXPECT_EQ(visited->due_date.to_string(), "2026-02-14");
  EXPECT_EQ(visited->overdue_from_ms, shanghai.start_of_day_ms(*time::LocalDate::parse("2026-02-17")));
  EXPECT_FALSE(plan_of({0, kJan5Late, std::nullopt}, {7, 0}, shanghai));  // no cadence, no plan
}

TEST(VisitPlan, LevelsAndNextCheck) {
  const time::BusinessCalendar utc;
  const auto p = *plan_of({10, 0, std::nullopt}, {3, 0}, utc);  // due 1970-01-11, due from 01-08
  EXPECT_EQ(level_at(p, p.due_from_ms - 1), Level::none);
  EXPECT_EQ(next_check_ms(p, p.due_from_ms - 1), p.due_from_ms);
  EXPECT_EQ(level_at(p, p.due_from_ms), Level::due);
  EXPECT_EQ(next_check_ms(p, p.due_ms + kDay - 1), p.overdue_from_ms);  // the due date itself: due
  EXPECT_EQ(level_at(p, p.overdue_from_ms), Level::overdue);
  EXPECT_FALSE(next_check_ms(p, p.overdue_from_ms));
  EXPECT_EQ(outcome_of(p, p.overdue_from_ms - 1), Level::met);
  EXPECT_EQ(outcome_of(p, p.overdue_from_ms), Level::late);
  EXPECT_EQ(alert_key("ACC-1", p, Level::overdue), "VISIT/ACC-1/1970-01-11/overdue");
}

}  // namespace
}  // namespace kam::core::visits
