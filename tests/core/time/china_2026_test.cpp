// china_2026_test.cpp - deadlines computed by hand on China's 2026 public-holiday calendar (State
// Council notice of 2025-11-04; see china_2026() in work_calendar_util.hpp): complaints received
// before, during and after the Spring Festival and National Day weeks, across make-up Saturdays and
// Sundays, and over the year end. Asia/Shanghai is UTC+8 all year; working days are 09:00-12:00 and
// 13:00-18:00 (8 hours), make-up days the same.
#include <gtest/gtest.h>

#include "time/work_calendar_util.hpp"

namespace kam::core::time {
namespace {

using namespace kam::core::time::test;

int64_t cst(unsigned month, unsigned day, int hour, int minute = 0) { return at(2026, month, day, hour, minute, 8); }

struct Deadline {
  const char* what;
  int64_t received_ms;
  int64_t minutes;
  int64_t due_ms;
};

TEST(China2026, DeadlinesAroundSpringFestivalAndNationalDay) {
  const WorkCalendar cal(china_2026());
  constexpr int64_t kResponse = 4 * 60;   // first response: 4 business hours
  constexpr int64_t kResolve = 24 * 60;   // resolution: 3 business days of 8 hours
  const Deadline cases[] = {
      // Wed 2025-12-31 17:00: 17-18 (1h); 1/1-1/3 holiday; Sun 1/4 is a make-up day: 09-12 (3h) -> 4h
      // exactly at 12:00, the end of the morning, not 13:00.
      {"year end into the 1/4 make-up Sunday", at(2025, 12, 31, 17, 0, 8), kResponse, cst(1, 4, 12)},
      // Fri 2/13 16:00: 16-18 (2h); Sat 2/14 make-up: 09-11 (2h) -> 4h.
      {"before Spring Festival: response", cst(2, 13, 16), kResponse, cst(2, 14, 11)},
      // Fri 2/13 16:00: Fri 2h; Sat 2/14 8h (10h); 2/15-2/23 holiday; Tue 2/24 8h (18h); Wed 2/25
      // 09-12 (21h), 13-16 (24h).
      {"before Spring Festival: resolution", cst(2, 13, 16), kResolve, cst(2, 25, 16)},
      // Wed 2/18 10:00 is a holiday: nothing until Tue 2/24 09:00; 09-12 (3h), 13-14 (4h).
      {"during Spring Festival: response", cst(2, 18, 10), kResponse, cst(2, 24, 14)},
      // Tue 2/24, Wed 2/25, Thu 2/26: 8h each, ending exactly at Thu 18:00.
      {"during Spring Festival: resolution", cst(2, 18, 10), kResolve, cst(2, 26, 18)},
      // Fri 2/27 17:30: 17:30-18 (0.5h); Sat 2/28 make-up: 09-12 (3.5h), 13-13:30 (4h).
      {"after Spring Festival, across the 2/28 make-up Saturday", cst(2, 27, 17, 30), kResponse, cst(2, 28, 13, 30)},
      // Fri 2/27 17:30: 0.5h; Sat 2/28 8h (8.5h); Sun off; Mon 3/2 8h (16.5h); Tue 3/3 09-12 (19.5h),
      // 13-17:30 (24h).
      {"after Spring Festival: resolution", cst(2, 27, 17, 30), kResolve, cst(3, 3, 17, 30)},
      // Fri 9/18 17:00: 1h; Sat 9/19 off; Sun 9/20 make-up: 09-12 (4h).
      {"Friday into the 9/20 make-up Sunday", cst(9, 18, 17), kResponse, cst(9, 20, 12)},
      // Thu 9/24 16:00: 2h; 9/25-9/27 Mid-Autumn holiday (Fri-Sun); Mon 9/28 09-11 (4h).
      {"before Mid-Autumn", cst(9, 24, 16), kResponse, cst(9, 28, 11)},
      // Wed 9/30 15:00: 15-18 (3h); 10/1-10/7 holiday; Thu 10/8 09-10 (4h).
      {"before National Day: response", cst(9, 30, 15), kResponse, cst(10, 8, 10)},
      // Wed 9/30 15:00: 3h; Thu 10/8 8h (11h); Fri 10/9 8h (19h); Sat 10/10 make-up: 09-12 (22h),
      // 13-15 (24h).
      {"before National Day: resolution, across the 10/10 make-up Saturday", cst(9, 30, 15), kResolve,
       cst(10, 10, 15)},
      // Sat 10/3 20:00 is a holiday evening: Thu 10/8 09-12 (3h), 13-14 (4h).
      {"during National Day: response", cst(10, 3, 20), kResponse, cst(10, 8, 14)},
      // Thu 10/8 8h, Fri 10/9 8h, Sat 10/10 8h: Sat 18:00.
      {"during National Day: resolution", cst(10, 3, 20), kResolve, cst(10, 10, 18)},
      // Fri 10/9 17:00: 1h; Sat 10/10 make-up: 09-12 (4h), exactly at 12:00.
      {"after National Day, into the make-up Saturday", cst(10, 9, 17), kResponse, cst(10, 10, 12)},
      // Sat 10/10 12:30 (its lunch): 13-18 (5h); Sun 10/11 off; Mon 10/12 8h (13h); Tue 10/13 8h
      // (21h); Wed 10/14 09-12 (24h).
      {"after National Day: resolution from the make-up lunch", cst(10, 10, 12, 30), kResolve, cst(10, 14, 12)},
  };
  for (const Deadline& c : cases) {
    EXPECT_EQ(cal.add_minutes(c.received_ms, c.minutes), c.due_ms) << c.what;
    EXPECT_EQ(cal.business_ms_between(c.received_ms, c.due_ms), c.minutes * kMinuteMs) << c.what;
  }
}

TEST(China2026, BusinessTimeOverTheHolidays) {
  const WorkCalendar cal(china_2026());
  // Received Fri 2/13 16:00, answered Tue 2/24 10:00: Fri 2h + make-up Sat 8h + Tue 1h = 11h; the
  // nine holiday days count nothing.
  EXPECT_EQ(cal.business_ms_between(cst(2, 13, 16), cst(2, 24, 10)), 11 * kHourMs);
  // The whole of 2026: 365 days, 261 weekdays, 6 make-up days worked, 33 holiday days of which
  // 14 fall on weekends: 261 + 6 - (33 - 14) = 248 working days.
  EXPECT_EQ(cal.business_ms_between(cst(1, 1, 0), at(2027, 1, 1, 0, 0, 8)), 248 * 8 * kHourMs);
  EXPECT_FALSE(cal.is_working(cst(2, 18, 10)));
  EXPECT_TRUE(cal.is_working(cst(2, 14, 10)));
  EXPECT_FALSE(cal.is_working(cst(2, 14, 12, 30)));  // the make-up day's lunch
  EXPECT_EQ(cal.next_working_instant(cst(10, 1, 9)), cst(10, 8, 9));
}

}  // namespace
}  // namespace kam::core::time
