// work_calendar.hpp - business-time arithmetic on a working-time calendar: the deadline N business
// minutes after an instant, the business time between two instants, whether an instant is working
// time, the next working instant. See docs/calendars.md for the model and the conventions.
//
// Working time is the set of instants whose local wall-clock reading (in the calendar's zone) falls
// inside a working interval of their local date. So a wall-clock hour that a DST change skips is not
// worked, one that happens twice is worked twice, and business time is always real elapsed time.
//
// At construction the calendar turns its definition into one sorted table of disjoint UTC working
// intervals over its years, with the business time accumulated up to the end of each and an index
// from UTC day to the first interval of that day; every operation is then a lookup plus, for an
// addition, a galloping search forward. The table is immutable and shared by copies, so a calendar
// is cheap to copy and safe to use from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/time/work_definition.hpp"

namespace kam::core::time {

class WorkCalendar {
 public:
  static constexpr int64_t kMinuteMs = 60000;

  // Throws kam::Error(Status::config, "calendar 'NAME': PATH: MESSAGE; ...") for an invalid
  // definition (validate_work_definition gives the same problems as data).
  explicit WorkCalendar(const WorkDefinition& def);

  const WorkDefinition& definition() const;

  // Instants are UTC milliseconds within the calendar's years: [first instant of first_year,
  // first instant of last_year + 1]. Anything outside throws kam::Error(Status::invalid_argument).

  // The deadline `business_ms` (>= 0) of working time after `start_ms`: the earliest instant u >= start
  // with business_ms_between(start, u) == business_ms. So a deadline that fills an interval exactly
  // is that interval's end (not the next opening), and 0 gives start itself, in or out of hours.
  // Throws kam::Error(Status::invalid_argument) for a negative amount or a deadline past the years.
  int64_t add_ms(int64_t start_ms, int64_t business_ms) const;
  int64_t add_minutes(int64_t start_ms, int64_t minutes) const;

  // Working time in [from_ms, to_ms); negative when to_ms < from_ms.
  int64_t business_ms_between(int64_t from_ms, int64_t to_ms) const;

  // Whether `ms` is working time (intervals are half-open: an interval's end is not working time).
  bool is_working(int64_t ms) const;
  // `ms` when it is working time, else the start of the next working interval.
  int64_t next_working_instant(int64_t ms) const;

 private:
  struct Table;
  std::shared_ptr<const Table> table_;

  // Index of the first interval that ends after `ms` (the table's size when none does).
  std::size_t locate(int64_t ms) const;
  // Business time from the table's start to `ms`.
  int64_t accumulated(int64_t ms, std::size_t index) const;
  void check_range(int64_t ms) const;
  [[noreturn]] int64_t past_last_year() const;
};

}  // namespace kam::core::time
