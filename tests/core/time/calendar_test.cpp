// calendar_test.cpp - local dates and midnight-aligned windows in the business time zone, across
// DST changes (Europe/Berlin, America/New_York) and days whose midnight is skipped or repeated.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "test_util.hpp"

namespace kam::core::time {
namespace {

using namespace kam::core::tiers::test;

TEST(LocalDate, ParsesAndPrintsIsoDates) {
  EXPECT_EQ(LocalDate::parse("1970-01-01")->days_since_epoch, 0);
  EXPECT_EQ(LocalDate::parse("2026-01-31")->to_string(), "2026-01-31");
  EXPECT_EQ(LocalDate::parse("2024-02-29")->to_string(), "2024-02-29");
  EXPECT_EQ(LocalDate::parse("1969-12-31")->days_since_epoch, -1);
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "26-01-01", "2026/01/01",
                          "2026-01-01T00:00", "", "2026-01-32"})
    EXPECT_EQ(LocalDate::parse(bad), std::nullopt) << bad;
  EXPECT_LT(ymd(2026, 1, 31), ymd(2026, 2, 1));
}

TEST(BusinessCalendar, UnknownZoneIsAConfigError) {
  try {
    BusinessCalendar c("Mars/Olympus_Mons");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::config);
  }
  EXPECT_EQ(BusinessCalendar().zone_name(), "UTC");
}

TEST(BusinessCalendar, LocalDateFollowsTheZone) {
  const BusinessCalendar shanghai("Asia/Shanghai"), new_york("America/New_York");
  const int64_t t = utc_ms(2026, 1, 31, 17);  // Shanghai 01:00 on Feb 1, New York 12:00 on Jan 31
  EXPECT_EQ(shanghai.local_date(t), ymd(2026, 2, 1));
  EXPECT_EQ(new_york.local_date(t), ymd(2026, 1, 31));
  EXPECT_EQ(new_york.local_date(utc_ms(2026, 2, 1, 4, 59)), ymd(2026, 1, 31));  // 23:59 EST
  EXPECT_EQ(new_york.local_date(utc_ms(2026, 2, 1, 5, 0)), ymd(2026, 2, 1));
}

TEST(BusinessCalendar, BerlinSpringForwardDayHas23Hours) {
  const BusinessCalendar berlin("Europe/Berlin");
  // 2026-03-29: 02:00 CET becomes 03:00 CEST.
  EXPECT_EQ(berlin.start_of_day_ms(ymd(2026, 3, 29)), utc_ms(2026, 3, 28, 23));  // 00:00 CET
  EXPECT_EQ(berlin.start_of_day_ms(ymd(2026, 3, 30)), utc_ms(2026, 3, 29, 22));  // 00:00 CEST
  const TimeWindow one_day = berlin.trailing_window(utc_ms(2026, 3, 29, 10), 1);
  EXPECT_EQ(one_day, (TimeWindow{utc_ms(2026, 3, 28, 23), utc_ms(2026, 3, 29, 22)}));
  EXPECT_EQ(one_day.end_ms - one_day.start_ms, 23 * kHourMs);
  // A week across the change is 7*24 - 1 hours, still midnight to midnight.
  const TimeWindow week = berlin.trailing_window(utc_ms(2026, 3, 30, 10), 7);
  EXPECT_EQ(week, (TimeWindow{utc_ms(2026, 3, 23, 23), utc_ms(2026, 3, 30, 22)}));
  EXPECT_EQ(week.end_ms - week.start_ms, (7 * 24 - 1) * kHourMs);
}

TEST(BusinessCalendar, BerlinFallBackDayHas25Hours) {
  const BusinessCalendar berlin("Europe/Berlin");
  // 2026-10-25: 03:00 CEST becomes 02:00 CET.
  const TimeWindow day = berlin.trailing_window(utc_ms(2026, 10, 25, 12), 1);
  EXPECT_EQ(day, (TimeWindow{utc_ms(2026, 10, 24, 22), utc_ms(2026, 10, 25, 23)}));
  EXPECT_EQ(day.end_ms - day.start_ms, 25 * kHourMs);
  // The repeated hour belongs to the same local day.
  EXPECT_EQ(berlin.local_date(utc_ms(2026, 10, 25, 0, 30)), ymd(2026, 10, 25));  // 02:30 CEST
  EXPECT_EQ(berlin.local_date(utc_ms(2026, 10, 25, 1, 30)), ymd(2026, 10, 25));  // 02:30 CET
}

