// explain_test.cpp - the structured explanation names the deciding rule and the values, and the
// plain-words rendering an account manager reads. Issue 8 asked for new words: "margin rate" (the
// percentage) apart from "gross margin" (the amount), only the next tier up is explained, a
// value is rounded one way in one text, passed `any` alternatives read "or".
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace kam::core::tiers {
namespace {

using namespace test;

const int64_t kYuan = 100;  // CNY minor units per yuan

TierLevel level(const char* name, const char* label, Condition rule) {
  TierLevel l;
  l.name = name;
  l.label = label;
  l.rule = std::move(rule);
  l.key_account = true;
  return l;
}

TierConfig config() {
  TierConfig c;
  c.levels = {
      level("platinum", "Platinum", Condition::all_of({Condition::compare(Metric::revenue, Op::ge, 5000000 * kYuan)})),
      level("gold", "Gold",
            Condition::all_of({Condition::compare(Metric::revenue, Op::ge, 1000000 * kYuan),
                               Condition::compare(Metric::margin_percent, Op::ge, 2000)})),
      level("silver", "Silver",
            Condition::any_of({Condition::compare(Metric::revenue, Op::ge, 250000 * kYuan),
                               Condition::has_flag("reference_customer")})),
      TierConfig::standard_level(),
  };
  c.levels[0].benefits.dedicated_account_manager = true;
  c.levels[1].benefits.hotline = "+86 400 800 2000";
  return c;
}

ExplainContext context(const TierConfig& c) {
  ExplainContext x;
  x.config = &c;
  x.reporting_currency = "CNY";
  x.calendar = time::BusinessCalendar("Asia/Shanghai");
  return x;
}

AccountMetrics gold_account() {
  AccountMetrics m;
  m.account_id = "ACME";
  m.revenue = 1250000 * kYuan;
  m.margin = 310000 * kYuan;  // 24.8%
  return m;
}

TEST(Explain, NamesTheMatchedRuleAndWhyTheHigherTierFailed) {
  const TierConfig c = config();
  const Classification r = classify(gold_account(), c);
  EXPECT_EQ(explain_classification(r, context(c)),
            "Gold because trailing-12-month revenue CNY 1,250,000.00 ≥ CNY 1,000,000.00 and margin rate 24.8% ≥ 20%. "
            "Not Platinum: revenue is CNY 1,250,000.00, needs ≥ CNY 5,000,000.00.");
}

TEST(Explain, StructuredResultHasEveryConditionWithValueAndThreshold) {
  const Classification r = classify(gold_account(), config());
  ASSERT_EQ(r.checks.size(), 2u);
  const TierCheck& gold = r.checks[1];
  EXPECT_EQ(gold.tier, "gold");
  EXPECT_TRUE(gold.matched);
  ASSERT_EQ(gold.rule.members.size(), 2u);
  const ConditionResult& revenue = gold.rule.members[0];
  EXPECT_EQ(revenue.metric, Metric::revenue);
  EXPECT_EQ(revenue.op, Op::ge);
  EXPECT_EQ(revenue.threshold, 1000000 * kYuan);
  EXPECT_EQ(revenue.value->num, 1250000 * kYuan);
  EXPECT_TRUE(revenue.passed());
  const ConditionResult& margin = gold.rule.members[1];
  EXPECT_EQ(margin.metric, Metric::margin_percent);
  EXPECT_EQ(margin.threshold, 2000);
  EXPECT_EQ(margin.value->num, margin.value->den * 2480);
  const TierCheck& platinum = r.checks[0];
  EXPECT_FALSE(platinum.matched);
  EXPECT_EQ(platinum.rule.members[0].outcome, Outcome::fail);
  EXPECT_EQ(platinum.rule.members[0].threshold, 5000000 * kYuan);
}

TEST(Explain, HigherTiersNearestFirstWithAnyGroupsAndMissingData) {
  const TierConfig c = config();
  AccountMetrics m;
  m.revenue = 300000 * kYuan;
  m.margin = 0;
  const Classification r = classify(m, c);
  EXPECT_EQ(r.tier, "silver");
  EXPECT_EQ(explain_classification(r, context(c)),
            "Silver because trailing-12-month revenue CNY 300,000.00 ≥ CNY 250,000.00. "
            "Not Gold: revenue is CNY 300,000.00, needs ≥ CNY 1,000,000.00; margin rate is 0%, needs ≥ 20%.");
  // No data at all: the default tier, and "no data" where values are missing.
  const Classification none = classify(AccountMetrics{}, c);
  EXPECT_EQ(explain_classification(none, context(c)),
            "Standard (default tier). "
            "Not Silver: needs one of: revenue ≥ CNY 250,000.00 (no data) or flagged reference_customer (no).");
}

TEST(Explain, FlagsNestedGroupsAndParetoInWords) {
  TierConfig c;
  c.levels = {level("platinum", "Platinum",
                    Condition::any_of({Condition::all_of({Condition::has_flag("strategic"),
                                                          Condition::compare(Metric::pareto_top_percent, Op::le, 8000)}),
                                       Condition::compare(Metric::order_count, Op::ge, 100)})),
              TierConfig::standard_level()};
  AccountMetrics m;
  m.flags = {"strategic"};
  m.order_count = 12;
  m.portfolio = PortfolioPosition{3, 150, 500, 1000};  // Pareto position 50.01%
  EXPECT_EQ(explain_classification(classify(m, c), context(c)),
            "Platinum because flagged strategic and among the accounts that make the top 80% of revenue "
            "(Pareto position 50.01%).");
  m.portfolio = PortfolioPosition{4, 50, 950, 1000};  // 95.01%
  EXPECT_EQ(explain_classification(classify(m, c), context(c)),
            "Standard (default tier). Not Platinum: needs one of: "
            "(flagged strategic (yes) and Pareto position ≤ 80% (is 95.01%)) or orders ≥ 100 (is 12).");
}

TEST(Explain, RatioValuesNeverLookLikeTheyMeetAThresholdTheyMiss) {
  const TierConfig c = config();
  AccountMetrics m = gold_account();
  m.revenue = 2000000 * kYuan;
  m.margin = 399990 * kYuan;  // 19.9995%: would round to 20%
  const Classification r = classify(m, c);
  EXPECT_EQ(r.tier, "silver");
  EXPECT_NE(explain_classification(r, context(c)).find("margin rate is 19.99%, needs ≥ 20%"), std::string::npos)
      << explain_classification(r, context(c));
}

TEST(Explain, OneValueIsRoundedOneWayInOneText) {
  // Silver needs margin rate > 19.9%, gold >= 20%: 19.9995% reads 19.99% against both (not 20%).
  TierConfig c;
  c.levels = {level("gold", "Gold", Condition::compare(Metric::margin_percent, Op::ge, 2000)),
              level("silver", "Silver", Condition::compare(Metric::margin_percent, Op::gt, 1990)),
              TierConfig::standard_level()};
  AccountMetrics m;
  m.revenue = 2000000 * kYuan;
  m.margin = 399990 * kYuan;
  EXPECT_EQ(explain_classification(classify(m, c), context(c)),
            "Silver because margin rate 19.99% > 19.9%. Not Gold: margin rate is 19.99%, needs ≥ 20%.");
}

TEST(Explain, PassedAlternativesOfAnyReadOr) {
  TierConfig c;
  c.levels = {level("gold", "Gold",
                    Condition::any_of({Condition::has_flag("strategic"), Condition::has_flag("reference_customer")})),
              TierConfig::standard_level()};
  AccountMetrics m;
  m.flags = {"strategic", "reference_customer"};
  EXPECT_EQ(explain_classification(classify(m, c), context(c)),
            "Gold because flagged strategic or flagged reference_customer.");
}

TEST(Explain, OverrideAndPendingDowngradeAreExplained) {
  const TierConfig c = config();
  const int64_t t0 = utc_ms(2026, 1, 1, 2);
  // Held at platinum; the rules give gold since Jan 1; a downgrade would be due 90 days later.
  const TierState held{"platinum", t0 - 100 * kDayMs, t0};
  AccountEvaluation e = evaluate_account(gold_account(), c, held, std::nullopt, t0 + 10 * kDayMs);
  EXPECT_EQ(e.effective.tier, "platinum");
  EXPECT_EQ(e.hysteresis.change, TierChange::downgrade_pending);
  EXPECT_TRUE(e.benefits.dedicated_account_manager);
  EXPECT_EQ(explain_evaluation(e, context(c)),
            "Platinum, downgrade pending: the rules give Gold since 2026-01-01; a downgrade takes effect after 90 "
            "days below the tier, on 2026-04-01, unless the account is back at Platinum before. Rules now: "
            "Gold because trailing-12-month revenue CNY 1,250,000.00 ≥ CNY 1,000,000.00 and margin rate 24.8% ≥ 20%. "
            "Not Platinum: revenue is CNY 1,250,000.00, needs ≥ CNY 5,000,000.00.");

  const TierOverride o{"platinum", "strategic project", "u-17", t0, t0 + 31 * kDayMs};
  e = evaluate_account(gold_account(), c, std::nullopt, o, t0 + kDayMs);
  EXPECT_EQ(e.effective.tier, "platinum");
  EXPECT_EQ(e.hysteresis.state.tier, "gold");
  EXPECT_EQ(explain_evaluation(e, context(c)),
            "Platinum by manual override of u-17 until 2026-02-01 (reason: strategic project). Without the override: "
            "Gold because trailing-12-month revenue CNY 1,250,000.00 ≥ CNY 1,000,000.00 and margin rate 24.8% ≥ 20%. "
            "Not Platinum: revenue is CNY 1,250,000.00, needs ≥ CNY 5,000,000.00.");

  e = evaluate_account(gold_account(), c, e.hysteresis.state, o, t0 + 31 * kDayMs);
  EXPECT_EQ(e.effective.tier, "gold");
  EXPECT_EQ(e.benefits.hotline, "+86 400 800 2000");
  const std::string text = explain_evaluation(e, context(c));
  EXPECT_EQ(text.substr(0, 5), "Gold ");
  EXPECT_NE(text.find("The manual override to Platinum expired on 2026-02-01."), std::string::npos) << text;
}

TEST(Explain, OtherWindowsAndCurrencies) {
  TierConfig c = config();
  c.window_days = 90;
  ExplainContext x = context(c);
  x.reporting_currency = "JPY";
  AccountMetrics m;
  m.revenue = 600000000;  // thresholds are minor units: JPY has none
  m.margin = 120000000;
  EXPECT_EQ(explain_classification(classify(m, c), x),
            "Platinum because trailing-90-day revenue JPY 600,000,000 ≥ JPY 500,000,000.");
  c.window_days = 730;
  EXPECT_EQ(c.window_label(), "trailing-24-month");
}

TEST(Explain, ValuesAndThresholdsByKind) {
  EXPECT_EQ(describe_value(Metric::revenue, MetricValue{123456, 1}, "EUR"), "EUR 1,234.56");
  EXPECT_EQ(describe_value(Metric::revenue_growth, MetricValue{-1250, 1}, "EUR"), "-12.5%");
  EXPECT_EQ(describe_value(Metric::order_count, MetricValue{1200, 1}, "EUR"), "1,200");
  EXPECT_EQ(describe_threshold(Metric::days_since_last_visit, 30, "EUR"), "30");
  EXPECT_EQ(describe_threshold(Metric::margin, 100, "BHD"), "BHD 0.100");
}

}  // namespace
}  // namespace kam::core::tiers
