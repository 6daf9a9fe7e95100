// churn.hpp - churn risk: a 0..100 score from weighted signals (config `churn_risk:`), a level,
// the retention discount that level allows, and whether a key account just turned at-risk.
//
// Each signal has a value for the account and a linear scale: at or below `zero_at` it adds
// nothing, at or above `full_at` its full weight, linearly in between. Signals without data (no
// prior revenue, a signal the host does not send yet) are left out of the score entirely, both
// their points and their weight, so the score is over what is known:
//
//   score = round_half_even(100 * sum_i(w_i * s_i) / sum_i(w_i))   over signals with data,
//   s_i = clamp(value_i - zero_at_i, 0, full_at_i - zero_at_i) / (full_at_i - zero_at_i)
//
// computed exactly (fractions in __int128, one rounding). Without any signal data the score is 0
// (level low, no_data = true).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/tiers/metrics.hpp"

namespace kam::core::tiers {

enum class ChurnSignal {
  revenue_drop,           // percent: (revenue_prior - revenue) / revenue_prior, whole bp (half-even)
  open_complaints,        // count
  days_since_last_order,  // days
  days_since_last_visit,  // days
  sla_breaches,           // count
};

struct ChurnSignalInfo {
  ChurnSignal signal;
  std::string_view name;   // in the config
  MetricKind kind;         // percent, count or days: how zero_at/full_at are written
  std::string_view label;  // plain words
};
std::span<const ChurnSignalInfo> churn_signal_catalogue();
const ChurnSignalInfo& churn_signal_info(ChurnSignal signal);
std::optional<ChurnSignal> churn_signal_by_name(std::string_view name);
std::vector<std::string_view> churn_signal_names();

// The signal's value for an account (bp for revenue_drop); nothing without data.
std::optional<int64_t> churn_signal_value(const AccountMetrics& metrics, ChurnSignal signal);

struct ChurnSignalRule {
  ChurnSignal signal = ChurnSignal::revenue_drop;
  int64_t zero_at = 0;  // bp, count or days
  int64_t full_at = 1;  // > zero_at
  int32_t weight = 1;   // 1..1000
};

enum class ChurnLevel { low = 0, medium = 1, high = 2 };
const char* churn_level_name(ChurnLevel level);

struct ChurnConfig {
  std::vector<ChurnSignalRule> signals;  // empty: scoring is off, every account scores 0 (low)
  int32_t medium_at = 40;                // score >= medium_at: medium
  int32_t high_at = 70;                  // score >= high_at: high
  ChurnLevel notify_at = ChurnLevel::high;  // a key account reaching this level raises a notification
  std::array<int64_t, 3> retention_discount_bp = {0, 0, 0};  // by level: low, medium, high
};

struct SignalScore {
  ChurnSignal signal = ChurnSignal::revenue_drop;
  std::optional<int64_t> value;  // nothing: no data, left out
  ChurnSignalRule rule;
  int32_t points = 0;            // this signal's share of the score, rounded half-even (the rounded
                                 // points may differ from the score by a point in total)
};

struct ChurnAssessment {
  int32_t score = 0;
  ChurnLevel level = ChurnLevel::low;
  bool no_data = true;                  // no signal had data
  std::vector<SignalScore> signals;     // config order
  int64_t retention_discount_bp = 0;    // what the level allows
  bool at_risk = false;                 // level >= notify_at
  bool notify = false;                  // key account, at risk now and not at the previous assessment
};

// previous_level: the level of the account's previous assessment (nothing for the first one).
ChurnAssessment assess_churn(const AccountMetrics& metrics, const ChurnConfig& config, bool key_account,
                             std::optional<ChurnLevel> previous_level);

// "Churn risk 58/100 (medium): revenue drop 35% → 30 points; ...; days since the last visit: no
// data (left out). Retention discount up to 3%."
std::string explain_churn(const ChurnAssessment& assessment);

}  // namespace kam::core::tiers
