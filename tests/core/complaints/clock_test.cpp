// clock_test.cpp - the SLA clocks derived from the ledger, one test per pitfall of issue 10: site vs
// agent zone, first response on a non-working day, hold time in business time and not lost on
// paused -> resolved, breach age in business time, deadlines recomputed on a holiday-list change,
// DST, a lunch break that is not a holiday. China 2026: 09:00-12:00 and 13:00-18:00, UTC+8.
#include <gtest/gtest.h>

#include "complaints/complaint_util.hpp"
#include "core/error.hpp"

namespace kam::core::complaints {
namespace {

using namespace kam::core::complaints::test;
constexpr ClockKind kFirst = ClockKind::first_response;
constexpr ClockKind kResolution = ClockKind::resolution;

TEST(ComplaintClock, DeadlinesAreInTheSiteZoneNotTheAgentZone) {
  // An agent in New York logs a complaint at 09:00 EST Monday 3/2 for a Shanghai site: 22:00 CST.
  Life life;
  life.accept(opened(at(2026, 3, 2, 9, 0, -5)));
  const ClockStatus st = life.status(kFirst, at(2026, 3, 2, 9, 0, -5));
  // Shanghai Tue 3/3 09-12 (3h), 13-14 (4h); not 13:00 New York time.
  EXPECT_EQ(st.deadline_ms, cst(3, 3, 14));
  EXPECT_NE(st.deadline_ms, at(2026, 3, 2, 13, 0, -5));
}

TEST(ComplaintClock, FirstResponseOnANonWorkingDay) {
  Life life;
  life.accept(opened(cst(3, 7, 10)));  // Saturday
  const ClockStatus sunday = life.status(kFirst, cst(3, 8, 20));
  EXPECT_EQ(sunday.elapsed_ms, 0);
  EXPECT_EQ(sunday.left_ms, 4 * kHourMs);
  EXPECT_EQ(sunday.deadline_ms, cst(3, 9, 14));  // Mon 09-12, 13-14
  // Answered Monday 09:30: half an hour of business time, on time.
  life.accept(responded(cst(3, 9, 9, 30)));
  const ClockStatus st = life.status(kFirst, cst(3, 10, 9));
  EXPECT_EQ(st.stopped_at_ms, cst(3, 9, 9, 30));
  EXPECT_EQ(st.elapsed_ms, 30 * kMinuteMs);
  EXPECT_FALSE(st.breached.has_value());
}

TEST(ComplaintClock, HoldTimeIsBusinessTimeAndNotLostWhenResolvedFromThePause) {
  Life life;
  life.accept(opened(cst(3, 2, 9)));
  life.accept(responded(cst(3, 2, 9, 30)));
  life.accept(step(Action::waiting_on_customer, cst(3, 2, 10)));
  // While paused: no deadline, the business time left stays.
  const ClockStatus paused = life.status(kResolution, cst(3, 2, 17));
  EXPECT_TRUE(paused.paused);
  EXPECT_FALSE(paused.deadline_ms.has_value());
  EXPECT_EQ(paused.left_ms, 23 * kHourMs);
  life.accept(step(Action::resolved, cst(3, 3, 11)));  // straight from the pause
  const ClockStatus st = life.status(kResolution, cst(3, 4, 9));
  // Paused Mon 10-12 (2h), 13-18 (5h), Tue 09-11 (2h) = 9h, not the 25 wall-clock hours.
  EXPECT_EQ(st.paused_ms, 9 * kHourMs);
  EXPECT_EQ(st.elapsed_ms, kHourMs);
  EXPECT_EQ(st.stopped_at_ms, cst(3, 3, 11));
  EXPECT_FALSE(st.paused);
}

TEST(ComplaintClock, APauseMovesTheDeadlineByItsBusinessTime) {
  Life life;
  life.accept(opened(cst(3, 2, 9)));
  EXPECT_EQ(life.status(kFirst, cst(3, 2, 9)).deadline_ms, cst(3, 2, 14));
  life.accept(step(Action::waiting_on_customer, cst(3, 2, 10)));
  life.accept(step(Action::customer_replied, cst(3, 3, 10)));  // 8 business hours later
  const ClockStatus st = life.status(kFirst, cst(3, 3, 10));
  EXPECT_EQ(st.paused_ms, 8 * kHourMs);
  EXPECT_EQ(st.elapsed_ms, kHourMs);
  EXPECT_EQ(st.deadline_ms, cst(3, 3, 14));  // 3h left from Tue 10:00: 10-12, 13-14
}

TEST(ComplaintClock, BreachAgeIsBusinessTime) {
  Life life;
  life.accept(opened(cst(3, 6, 16)));  // Fri: 16-18 (2h), Mon 09-11 (4h)
  const ClockStatus st = life.status(kFirst, cst(3, 10, 10));
  ASSERT_TRUE(st.breached.has_value());
  EXPECT_EQ(st.breached->at_ms, cst(3, 9, 11));
  // Mon 11-12, 13-18, Tue 09-10: 7 business hours over, not the 23 wall-clock hours.
  EXPECT_EQ(st.breach_by_ms, 7 * kHourMs);
  EXPECT_EQ(st.left_ms, -7 * kHourMs);
}

time::WorkCalendar china_with_holidays(std::vector<time::LocalDate> dates) {
  time::WorkDefinition def = time::test::china_2026();
  for (const time::LocalDate d : dates) def.holidays.push_back({d, d, "added"});
  return time::WorkCalendar(def);
}

TEST(ComplaintClock, AHolidayListChangeRecomputesOpenDeadlinesAndKeepsPastBreaches) {
  Life open;
  open.accept(opened(cst(3, 2, 16)));  // Mon 16-18 (2h), Tue 09-11 (4h)
  EXPECT_EQ(open.status(kFirst, cst(3, 2, 17)).deadline_ms, cst(3, 3, 11));
  // Monday 17:00 the government declares Tuesday 3/3 a holiday.
  open.change_calendar(cst(3, 2, 17), china_with_holidays({time::test::ymd(2026, 3, 3)}), "china-2026#2");
  ASSERT_EQ(open.ledger.back().kind, EntryKind::calendar_changed);
  const ClockStatus moved = open.status(kFirst, cst(3, 2, 17));
  EXPECT_EQ(moved.deadline_ms, cst(3, 4, 11));  // Wed instead
  EXPECT_EQ(moved.generation, 2);

  // A breach that already happened stays where it happened, even when the change covers its date.
  Life past;
  past.accept(opened(cst(3, 6, 9)));  // Fri 09-12, 13-14: breached Fri 14:00
  past.change_calendar(cst(3, 9, 9), china_with_holidays({time::test::ymd(2026, 3, 6)}), "china-2026#2");
  const ClockStatus st = past.status(kFirst, cst(3, 9, 10));
  ASSERT_TRUE(st.breached.has_value());
  EXPECT_EQ(st.breached->at_ms, cst(3, 6, 14));
  EXPECT_EQ(st.breached->generation, 1);
  // Fri 09-12, 13-18 (8h) on the old version, Mon 09-10 (1h) on the new: 9h elapsed, 5h over.
  EXPECT_EQ(st.elapsed_ms, 9 * kHourMs);
  EXPECT_EQ(st.breach_by_ms, 5 * kHourMs);
  // A calendar the complaint does not use appends nothing.
  EXPECT_FALSE(calendar_change(past.state(), cst(3, 9, 9), "berlin", "berlin#2").has_value());
}

TEST(ComplaintClock, DstDoesNotShiftADeadline) {
  // New York office 09:00-18:00; first response within 2 business hours.
  Life life(time::WorkCalendar(time::test::office("America/New_York", "09:00-18:00")));
  life.setup.targets = {target("gold", 0, 120, 600, "office")};
  life.accept(opened(at(2026, 3, 6, 17, 0, -5)));  // Fri 17:00 EST; the clocks go forward on Sunday
  EXPECT_EQ(life.status(kFirst, at(2026, 3, 6, 17, 0, -5)).deadline_ms, at(2026, 3, 9, 10, 0, -4));  // 10:00 EDT

  Life autumn(time::WorkCalendar(time::test::office("America/New_York", "09:00-18:00")));
  autumn.setup.targets = life.setup.targets;
  autumn.accept(opened(at(2026, 10, 30, 17, 0, -4)));  // Fri 17:00 EDT; back on Sunday
  EXPECT_EQ(autumn.status(kFirst, at(2026, 10, 30, 17, 0, -4)).deadline_ms, at(2026, 11, 2, 10, 0, -5));
}

TEST(ComplaintClock, ALunchBreakIsNotAHoliday) {
  struct Case {
    const char* what;
    int64_t received, due;
  } cases[] = {
      {"received at lunch: the clock starts at 13:00", cst(3, 2, 12, 30), cst(3, 2, 17)},
      {"received before lunch: the break does not count", cst(3, 2, 11), cst(3, 2, 16)},
      {"received mid-morning: the afternoon takes the rest", cst(3, 2, 10), cst(3, 2, 15)},
  };
  for (const Case& c : cases) {
    Life life;
    life.accept(opened(c.received));
    EXPECT_EQ(life.status(kFirst, c.received).deadline_ms, c.due) << c.what;
  }
}

TEST(ComplaintClock, ALowerTargetReachedAlreadyBreachesWhenItChanges) {
  Life life;
  life.setup.targets.push_back(target("gold", 4, 60, 8 * 60));
  life.accept(opened(cst(3, 2, 9)));
  life.accept(prioritised(cst(3, 2, 11), 4));  // 2h elapsed, the new target is 1h
  const ClockStatus st = life.status(kFirst, cst(3, 2, 11, 30));
  ASSERT_TRUE(st.breached.has_value());
  EXPECT_EQ(st.breached->at_ms, cst(3, 2, 11));  // when the rule changed, not 10:00 in the past
  EXPECT_EQ(st.breached->generation, 2);
  EXPECT_EQ(st.breach_by_ms, 90 * kMinuteMs);
}

TEST(ComplaintClock, AResolutionWithoutAResponseStopsTheFirstResponseClock) {
  Life life;
  life.accept(opened(cst(3, 2, 9)));
  life.accept(step(Action::resolved, cst(3, 2, 11)));
  life.accept(step(Action::reopened, cst(3, 3, 9)));  // a reopen does not restart it
  const ClockStatus st = life.status(kFirst, cst(3, 4, 9));
  EXPECT_EQ(st.stopped_at_ms, cst(3, 2, 11));
  EXPECT_EQ(st.elapsed_ms, 2 * kHourMs);
  EXPECT_FALSE(st.breached.has_value());
  EXPECT_EQ(st.generation, 1);
  EXPECT_EQ(life.status(kResolution, cst(3, 4, 9)).generation, 2);
  EXPECT_EQ(life.status(kResolution, cst(3, 4, 9)).elapsed_ms, 2 * kHourMs + 8 * kHourMs);  // Mon 09-11, Tue
}

TEST(ComplaintClock, APriorityWithoutATargetStopsTheClocksAndKeepsThePast) {
  Life life;
  life.setup.targets.push_back(target("gold", 1, 0, 0));  // low priority: no SLA
  life.accept(opened(cst(3, 2, 9)));
  life.accept(prioritised(cst(3, 2, 15), 1));  // after the 14:00 breach
  ASSERT_EQ(life.ledger.back().kind, EntryKind::target_set);
  EXPECT_FALSE(life.state().target.has_value());
  const ClockStatus st = life.status(kFirst, cst(3, 3, 9));
  EXPECT_EQ(st.target_ms, 0);
  EXPECT_EQ(st.generation, 2);
  ASSERT_TRUE(st.breached.has_value());  // the breach stays on record and explained
  EXPECT_EQ(*st.breached, (Reached{cst(3, 2, 14), 1}));
  EXPECT_EQ(st.breach_by_ms, 4 * kHourMs);  // Monday 8h used, of the 4h it breached
  EXPECT_FALSE(life.status(kResolution, cst(3, 9, 9)).deadline_ms.has_value());
}

TEST(ComplaintClock, ALedgerNamingAnUnloadedCalendarIsRefused) {
  Life life;
  life.accept(opened(cst(3, 2, 9)));
  life.calendars.clear();
  EXPECT_THROW(life.status(kFirst, cst(3, 2, 9)), Error);
}

}  // namespace
}  // namespace kam::core::complaints
