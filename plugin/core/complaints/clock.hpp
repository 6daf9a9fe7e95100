// clock.hpp - a complaint's SLA clocks derived from its ledger and the calendars: the running and
// paused stretches, the deadline generations, and from them the elapsed business time, the pause
// time (business time on the complaint's calendar), the deadline and the breach at a given instant.
//
// Two clocks start at `received`: the first-response clock stops at the first qualifying response
// (or at a resolution without one); the resolution clock stops at `resolved` and runs again after
// `reopened`, keeping the business time it had (a reopen grants no fresh budget). Both pause while
// waiting on the customer. A calendar change acts from its instant on: business time before it is
// measured on the version in force then, so a past breach stays where it happened.
//
// A generation is a stretch during which the clock's deadline rule does not change; a new one starts
// when, while the clock is active, its target or calendar changes, and when the resolution clock is
// reopened. A level (a warning fraction, the breach, breach + an offset) is reached once, in the
// generation in force at that instant; later generations never move a level already reached.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/complaints/ledger.hpp"
#include "core/time/work_calendar.hpp"

namespace kam::core::complaints {

enum class ClockKind : int32_t { first_response = 1, resolution = 2 };
std::string_view clock_name(ClockKind kind);  // "first_response"

// The calendar versions the ledger names, by version key (ClockTarget::calendar_key).
using Calendars = std::map<std::string, time::WorkCalendar>;

// When a level was reached, and in which generation.
struct Reached {
  int64_t at_ms = 0;
  int32_t generation = 0;
  friend bool operator==(const Reached&, const Reached&) = default;
};

struct ClockStatus {
  ClockKind kind = ClockKind::first_response;
  int64_t target_ms = 0;   // business time allowed in the current generation; 0: no clock
  int32_t generation = 0;  // the current generation (1 = the first)
  bool active = false;     // started and not stopped (running or paused)
  bool paused = false;
  std::optional<int64_t> stopped_at_ms;  // when it stopped (the response or the resolution)
  int64_t elapsed_ms = 0;  // business time it ran, up to now (or up to its stop)
  int64_t paused_ms = 0;   // business time spent waiting on the customer while it was active
  int64_t left_ms = 0;     // target - elapsed (negative: over the target)
  std::optional<int64_t> deadline_ms;    // when it breaches or breached; nothing while paused before it
  std::optional<Reached> breached;       // reached the target (at or before now), in any generation
  int64_t breach_by_ms = 0;              // business time over the target it breached (0: not breached)
  std::vector<std::optional<Reached>> warnings;  // per warning fraction, reached at or before now
};

class Clock {
 public:
  // Throws kam::Error(Status::config) when the ledger names a calendar version not in `calendars`.
  Clock(const Ledger& ledger, ClockKind kind, const Calendars& calendars);

  ClockKind kind() const { return kind_; }
  // The status at `now_ms` (at or after the last entry).
  ClockStatus status(int64_t now_ms) const;
  // When the level `bp` of the target (10000 = the target) plus `offset_ms` of business time is
  // reached: in the past, or, while the clock runs, projected; nothing when it never will be (the
  // clock stopped or is paused before it, or there is no target).
  std::optional<Reached> reached(int32_t bp, int64_t offset_ms) const;
  // The start of the active stretch (from received or a reopen to the stop) containing `now_ms`.
  std::optional<int64_t> active_since(int64_t now_ms) const;

  int64_t business_ms_between(int64_t from_ms, int64_t to_ms) const;  // on the calendar versions in force
  int64_t add_business_ms(int64_t from_ms, int64_t business_ms) const;

 private:
  struct Span {
    int64_t start_ms, end_ms;  // end: kOpen while it lasts
  };
  struct Generation {
    int64_t start_ms;
    int64_t target_ms;
    std::vector<int32_t> warning_bp;
  };
  struct Piece {
    int64_t from_ms;
    const time::WorkCalendar* calendar;
  };
  static constexpr int64_t kOpen = INT64_MAX;

  ClockKind kind_;
  std::vector<Span> running_, paused_, active_;
  std::vector<Generation> generations_;
  std::vector<Piece> pieces_;

  int64_t elapsed_at(int64_t now_ms) const;
  std::optional<int64_t> instant_at_elapsed(int64_t business_ms) const;
  int64_t sum_within(const std::vector<Span>& spans, int64_t now_ms) const;
};

}  // namespace kam::core::complaints
