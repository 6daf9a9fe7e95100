#include "core/tiers/churn.hpp"


namespace kam::core::tiers {
namespace {

constexpr ChurnSignalInfo kSignals[] = {
    {ChurnSignal::revenue_drop, "revenue_drop", MetricKind::percent, "revenue drop vs the prior period"},
    {ChurnSignal::open_complaints, "open_complaints", MetricKind::count, "open complaints"},
    {ChurnSignal::days_since_last_order, "days_since_last_order", MetricKind::days, "days since the last order"},
    {ChurnSignal::days_since_last_visit, "days_since_last_visit", MetricKind::days, "days since the last visit"},
    {ChurnSignal::sla_breaches, "sla_breaches", MetricKind::count, "SLA breaches"},
};

std::string format_signal_value(ChurnSignal signal, int64_t v) {
  return churn_signal_info(signal).kind == MetricKind::percent ? money::format_percent_bp(v) : std::to_string(v);
}

money::int128 gcd(money::int128 a, money::int128 b) {
  while (b != 0) {
    const money::int128 t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

}  // namespace

std::span<const ChurnSignalInfo> churn_signal_catalogue() { return kSignals; }

const ChurnSignalInfo& churn_signal_info(ChurnSignal signal) {
  for (const ChurnSignalInfo& s : kSignals)
    if (s.signal == signal) return s;
  return kSignals[0];
}

std::optional<ChurnSignal> churn_signal_by_name(std::string_view name) {
  for (const ChurnSignalInfo& s : kSignals)
    if (s.name == name) return s.signal;
  return std::nullopt;
}

std::vector<std::string_view> churn_signal_names() {
  std::vector<std::string_view> out;
  for (const ChurnSignalInfo& s : kSignals) out.push_back(s.name);
  return out;
}

const char* churn_level_name(ChurnLevel level) {
  switch (level) {
    case ChurnLevel::low: return "low";
    case ChurnLevel::medium: return "medium";
    case ChurnLevel::high: return "high";
  }
  return "?";
}

std::optional<int64_t> churn_signal_value(const AccountMetrics& m, ChurnSignal signal) {
  switch (signal) {
    case ChurnSignal::revenue_drop:
      if (!m.revenue || !m.revenue_prior || *m.revenue_prior <= 0) return std::nullopt;
      return money::to_int64(money::div_half_even((static_cast<money::int128>(*m.revenue_prior) - *m.revenue) * 10000, *m.revenue_prior),
                      "revenue drop");
    case ChurnSignal::open_complaints: return m.open_complaints;
    case ChurnSignal::days_since_last_order: return m.days_since_last_order;
    case ChurnSignal::days_since_last_visit: return m.days_since_last_visit;
    case ChurnSignal::sla_breaches: return m.sla_breaches;
  }
  return std::nullopt;
}

ChurnAssessment assess_churn(const AccountMetrics& metrics, const ChurnConfig& config, bool key_account,
                             std::optional<ChurnLevel> previous_level) {
  ChurnAssessment a;
  // Exact sum of w_i * n_i / d_i over a common denominator (lcm of the d_i).
  money::int128 weight_sum = 0, lcm = 1;
  struct Part {
    money::int128 weighted, den;  // w_i * n_i, d_i
  };
  std::vector<Part> parts;
  for (const ChurnSignalRule& rule : config.signals) {
    SignalScore s;
    s.signal = rule.signal;
    s.rule = rule;
    s.value = churn_signal_value(metrics, rule.signal);
    if (s.value) {
      const money::int128 den = static_cast<money::int128>(rule.full_at) - rule.zero_at;
      money::int128 n = static_cast<money::int128>(*s.value) - rule.zero_at;
      if (n < 0) n = 0;
      if (n > den) n = den;
      parts.push_back(Part{n * rule.weight, den});
      weight_sum += rule.weight;
      lcm = money::checked_mul(lcm / gcd(lcm, den), den, "churn score");
    }
    a.signals.push_back(s);
  }
  if (weight_sum > 0) {
    a.no_data = false;
    money::int128 num = 0;
    for (const Part& p : parts) num = money::checked_add(num, money::checked_mul(p.weighted, lcm / p.den, "churn score"), "churn score");
    a.score = static_cast<int32_t>(money::div_half_even(money::checked_mul(num, 100, "churn score"), money::checked_mul(lcm, weight_sum, "churn score")));
    std::size_t k = 0;
    for (SignalScore& s : a.signals)
      if (s.value) {
        s.points = static_cast<int32_t>(money::div_half_even(parts[k].weighted * 100, parts[k].den * weight_sum));
        ++k;
      }
  }
  a.level = a.score >= config.high_at ? ChurnLevel::high : a.score >= config.medium_at ? ChurnLevel::medium : ChurnLevel::low;
  a.retention_discount_bp = config.retention_discount_bp[static_cast<std::size_t>(a.level)];
  a.at_risk = !config.signals.empty() && a.level >= config.notify_at;
  a.notify = key_account && a.at_risk && (!previous_level || *previous_level < config.notify_at);
  return a;
}

std::string explain_churn(const ChurnAssessment& a) {
  std::string out = "Churn risk " + std::to_string(a.score) + "/100 (" + churn_level_name(a.level) + ")";
  if (a.signals.empty()) return out + ": churn scoring is not configured.";
  if (a.no_data) out += ": no data for any signal";
  std::string parts;
  for (const SignalScore& s : a.signals) {
    const ChurnSignalInfo& info = churn_signal_info(s.signal);
    if (!parts.empty()) parts += "; ";
    if (!s.value) {
      parts += std::string(info.label) + ": no data (left out)";
      continue;
    }
    parts += std::string(info.label) + " " + format_signal_value(s.signal, *s.value) + " → " +
             std::to_string(s.points) + (s.points == 1 ? " point" : " points") + " (0 at " +
             format_signal_value(s.signal, s.rule.zero_at) + ", full weight " + std::to_string(s.rule.weight) +
             " at " + format_signal_value(s.signal, s.rule.full_at) + ")";
  }
  out += (a.no_data ? "; " : ": ") + parts + ".";
  if (a.retention_discount_bp > 0) out += " Retention discount up to " + money::format_percent_bp(a.retention_discount_bp) + ".";
  if (a.notify) out += " Key account turned at-risk: notify the account manager.";
  return out;
}

}  // namespace kam::core::tiers
