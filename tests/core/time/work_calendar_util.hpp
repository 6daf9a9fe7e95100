// work_calendar_util.hpp - helpers shared by the working-time calendar tests: hours from text, an
// office week, instants written as local wall-clock time with their UTC offset, and China's 2026
// public-holiday calendar.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>

#include "core/time/work_calendar.hpp"
#include "test_util.hpp"

namespace kam::core::time::test {

using tiers::test::kDayMs;
using tiers::test::kHourMs;
using tiers::test::utc_ms;
using tiers::test::ymd;

inline constexpr int64_t kMinuteMs = WorkCalendar::kMinuteMs;

// "09:00-12:00 13:00-18:00" -> two intervals (unparsable text gives an impossible interval).
inline DayHours hours(const std::string& text) {
  DayHours out;
  std::istringstream in(text);
  for (std::string part; in >> part;) out.push_back(WorkInterval::parse(part).value_or(WorkInterval{-1, -1}));
  return out;
}

// `day_hours` Monday to Friday, weekends closed.
inline WorkDefinition office(const std::string& zone, const std::string& day_hours = "09:00-12:00 13:00-18:00") {
  WorkDefinition def;
  def.name = "office";
  def.time_zone = zone;
  for (int d = 0; d < 5; ++d) def.week[static_cast<std::size_t>(d)] = hours(day_hours);
  def.first_year = 2020;
  def.last_year = 2030;
  return def;
}

// The instant a clock at UTC offset `offset_hours` shows y-m-d h:min (e.g. -5 for EST, +8 for CST).
inline int64_t at(int year, unsigned month, unsigned day, int hour, int minute, int offset_hours) {
  return utc_ms(year, month, day, hour, minute) - offset_hours * kHourMs;
}

// China, 2026 (State Council notice of 2025-11-04): Asia/Shanghai, 09:00-12:00 and 13:00-18:00
// Monday to Friday; holidays 1/1-1/3, 2/15-2/23, 4/4-4/6, 5/1-5/5, 6/19-6/21, 9/25-9/27, 10/1-10/7;
// make-up working days (with Monday's hours) 1/4 (Sun), 2/14 (Sat), 2/28 (Sat), 5/9 (Sat), 9/20
// (Sun), 10/10 (Sat).
inline WorkDefinition china_2026() {
  WorkDefinition def = office("Asia/Shanghai");
  def.name = "china-2026";
  const struct {
    unsigned m1, d1, m2, d2;
    const char* name;
  } holidays[] = {{1, 1, 1, 3, "元旦"},   {2, 15, 2, 23, "春节"}, {4, 4, 4, 6, "清明节"},  {5, 1, 5, 5, "劳动节"},
                  {6, 19, 6, 21, "端午节"}, {9, 25, 9, 27, "中秋节"}, {10, 1, 10, 7, "国庆节"}};
  for (const auto& h : holidays) def.holidays.push_back({ymd(2026, h.m1, h.d1), ymd(2026, h.m2, h.d2), h.name});
  const unsigned make_up[][2] = {{1, 4}, {2, 14}, {2, 28}, {5, 9}, {9, 20}, {10, 10}};
  for (const auto& d : make_up) def.make_up_days.push_back({ymd(2026, d[0], d[1]), std::nullopt, 1});
  return def;
}

}  // namespace kam::core::time::test