TEST(BusinessCalendar, NewYorkWindowsAcrossBothChanges) {
  const BusinessCalendar ny("America/New_York");
  // 30 days ending 2026-03-20 (EDT since 2026-03-08): starts 2026-02-19 00:00 EST.
  const TimeWindow w = ny.trailing_window(utc_ms(2026, 3, 20, 15), 30);
  EXPECT_EQ(w, (TimeWindow{utc_ms(2026, 2, 19, 5), utc_ms(2026, 3, 21, 4)}));
  EXPECT_EQ(w.end_ms - w.start_ms, (30 * 24 - 1) * kHourMs);
  // The prior 30 days: 2026-01-20 .. 2026-02-18, all EST.
  const TimeWindow p = ny.prior_window(utc_ms(2026, 3, 20, 15), 30);
  EXPECT_EQ(p, (TimeWindow{utc_ms(2026, 1, 20, 5), utc_ms(2026, 2, 19, 5)}));
  // 2026-11-01: 02:00 EDT becomes 01:00 EST; the day is 25 hours.
  const TimeWindow day = ny.trailing_window(utc_ms(2026, 11, 1, 20), 1);
  EXPECT_EQ(day, (TimeWindow{utc_ms(2026, 11, 1, 4), utc_ms(2026, 11, 2, 5)}));
  // Windows tile: the prior window ends where the trailing one starts.
  for (int days : {1, 7, 30, 90, 365})
    EXPECT_EQ(ny.prior_window(utc_ms(2026, 6, 1, 3), days).end_ms, ny.trailing_window(utc_ms(2026, 6, 1, 3), days).start_ms);
}

TEST(BusinessCalendar, WindowIncludesTodayAndEndsAtTheNextMidnight) {
  const BusinessCalendar utc;
  const TimeWindow w = utc.trailing_window(utc_ms(2026, 5, 10, 0, 0), 365);
  EXPECT_EQ(w.end_ms, utc_ms(2026, 5, 11));
  EXPECT_EQ(w.start_ms, utc_ms(2025, 5, 11));
  EXPECT_TRUE(w.contains(utc_ms(2026, 5, 10, 23, 59, 59)));
  EXPECT_TRUE(w.contains(utc_ms(2025, 5, 11)));
  EXPECT_FALSE(w.contains(utc_ms(2025, 5, 10, 23, 59, 59)));
  EXPECT_FALSE(w.contains(utc_ms(2026, 5, 11)));
}

TEST(BusinessCalendar, SkippedAndRepeatedMidnights) {
  // Santiago 2026-09-06: clocks go from 00:00 to 01:00 (-04 -> -03); the day starts at the change.
  const BusinessCalendar santiago("America/Santiago");
  EXPECT_EQ(santiago.start_of_day_ms(ymd(2026, 9, 6)), utc_ms(2026, 9, 6, 4));
  EXPECT_EQ(santiago.local_date(utc_ms(2026, 9, 6, 4)), ymd(2026, 9, 6));
  EXPECT_EQ(santiago.local_date(utc_ms(2026, 9, 6, 4) - 1), ymd(2026, 9, 5));
  // Havana 2026-11-01: 01:00 CDT becomes 00:00 CST, so midnight happens twice; the first counts.
  const BusinessCalendar havana("America/Havana");
  EXPECT_EQ(havana.start_of_day_ms(ymd(2026, 11, 1)), utc_ms(2026, 11, 1, 4));
  EXPECT_EQ(havana.start_of_day_ms(ymd(2026, 11, 2)) - havana.start_of_day_ms(ymd(2026, 11, 1)), 25 * kHourMs);
}

TEST(BusinessCalendar, DaysBetweenCountsLocalCalendarDays) {
  const BusinessCalendar berlin("Europe/Berlin");
  // 23:59 and 00:01 local are one day apart; 00:01 and 23:59 the same day are zero.
  EXPECT_EQ(berlin.days_between(utc_ms(2026, 1, 10, 22, 59), utc_ms(2026, 1, 10, 23, 1)), 1);
  EXPECT_EQ(berlin.days_between(utc_ms(2026, 1, 10, 23, 1), utc_ms(2026, 1, 11, 22, 59)), 0);
  // Across the spring change: calendar days, not 24-hour blocks.
  EXPECT_EQ(berlin.days_between(utc_ms(2026, 3, 28, 23, 30), utc_ms(2026, 3, 29, 22, 30)), 1);
  EXPECT_EQ(berlin.days_between(utc_ms(2026, 3, 1, 12), utc_ms(2026, 4, 1, 12)), 31);
  EXPECT_EQ(berlin.days_between(utc_ms(2026, 4, 1, 12), utc_ms(2026, 3, 1, 12)), -31);
}

TEST(BusinessCalendarOffsets, OffsetSpanGivesTheSameLocalDateAcrossDstChanges) {
  for (const char* zone : {"Europe/Berlin", "America/Santiago", "Asia/Shanghai", "America/St_Johns", "UTC"}) {
    const BusinessCalendar cal(zone);
    uint64_t x = 88172645463325252ull;  // xorshift: deterministic instants 1990..2040
    for (int i = 0; i < 20000; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      const int64_t ms = 631152000000 + static_cast<int64_t>(x % 1577836800000ull);
      const BusinessCalendar::OffsetSpan span = cal.offset_at(ms);
      ASSERT_TRUE(span.contains(ms)) << zone << " " << ms;
      ASSERT_EQ(span.local_date(ms), cal.local_date(ms)) << zone << " " << ms;
      // The span's edges belong to it (begin) or to the next one (end).
      ASSERT_EQ(span.local_date(span.begin_ms), cal.local_date(span.begin_ms)) << zone;
    }
  }
}

}  // namespace
}  // namespace kam::core::time

