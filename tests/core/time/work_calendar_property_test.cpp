// work_calendar_property_test.cpp - random calendars (zones with DST, 30-minute DST and midnight
// changes; random intervals, holidays, make-up and special days) against a slow reference that asks
// date/tz for the local time of every minute and checks it against the definition, plus properties
// that need no reference: measuring an addition gives back N, additions are monotone in the start,
// and add(a, x + y) == add(add(a, x), y).
#include <date/tz.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/time/zone.hpp"
#include "time/work_calendar_util.hpp"

namespace kam::core::time {
namespace {

using namespace kam::core::time::test;

// The reference: which hours a date has, written again from the documented precedence.
DayHours reference_hours(const WorkDefinition& def, LocalDate date) {
  for (const SpecialDay& s : def.special_days)
    if (s.date == date) return s.hours;
  for (const MakeUpDay& m : def.make_up_days)
    if (m.date == date) return m.hours ? *m.hours : def.week[static_cast<std::size_t>(m.hours_of_weekday - 1)];
  for (const Holiday& h : def.holidays)
    if (h.first <= date && date <= h.last) return {};
  const date::weekday wd{date::sys_days{date::days{date.days_since_epoch}}};
  return def.week[wd.iso_encoding() - 1];
}

// Whether the minute starting at `ms` is working time: its local wall clock inside its date's hours.
bool reference_working(const WorkDefinition& def, const date::time_zone* zone, int64_t ms) {
  const auto local = zone->to_local(date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}});
  const auto day = date::floor<date::days>(local);
  const auto minute = static_cast<int32_t>(date::floor<std::chrono::minutes>(local - day).count());
  for (const WorkInterval& w : reference_hours(def, LocalDate{static_cast<int32_t>(day.time_since_epoch().count())}))
    if (w.start_minute <= minute && minute < w.end_minute) return true;
  return false;
}

// Random sorted, disjoint intervals on a 15-minute grid (0..3 of them; sometimes the whole day).
DayHours random_day(std::mt19937_64& rng) {
  if (rng() % 10 == 0) return hours("00:00-24:00");
  std::vector<int32_t> points;
  const std::size_t count = 2 * (rng() % 4);
  while (points.size() < count) {
    const auto p = static_cast<int32_t>(rng() % 97) * 15;
    if (std::find(points.begin(), points.end(), p) == points.end()) points.push_back(p);
  }
  std::sort(points.begin(), points.end());
  DayHours day;
  for (std::size_t i = 0; i < points.size(); i += 2) day.push_back({points[i], points[i + 1]});
  return day;
}

WorkDefinition random_definition(std::mt19937_64& rng) {
  static const char* const zones[] = {"UTC",           "America/New_York", "Europe/Berlin",  "Asia/Shanghai",
                                      "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Kolkata"};
  WorkDefinition def;
  def.name = "random";
  def.time_zone = zones[rng() % std::size(zones)];
  def.first_year = 2025;
  def.last_year = 2028;
  do
    for (DayHours& d : def.week) d = rng() % 3 == 0 ? DayHours{} : random_day(rng);
  while (std::all_of(def.week.begin(), def.week.end(), [](const DayHours& d) { return d.empty(); }));
  auto random_date = [&] { return LocalDate{ymd(2026, 1, 1).days_since_epoch + static_cast<int32_t>(rng() % 365)}; };
  // A date that is already a holiday, make-up or special day.
  auto taken = [&](LocalDate d) {
    return std::any_of(def.holidays.begin(), def.holidays.end(), [&](const Holiday& h) { return h.first <= d && d <= h.last; }) ||
           std::any_of(def.make_up_days.begin(), def.make_up_days.end(), [&](const MakeUpDay& m) { return m.date == d; }) ||
           std::any_of(def.special_days.begin(), def.special_days.end(), [&](const SpecialDay& m) { return m.date == d; });
  };
  for (std::size_t i = rng() % 6; i > 0; --i) {
    const LocalDate first = random_date();
    def.holidays.push_back({first, LocalDate{first.days_since_epoch + static_cast<int32_t>(rng() % 8)}, "h"});
  }
  for (std::size_t i = rng() % 6; i > 0; --i) {
    const LocalDate d = random_date();
    const bool off_weekday = def.week[iso_weekday(d) - 1].empty();
    if (off_weekday && !taken(d)) {
      std::optional<DayHours> own;
      if (rng() % 2) own = random_day(rng);
      if (own && own->empty()) own = hours("10:00-11:00");
      def.make_up_days.push_back({d, own, 1 + static_cast<int32_t>(rng() % 7)});
      if (!own && def.week[static_cast<std::size_t>(def.make_up_days.back().hours_of_weekday - 1)].empty())
        def.make_up_days.back().hours = hours("09:00-17:00");
    }
  }
  for (std::size_t i = rng() % 6; i > 0; --i)
    if (const LocalDate d = random_date(); !taken(d)) def.special_days.push_back({d, random_day(rng)});
  return def;
}

