// work_definition_test.cpp - "HH:MM-HH:MM" parsing, validation of working-time calendar definitions
// (every problem as field path + message), and which hours a date gets.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "time/work_calendar_util.hpp"

namespace kam::core::time {
namespace {

using namespace kam::core::time::test;

TEST(WorkInterval, ParsesAndPrints) {
  EXPECT_EQ(WorkInterval::parse("09:00-12:30"), (WorkInterval{540, 750}));
  EXPECT_EQ(WorkInterval::parse("00:00-24:00"), (WorkInterval{0, 1440}));
  EXPECT_EQ(WorkInterval::parse("13:00-09:00"), (WorkInterval{780, 540}));  // validation refuses it
  EXPECT_EQ((WorkInterval{540, 750}).to_string(), "09:00-12:30");
  for (const char* bad : {"9:00-12:00", "09:00-24:01", "09:60-10:00", "25:00-26:00", "09:00 12:00", "09:00-", "",
                          "09:00-12:00x"})
    EXPECT_EQ(WorkInterval::parse(bad), std::nullopt) << bad;
}

TEST(WorkDefinition, ValidDefinitionsHaveNoIssues) {
  EXPECT_TRUE(validate_work_definition(office("Europe/Berlin")).empty());
  EXPECT_TRUE(validate_work_definition(china_2026()).empty());
  EXPECT_TRUE(validate_work_definition(WorkDefinition::around_the_clock("24x7", "UTC")).empty());
}

TEST(WorkDefinition, EveryProblemIsReportedWithItsPath) {
  WorkDefinition def = office("Mars/Olympus_Mons");
  def.week[0] = hours("09:00-12:00 11:00-14:00");  // overlap
  def.week[1] = hours("18:00-09:00");              // end before start
  def.week[2] = {WorkInterval{-10, 60}, WorkInterval{600, 1500}};
  def.holidays = {{ymd(2026, 5, 5), ymd(2026, 5, 1), "reversed"}, {ymd(2026, 2, 14), ymd(2026, 2, 14), "clash"}};
  def.make_up_days = {{ymd(2026, 2, 14), std::nullopt, 1},      // also a holiday
                      {ymd(2026, 1, 5), std::nullopt, 1},       // a Monday
                      {ymd(2026, 2, 28), hours("13:00-12:00"), 1},
                      {ymd(2026, 3, 1), std::nullopt, 7},       // Sunday has no hours
                      {ymd(2026, 3, 7), std::nullopt, 9},
                      {ymd(2026, 2, 28), DayHours{}, 1}};       // twice, and no hours
  def.special_days = {{ymd(2026, 3, 7), hours("09:00-12:00")},  // already a make-up day
                      {ymd(2026, 12, 24), hours("09:00-13:00 12:00-15:00")}};
  def.first_year = 2030;
  def.last_year = 2020;
  const std::vector<DefinitionIssue> expected = {
      {"time_zone", "unknown time zone 'Mars/Olympus_Mons' (an IANA name such as Asia/Shanghai)"},
      {"week.monday[1]", "11:00-14:00 overlaps 09:00-12:00 (week.monday[0])"},
      {"week.tuesday[0]", "ends at 09:00, not after its start 18:00 (a shift past midnight is two intervals)"},
      {"week.wednesday[0]", "times must lie within the day, 00:00 to 24:00"},
      {"week.wednesday[1]", "times must lie within the day, 00:00 to 24:00"},
      {"holidays[0]", "ends 2026-05-01, before it starts 2026-05-05"},
      {"make_up_days[0]", "2026-02-14 is both a make-up working day and a holiday (holidays[1])"},
      {"make_up_days[1]",
       "2026-01-05 is a monday, already a working day (a make-up day is a date whose weekday is not worked)"},
      {"make_up_days[2].hours[0]", "ends at 12:00, not after its start 13:00 (a shift past midnight is two intervals)"},
      {"make_up_days[3]", "takes the hours of sunday, which has none: give its hours"},
      {"make_up_days[4].hours_of_weekday", "must be 1 (Monday) .. 7 (Sunday)"},
      {"make_up_days[5]", "2026-02-28 is already given at make_up_days[2]"},
      {"make_up_days[5].hours", "a make-up working day needs working hours"},
      {"special_days[0]", "2026-03-07 is already given at make_up_days[4]"},
      {"special_days[1].hours[1]", "12:00-15:00 overlaps 09:00-13:00 (special_days[1].hours[0])"},
      {"years", "first_year 2030 .. last_year 2020 must be in order and at most 200 years"},
  };
  EXPECT_EQ(validate_work_definition(def), expected);
  try {
    WorkCalendar calendar(def);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::config);
    EXPECT_NE(std::string(e.what()).find("calendar 'office': time_zone: unknown time zone"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("; week.monday[1]: 11:00-14:00 overlaps"), std::string::npos);
  }
}

TEST(WorkDefinition, AWeekWithoutHoursIsRefused) {
  WorkDefinition def = office("UTC");
  for (DayHours& day : def.week) day.clear();
  def.special_days = {{ymd(2026, 1, 2), hours("09:00-10:00")}};
  EXPECT_EQ(validate_work_definition(def), (std::vector<DefinitionIssue>{{"week", "no working hours on any weekday"}}));
}

TEST(WorkDefinition, HoursOnADateFollowThePrecedence) {
  WorkDefinition def = china_2026();
  def.week[0] = hours("13:00-18:00 09:00-12:00");  // any order; sorted
  def.week[4] = hours("09:00-12:00 12:00-17:00");  // touching intervals join
  def.make_up_days.push_back({ymd(2026, 3, 14), hours("10:00-15:00"), 1});
  def.make_up_days.push_back({ymd(2026, 3, 15), std::nullopt, 5});
  def.special_days.push_back({ymd(2026, 12, 31), hours("09:00-12:00")});
  EXPECT_EQ(hours_on(def, ymd(2026, 3, 2)), hours("09:00-12:00 13:00-18:00"));  // a Monday
  EXPECT_EQ(hours_on(def, ymd(2026, 3, 6)), hours("09:00-17:00"));              // a Friday
  EXPECT_EQ(hours_on(def, ymd(2026, 3, 7)), DayHours{});                        // a Saturday
  EXPECT_EQ(hours_on(def, ymd(2026, 2, 18)), DayHours{});                       // Spring Festival
  EXPECT_EQ(hours_on(def, ymd(2026, 2, 14)), hours("09:00-12:00 13:00-18:00")); // make-up: Monday's
  EXPECT_EQ(hours_on(def, ymd(2026, 3, 14)), hours("10:00-15:00"));             // make-up: its own
  EXPECT_EQ(hours_on(def, ymd(2026, 3, 15)), hours("09:00-17:00"));             // make-up: Friday's
  EXPECT_EQ(hours_on(def, ymd(2026, 12, 31)), hours("09:00-12:00"));            // special
  EXPECT_EQ(iso_weekday(ymd(2026, 1, 1)), 4);
  EXPECT_EQ(iso_weekday(ymd(1969, 12, 29)), 1);
  for (const MakeUpDay& d : china_2026().make_up_days) EXPECT_GE(iso_weekday(d.date), 6) << d.date.to_string();
}

}  // namespace
}  // namespace kam::core::time
