// test_util.hpp - small helpers shared by the tier engine tests.
#pragma once

#include <cstdint>
#include <string>

#include "core/tiers/tiers.hpp"

namespace kam::core::tiers::test {

// Milliseconds since the epoch of a UTC date and time.
inline int64_t utc_ms(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
  return static_cast<int64_t>(time::LocalDate::from_ymd(year, month, day).days_since_epoch) * 86400000 +
         hour * 3600000LL + minute * 60000LL + second * 1000LL;
}

inline time::LocalDate ymd(int year, unsigned month, unsigned day) { return time::LocalDate::from_ymd(year, month, day); }

inline constexpr int64_t kHourMs = 3600000;
inline constexpr int64_t kDayMs = 86400000;

inline Money amount_of(int64_t minor, std::string currency) { return Money{minor, std::move(currency)}; }

}  // namespace kam::core::tiers::test
