// hysteresis_test.cpp - upgrades at once, downgrades only after N days continuously below, frequent
// evaluations do not hasten a downgrade, going back up cancels it; manual overrides and expiry.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace kam::core::tiers {
namespace {

using namespace test;

TierConfig config(int32_t downgrade_after_days = 90) {
  TierConfig c;
  c.downgrade_after_days = downgrade_after_days;
  c.levels.clear();
  for (const char* name : {"platinum", "gold", "silver"}) {
    TierLevel l;
    l.name = name;
    l.rule = Condition::all_of({Condition::has_flag(name)});
    c.levels.push_back(l);
  }
  c.levels.push_back(TierConfig::standard_level());
  return c;
}

const int64_t T0 = utc_ms(2026, 1, 1, 9);

TEST(Hysteresis, FirstEvaluationTakesTheComputedTier) {
  const HysteresisResult r = apply_hysteresis(std::nullopt, "gold", T0, config());
  EXPECT_EQ(r.state, (TierState{"gold", T0, std::nullopt}));
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.change, TierChange::initial);
}

TEST(Hysteresis, UpgradeAppliesAtOnce) {
  const TierState gold{"gold", T0, std::nullopt};
  const HysteresisResult r = apply_hysteresis(gold, "platinum", T0 + 1, config());
  EXPECT_EQ(r.state, (TierState{"platinum", T0 + 1, std::nullopt}));
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.change, TierChange::upgraded);
  // Also while a downgrade is pending: the pending downgrade is gone.
  const TierState pending{"gold", T0, T0 + 5 * kDayMs};
  const HysteresisResult u = apply_hysteresis(pending, "platinum", T0 + 6 * kDayMs, config());
  EXPECT_EQ(u.state, (TierState{"platinum", T0 + 6 * kDayMs, std::nullopt}));
}

TEST(Hysteresis, DowngradeOnlyAfterNDaysBelow) {
  const TierConfig c = config(90);
  TierState s{"platinum", T0, std::nullopt};
  const int64_t drop = T0 + 10 * kDayMs;
  HysteresisResult r = apply_hysteresis(s, "gold", drop, c);
  EXPECT_EQ(r.change, TierChange::downgrade_pending);
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.state, (TierState{"platinum", T0, drop}));
  EXPECT_EQ(r.downgrade_due_ms, drop + 90 * kDayMs);
  // One millisecond before the 90 days are up: still platinum.
  r = apply_hysteresis(r.state, "gold", drop + 90 * kDayMs - 1, c);
  EXPECT_EQ(r.state.tier, "platinum");
  EXPECT_EQ(r.state.below_since_ms, drop);
  // At 90 days: gold, and the new tier starts now.
  r = apply_hysteresis(r.state, "gold", drop + 90 * kDayMs, c);
  EXPECT_EQ(r.change, TierChange::downgraded);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.state, (TierState{"gold", drop + 90 * kDayMs, std::nullopt}));
}

TEST(Hysteresis, HourlyEvaluationsDoNotHastenADowngrade) {
  const TierConfig c = config(30);
  TierState s{"gold", T0, std::nullopt};
  const int64_t drop = T0 + kDayMs;
  int64_t downgraded_at = -1;
  for (int64_t now = drop; now <= drop + 40 * kDayMs; now += kHourMs) {
    const HysteresisResult r = apply_hysteresis(s, "silver", now, c);
    if (r.changed) {
      downgraded_at = now;
      break;
    }
    EXPECT_EQ(r.state.below_since_ms, drop);  // since-when never moves
    s = r.state;
  }
  EXPECT_EQ(downgraded_at, drop + 30 * kDayMs);
  // The same with one evaluation a day, or a single late one: the same moment or later, never earlier.
  HysteresisResult daily = apply_hysteresis(TierState{"gold", T0, std::nullopt}, "silver", drop, c);
  for (int d = 1; d < 30; ++d) {
    daily = apply_hysteresis(daily.state, "silver", drop + d * kDayMs, c);
    EXPECT_EQ(daily.state.tier, "gold") << d;
  }
  daily = apply_hysteresis(daily.state, "silver", drop + 30 * kDayMs, c);
  EXPECT_EQ(daily.state.tier, "silver");
}

TEST(Hysteresis, GoingBackUpCancelsThePendingDowngrade) {
  const TierConfig c = config(30);
  HysteresisResult r = apply_hysteresis(TierState{"gold", T0, std::nullopt}, "silver", T0 + kDayMs, c);
  r = apply_hysteresis(r.state, "silver", T0 + 29 * kDayMs, c);
  EXPECT_EQ(r.change, TierChange::downgrade_pending);
  r = apply_hysteresis(r.state, "gold", T0 + 29 * kDayMs + kHourMs, c);  // back at gold
  EXPECT_EQ(r.change, TierChange::downgrade_cancelled);
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.state, (TierState{"gold", T0, std::nullopt}));
  // Below again: the 30 days start over.
  const int64_t again = T0 + 30 * kDayMs;
  r = apply_hysteresis(r.state, "silver", again, c);
  EXPECT_EQ(r.state.below_since_ms, again);
  r = apply_hysteresis(r.state, "silver", again + 29 * kDayMs, c);
  EXPECT_EQ(r.state.tier, "gold");
  r = apply_hysteresis(r.state, "silver", again + 30 * kDayMs, c);
  EXPECT_EQ(r.state.tier, "silver");
}

