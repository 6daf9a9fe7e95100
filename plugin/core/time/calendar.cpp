#include "core/time/calendar.hpp"

#include <chrono>
#include <exception>

#include <date/date.h>
#include <date/tz.h>

#include "core/error.hpp"
#include "core/time/zone.hpp"

namespace kam::core::time {
namespace {

using std::chrono::milliseconds;
using Ms = date::sys_time<milliseconds>;

date::local_days to_local_days(LocalDate d) { return date::local_days{date::days{d.days_since_epoch}}; }

}  // namespace

std::optional<LocalDate> LocalDate::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p)
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  const date::year_month_day ymd{date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])},
                                 date::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate{static_cast<int32_t>(date::sys_days(ymd).time_since_epoch().count())};
}

LocalDate LocalDate::from_ymd(int year, unsigned month, unsigned day) {
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  return LocalDate{static_cast<int32_t>(date::sys_days(ymd).time_since_epoch().count())};
}

std::string LocalDate::to_string() const {
  const date::year_month_day ymd{date::sys_days{date::days{days_since_epoch}}};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  std::string out = std::to_string(y);
  while (out.size() < 4) out.insert(out.begin(), '0');
  out += '-';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  out += '-';
  out += static_cast<char>('0' + d / 10);
  out += static_cast<char>('0' + d % 10);
  return out;
}

BusinessCalendar::BusinessCalendar() : zone_(locate_zone("UTC")), name_("UTC") {}

BusinessCalendar::BusinessCalendar(std::string_view zone_name) : zone_(locate_zone(zone_name)), name_(zone_name) {}

LocalDate BusinessCalendar::local_date(int64_t ms) const {
  const Ms t{milliseconds{ms}};
  const auto local = zone_->to_local(t);
  const auto day = date::floor<date::days>(local);
  return LocalDate{static_cast<int32_t>(day.time_since_epoch().count())};
}

BusinessCalendar::OffsetSpan BusinessCalendar::offset_at(int64_t ms) const {
  const date::sys_info info = zone_->get_info(Ms{milliseconds{ms}});
  auto to_ms = [](const date::sys_seconds& s) {
    return std::chrono::duration_cast<milliseconds>(s.time_since_epoch()).count();
  };
  return OffsetSpan{to_ms(info.begin), to_ms(info.end),
                    std::chrono::duration_cast<milliseconds>(info.offset).count()};
}

LocalDate BusinessCalendar::OffsetSpan::local_date(int64_t ms) const {
  const int64_t local = ms + offset_ms;
  constexpr int64_t kDay = 86400000;
  return LocalDate{static_cast<int32_t>(local >= 0 ? local / kDay : -((-local + kDay - 1) / kDay))};
}

int64_t BusinessCalendar::start_of_day_ms(LocalDate d) const {
  // choose::earliest: an ambiguous midnight gives its first occurrence; a nonexistent one (DST
  // starting at 00:00) gives the transition, i.e. the first instant of that local day.
  const auto sys = zone_->to_sys(date::local_time<milliseconds>{to_local_days(d).time_since_epoch()},
                                 date::choose::earliest);
  return std::chrono::duration_cast<milliseconds>(sys.time_since_epoch()).count();
}

TimeWindow BusinessCalendar::trailing_window(int64_t now_ms, int32_t days) const {
  const LocalDate tomorrow{local_date(now_ms).days_since_epoch + 1};
  return TimeWindow{start_of_day_ms(LocalDate{tomorrow.days_since_epoch - days}), start_of_day_ms(tomorrow)};
}

TimeWindow BusinessCalendar::prior_window(int64_t now_ms, int32_t days) const {
  const LocalDate tomorrow{local_date(now_ms).days_since_epoch + 1};
  return TimeWindow{start_of_day_ms(LocalDate{tomorrow.days_since_epoch - 2 * days}),
                    start_of_day_ms(LocalDate{tomorrow.days_since_epoch - days})};
}

int32_t BusinessCalendar::days_between(int64_t earlier_ms, int64_t later_ms) const {
  return local_date(later_ms).days_since_epoch - local_date(earlier_ms).days_since_epoch;
}

}  // namespace kam::core::time
