// work_calendar.cpp - the UTC table of working intervals and the lookups on it (see
// work_calendar.hpp).
#include "core/time/work_calendar.hpp"

#include <algorithm>
#include <climits>
#include <utility>

#include "core/error.hpp"

namespace kam::core::time {
namespace {

constexpr int64_t kDayMs = 86400000;
// More than any UTC offset (-12h .. +14h): offset spans this far around a local interval are the
// only ones that can hold its instants.
constexpr int64_t kReachMs = 2 * kDayMs;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string utc_date_text(int64_t ms) { return LocalDate{static_cast<int32_t>(floor_div(ms, kDayMs))}.to_string(); }

std::string issues_text(const std::vector<DefinitionIssue>& issues) {
  std::string text;
  for (const DefinitionIssue& issue : issues) text += (text.empty() ? "" : "; ") + issue.path + ": " + issue.message;
  return text;
}

// The UTC working intervals of the local dates first..last, clipped to [begin_ms, end_ms]: for each
// local interval [ls, le) of a date and each UTC-offset span near it, the instants t of the span with
// t + offset in [ls, le). A skipped wall-clock hour so yields nothing, a repeated one two pieces.
std::vector<std::pair<int64_t, int64_t>> utc_intervals(const WorkDefinition& def, const BusinessCalendar& zone,
                                                      LocalDate first, LocalDate last, int64_t begin_ms,
                                                      int64_t end_ms) {
  std::vector<BusinessCalendar::OffsetSpan> spans;
  for (int64_t ms = begin_ms - kReachMs; ms < end_ms + kReachMs;) {
    spans.push_back(zone.offset_at(ms));
    ms = spans.back().end_ms;
  }
  std::vector<std::pair<int64_t, int64_t>> out;
  std::size_t near = 0;  // the first span that can reach the current local interval
  for (LocalDate date = first; date <= last; ++date.days_since_epoch) {
    const int64_t midnight = static_cast<int64_t>(date.days_since_epoch) * kDayMs;
    for (const WorkInterval& w : hours_on(def, date)) {
      const int64_t ls = midnight + w.start_minute * WorkCalendar::kMinuteMs;
      const int64_t le = midnight + w.end_minute * WorkCalendar::kMinuteMs;
      while (spans[near].end_ms <= ls - kReachMs) ++near;
      for (std::size_t k = near; k < spans.size() && spans[k].begin_ms < le + kReachMs; ++k) {
        const int64_t from = std::max({ls - spans[k].offset_ms, spans[k].begin_ms, begin_ms});
        const int64_t to = std::min({le - spans[k].offset_ms, spans[k].end_ms, end_ms});
        if (from < to) out.emplace_back(from, to);
      }
    }
  }
  // Pieces of a repeated hour come out of order; different dates never overlap (an instant has one
  // local date), they can only touch.
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

struct WorkCalendar::Table {
  WorkDefinition def;
  int64_t begin_ms = 0, end_ms = 0;  // instants covered: [start of first_year, start of last_year + 1]
  // Disjoint working intervals [starts[i], ends[i]) in UTC, sorted, touching ones joined; done[i] is
  // the business time from begin_ms through ends[i].
  std::vector<int64_t> starts, ends, done;
  int64_t day0_ms = 0;                 // begin_ms rounded down to a UTC midnight
  std::vector<uint32_t> first_of_day;  // per UTC day from day0_ms: the first interval ending after it
};

WorkCalendar::WorkCalendar(const WorkDefinition& def) {
  if (const auto issues = validate_work_definition(def); !issues.empty())
    throw Error(Status::config, "calendar '" + def.name + "': " + issues_text(issues));
  auto table = std::make_shared<Table>();
  table->def = def;
  const BusinessCalendar zone(def.time_zone);
  const LocalDate first = LocalDate::from_ymd(def.first_year, 1, 1);
  const LocalDate after = LocalDate::from_ymd(def.last_year + 1, 1, 1);
  table->begin_ms = zone.start_of_day_ms(first);
  table->end_ms = zone.start_of_day_ms(after);
  for (const auto& [from, to] : utc_intervals(def, zone, LocalDate{first.days_since_epoch - 1}, after,
                                              table->begin_ms, table->end_ms)) {
    if (!table->ends.empty() && table->ends.back() == from) {
      table->ends.back() = to;
      table->done.back() += to - from;
    } else {
      table->starts.push_back(from);
      table->ends.push_back(to);
      table->done.push_back((table->done.empty() ? 0 : table->done.back()) + (to - from));
    }
  }
  table->day0_ms = floor_div(table->begin_ms, kDayMs) * kDayMs;
  const int64_t days = (table->end_ms - table->day0_ms) / kDayMs + 1;
  table->first_of_day.resize(static_cast<std::size_t>(days));
  std::size_t i = 0;
  for (int64_t d = 0; d < days; ++d) {
    while (i < table->ends.size() && table->ends[i] <= table->day0_ms + d * kDayMs) ++i;
    table->first_of_day[static_cast<std::size_t>(d)] = static_cast<uint32_t>(i);
  }
  table_ = std::move(table);
}

const WorkDefinition& WorkCalendar::definition() const { return table_->def; }

void WorkCalendar::check_range(int64_t ms) const {
  if (ms < table_->begin_ms || ms > table_->end_ms)
    throw Error(Status::invalid_argument, "calendar '" + table_->def.name + "': instant " + std::to_string(ms) +
                                              " (" + utc_date_text(ms) + " UTC) is outside its years " +
                                              std::to_string(table_->def.first_year) + ".." +
                                              std::to_string(table_->def.last_year));
}

std::size_t WorkCalendar::locate(int64_t ms) const {
  const Table& t = *table_;
  std::size_t i = t.first_of_day[static_cast<std::size_t>((ms - t.day0_ms) / kDayMs)];
  while (i < t.ends.size() && t.ends[i] <= ms) ++i;
  return i;
}

int64_t WorkCalendar::accumulated(int64_t ms, std::size_t i) const {
  const Table& t = *table_;
  if (i == t.ends.size()) return t.done.empty() ? 0 : t.done.back();
  return t.done[i] - (t.ends[i] - std::max(ms, t.starts[i]));
}

int64_t WorkCalendar::add_ms(int64_t start_ms, int64_t business_ms) const {
  check_range(start_ms);
  if (business_ms < 0)
    throw Error(Status::invalid_argument, "calendar '" + table_->def.name + "': cannot add a negative business time (" +
                                              std::to_string(business_ms) + " ms)");
  if (business_ms == 0) return start_ms;
  const Table& t = *table_;
  const std::size_t n = t.done.size(), i = locate(start_ms);
  if (n == 0 || business_ms > t.done.back()) return past_last_year();
  const int64_t target = accumulated(start_ms, i) + business_ms;
  // Gallop forward from i to bracket the first interval whose accumulated end reaches the target:
  // a deadline is usually a few intervals away, however long the table.
  std::size_t lo = i, step = 1;
  while (lo + step < n && t.done[lo + step] < target) {
    lo += step;
    step *= 2;
  }
  const auto hi = t.done.begin() + static_cast<std::ptrdiff_t>(std::min(lo + step + 1, n));
  const auto j = static_cast<std::size_t>(std::lower_bound(t.done.begin() + static_cast<std::ptrdiff_t>(lo), hi, target) -
                                          t.done.begin());
  if (j == n) return past_last_year();
  return t.ends[j] - (t.done[j] - target);
}

int64_t WorkCalendar::add_minutes(int64_t start_ms, int64_t minutes) const {
  if (minutes > INT64_MAX / kMinuteMs) return past_last_year();
  return add_ms(start_ms, std::max(minutes, INT64_MIN / kMinuteMs) * kMinuteMs);
}

int64_t WorkCalendar::past_last_year() const {
  throw Error(Status::invalid_argument, "calendar '" + table_->def.name + "': the deadline falls after its last year " +
                                            std::to_string(table_->def.last_year));
}

int64_t WorkCalendar::business_ms_between(int64_t from_ms, int64_t to_ms) const {
  check_range(from_ms);
  check_range(to_ms);
  return accumulated(to_ms, locate(to_ms)) - accumulated(from_ms, locate(from_ms));
}

bool WorkCalendar::is_working(int64_t ms) const {
  check_range(ms);
  const std::size_t i = locate(ms);
  return i < table_->starts.size() && table_->starts[i] <= ms;
}

int64_t WorkCalendar::next_working_instant(int64_t ms) const {
  check_range(ms);
  const std::size_t i = locate(ms);
  if (i == table_->starts.size())
    throw Error(Status::invalid_argument, "calendar '" + table_->def.name + "': no working time after " +
                                              utc_date_text(ms) + " within its years");
  return std::max(ms, table_->starts[i]);
}

}  // namespace kam::core::time
