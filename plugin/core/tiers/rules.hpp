// rules.hpp - tier definitions (rules and benefits, from the config's `tiers:` section) and the
// classification of one account: the first tier, in config order, whose rule matches.
//
// Rule semantics:
// - A metric condition compares the account's exact metric value with the threshold
//   (money in minor units, percentages in basis points; ratios are compared as fractions, never
//   rounded). A condition on a metric the account has no data for does not match, whatever the
//   operator (explain reports "no data").
// - A flag condition matches when the host set that flag on the account.
// - `all` matches when every member matches (an empty `all` would always match; the config
//   refuses it); `any` when at least one does. Groups nest to any depth.
// - Tiers are tried in config order (highest first); the first whose rule matches wins; the
//   default tier (the last one, without a rule) matches every account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tiers/metrics.hpp"

namespace kam::core::tiers {

enum class Op { lt, le, gt, ge, eq, ne };

std::string_view op_symbol(Op op);  // as written in the config: "<", "<=", ">", ">=", "==", "!="
std::string_view op_sign(Op op);    // for people: "<", "≤", ">", "≥", "=", "≠"
std::optional<Op> op_by_symbol(std::string_view symbol);
std::vector<std::string_view> op_symbols();

struct Condition {
  enum class Kind { metric, flag, all, any };
  Kind kind = Kind::all;
  Metric metric = Metric::revenue;  // metric
  Op op = Op::ge;                   // metric
  int64_t threshold = 0;            // metric: minor units, basis points, count or days
  std::string flag;                 // flag
  std::vector<Condition> members;   // all / any

  static Condition compare(Metric metric, Op op, int64_t threshold);
  static Condition has_flag(std::string flag);
  static Condition all_of(std::vector<Condition> members);
  static Condition any_of(std::vector<Condition> members);
};

// What a tier entitles an account to (the config's `benefits:`). Absent values: not entitled.
struct Benefits {
  bool dedicated_account_manager = false;
  std::string hotline;                                   // empty: none
  std::optional<int64_t> first_response_target_minutes;  // "4h" -> 240
  std::optional<int64_t> resolution_target_minutes;      // "2d" -> 2880
  int64_t discount_authority_bp = 0;                     // "12.5%" -> 1250
  std::optional<int32_t> visit_cadence_days;
  std::string engineer_pool;                             // empty: none

  static int64_t minutes_to_ms(int64_t minutes) { return minutes * 60000; }
  friend bool operator==(const Benefits&, const Benefits&) = default;
};

// "30m", "4h", "2d", "1w" -> minutes; nothing for anything else (or for zero).
std::optional<int64_t> parse_duration_minutes(std::string_view text);
// 240 -> "4h", 2880 -> "2d", 90 -> "90m".
std::string format_duration_minutes(int64_t minutes);

struct TierLevel {
  std::string name;          // as in the config: platinum
  std::string label;         // for people: Platinum (config `label:`, default: name capitalised)
  bool is_default = false;   // the catch-all tier; it has no rule
  bool key_account = false;  // accounts in this tier are key accounts (churn notifications)
  Condition rule;            // all/any; unused for the default tier
  Benefits benefits;
};

struct TierConfig {
  int32_t window_days = 365;            // trailing window of the revenue/margin metrics, 1..3660
  int32_t downgrade_after_days = 90;    // hysteresis, 0..3650 (0: downgrade at once)
  int64_t evaluate_every_minutes = 60;  // the host's tick evaluates every account this often
  int64_t pareto_percent_bp = 8000;     // the revenue share the Pareto report cuts at (80%)
  std::vector<TierLevel> levels = {standard_level()};  // highest first; the default one last

  // The tier a config without `tiers:` has: "standard", default, no benefits.
  static TierLevel standard_level();

  const TierLevel* find(std::string_view name) const;
  // 0 = highest. Nothing for a name that is not configured.
  std::optional<std::size_t> rank_of(std::string_view name) const;
  const TierLevel& default_level() const { return levels.back(); }
  // "trailing-12-month" for 365 days, "trailing-90-day" otherwise.
  std::string window_label() const;
};

// The outcome of one condition for one account.
enum class Outcome { pass, fail, no_data };

struct ConditionResult {
  Condition::Kind kind = Condition::Kind::all;
  Metric metric = Metric::revenue;
  Op op = Op::ge;
  int64_t threshold = 0;
  std::string flag;
  std::optional<MetricValue> value;  // metric: the account's value; nothing = no data
  Outcome outcome = Outcome::fail;
  std::vector<ConditionResult> members;  // all / any, in config order
  bool passed() const { return outcome == Outcome::pass; }
};

ConditionResult evaluate(const Condition& condition, const AccountMetrics& metrics);

struct TierCheck {
  std::string tier;
  bool is_default = false;
  bool matched = false;
  ConditionResult rule;  // the default tier: an empty `all` that passes
};

struct Classification {
  std::string tier;        // the first tier that matched
  std::size_t rank = 0;    // its index in TierConfig::levels
  // Every tier that was tried, highest first: all higher tiers (not matched, with the failing
  // conditions) and last the matched one.
  std::vector<TierCheck> checks;
};

Classification classify(const AccountMetrics& metrics, const TierConfig& config);

}  // namespace kam::core::tiers
