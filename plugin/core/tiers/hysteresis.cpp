#include "core/tiers/hysteresis.hpp"

namespace kam::core::tiers {

const char* tier_change_name(TierChange change) {
  switch (change) {
    case TierChange::initial: return "initial";
    case TierChange::unchanged: return "unchanged";
    case TierChange::upgraded: return "upgraded";
    case TierChange::downgrade_pending: return "downgrade_pending";
    case TierChange::downgraded: return "downgraded";
    case TierChange::downgrade_cancelled: return "downgrade_cancelled";
    case TierChange::reset: return "reset";
  }
  return "?";
}

const char* override_status_name(OverrideStatus status) {
  switch (status) {
    case OverrideStatus::none: return "none";
    case OverrideStatus::in_force: return "in_force";
    case OverrideStatus::expired: return "expired";
    case OverrideStatus::not_yet: return "not_yet";
    case OverrideStatus::unknown_tier: return "unknown_tier";
  }
  return "?";
}

HysteresisResult apply_hysteresis(const std::optional<TierState>& previous, std::string_view computed_tier,
                                  int64_t now_ms, const TierConfig& config) {
  HysteresisResult r;
  r.computed_tier = std::string(computed_tier);
  const auto fresh = [&](TierChange change) {
    r.state = TierState{std::string(computed_tier), now_ms, std::nullopt};
    r.change = change;
    r.changed = !previous || previous->tier != computed_tier;
    return r;
  };
  if (!previous) return fresh(TierChange::initial);
  const auto held_rank = config.rank_of(previous->tier);
  const auto computed_rank = config.rank_of(computed_tier);
  if (!held_rank || !computed_rank) return fresh(TierChange::reset);
  if (*computed_rank < *held_rank) return fresh(TierChange::upgraded);
  if (*computed_rank == *held_rank) {
    r.state = TierState{previous->tier, previous->since_ms, std::nullopt};
    r.change = previous->below_since_ms ? TierChange::downgrade_cancelled : TierChange::unchanged;
    return r;
  }
  // Below the held tier: since when, continuously?
  const int64_t below_since = previous->below_since_ms.value_or(now_ms);
  const int64_t due = below_since + static_cast<int64_t>(config.downgrade_after_days) * kMsPerDay;
  if (now_ms >= due) return fresh(TierChange::downgraded);
  r.state = TierState{previous->tier, previous->since_ms, below_since};
  r.change = TierChange::downgrade_pending;
  r.downgrade_due_ms = due;
  return r;
}

EffectiveTier decide_effective_tier(std::string_view held_tier, const std::optional<TierOverride>& override,
                                    int64_t now_ms, const TierConfig& config) {
  EffectiveTier e;
  e.tier = std::string(held_tier);
  e.override = override;
  if (!override) return e;
  if (!config.find(override->tier))
    e.override_status = OverrideStatus::unknown_tier;
  else if (now_ms >= override->expires_at_ms)
    e.override_status = OverrideStatus::expired;
  else if (now_ms < override->set_at_ms)
    e.override_status = OverrideStatus::not_yet;
  else
    e.override_status = OverrideStatus::in_force;
  if (e.override_status == OverrideStatus::in_force) {
    e.tier = override->tier;
    e.overridden = true;
  }
  return e;
}

}  // namespace kam::core::tiers
