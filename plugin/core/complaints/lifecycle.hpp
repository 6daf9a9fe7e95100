// lifecycle.hpp - the complaint lifecycle as a pure state machine. apply_step checks one step against
// the complaint's state and either rejects it with a reason in words or returns the ledger entries it
// appends; the state itself is a fold over the ledger (replay), so it is never stored apart from it.
// 首问负责制: OPENED makes its employee the first owner, and nothing changes the owner afterwards.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/complaints/ledger.hpp"
#include "core/complaints/step.hpp"
#include "core/complaints/targets.hpp"

namespace kam::core::complaints {

enum class Phase : int32_t { none = 0, open = 1, resolved = 2, closed = 3 };

struct ComplaintState {
  Phase phase = Phase::none;  // none: not opened yet
  bool waiting_on_customer = false;
  std::string account_id, tier;
  std::string first_owner, owner_department;  // immutable after OPENED
  std::string assignee, department;           // who works on it now
  int32_t priority = 0;
  bool first_responded = false;
  int32_t reopen_count = 0;
  int64_t received_at_ms = 0;
  int64_t last_at_ms = std::numeric_limits<int64_t>::min();  // the last entry's instant
  std::optional<ClockTarget> target;                         // nothing: no SLA clocks
};

// The state after `entry` (entries are trusted: apply_step made them).
void fold(ComplaintState& state, const LedgerEntry& entry);
ComplaintState replay(const Ledger& ledger);

// What the lifecycle needs from the config: the targets, and the version key in force of each
// calendar name (a name missing from the map is its own key).
struct SlaSetup {
  std::vector<Target> targets;
  std::map<std::string, std::string> calendar_keys;
};

// The clock target for a tier and priority (nothing when no target applies or both minutes are 0).
std::optional<ClockTarget> clock_target_for(const SlaSetup& setup, const std::string& tier, int32_t priority);

struct StepOutcome {
  std::optional<std::string> rejected;  // the reason; nothing appended
  std::vector<LedgerEntry> appended;    // in order, all at the step's instant
};

// Checks `step` against `state`. Rejected: a step before OPENED or a second OPENED, a step that
// occurred before the last one applied (the reason names both instants), an OPENED without an
// employee or with a priority outside 0..4, a hand-off to nobody or to the current assignee, a
// response to a closed complaint, a pause, resolution or hand-off of one that is not open, a resume
// when not waiting, a CLOSED that does not confirm a resolution, a reopen of an open complaint, a
// priority change to the same priority or of a closed complaint.
StepOutcome apply_step(const ComplaintState& state, const Step& step, const SlaSetup& setup);

// The entry recording that calendar `calendar` is now version `calendar_key` (config reload);
// nothing when the complaint's clocks do not run on that calendar or already use that version.
std::optional<LedgerEntry> calendar_change(const ComplaintState& state, int64_t at_ms, const std::string& calendar,
                                           const std::string& calendar_key);

}  // namespace kam::core::complaints
