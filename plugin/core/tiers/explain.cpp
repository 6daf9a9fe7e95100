#include "core/tiers/explain.hpp"

#include <map>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace kam::core::tiers {
namespace {

class Writer {
 public:
  explicit Writer(const ExplainContext& context) : c_(check(context)), window_(context.config->window_label()) {}

  std::string label_of(std::string_view tier) const {
    const TierLevel* level = c_.config->find(tier);
    return level ? level->label : std::string(tier);
  }

  std::string date_of(int64_t ms) const { return c_.calendar.local_date(ms).to_string(); }

  // "trailing-12-month revenue" from "{window} revenue".
  std::string label(Metric metric, bool short_form) const {
    const MetricInfo& info = metric_info(metric);
    std::string text(short_form ? info.short_label : info.label);
    const auto at = text.find("{window}");
    if (at != std::string::npos) text.replace(at, 8, window_);
    return text;
  }

  // One text shows a metric's value one way: rounded against the threshold of the text nearest to
  // it (a value just below 5% reads 4.99% against every threshold, never 5% beside 4.99%).
  void prepare(const ConditionResult& r) {
    if (r.kind == Condition::Kind::metric && r.value) {
      const money::int128 distance = r.value->num - static_cast<money::int128>(r.threshold) * r.value->den;
      const money::int128 d = distance < 0 ? -distance : distance;
      auto [it, inserted] = nearest_.try_emplace(r.metric, std::make_pair(d, r.threshold));
      if (!inserted && d < it->second.first) it->second = {d, r.threshold};
    }
    for (const ConditionResult& m : r.members) prepare(m);
  }

  std::string value(const ConditionResult& r) const {
    const auto it = nearest_.find(r.metric);
    return describe_value(r.metric, *r.value, c_.reporting_currency,
                          it == nearest_.end() ? r.threshold : it->second.second);
  }
  std::string threshold(const ConditionResult& r) const {
    return describe_threshold(r.metric, r.threshold, c_.reporting_currency);
  }
  std::string need(const ConditionResult& r) const { return std::string(op_sign(r.op)) + " " + threshold(r); }

  // pareto_top_percent <= P reads "among the accounts that make the top P% of revenue".
  static bool is_top_set(const ConditionResult& r) { return r.metric == Metric::pareto_top_percent && r.op == Op::le; }
  std::string top_set(const ConditionResult& r) const {
    return "the accounts that make the top " + threshold(r) + " of revenue";
  }

  // Why a passing condition passes.
  std::string pass(const ConditionResult& r) const {
    switch (r.kind) {
      case Condition::Kind::metric:
        if (is_top_set(r)) return "among " + top_set(r) + " (Pareto position " + value(r) + ")";
        return label(r.metric, false) + " " + value(r) + " " + need(r);
      case Condition::Kind::flag: return "flagged " + r.flag;
      case Condition::Kind::all:
      case Condition::Kind::any: {
        std::vector<std::string> parts;
        for (const ConditionResult& m : r.members)
          if (m.passed()) parts.push_back(pass(m));
        return join(parts, r.kind == Condition::Kind::all ? " and " : " or ");
      }
    }
    return {};
  }

  // Why a failing condition fails.
  std::string fail(const ConditionResult& r) const {
    switch (r.kind) {
      case Condition::Kind::metric:
        if (r.outcome == Outcome::no_data) return "no data for " + label(r.metric, true) + " (needs " + need(r) + ")";
        if (is_top_set(r))
          return "not among " + top_set(r) + " (Pareto position " + value(r) + ")";
        return label(r.metric, true) + " is " + value(r) + ", needs " + need(r);
      case Condition::Kind::flag: return "not flagged " + r.flag;
      case Condition::Kind::all: {
        std::vector<std::string> parts;
        for (const ConditionResult& m : r.members)
          if (!m.passed()) parts.push_back(fail(m));
        return join(parts, "; ");
      }
      case Condition::Kind::any: {
        std::vector<std::string> parts;
        for (const ConditionResult& m : r.members) parts.push_back(requirement(m));
        return parts.size() == 1 ? parts[0] : "needs one of: " + join(parts, " or ");
      }
    }
    return {};
  }

  // What a condition asks for, with the account's value: "revenue ≥ CNY 5,000,000.00 (is CNY 1.00)".
  std::string requirement(const ConditionResult& r) const {
    switch (r.kind) {
      case Condition::Kind::metric:
        return label(r.metric, true) + " " + need(r) + " (" + (r.value ? "is " + value(r) : std::string("no data")) + ")";
      case Condition::Kind::flag: return "flagged " + r.flag + (r.passed() ? " (yes)" : " (no)");
      case Condition::Kind::all:
      case Condition::Kind::any: {
        std::vector<std::string> parts;
        for (const ConditionResult& m : r.members) parts.push_back(requirement(m));
        return "(" + join(parts, r.kind == Condition::Kind::all ? " and " : " or ") + ")";
      }
    }
    return {};
  }

