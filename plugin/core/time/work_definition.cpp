// work_definition.cpp - parsing of "HH:MM-HH:MM", validation and per-date hours of a working-time
// calendar definition (see work_definition.hpp).
#include "core/time/work_definition.hpp"

#include <algorithm>
#include <map>

#include "core/time/zone.hpp"

namespace kam::core::time {
namespace {

constexpr int32_t kMinutesPerDay = 1440;

// "HH:MM" at text[pos..pos+5): minutes since midnight, 00:00 .. 24:00.
std::optional<int32_t> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int32_t hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int32_t minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string clock_text(int32_t minute) {
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + minute / 600);
  out[1] = static_cast<char>('0' + minute / 60 % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + minute % 60 / 10);
  out[4] = static_cast<char>('0' + minute % 10);
  return out;
}

std::string indexed(std::string_view base, std::size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }

// Out-of-day values, inverted or empty intervals and overlaps within one day's hours.
void check_day(const DayHours& hours, const std::string& path, std::vector<DefinitionIssue>& out) {
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const WorkInterval& w = hours[i];
    if (w.start_minute < 0 || w.start_minute >= kMinutesPerDay || w.end_minute <= 0 || w.end_minute > kMinutesPerDay)
      out.push_back({indexed(path, i), "times must lie within the day, 00:00 to 24:00"});
    else if (w.end_minute <= w.start_minute)
      out.push_back({indexed(path, i), "ends at " + clock_text(w.end_minute) + ", not after its start " +
                                           clock_text(w.start_minute) + " (a shift past midnight is two intervals)"});
    else
      for (std::size_t j = 0; j < i; ++j)
        if (hours[j].start_minute < w.end_minute && w.start_minute < hours[j].end_minute)
          out.push_back({indexed(path, i), w.to_string() + " overlaps " + hours[j].to_string() + " (" +
                                               indexed(path, j) + ")"});
  }
}

// Which holiday (index) covers `date`, if any.
std::optional<std::size_t> holiday_at(const WorkDefinition& def, LocalDate date) {
  for (std::size_t i = 0; i < def.holidays.size(); ++i)
    if (def.holidays[i].first <= date && date <= def.holidays[i].last) return i;
  return std::nullopt;
}

const DayHours& make_up_hours(const WorkDefinition& def, const MakeUpDay& day) {
  return day.hours ? *day.hours : def.week[static_cast<std::size_t>(day.hours_of_weekday - 1)];
}

}  // namespace

std::optional<WorkInterval> WorkInterval::parse(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  const auto start = parse_clock(text.substr(0, 5)), end = parse_clock(text.substr(6, 5));
  if (!start || !end) return std::nullopt;
  return WorkInterval{*start, *end};
}

std::string WorkInterval::to_string() const { return clock_text(start_minute) + "-" + clock_text(end_minute); }

WorkDefinition WorkDefinition::around_the_clock(std::string name, std::string time_zone) {
  WorkDefinition def;
  def.name = std::move(name);
  def.time_zone = std::move(time_zone);
  for (DayHours& day : def.week) day = {WorkInterval{0, kMinutesPerDay}};
  return def;
}

