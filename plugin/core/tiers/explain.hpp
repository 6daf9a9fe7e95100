// explain.hpp - one call that decides an account's tier (rules, hysteresis, override) and says why,
// as structured data and in plain words for an account manager.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time/calendar.hpp"
#include "core/tiers/hysteresis.hpp"
#include "core/tiers/rules.hpp"

namespace kam::core::tiers {

struct AccountEvaluation {
  std::string account_id;
  Classification classification;  // what the rules give now, with every condition of the matched
                                  // tier and of every higher tier
  HysteresisResult hysteresis;    // the tier held; store .state for the next evaluation
  EffectiveTier effective;        // after a manual override: what the account is entitled to
  Benefits benefits;              // of the effective tier
  bool key_account = false;       // of the effective tier
};

AccountEvaluation evaluate_account(const AccountMetrics& metrics, const TierConfig& config,
                                   const std::optional<TierState>& previous,
                                   const std::optional<TierOverride>& override, int64_t now_ms);

struct ExplainContext {
  const TierConfig* config = nullptr;  // labels, window, downgrade days; required
  std::string reporting_currency = "EUR";
  time::BusinessCalendar calendar;           // local dates in notes (default UTC)
};

// "Gold because trailing-12-month revenue CNY 1,250,000.00 ≥ CNY 1,000,000.00 and margin 24.8% ≥
// 20%. Not Platinum: revenue is CNY 1,250,000.00, needs ≥ CNY 5,000,000.00."
// Higher tiers are listed nearest first.
std::string explain_classification(const Classification& classification, const ExplainContext& context);

// The classification sentence, preceded by what an override or a pending downgrade changes, and
// followed by notes about expired or ignored overrides.
std::string explain_evaluation(const AccountEvaluation& evaluation, const ExplainContext& context);

// Pieces, for callers that build their own text.
std::string describe_value(Metric metric, const MetricValue& value, const std::string& reporting_currency,
                           std::optional<int64_t> threshold = std::nullopt);
std::string describe_threshold(Metric metric, int64_t threshold, const std::string& reporting_currency);

}  // namespace kam::core::tiers
