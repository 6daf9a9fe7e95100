// due.cpp - the next instant a complaint's escalation chain needs the SLA check; see due.hpp.
#include "core/complaints/due.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace kam::core::complaints {

std::optional<int64_t> next_due_ms(const std::vector<Clock>& clocks, const EscalationChain& chain, int64_t at_ms,
                                   int64_t after_ms) {
  std::optional<int64_t> next;
  for (const EscalationStep& step : chain) {
    const auto clock =
        std::find_if(clocks.begin(), clocks.end(), [&](const Clock& c) { return c.kind() == step.clock; });
    if (clock == clocks.end()) continue;
    const std::optional<int64_t> since = clock->active_since(at_ms);
    if (!since) continue;  // stopped: nothing of this clock is ever sent in this stretch
    std::optional<Reached> at;
    try {
      at = clock->reached(step.at_bp, step.after_minutes * 60000);
    } catch (const Error&) {
      continue;  // beyond the calendar's years: not projected
    }
    if (!at || at->at_ms < *since || at->at_ms <= after_ms) continue;
    if (!next || at->at_ms < *next) next = at->at_ms;
  }
  return next;
}

std::vector<Clock> clocks_of(const Ledger& ledger, const Calendars& calendars) {
  return {Clock(ledger, ClockKind::first_response, calendars), Clock(ledger, ClockKind::resolution, calendars)};
}

}  // namespace kam::core::complaints
