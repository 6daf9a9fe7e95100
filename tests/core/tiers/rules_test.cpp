// rules_test.cpp - rule semantics: exact thresholds for every comparable metric (one unit below, at
// and above, over many thresholds), all/any and nesting, missing metrics, flags, first match wins.
#include <gtest/gtest.h>

#include <functional>

#include "test_util.hpp"

namespace kam::core::tiers {
namespace {

using namespace test;

// Metrics whose value for `metric` is exactly threshold + delta/k units of its scale (delta in
// -1, 0, +1): for money, counts and days k = 1 (one minor unit / one day); for ratios the
// numerator moves by one minor unit, which is a tiny fraction of a basis point.
AccountMetrics at_threshold(Metric metric, int64_t t, int delta) {
  AccountMetrics m;
  const int64_t k = 1000003;  // large denominators: any rounding would show
  switch (metric) {
    case Metric::revenue: m.revenue = t + delta; break;
    case Metric::revenue_prior: m.revenue_prior = t + delta; break;
    case Metric::margin: m.margin = t + delta; break;
    case Metric::margin_prior: m.margin_prior = t + delta; break;
    case Metric::revenue_growth:
      m.revenue_prior = 10000 * k;
      m.revenue = 10000 * k + t * k + delta;
      break;
    case Metric::margin_growth:
      m.margin_prior = 10000 * k;
      m.margin = 10000 * k + t * k + delta;
      break;
    case Metric::margin_percent:
      m.revenue = 10000 * k;
      m.margin = t * k + delta;
      break;
    case Metric::revenue_share:
      m.portfolio = PortfolioPosition{1, t * k + delta, 0, 10000 * k};
      break;
    case Metric::pareto_top_percent: {
      // P = floor(before * 10000 / total) + 1; before = (t - 1 + delta) * k gives P = t + delta.
      const int64_t before = (t - 1 + delta) * k;
      m.portfolio = PortfolioPosition{2, k, before, 10000 * k};
      break;
    }
    case Metric::order_count: m.order_count = t + delta; break;
    case Metric::days_since_last_order: m.days_since_last_order = t + delta; break;
    case Metric::pareto_rank: m.portfolio = PortfolioPosition{t + delta, 1, 0, 1}; break;
    case Metric::open_complaints: m.open_complaints = t + delta; break;
    case Metric::days_since_last_visit: m.days_since_last_visit = t + delta; break;
    case Metric::sla_breaches: m.sla_breaches = t + delta; break;
  }
  return m;
}

bool expected(Op op, int sign) {  // sign of value - threshold
  switch (op) {
    case Op::lt: return sign < 0;
    case Op::le: return sign <= 0;
    case Op::gt: return sign > 0;
    case Op::ge: return sign >= 0;
    case Op::eq: return sign == 0;
    case Op::ne: return sign != 0;
  }
  return false;
}

std::vector<int64_t> thresholds_for(Metric metric) {
  std::vector<int64_t> out;
  switch (metric_info(metric).kind) {
    case MetricKind::money:
      out = {0, 1, 2, 99, 100, 101, 12345, 99999999, 100000000, 500000000, 999999999999, -1, -100000};
      break;
    case MetricKind::percent:
      out = {1, 2, 50, 999, 1000, 1999, 2000, 2001, 2480, 5000, 7999, 8000, 9999};
      if (metric == Metric::revenue_growth || metric == Metric::margin_growth || metric == Metric::margin_percent)
        for (int64_t v : {-9999, -5000, -1, 0, 15000, 100000}) out.push_back(v);
      break;
    case MetricKind::count:
    case MetricKind::days: out = {1, 2, 3, 10, 12, 30, 90, 365, 1000, 123456}; break;
  }
  // And a deterministic spread of others.
  uint64_t seed = static_cast<uint64_t>(metric) + 7;
  for (int i = 0; i < 40; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const int64_t r = static_cast<int64_t>(seed >> 33);
    switch (metric_info(metric).kind) {
      case MetricKind::money: out.push_back(r % 10000000000LL); break;
      case MetricKind::percent: out.push_back(2 + r % 9996); break;
      default: out.push_back(2 + r % 100000); break;
    }
  }
  return out;
}

TEST(RuleSemantics, ExactThresholdsOneUnitBelowAtAndAboveForEveryMetric) {
  int checked = 0;
  for (const MetricInfo& info : metric_catalogue()) {
    for (int64_t t : thresholds_for(info.metric)) {
      for (int delta : {-1, 0, 1}) {
        const AccountMetrics m = at_threshold(info.metric, t, delta);
        for (Op op : {Op::lt, Op::le, Op::gt, Op::ge, Op::eq, Op::ne}) {
          const ConditionResult r = evaluate(Condition::compare(info.metric, op, t), m);
          ASSERT_NE(r.outcome, Outcome::no_data) << info.name << " " << t;
          ASSERT_EQ(r.passed(), expected(op, delta))
              << info.name << " " << op_symbol(op) << " " << t << " with value threshold" << (delta < 0 ? "-1" : delta > 0 ? "+1" : "");
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 10000);
}

TEST(RuleSemantics, MissingMetricNeverMatchesWhateverTheOperator) {
  const AccountMetrics empty;
  for (const MetricInfo& info : metric_catalogue())
    for (Op op : {Op::lt, Op::le, Op::gt, Op::ge, Op::eq, Op::ne}) {
      const ConditionResult r = evaluate(Condition::compare(info.metric, op, 0), empty);
      EXPECT_EQ(r.outcome, Outcome::no_data) << info.name;
      EXPECT_FALSE(r.passed());
      EXPECT_FALSE(r.value);
    }
}

TEST(RuleSemantics, AllAnyAndNesting) {
  AccountMetrics m;
  m.revenue = 100;
  m.order_count = 5;
  m.flags = {"strategic"};
  const Condition rev_ok = Condition::compare(Metric::revenue, Op::ge, 100);
  const Condition rev_no = Condition::compare(Metric::revenue, Op::ge, 101);
  const Condition flag_ok = Condition::has_flag("strategic");
  const Condition flag_no = Condition::has_flag("industry_leader");
  const Condition missing = Condition::compare(Metric::days_since_last_visit, Op::le, 30);
  EXPECT_TRUE(evaluate(Condition::all_of({rev_ok, flag_ok}), m).passed());
  EXPECT_FALSE(evaluate(Condition::all_of({rev_ok, flag_no}), m).passed());
  EXPECT_TRUE(evaluate(Condition::any_of({rev_no, flag_ok}), m).passed());
  EXPECT_FALSE(evaluate(Condition::any_of({rev_no, flag_no}), m).passed());
  EXPECT_FALSE(evaluate(Condition::all_of({rev_ok, missing}), m).passed());  // no data fails an all
  EXPECT_TRUE(evaluate(Condition::any_of({missing, rev_ok}), m).passed());   // an any may still match
  // any(all(rev_no, flag_ok), all(rev_ok, any(missing, flag_ok)))
  const Condition nested = Condition::any_of(
      {Condition::all_of({rev_no, flag_ok}), Condition::all_of({rev_ok, Condition::any_of({missing, flag_ok})})});
  const ConditionResult r = evaluate(nested, m);
  EXPECT_TRUE(r.passed());
  ASSERT_EQ(r.members.size(), 2u);
  EXPECT_FALSE(r.members[0].passed());
  EXPECT_EQ(r.members[0].members[0].outcome, Outcome::fail);
  EXPECT_TRUE(r.members[1].passed());
  EXPECT_EQ(r.members[1].members[1].members[0].outcome, Outcome::no_data);
  // Every member is evaluated (for the explanation), not just up to the first decisive one.
  EXPECT_EQ(evaluate(Condition::any_of({rev_ok, flag_ok, missing}), m).members.size(), 3u);
}

TEST(RuleSemantics, FlagsAreCaseSensitiveStrings) {
  AccountMetrics m;
  m.flags = {"reference_customer", "Key Account"};
  EXPECT_TRUE(evaluate(Condition::has_flag("reference_customer"), m).passed());
  EXPECT_TRUE(evaluate(Condition::has_flag("Key Account"), m).passed());
  EXPECT_FALSE(evaluate(Condition::has_flag("key account"), m).passed());
  EXPECT_EQ(evaluate(Condition::has_flag("strategic"), AccountMetrics{}).outcome, Outcome::fail);  // not no_data
}

TierConfig three_tiers() {
  TierConfig c;
  TierLevel platinum, gold, standard = TierConfig::standard_level();
  platinum.name = "platinum";
  platinum.label = "Platinum";
  platinum.rule = Condition::all_of({Condition::compare(Metric::revenue, Op::ge, 500000000)});
  gold.name = "gold";
  gold.label = "Gold";
  gold.rule = Condition::any_of({Condition::compare(Metric::revenue, Op::ge, 100000000), Condition::has_flag("strategic")});
  c.levels = {platinum, gold, standard};
  return c;
}

TEST(Classify, FirstMatchingTierWinsAndHigherTiersAreRecorded) {
  const TierConfig c = three_tiers();
  AccountMetrics m;
  m.revenue = 600000000;
  m.flags = {"strategic"};
  Classification r = classify(m, c);
  EXPECT_EQ(r.tier, "platinum");  // gold matches too, but platinum comes first
  EXPECT_EQ(r.rank, 0u);
  EXPECT_EQ(r.checks.size(), 1u);

  m.revenue = 100000000;
  r = classify(m, c);
  EXPECT_EQ(r.tier, "gold");
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_FALSE(r.checks[0].matched);
  EXPECT_EQ(r.checks[0].tier, "platinum");
  EXPECT_TRUE(r.checks[1].matched);

  m.revenue = 99999999;
  m.flags.clear();
  r = classify(m, c);
  EXPECT_EQ(r.tier, "standard");
  EXPECT_EQ(r.rank, 2u);
  EXPECT_EQ(r.checks.size(), 3u);
  EXPECT_TRUE(r.checks[2].is_default);
}

TEST(Classify, EmptyHistoryAndCancelledOnlyAccountsGetTheDefaultTier) {
  TierConfig c = three_tiers();
  // A rule for dormant accounts: revenue 0 is data (no orders), days since last order is not.
  TierLevel dormant;
  dormant.name = "dormant";
  dormant.rule = Condition::any_of({Condition::compare(Metric::days_since_last_order, Op::ge, 0)});
  c.levels.insert(c.levels.begin() + 2, dormant);
  const int64_t now = utc_ms(2026, 6, 1);
  const money::ExchangeRates rates("EUR");
  const AccountMetrics none = compute_order_metrics("A", {}, now, 365, time::BusinessCalendar(), rates);
  const AccountMetrics cancelled = compute_order_metrics(
      "B", {OrderFact{now - kDayMs, amount_of(900000000, "EUR"), amount_of(1, "EUR"), true}}, now, 365, time::BusinessCalendar(), rates);
  for (const AccountMetrics* m : {&none, &cancelled}) {
    const Classification r = classify(*m, c);
    EXPECT_EQ(r.tier, "standard");
    EXPECT_EQ(r.checks[2].rule.members[0].outcome, Outcome::no_data);
    EXPECT_EQ(r.checks[0].rule.members[0].outcome, Outcome::fail);  // revenue 0 < threshold
    EXPECT_EQ(r.checks[0].rule.members[0].value->num, 0);
  }
}

TEST(Classify, ConfigWithoutTiersHasOneDefaultTier) {
  const TierConfig c;
  ASSERT_EQ(c.levels.size(), 1u);
  EXPECT_EQ(c.levels[0].name, "standard");
  EXPECT_TRUE(c.levels[0].is_default);
  EXPECT_FALSE(c.levels[0].key_account);
  EXPECT_EQ(classify(AccountMetrics{}, c).tier, "standard");
  EXPECT_EQ(c.window_days, 365);
  EXPECT_EQ(c.downgrade_after_days, 90);
  EXPECT_EQ(c.pareto_percent_bp, 8000);
}

TEST(Operators, SymbolsRoundTrip) {
  for (std::string_view s : op_symbols()) EXPECT_EQ(op_symbol(*op_by_symbol(s)), s);
  EXPECT_EQ(op_by_symbol("=>"), std::nullopt);
  EXPECT_EQ(op_sign(Op::ge), "≥");
  EXPECT_EQ(op_sign(Op::ne), "≠");
}

TEST(Benefits, DurationsInMinutes) {
  EXPECT_EQ(parse_duration_minutes("30m"), 30);
  EXPECT_EQ(parse_duration_minutes("4h"), 240);
  EXPECT_EQ(parse_duration_minutes("2d"), 2880);
  EXPECT_EQ(parse_duration_minutes("1w"), 10080);
  for (const char* bad : {"", "h", "4", "0h", "-1h", "4 h", "1.5h", "4x", "4H"})
    EXPECT_EQ(parse_duration_minutes(bad), std::nullopt) << bad;
  EXPECT_EQ(format_duration_minutes(240), "4h");
  EXPECT_EQ(format_duration_minutes(2880), "2d");
  EXPECT_EQ(format_duration_minutes(10080), "1w");
  EXPECT_EQ(format_duration_minutes(90), "90m");
  EXPECT_EQ(Benefits::minutes_to_ms(240), 4 * kHourMs);
}

}  // namespace
}  // namespace kam::core::tiers