TEST(Hysteresis, DowngradeGoesToTheTierTheRulesGiveWhenItIsDue) {
  const TierConfig c = config(30);
  // Platinum, then the rules give standard for 10 days, then silver for 20: below platinum for 30
  // days without interruption, so it drops - to silver, what the rules give at that moment.
  HysteresisResult r = apply_hysteresis(TierState{"platinum", T0, std::nullopt}, "standard", T0, c);
  r = apply_hysteresis(r.state, "silver", T0 + 10 * kDayMs, c);
  EXPECT_EQ(r.state.below_since_ms, T0);
  r = apply_hysteresis(r.state, "silver", T0 + 30 * kDayMs, c);
  EXPECT_EQ(r.state.tier, "silver");
  EXPECT_EQ(r.change, TierChange::downgraded);
}

TEST(Hysteresis, ZeroDaysDowngradesAtOnceAndUnknownTiersReset) {
  HysteresisResult r = apply_hysteresis(TierState{"gold", T0, std::nullopt}, "silver", T0 + 1, config(0));
  EXPECT_EQ(r.change, TierChange::downgraded);
  EXPECT_EQ(r.state.tier, "silver");
  // The held tier was removed from the config: take the computed tier.
  r = apply_hysteresis(TierState{"diamond", T0, std::nullopt}, "silver", T0 + 1, config());
  EXPECT_EQ(r.change, TierChange::reset);
  EXPECT_EQ(r.state, (TierState{"silver", T0 + 1, std::nullopt}));
  EXPECT_TRUE(r.changed);
}

TEST(Hysteresis, UnchangedKeepsTheOriginalSince) {
  const HysteresisResult r = apply_hysteresis(TierState{"gold", T0, std::nullopt}, "gold", T0 + 400 * kDayMs, config());
  EXPECT_EQ(r.change, TierChange::unchanged);
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.state.since_ms, T0);
}

TierOverride pin(const char* tier, int64_t from, int64_t until) {
  return TierOverride{tier, "strategic project", "u-17", from, until};
}

TEST(Override, InForceUntilExpiryThenTheComputedTierApplies) {
  const TierConfig c = config();
  const TierOverride o = pin("platinum", T0, T0 + 30 * kDayMs);
  EffectiveTier e = decide_effective_tier("silver", o, T0, c);
  EXPECT_EQ(e.tier, "platinum");
  EXPECT_TRUE(e.overridden);
  EXPECT_EQ(e.override_status, OverrideStatus::in_force);
  e = decide_effective_tier("silver", o, T0 + 30 * kDayMs - 1, c);
  EXPECT_EQ(e.tier, "platinum");
  e = decide_effective_tier("silver", o, T0 + 30 * kDayMs, c);  // expiry is exclusive
  EXPECT_EQ(e.tier, "silver");
  EXPECT_FALSE(e.overridden);
  EXPECT_EQ(e.override_status, OverrideStatus::expired);
  // An override can also pin an account lower than its rules.
  EXPECT_EQ(decide_effective_tier("platinum", pin("standard", T0, T0 + kDayMs), T0, c).tier, "standard");
}

TEST(Override, NotYetValidOrUnknownTierIsNotApplied) {
  const TierConfig c = config();
  EffectiveTier e = decide_effective_tier("silver", pin("gold", T0 + kDayMs, T0 + 2 * kDayMs), T0, c);
  EXPECT_EQ(e.tier, "silver");
  EXPECT_EQ(e.override_status, OverrideStatus::not_yet);
  e = decide_effective_tier("silver", pin("diamond", T0, T0 + kDayMs), T0, c);
  EXPECT_EQ(e.tier, "silver");
  EXPECT_EQ(e.override_status, OverrideStatus::unknown_tier);
  e = decide_effective_tier("silver", std::nullopt, T0, c);
  EXPECT_EQ(e.override_status, OverrideStatus::none);
  EXPECT_FALSE(e.override);
}

TEST(Override, HysteresisKeepsRunningUnderneathAnOverride) {
  const TierConfig c = config(30);
  const TierOverride o = pin("platinum", T0, T0 + 60 * kDayMs);
  AccountMetrics m;
  m.flags = {"gold"};
  std::optional<TierState> state;
  AccountEvaluation e = evaluate_account(m, c, state, o, T0);
  EXPECT_EQ(e.effective.tier, "platinum");
  EXPECT_EQ(e.hysteresis.state.tier, "gold");
  state = e.hysteresis.state;
  // The rules drop to silver on day 10; the downgrade is due on day 40, under the override.
  m.flags = {"silver"};
  for (int d = 10; d <= 40; ++d) {
    e = evaluate_account(m, c, state, o, T0 + d * kDayMs);
    state = e.hysteresis.state;
    EXPECT_EQ(e.effective.tier, "platinum");
  }
  EXPECT_EQ(state->tier, "silver");  // downgraded on day 40 underneath
  // After expiry on day 60 the computed tier applies without a new waiting period.
  e = evaluate_account(m, c, state, o, T0 + 60 * kDayMs);
  EXPECT_EQ(e.effective.tier, "silver");
  EXPECT_EQ(e.effective.override_status, OverrideStatus::expired);
  EXPECT_EQ(e.benefits, c.find("silver")->benefits);
}

}  // namespace
}  // namespace kam::core::tiers