 private:
  static const ExplainContext& check(const ExplainContext& context) {
    if (!context.config) throw Error(Status::invalid_argument, "ExplainContext without a TierConfig");
    return context;
  }

  const ExplainContext& c_;
  std::string window_;
  std::map<Metric, std::pair<money::int128, int64_t>> nearest_;  // metric -> (distance, threshold)
};

}  // namespace

std::string describe_value(Metric metric, const MetricValue& value, const std::string& reporting_currency,
                           std::optional<int64_t> threshold) {
  switch (metric_info(metric).kind) {
    case MetricKind::money:
      return money::format_money(money::to_int64(money::div_half_even(value.num, value.den), "amount"), reporting_currency);
    case MetricKind::percent: return money::format_ratio_bp(value.num, value.den, threshold);
    case MetricKind::count:
    case MetricKind::days: return money::format_grouped(money::div_half_even(value.num, value.den), 0);
  }
  return {};
}

std::string describe_threshold(Metric metric, int64_t threshold, const std::string& reporting_currency) {
  switch (metric_info(metric).kind) {
    case MetricKind::money: return money::format_money(threshold, reporting_currency);
    case MetricKind::percent: return money::format_percent_bp(threshold);
    case MetricKind::count:
    case MetricKind::days: return money::format_grouped(threshold, 0);
  }
  return {};
}

AccountEvaluation evaluate_account(const AccountMetrics& metrics, const TierConfig& config,
                                   const std::optional<TierState>& previous,
                                   const std::optional<TierOverride>& override, int64_t now_ms) {
  AccountEvaluation e;
  e.account_id = metrics.account_id;
  e.classification = classify(metrics, config);
  e.hysteresis = apply_hysteresis(previous, e.classification.tier, now_ms, config);
  e.effective = decide_effective_tier(e.hysteresis.state.tier, override, now_ms, config);
  if (const TierLevel* level = config.find(e.effective.tier)) {
    e.benefits = level->benefits;
    e.key_account = level->key_account;
  }
  return e;
}

std::string explain_classification(const Classification& c, const ExplainContext& context) {
  Writer w(context);
  if (c.checks.empty()) return w.label_of(c.tier) + ".";
  // The tier it has, and what it misses for the next tier up only (not every higher tier).
  const TierCheck& matched = c.checks.back();
  const TierCheck* next_up = c.checks.size() > 1 ? &c.checks[c.checks.size() - 2] : nullptr;
  w.prepare(matched.rule);
  if (next_up) w.prepare(next_up->rule);
  std::string out;
  if (matched.is_default)
    out = w.label_of(c.tier) + " (default tier).";
  else
    out = w.label_of(c.tier) + " because " + w.pass(matched.rule) + ".";
  if (next_up) out += " Not " + w.label_of(next_up->tier) + ": " + w.fail(next_up->rule) + ".";
  return out;
}

std::string explain_evaluation(const AccountEvaluation& e, const ExplainContext& context) {
  const Writer w(context);
  std::string out;
  const EffectiveTier& eff = e.effective;
  const HysteresisResult& h = e.hysteresis;
  if (eff.overridden) {
    const TierOverride& o = *eff.override;
    out += w.label_of(o.tier) + " by manual override of " + o.actor_user_id + " until " + w.date_of(o.expires_at_ms) +
           (o.reason.empty() ? std::string() : " (reason: " + o.reason + ")") + ". Without the override: ";
  }
  if (h.change == TierChange::downgrade_pending) {
    out += w.label_of(h.state.tier) + ", downgrade pending: the rules give " + w.label_of(h.computed_tier) +
           " since " + w.date_of(*h.state.below_since_ms) + "; a downgrade takes effect after " +
           std::to_string(context.config->downgrade_after_days) + " days below the tier, on " +
           w.date_of(*h.downgrade_due_ms) + ", unless the account is back at " + w.label_of(h.state.tier) +
           " before. Rules now: ";
  }
  out += explain_classification(e.classification, context);
  if (h.change == TierChange::downgrade_cancelled)
    out += " A pending downgrade was cancelled: the account is back at " + w.label_of(h.state.tier) + ".";
  if (eff.override) {
    const TierOverride& o = *eff.override;
    switch (eff.override_status) {
      case OverrideStatus::expired:
        out += " The manual override to " + w.label_of(o.tier) + " expired on " + w.date_of(o.expires_at_ms) + ".";
        break;
      case OverrideStatus::not_yet:
        out += " A manual override to " + w.label_of(o.tier) + " starts on " + w.date_of(o.set_at_ms) + ".";
        break;
      case OverrideStatus::unknown_tier:
        out += " A manual override to '" + o.tier + "' is ignored: there is no such tier.";
        break;
      case OverrideStatus::none:
      case OverrideStatus::in_force: break;
    }
  }
  return out;
}

}  // namespace kam::core::tiers