std::string_view weekday_name(int32_t iso_weekday) {
  static constexpr std::string_view names[] = {"monday", "tuesday", "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  return iso_weekday >= 1 && iso_weekday <= 7 ? names[iso_weekday - 1] : "?";
}

int32_t iso_weekday(LocalDate date) {
  // 1970-01-01 was a Thursday (ISO 4).
  const int32_t from_monday = ((date.days_since_epoch + 3) % 7 + 7) % 7;
  return from_monday + 1;
}

std::vector<DefinitionIssue> validate_work_definition(const WorkDefinition& def) {
  std::vector<DefinitionIssue> out;
  if (!is_known_time_zone(def.time_zone))
    out.push_back({"time_zone", "unknown time zone '" + def.time_zone + "' (an IANA name such as Asia/Shanghai)"});
  bool any_hours = false;
  for (int32_t d = 1; d <= 7; ++d) {
    const DayHours& hours = def.week[static_cast<std::size_t>(d - 1)];
    check_day(hours, "week." + std::string(weekday_name(d)), out);
    any_hours = any_hours || !hours.empty();
  }
  if (!any_hours) out.push_back({"week", "no working hours on any weekday"});
  for (std::size_t i = 0; i < def.holidays.size(); ++i)
    if (def.holidays[i].last < def.holidays[i].first)
      out.push_back({indexed("holidays", i), "ends " + def.holidays[i].last.to_string() + ", before it starts " +
                                                 def.holidays[i].first.to_string()});

  std::map<LocalDate, std::string> listed;  // make-up and special dates: where each was first given
  auto check_date = [&](LocalDate date, const std::string& path, std::string_view what) {
    if (const auto h = holiday_at(def, date))
      out.push_back({path, date.to_string() + " is both " + std::string(what) + " and a holiday (" +
                               indexed("holidays", *h) + ")"});
    const auto [it, fresh] = listed.emplace(date, path);
    if (!fresh) out.push_back({path, date.to_string() + " is already given at " + it->second});
  };
  for (std::size_t i = 0; i < def.make_up_days.size(); ++i) {
    const MakeUpDay& day = def.make_up_days[i];
    const std::string path = indexed("make_up_days", i);
    check_date(day.date, path, "a make-up working day");
    const int32_t weekday = iso_weekday(day.date);
    if (!def.week[static_cast<std::size_t>(weekday - 1)].empty())
      out.push_back({path, day.date.to_string() + " is a " + std::string(weekday_name(weekday)) +
                               ", already a working day (a make-up day is a date whose weekday is not worked)"});
    if (day.hours) {
      check_day(*day.hours, path + ".hours", out);
      if (day.hours->empty()) out.push_back({path + ".hours", "a make-up working day needs working hours"});
    } else if (day.hours_of_weekday < 1 || day.hours_of_weekday > 7) {
      out.push_back({path + ".hours_of_weekday", "must be 1 (Monday) .. 7 (Sunday)"});
    } else if (make_up_hours(def, day).empty()) {
      out.push_back({path, "takes the hours of " + std::string(weekday_name(day.hours_of_weekday)) +
                               ", which has none: give its hours"});
    }
  }
  for (std::size_t i = 0; i < def.special_days.size(); ++i) {
    const std::string path = indexed("special_days", i);
    check_date(def.special_days[i].date, path, "a special day");
    check_day(def.special_days[i].hours, path + ".hours", out);
  }
  if (def.last_year < def.first_year || def.last_year - def.first_year >= 200)
    out.push_back({"years", "first_year " + std::to_string(def.first_year) + " .. last_year " +
                                std::to_string(def.last_year) + " must be in order and at most 200 years"});
  return out;
}

DayHours hours_on(const WorkDefinition& def, LocalDate date) {
  DayHours hours;
  const auto special = std::find_if(def.special_days.begin(), def.special_days.end(),
                                    [&](const SpecialDay& s) { return s.date == date; });
  const auto make_up = std::find_if(def.make_up_days.begin(), def.make_up_days.end(),
                                    [&](const MakeUpDay& m) { return m.date == date; });
  if (special != def.special_days.end())
    hours = special->hours;
  else if (make_up != def.make_up_days.end())
    hours = make_up_hours(def, *make_up);
  else if (!holiday_at(def, date))
    hours = def.week[static_cast<std::size_t>(iso_weekday(date) - 1)];
  std::sort(hours.begin(), hours.end(),
            [](const WorkInterval& a, const WorkInterval& b) { return a.start_minute < b.start_minute; });
  DayHours joined;
  for (const WorkInterval& w : hours)
    if (!joined.empty() && joined.back().end_minute >= w.start_minute)
      joined.back().end_minute = std::max(joined.back().end_minute, w.end_minute);
    else
      joined.push_back(w);
  return joined;
}

}  // namespace kam::core::time
