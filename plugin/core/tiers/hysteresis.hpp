// hysteresis.hpp - how the tier an account holds follows the tier its rules give, and manual
// overrides. Pure functions of (previous state, what the rules say now, the host's clock).
//
// Hysteresis: an upgrade applies at once. A downgrade applies only after the rules have given a
// lower tier continuously for `downgrade_after_days` x 24 hours of host time. The state records
// since when the account has been below its tier, so evaluating often (every hour) does not hasten
// a downgrade; any evaluation that finds the account back at (or above) its tier cancels the
// pending downgrade. When it is due, the account moves to the tier the rules give at that moment.
//
// Overrides: an administrator may pin an account to a tier until a given time. While in force
// (set_at_ms <= now < expires_at_ms) the override decides the tier; the hysteresis state keeps
// following the rules underneath, so after expiry the computed tier (with its hysteresis) applies
// as if the override had never been there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/tiers/rules.hpp"

namespace kam::core::tiers {

struct TierState {
  std::string tier;                       // the tier held (rules + hysteresis)
  int64_t since_ms = 0;                   // when the account got it
  std::optional<int64_t> below_since_ms;  // since when the rules have continuously given a lower tier

  friend bool operator==(const TierState&, const TierState&) = default;
};

enum class TierChange {
  initial,              // no previous state: the computed tier applies
  unchanged,            // the rules give the held tier
  upgraded,             // the rules give a higher tier: applied at once
  downgrade_pending,    // the rules give a lower tier; not long enough yet
  downgraded,           // below for downgrade_after_days: moved to the computed tier
  downgrade_cancelled,  // was pending; the rules give the held tier again
  reset,                // the previous tier is no longer configured: the computed tier applies
};
const char* tier_change_name(TierChange change);

struct HysteresisResult {
  TierState state;                          // store this for the next evaluation
  bool changed = false;                     // state.tier differs from the previous tier (or none)
  TierChange change = TierChange::initial;
  std::string computed_tier;                // what the rules gave
  std::optional<int64_t> downgrade_due_ms;  // pending: when it takes effect if the account stays below
};

// `computed_tier` must be a tier of `config` (classify()'s result).
HysteresisResult apply_hysteresis(const std::optional<TierState>& previous, std::string_view computed_tier,
                                  int64_t now_ms, const TierConfig& config);

struct TierOverride {
  std::string tier;
  std::string reason;
  std::string actor_user_id;
  int64_t set_at_ms = 0;
  int64_t expires_at_ms = 0;  // exclusive
};

enum class OverrideStatus {
  none,          // no override given
  in_force,      // decides the tier
  expired,       // now >= expires_at_ms: the computed tier applies
  not_yet,       // now < set_at_ms (clock skew or a scheduled override): not applied
  unknown_tier,  // names a tier the config no longer has: not applied
};
const char* override_status_name(OverrideStatus status);

struct EffectiveTier {
  std::string tier;                      // what the account is entitled to now
  bool overridden = false;               // true when the override decides
  OverrideStatus override_status = OverrideStatus::none;
  std::optional<TierOverride> override;  // the override given, whatever its status
};

EffectiveTier decide_effective_tier(std::string_view held_tier, const std::optional<TierOverride>& override,
                                    int64_t now_ms, const TierConfig& config);

inline constexpr int64_t kMsPerDay = 86400000;

}  // namespace kam::core::tiers
