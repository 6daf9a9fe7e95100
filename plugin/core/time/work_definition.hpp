// work_definition.hpp - the plain definition of a working-time calendar (time zone, weekly hours,
// holidays, make-up working days, per-date special hours), as the config loader will fill it from a
// YAML section, and its validation, which returns every problem as data (field path + message) so
// the loader can put file:line:column in front. WorkCalendar (work_calendar.hpp) is built from it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/calendar.hpp"

namespace kam::core::time {

// A half-open span of local wall-clock time within one day, in minutes since local midnight:
// [start_minute, end_minute), 0 <= start < end <= 1440 ("24:00" is the end of the day). A shift past
// midnight is two intervals, one on each day.
struct WorkInterval {
  int32_t start_minute = 0;
  int32_t end_minute = 0;

  // "09:00-12:00" (HH:MM-HH:MM, 24:00 allowed); nothing for anything else. The values are not
  // checked against each other here: validate_work_definition reports an end before its start.
  static std::optional<WorkInterval> parse(std::string_view text);
  std::string to_string() const;  // "09:00-12:00"

  friend bool operator==(const WorkInterval&, const WorkInterval&) = default;
};

// A day's working hours: any number of intervals, in any order, not overlapping.
using DayHours = std::vector<WorkInterval>;

// Dates first..last, both included (one date: first == last).
struct Holiday {
  LocalDate first, last;
  std::string name;  // for people; not used by the arithmetic
};

// A date that is worked although its weekday is not (China's 调休: a Saturday or Sunday worked in
// exchange for a longer holiday). Its hours are `hours` when given, else those of weekday
// `hours_of_weekday` (ISO: 1 = Monday .. 7 = Sunday), by default Monday's.
struct MakeUpDay {
  LocalDate date;
  std::optional<DayHours> hours;
  int32_t hours_of_weekday = 1;
};

// A date with other hours than its weekday's: a shorter or longer day (no hours: closed).
struct SpecialDay {
  LocalDate date;
  DayHours hours;
};

struct WorkDefinition {
  std::string name;       // for messages
  std::string time_zone;  // IANA, e.g. "Asia/Shanghai"
  std::array<DayHours, 7> week;  // [0] = Monday .. [6] = Sunday
  std::vector<Holiday> holidays;
  std::vector<MakeUpDay> make_up_days;
  std::vector<SpecialDay> special_days;
  // The local years the calendar's precomputed table covers (instants outside are refused).
  int32_t first_year = 2000, last_year = 2099;

  // 00:00-24:00 every day of the week, no exceptions.
  static WorkDefinition around_the_clock(std::string name, std::string time_zone);
};

// One problem in a definition: `path` names the field as the YAML will ("week.monday[1]",
// "holidays[3]", "make_up_days[0].hours[1]"), `message` says what is wrong.
struct DefinitionIssue {
  std::string path;
  std::string message;
  friend bool operator==(const DefinitionIssue&, const DefinitionIssue&) = default;
};

// Every problem in `def` (empty: valid): unknown time zone, an interval out of the day or ending
// before it starts, overlapping intervals, a holiday range ending before it starts, a date that is
// both a holiday and a make-up or special day, a make-up day whose weekday already works or that
// takes its hours from a weekday with none, a date listed twice, no working hours in the week, a
// year range that is inverted or longer than 200 years.
std::vector<DefinitionIssue> validate_work_definition(const WorkDefinition& def);

// The working hours on local date `date`, sorted and with touching intervals joined. Precedence: a
// special day's hours, else a make-up day's, else none on a holiday, else the weekday's. `def` must
// be valid.
DayHours hours_on(const WorkDefinition& def, LocalDate date);

// "monday" .. "sunday" for ISO weekday 1..7.
std::string_view weekday_name(int32_t iso_weekday);
// ISO weekday (1 = Monday .. 7 = Sunday) of a date.
int32_t iso_weekday(LocalDate date);

}  // namespace kam::core::time