// Starts: around the DST changes of 2026 in the zones above, and anywhere in the year.
int64_t random_start(std::mt19937_64& rng) {
  static const int64_t changes[] = {utc_ms(2026, 3, 8, 7),  utc_ms(2026, 3, 29, 1), utc_ms(2026, 10, 25, 1),
                                    utc_ms(2026, 11, 1, 6), utc_ms(2026, 4, 4, 15), utc_ms(2026, 9, 6, 4),
                                    utc_ms(2026, 10, 3, 15), utc_ms(2026, 3, 8, 5), utc_ms(2026, 11, 1, 5)};
  const int64_t minute = rng() % 2 ? changes[rng() % std::size(changes)] / kMinuteMs - 4 * 1440 + int64_t(rng() % (5 * 1440))
                                   : utc_ms(2026, 1, 1) / kMinuteMs + int64_t(rng() % (360 * 1440));
  return minute * kMinuteMs;
}

TEST(WorkCalendarProperty, AgreesWithAMinuteByMinuteReference) {
  std::mt19937_64 rng(20261202);
  constexpr int64_t kWindow = 14 * 1440;  // minutes walked from each start
  for (int c = 0; c < 40; ++c) {
    const WorkDefinition def = random_definition(rng);
    ASSERT_EQ(validate_work_definition(def), std::vector<DefinitionIssue>{}) << c;
    const WorkCalendar cal(def);
    const date::time_zone* zone = locate_zone(def.time_zone);
    for (int s = 0; s < 8; ++s) {
      const int64_t a = random_start(rng);
      std::vector<int64_t> done(kWindow + 1, 0);  // done[k]: working minutes in [a, a + k minutes)
      for (int64_t k = 0; k < kWindow; ++k) {
        const bool working = reference_working(def, zone, a + k * kMinuteMs);
        done[k + 1] = done[k] + working;
        if (k % 97 == 0) {
          ASSERT_EQ(cal.is_working(a + k * kMinuteMs), working) << def.time_zone << " " << a << "+" << k;
        }
      }
      for (int i = 0; i < 40; ++i) {
        const int64_t k = static_cast<int64_t>(rng() % (kWindow + 1));
        ASSERT_EQ(cal.business_ms_between(a, a + k * kMinuteMs), done[k] * kMinuteMs) << def.time_zone << " " << a;
        const int64_t n = done[k];
        // The earliest instant with n minutes done: the first k' with done[k'] == n.
        const int64_t first = std::lower_bound(done.begin(), done.end(), n) - done.begin();
        ASSERT_EQ(cal.add_minutes(a, n), a + first * kMinuteMs) << def.time_zone << " " << a << " +" << n;
        const int64_t next = std::upper_bound(done.begin(), done.end(), done[k]) - done.begin();
        if (next <= kWindow) {  // the first working minute from k is the one where done rises
          ASSERT_EQ(cal.next_working_instant(a + k * kMinuteMs), a + (next - 1) * kMinuteMs) << def.time_zone << " " << a;
        }
      }
    }
  }
}

TEST(WorkCalendarProperty, AddingThenMeasuringMonotoneAndAssociative) {
  std::mt19937_64 rng(7);
  for (int c = 0; c < 60; ++c) {
    const WorkDefinition def = random_definition(rng);
    const WorkCalendar cal(def);
    // Amounts up to 20 weeks of this calendar's hours (at most 40 hours): deadlines stay in its years.
    int64_t weekly = 0;
    for (const DayHours& day : def.week)
      for (const WorkInterval& w : day) weekly += (w.end_minute - w.start_minute) * kMinuteMs;
    const auto most = static_cast<uint64_t>(std::min(40 * kHourMs, 20 * weekly));
    for (int i = 0; i < 300; ++i) {
      // Millisecond instants and amounts, not only whole minutes.
      const int64_t a = random_start(rng) + static_cast<int64_t>(rng() % kMinuteMs);
      const int64_t b = a + static_cast<int64_t>(rng() % (3 * kDayMs));
      const auto x = static_cast<int64_t>(rng() % most), y = static_cast<int64_t>(rng() % most);
      const int64_t ax = cal.add_ms(a, x);
      ASSERT_EQ(cal.business_ms_between(a, ax), x);
      ASSERT_LE(cal.add_ms(a, x), cal.add_ms(b, x));
      ASSERT_EQ(cal.add_ms(a, x + y), cal.add_ms(ax, y));
      ASSERT_EQ(cal.business_ms_between(a, b) + cal.business_ms_between(b, ax), x);
      // A deadline is working time's end or inside it, never in a gap (except adding 0).
      if (x > 0) {
        ASSERT_TRUE(cal.is_working(ax - 1));
      }
    }
  }
}

}  // namespace
}  // namespace kam::core::time
