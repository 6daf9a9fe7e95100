// calendar.hpp - the business calendar: local dates and day boundaries in the configured business
// time zone (business.time_zone), from the system tz database through date/tz.
//
// The engine counts days in local calendar dates, not in 24-hour blocks: a window of N days starts
// and ends at local midnight, so it is N*24h +- 1h across a DST change. The calendar holds a
// pointer into date/tz's process-wide database (loaded once, read-only afterwards), so it is cheap
// to copy and safe to share between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace kam::core::time {

// A calendar date (proleptic Gregorian), as days since 1970-01-01.
struct LocalDate {
  int32_t days_since_epoch = 0;

  // "2026-01-31"; nothing for anything else (no time, no other formats, no invalid dates).
  static std::optional<LocalDate> parse(std::string_view text);
  // y-m-d must be a valid date.
  static LocalDate from_ymd(int year, unsigned month, unsigned day);
  std::string to_string() const;  // "2026-01-31"

  friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
  friend bool operator==(const LocalDate&, const LocalDate&) = default;
};

// A half-open interval of UTC milliseconds [start_ms, end_ms).
struct TimeWindow {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  bool contains(int64_t ms) const { return ms >= start_ms && ms < end_ms; }
  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

class BusinessCalendar {
 public:
  BusinessCalendar();  // UTC
  // An IANA zone name ("Europe/Berlin"). Throws kam::Error(Status::config) for an unknown zone; the
  // config loader has already refused those, so a calendar built from a loaded Config never throws.
  explicit BusinessCalendar(std::string_view zone_name);

  const std::string& zone_name() const { return name_; }

  // The local date at an instant.
  LocalDate local_date(int64_t ms) const;

  // The zone's UTC offset in force at an instant, and the span [begin_ms, end_ms) it holds for:
  // callers converting many instants (ingestion) reuse it instead of searching the zone each time.
  struct OffsetSpan {
    int64_t begin_ms = 0, end_ms = 0, offset_ms = 0;
    bool contains(int64_t ms) const { return ms >= begin_ms && ms < end_ms; }
    LocalDate local_date(int64_t ms) const;  // for an instant the span contains
  };
  OffsetSpan offset_at(int64_t ms) const;
  // The first instant of a local date: local midnight, or - where a DST change skips midnight - the
  // instant the day begins; where midnight happens twice, the first one.
  int64_t start_of_day_ms(LocalDate date) const;

  // The trailing window of `days` local days that ends with (and includes) the local day of now_ms:
  // [start of (today - days + 1), start of tomorrow). days >= 1.
  TimeWindow trailing_window(int64_t now_ms, int32_t days) const;
  // The `days` local days just before trailing_window(now_ms, days), for growth.
  TimeWindow prior_window(int64_t now_ms, int32_t days) const;

  // Calendar days from the local date of `earlier_ms` to that of `later_ms` (0 on the same local
  // day, 1 for 23:59 -> 00:01 the next day; negative when later_ms is earlier).
  int32_t days_between(int64_t earlier_ms, int64_t later_ms) const;

 private:
  const date::time_zone* zone_ = nullptr;
  std::string name_;
};

}  // namespace kam::core::time
