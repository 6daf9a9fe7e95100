// work_calendar_test.cpp - business-time arithmetic computed by hand: weekends, holidays, make-up
// days, special days, lunch breaks, starts inside and outside hours, midnight, year end, DST in both
// directions (Europe/Berlin, America/New_York) including wall-clock hours that are skipped or
// repeated, 24x7, and the conventions (a deadline at an interval's end, adding 0, range errors).
#include <gtest/gtest.h>

#include <climits>

#include "core/error.hpp"
#include "time/work_calendar_util.hpp"

namespace kam::core::time {
namespace {

using namespace kam::core::time::test;

struct Case {
  const char* what;
  int64_t start_ms;
  int64_t minutes;
  int64_t deadline_ms;
};

// Each case: the deadline, and measuring back from the start gives the minutes again.
void expect_cases(const WorkCalendar& calendar, std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(calendar.add_minutes(c.start_ms, c.minutes), c.deadline_ms) << c.what;
    EXPECT_EQ(calendar.business_ms_between(c.start_ms, c.deadline_ms), c.minutes * kMinuteMs) << c.what;
  }
}

constexpr int CET = 1, CEST = 2, EST = -5, EDT = -4;

TEST(WorkCalendar, OfficeWeekInBerlin) {
  WorkDefinition def = office("Europe/Berlin");
  def.holidays = {{ymd(2026, 5, 1), ymd(2026, 5, 1), "Tag der Arbeit"}, {ymd(2027, 1, 1), ymd(2027, 1, 1), "Neujahr"}};
  def.special_days = {{ymd(2026, 12, 24), hours("09:00-12:00")}};
  const WorkCalendar cal(def);
  expect_cases(cal, {
      // 2026-01-13 is a Tuesday.
      {"inside hours", at(2026, 1, 13, 10, 0, CET), 60, at(2026, 1, 13, 11, 0, CET)},
      {"before opening", at(2026, 1, 13, 7, 0, CET), 30, at(2026, 1, 13, 9, 30, CET)},
      {"after closing", at(2026, 1, 13, 19, 0, CET), 30, at(2026, 1, 14, 9, 30, CET)},
      {"across lunch: 30 before, 30 after", at(2026, 1, 13, 11, 30, CET), 60, at(2026, 1, 13, 13, 30, CET)},
      {"in the lunch break", at(2026, 1, 13, 12, 30, CET), 10, at(2026, 1, 13, 13, 10, CET)},
      {"fills the morning: its end, not 13:00", at(2026, 1, 13, 9, 0, CET), 180, at(2026, 1, 13, 12, 0, CET)},
      {"fills the day: 18:00, not the next 09:00", at(2026, 1, 13, 13, 0, CET), 300, at(2026, 1, 13, 18, 0, CET)},
      {"a full day from opening", at(2026, 1, 13, 9, 0, CET), 480, at(2026, 1, 13, 18, 0, CET)},
      {"a full day from mid-morning", at(2026, 1, 13, 10, 0, CET), 480, at(2026, 1, 14, 10, 0, CET)},
      {"one second before midnight", at(2026, 1, 13, 23, 59, CET) + 59000, 1, at(2026, 1, 14, 9, 1, CET)},
      {"at midnight", at(2026, 1, 14, 0, 0, CET), 1, at(2026, 1, 14, 9, 1, CET)},
      // Friday 2026-01-09 17:00: one hour left, then Monday.
      {"over the weekend", at(2026, 1, 9, 17, 0, CET), 120, at(2026, 1, 12, 10, 0, CET)},
      {"from a Saturday", at(2026, 1, 10, 11, 0, CET), 240, at(2026, 1, 12, 14, 0, CET)},
      {"a week of hours", at(2026, 1, 12, 9, 0, CET), 5 * 480, at(2026, 1, 16, 18, 0, CET)},
      // Thursday 2026-04-30 17:00; Friday 05-01 is a holiday; CEST.
      {"before a holiday", at(2026, 4, 30, 17, 0, CEST), 120, at(2026, 5, 4, 10, 0, CEST)},
      {"on the holiday", at(2026, 5, 1, 10, 0, CEST), 60, at(2026, 5, 4, 10, 0, CEST)},
      // Thursday 2026-12-24 closes at 12:00; 12-25 is no holiday here; 2027-01-01 (Friday) is.
      {"a short special day", at(2026, 12, 24, 11, 0, CET), 120, at(2026, 12, 25, 10, 0, CET)},
      {"over the year end and New Year", at(2026, 12, 31, 17, 0, CET), 120, at(2027, 1, 4, 10, 0, CET)},
  });
  // 0 minutes is the instant itself, in or out of hours.
  EXPECT_EQ(cal.add_minutes(at(2026, 1, 13, 19, 0, CET), 0), at(2026, 1, 13, 19, 0, CET));
  EXPECT_EQ(cal.add_minutes(at(2026, 1, 13, 10, 0, CET), 0), at(2026, 1, 13, 10, 0, CET));
  // Chaining from an interval's end: the rest goes to the next opening.
  EXPECT_EQ(cal.add_minutes(at(2026, 1, 13, 12, 0, CET), 1), at(2026, 1, 13, 13, 1, CET));
}

TEST(WorkCalendar, WorkingInstantsAndNextOpening) {
  const WorkCalendar cal(office("Europe/Berlin"));
  // The lunch break and the weekend are not working time; interval ends are not either.
  EXPECT_TRUE(cal.is_working(at(2026, 1, 13, 9, 0, CET)));
  EXPECT_TRUE(cal.is_working(at(2026, 1, 13, 11, 59, CET)));
  EXPECT_FALSE(cal.is_working(at(2026, 1, 13, 12, 0, CET)));
  EXPECT_FALSE(cal.is_working(at(2026, 1, 13, 12, 30, CET)));
  EXPECT_FALSE(cal.is_working(at(2026, 1, 10, 11, 0, CET)));
  EXPECT_EQ(cal.next_working_instant(at(2026, 1, 13, 12, 30, CET)), at(2026, 1, 13, 13, 0, CET));
  EXPECT_EQ(cal.next_working_instant(at(2026, 1, 13, 10, 15, CET)), at(2026, 1, 13, 10, 15, CET));
  // First response on a non-working day (frappe/helpdesk 2075): the clock starts Monday 09:00.
  EXPECT_EQ(cal.next_working_instant(at(2026, 1, 10, 11, 0, CET)), at(2026, 1, 12, 9, 0, CET));
  EXPECT_EQ(cal.business_ms_between(at(2026, 1, 10, 11, 0, CET), at(2026, 1, 12, 9, 0, CET)), 0);
  EXPECT_EQ(cal.business_ms_between(at(2026, 1, 13, 18, 0, CET), at(2026, 1, 13, 9, 0, CET)), -480 * kMinuteMs);
}

TEST(WorkCalendar, ALunchBreakIsNotAHoliday) {
  // osTicket 6739/6847: a lunch break entered as a holiday broke due dates. Here it is a gap between
  // two intervals of the day, and the day's other hours stay.
  const WorkCalendar cal(office("Asia/Shanghai", "08:30-12:00 13:30-17:30"));
  expect_cases(cal, {
      {"morning into afternoon", at(2026, 3, 3, 11, 0, 8), 120, at(2026, 3, 3, 14, 30, 8)},
      {"received at lunch", at(2026, 3, 3, 12, 45, 8), 240, at(2026, 3, 3, 17, 30, 8)},
      {"a whole day from lunch", at(2026, 3, 3, 12, 45, 8), 450, at(2026, 3, 4, 12, 0, 8)},
  });
}

TEST(WorkCalendar, MakeUpSaturdayIsWorked) {
  WorkDefinition def = office("Europe/Berlin");
  def.make_up_days = {{ymd(2026, 1, 10), std::nullopt, 1}, {ymd(2026, 1, 17), hours("10:00-12:00"), 1}};
  const WorkCalendar cal(def);
  expect_cases(cal, {
      {"Friday into a make-up Saturday", at(2026, 1, 9, 17, 0, CET), 120, at(2026, 1, 10, 10, 0, CET)},
      {"a make-up day has Monday's lunch", at(2026, 1, 10, 11, 0, CET), 120, at(2026, 1, 10, 14, 0, CET)},
      {"its own short hours, then Monday", at(2026, 1, 17, 11, 0, CET), 120, at(2026, 1, 19, 10, 0, CET)},
  });
  EXPECT_TRUE(cal.is_working(at(2026, 1, 10, 9, 0, CET)));
  EXPECT_FALSE(cal.is_working(at(2026, 1, 11, 10, 0, CET)));  // the Sunday stays off
}

TEST(WorkCalendar, BerlinSpringForward) {
  // Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST.
  const WorkCalendar cal(office("Europe/Berlin"));
  // Friday 17:00 CET + 2h: Friday's last hour, Monday 09:00-10:00 CEST; the lost hour changes nothing.
  expect_cases(cal, {{"office over the change", at(2026, 3, 27, 17, 0, CET), 120, at(2026, 3, 30, 10, 0, CEST)}});

  WorkDefinition nights = office("Europe/Berlin");
  nights.week[6] = hours("00:00-06:00");
  const WorkCalendar night(nights);
  // Sunday 00:00-06:00 local is 00:00 CET .. 06:00 CEST: five real hours.
  EXPECT_EQ(night.business_ms_between(at(2026, 3, 29, 0, 0, CET), at(2026, 3, 29, 6, 0, CEST)), 5 * kHourMs);
  expect_cases(night, {
      {"02:00 CET does not exist: 01:30 + 30 min is 03:00 CEST", at(2026, 3, 29, 1, 30, CET), 30,
       at(2026, 3, 29, 3, 0, CEST)},
      {"the night, then Monday's opening", at(2026, 3, 29, 0, 0, CET), 301, at(2026, 3, 30, 9, 1, CEST)},
  });

  // An interval that lies wholly in the skipped hour is no working time that day.
  WorkDefinition skipped = office("Europe/Berlin");
  skipped.week[6] = hours("02:00-03:00");
  const WorkCalendar gap(skipped);
  EXPECT_EQ(gap.business_ms_between(at(2026, 3, 28, 12, 0, CET), at(2026, 3, 29, 12, 0, CEST)), 0);
  EXPECT_EQ(gap.next_working_instant(at(2026, 3, 29, 0, 0, CET)), at(2026, 3, 30, 9, 0, CEST));
  EXPECT_EQ(gap.business_ms_between(at(2026, 3, 22, 0, 0, CET), at(2026, 3, 22, 12, 0, CET)), kHourMs);
}

TEST(WorkCalendar, BerlinFallBack) {
  // Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:00-03:00 happens twice.
  WorkDefinition def = office("Europe/Berlin");
  def.week[6] = hours("02:00-03:00");
  const WorkCalendar cal(def);
  // Both passes are worked: 00:00-02:00 UTC, two hours.
  EXPECT_EQ(cal.business_ms_between(at(2026, 10, 25, 0, 0, CEST), at(2026, 10, 25, 12, 0, CET)), 2 * kHourMs);
  expect_cases(cal, {
      {"02:00 CEST + 90 min is the second 02:30", at(2026, 10, 25, 2, 0, CEST), 90, at(2026, 10, 25, 2, 30, CET)},
      {"office over the change", at(2026, 10, 23, 17, 0, CEST), 240, at(2026, 10, 26, 10, 0, CET)},
  });
  WorkDefinition half = office("Europe/Berlin");
  half.week[6] = hours("02:00-02:30");
  const WorkCalendar twice(half);
  // 02:00-02:30 CEST and 02:00-02:30 CET, with 02:30-03:00 CEST between them off.
  EXPECT_TRUE(twice.is_working(at(2026, 10, 25, 2, 15, CEST)));
  EXPECT_FALSE(twice.is_working(at(2026, 10, 25, 2, 45, CEST)));
  EXPECT_TRUE(twice.is_working(at(2026, 10, 25, 2, 15, CET)));
  expect_cases(twice, {{"the two passes", at(2026, 10, 25, 2, 0, CEST), 45, at(2026, 10, 25, 2, 15, CET)}});
}

TEST(WorkCalendar, NewYorkBothChanges) {
  // 2026-03-08 02:00 EST becomes 03:00 EDT; 2026-11-01 02:00 EDT becomes 01:00 EST.
  const WorkCalendar cal(office("America/New_York"));
  expect_cases(cal, {
      {"Friday EST to Monday EDT", at(2026, 3, 6, 17, 0, EST), 120, at(2026, 3, 9, 10, 0, EDT)},
      {"Friday EDT to Monday EST (OTRS 9884: not an hour off)", at(2026, 10, 30, 17, 0, EDT), 120,
       at(2026, 11, 2, 10, 0, EST)},
  });
  // 24x7: business time is real time, so 24 hours is 13:00 the next day in spring, 11:00 in autumn.
  WorkDefinition always = WorkDefinition::around_the_clock("24x7", "America/New_York");
  always.first_year = 2020;
  always.last_year = 2030;
  const WorkCalendar open(always);
  expect_cases(open, {
      {"24h over spring forward", at(2026, 3, 7, 12, 0, EST), 24 * 60, at(2026, 3, 8, 13, 0, EDT)},
      {"24h over fall back", at(2026, 10, 31, 12, 0, EDT), 24 * 60, at(2026, 11, 1, 11, 0, EST)},
  });
  // The repeated 01:00-02:00 is worked twice on a calendar with those hours.
  WorkDefinition night = office("America/New_York");
  night.week[6] = hours("01:00-02:00");
  EXPECT_EQ(WorkCalendar(night).business_ms_between(at(2026, 11, 1, 0, 0, EDT), at(2026, 11, 1, 12, 0, EST)),
            2 * kHourMs);
}

TEST(WorkCalendar, AroundTheClockAcrossMidnightAndYearEnd) {
  WorkDefinition def = WorkDefinition::around_the_clock("24x7", "UTC");
  def.first_year = 2020;
  def.last_year = 2030;
  const WorkCalendar cal(def);
  expect_cases(cal, {
      {"midnight", utc_ms(2026, 5, 5, 23, 30), 60, utc_ms(2026, 5, 6, 0, 30)},
      {"year end", utc_ms(2026, 12, 31, 23, 30), 60, utc_ms(2027, 1, 1, 0, 30)},
      {"a year", utc_ms(2026, 1, 1), 365 * 24 * 60, utc_ms(2027, 1, 1)},
  });
  EXPECT_TRUE(cal.is_working(utc_ms(2026, 1, 1)));
}

TEST(WorkCalendar, RefusesWhatItCannotAnswer) {
  const WorkCalendar cal(office("Europe/Berlin"));  // years 2020..2030
  auto expect_refused = [](auto call, const std::string& text) {
    try {
      call();
      ADD_FAILURE() << "no error, expected " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::invalid_argument);
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  expect_refused([&] { cal.add_minutes(utc_ms(2026, 1, 1), -1); }, "cannot add a negative business time (-60000 ms)");
  expect_refused([&] { cal.is_working(utc_ms(2040, 1, 1)); }, "(2040-01-01 UTC) is outside its years 2020..2030");
  expect_refused([&] { cal.business_ms_between(utc_ms(2019, 12, 31), utc_ms(2026, 1, 1)); }, "outside its years");
  expect_refused([&] { cal.add_minutes(utc_ms(2030, 12, 31), 481); }, "the deadline falls after its last year 2030");
  expect_refused([&] { cal.add_minutes(utc_ms(2026, 1, 1), INT64_MAX); }, "the deadline falls after its last year 2030");
  expect_refused([&] { cal.add_ms(utc_ms(2026, 1, 1), INT64_MAX); }, "the deadline falls after its last year 2030");
  EXPECT_EQ(cal.add_minutes(at(2030, 12, 31, 9, 0, CET), 480), at(2030, 12, 31, 18, 0, CET));
  expect_refused([&] { cal.next_working_instant(at(2030, 12, 31, 19, 0, CET)); }, "no working time after");
}

}  // namespace
}  // namespace kam::core::time
