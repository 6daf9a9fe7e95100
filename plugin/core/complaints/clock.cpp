// clock.cpp - deriving a complaint's SLA clocks from its ledger; see clock.hpp.
#include "core/complaints/clock.hpp"

#include <algorithm>
#include <limits>

#include "core/error.hpp"

namespace kam::core::complaints {

std::string_view clock_name(ClockKind kind) {
  return kind == ClockKind::first_response ? "first_response" : "resolution";
}

Clock::Clock(const Ledger& ledger, ClockKind kind, const Calendars& calendars) : kind_(kind) {
  bool active = false, waiting = false, was_running = false, was_holding = false, was_active = false;
  std::optional<ClockTarget> pending;  // the latest target, used when a generation starts
  const auto use_calendar = [&](int64_t at_ms, const std::string& key) {
    const auto found = calendars.find(key);
    if (found == calendars.end())
      throw Error(Status::config, "complaint clock: calendar version '" + key + "' named by the ledger is not loaded");
    if (pieces_.empty())
      pieces_.push_back({std::numeric_limits<int64_t>::min(), &found->second});
    else if (pieces_.back().calendar != &found->second)
      pieces_.push_back({at_ms, &found->second});
  };
  const auto start_generation = [&](int64_t at_ms) {
    if (!pending) return;
    const int64_t target = kind_ == ClockKind::first_response ? pending->first_response_ms : pending->resolution_ms;
    generations_.push_back({at_ms, target, pending->warning_bp});
  };
  const auto track = [](std::vector<Span>& spans, bool& was, bool now, int64_t at_ms) {
    if (now == was) return;
    if (now)
      spans.push_back({at_ms, kOpen});
    else
      spans.back().end_ms = at_ms;
    was = now;
  };
  for (const LedgerEntry& e : ledger) {
    switch (e.kind) {
      case EntryKind::received: active = true; break;
      case EntryKind::target_set:
        pending = e.target;
        if (!e.target.calendar_key.empty()) use_calendar(e.at_ms, e.target.calendar_key);
        if (active) start_generation(e.at_ms);
        break;
      case EntryKind::calendar_changed:
        if (!pending || pending->calendar != e.calendar) break;
        pending->calendar_key = e.calendar_key;
        use_calendar(e.at_ms, e.calendar_key);
        if (active) start_generation(e.at_ms);
        break;
      case EntryKind::paused: waiting = true; break;
      case EntryKind::resumed: waiting = false; break;
      case EntryKind::first_response:
        if (kind_ == ClockKind::first_response) active = false;
        break;
      case EntryKind::resolved:
        waiting = false;
        active = false;  // a resolution without a response stops the first-response clock too
        break;
      case EntryKind::reopened:
        if (kind_ != ClockKind::resolution) break;
        active = true;
        start_generation(e.at_ms);
        break;
      default: break;
    }
    track(active_, was_active, active, e.at_ms);
    track(running_, was_running, active && !waiting, e.at_ms);
    track(paused_, was_holding, active && waiting, e.at_ms);
  }
}

int64_t Clock::business_ms_between(int64_t from_ms, int64_t to_ms) const {
  int64_t total = 0;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    const int64_t lo = std::max(from_ms, pieces_[i].from_ms);
    const int64_t hi = i + 1 < pieces_.size() ? std::min(to_ms, pieces_[i + 1].from_ms) : to_ms;
    if (lo < hi) total += pieces_[i].calendar->business_ms_between(lo, hi);
  }
  return total;
}

int64_t Clock::add_business_ms(int64_t from_ms, int64_t business_ms) const {
  if (pieces_.empty()) return from_ms;
  std::size_t i = 0;
  while (i + 1 < pieces_.size() && pieces_[i + 1].from_ms <= from_ms) ++i;
  for (;; ++i) {
    const time::WorkCalendar& cal = *pieces_[i].calendar;
    if (i + 1 == pieces_.size()) return cal.add_ms(from_ms, business_ms);
    const int64_t next = pieces_[i + 1].from_ms;
    const int64_t have = cal.business_ms_between(from_ms, next);
    if (have >= business_ms) return cal.add_ms(from_ms, business_ms);
    business_ms -= have;
    from_ms = next;
  }
}

int64_t Clock::sum_within(const std::vector<Span>& spans, int64_t now_ms) const {
  int64_t total = 0;
  for (const Span& s : spans)
    if (s.start_ms < now_ms) total += business_ms_between(s.start_ms, std::min(s.end_ms, now_ms));
  return total;
}

int64_t Clock::elapsed_at(int64_t now_ms) const { return sum_within(running_, now_ms); }

std::optional<int64_t> Clock::instant_at_elapsed(int64_t business_ms) const {
  int64_t before = 0;
  for (const Span& s : running_) {
    if (s.end_ms != kOpen) {
      const int64_t in_span = business_ms_between(s.start_ms, s.end_ms);
      // Used up exactly when the span ends: not reached unless the clock runs again (a response at
      // the deadline instant is on time).
      if (before + in_span <= business_ms) {
        before += in_span;
        continue;
      }
    }
    return add_business_ms(s.start_ms, business_ms - before);
  }
  return std::nullopt;
}

std::optional<Reached> Clock::reached(int32_t bp, int64_t offset_ms) const {
  for (std::size_t g = 0; g < generations_.size(); ++g) {
    if (generations_[g].target_ms <= 0) continue;
    const std::optional<int64_t> at = instant_at_elapsed(generations_[g].target_ms * bp / 10000 + offset_ms);
    if (!at) continue;
    // A level the new rule puts before the generation began is reached when the rule changed.
    const int64_t when = std::max(*at, generations_[g].start_ms);
    if (g + 1 < generations_.size() && when >= generations_[g + 1].start_ms) continue;
    return Reached{when, static_cast<int32_t>(g + 1)};
  }
  return std::nullopt;
}

std::optional<int64_t> Clock::active_since(int64_t now_ms) const {
  for (const Span& s : active_)
    if (s.start_ms <= now_ms && now_ms < s.end_ms) return s.start_ms;
  return std::nullopt;
}

ClockStatus Clock::status(int64_t now_ms) const {
  ClockStatus st;
  st.kind = kind_;
  st.generation = static_cast<int32_t>(generations_.size());
  st.target_ms = generations_.empty() ? 0 : generations_.back().target_ms;
  st.active = !active_.empty() && active_.back().end_ms == kOpen;
  st.paused = !paused_.empty() && paused_.back().end_ms == kOpen;
  if (!st.active && !active_.empty()) st.stopped_at_ms = active_.back().end_ms;
  st.elapsed_ms = elapsed_at(now_ms);
  st.paused_ms = sum_within(paused_, now_ms);
  // A breach stays on record even when a later generation has no target.
  const std::optional<Reached> breach = reached(10000, 0);
  if (breach && breach->at_ms <= now_ms) {
    st.breached = breach;
    const int64_t breached_target = generations_[static_cast<std::size_t>(breach->generation - 1)].target_ms;
    st.breach_by_ms = std::max<int64_t>(0, st.elapsed_ms - breached_target);
  }
  if (st.target_ms <= 0) return st;
  st.left_ms = st.target_ms - st.elapsed_ms;
  if (breach) st.deadline_ms = breach->at_ms;
  for (const int32_t bp : generations_.back().warning_bp) {
    const std::optional<Reached> w = reached(bp, 0);
    st.warnings.push_back(w && w->at_ms <= now_ms ? w : std::nullopt);
  }
  return st;
}

}  // namespace kam::core::complaints
