// due.hpp - when a complaint next needs the SLA check: the earliest instant a step of its escalation
// chain comes due, projected from its clocks. The store keeps it (complaint_current.next_due_ms, an
// index), so the tick reads only the complaints with something due instead of every open one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/complaints/clock.hpp"
#include "core/complaints/escalation.hpp"

namespace kam::core::complaints {

// The earliest instant at which a step of `chain` is due (as due_escalations decides it: reached
// while its clock is active, in the stretch the clock is in at `at_ms`), counting only instants
// after `after_ms`; nothing when no step ever will be while the clocks stand as they are (stopped,
// paused before the level, no target). After a ledger change pass after_ms = INT64_MIN to include
// levels already past that no tick has seen; after a tick at now, pass now (those were written).
// A projection past the calendar's years is treated as never (the next ledger change recomputes).
std::optional<int64_t> next_due_ms(const std::vector<Clock>& clocks, const EscalationChain& chain, int64_t at_ms,
                                   int64_t after_ms);

// Both clocks of a ledger (first response, resolution), as due_escalations takes them.
std::vector<Clock> clocks_of(const Ledger& ledger, const Calendars& calendars);

}  // namespace kam::core::complaints
