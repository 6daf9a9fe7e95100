// churn_test.cpp - churn scoring: linear signal scales, weights, signals without data left out,
// exact score rounding, levels, retention discount and the key-account notification flag.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace kam::core::tiers {
namespace {

ChurnConfig config() {
  ChurnConfig c;
  c.signals = {{ChurnSignal::revenue_drop, 1000, 5000, 40},
               {ChurnSignal::days_since_last_order, 30, 120, 30},
               {ChurnSignal::open_complaints, 0, 5, 15},
               {ChurnSignal::sla_breaches, 0, 3, 15}};
  c.medium_at = 40;
  c.high_at = 70;
  c.retention_discount_bp = {0, 300, 800};
  return c;
}

TEST(Churn, WeightedLinearSignalsWithMissingOnesLeftOut) {
  AccountMetrics m;
  m.revenue_prior = 100000;
  m.revenue = 70000;            // drop 30%: halfway from 10% to 50% -> 20 of 40
  m.days_since_last_order = 75; // halfway from 30 to 120 -> 15 of 30
  m.open_complaints = 2;        // 2/5 -> 6 of 15
                                // sla_breaches: no data -> left out with its weight
  const ChurnAssessment a = assess_churn(m, config(), true, std::nullopt);
  EXPECT_EQ(a.score, 48);  // 100 * 41 / 85 = 48.24
  EXPECT_EQ(a.level, ChurnLevel::medium);
  EXPECT_FALSE(a.no_data);
  ASSERT_EQ(a.signals.size(), 4u);
  EXPECT_EQ(a.signals[0].value, 3000);
  EXPECT_EQ(a.signals[0].points, 24);  // 23.53
  EXPECT_EQ(a.signals[1].points, 18);  // 17.65
  EXPECT_EQ(a.signals[2].points, 7);   // 7.06
  EXPECT_EQ(a.signals[3].value, std::nullopt);
  EXPECT_EQ(a.signals[3].points, 0);
  EXPECT_EQ(a.retention_discount_bp, 300);
  EXPECT_FALSE(a.at_risk);
  EXPECT_FALSE(a.notify);
  EXPECT_EQ(explain_churn(a),
            "Churn risk 48/100 (medium): revenue drop vs the prior period 30% → 24 points (0 at 10%, full weight 40 "
            "at 50%); days since the last order 75 → 18 points (0 at 30, full weight 30 at 120); open complaints 2 → "
            "7 points (0 at 0, full weight 15 at 5); SLA breaches: no data (left out). Retention discount up to 3%.");
}

TEST(Churn, ScalesClampAtBothEnds) {
  AccountMetrics m;
  m.revenue_prior = 100;
  m.revenue = 200;  // growth: a negative drop scores nothing
  m.days_since_last_order = 10;
  m.open_complaints = 0;
  m.sla_breaches = 0;
  EXPECT_EQ(assess_churn(m, config(), true, std::nullopt).score, 0);
  m.revenue = 0;    // drop 100%
  m.days_since_last_order = 1000;
  m.open_complaints = 50;
  m.sla_breaches = 3;
  const ChurnAssessment a = assess_churn(m, config(), true, ChurnLevel::low);
  EXPECT_EQ(a.score, 100);
  EXPECT_EQ(a.level, ChurnLevel::high);
  EXPECT_EQ(a.retention_discount_bp, 800);
  EXPECT_TRUE(a.notify);
}

TEST(Churn, ScoreIsRoundedOnceHalfEvenAtLevelBoundaries) {
  ChurnConfig c;
  c.signals = {{ChurnSignal::days_since_last_visit, 0, 200, 1}};
  AccountMetrics m;
  const std::pair<int64_t, int32_t> cases[] = {{139, 70}, {141, 70}, {137, 68}, {79, 40}, {81, 40}, {1, 0}, {3, 2}};
  for (auto [days, score] : cases) {
    m.days_since_last_visit = days;  // score = days / 2
    EXPECT_EQ(assess_churn(m, c, false, std::nullopt).score, score) << days;
  }
  m.days_since_last_visit = 139;
  EXPECT_EQ(assess_churn(m, c, false, std::nullopt).level, ChurnLevel::high);  // 69.5 -> 70
  m.days_since_last_visit = 78;
  EXPECT_EQ(assess_churn(m, c, false, std::nullopt).level, ChurnLevel::low);   // 39
}

TEST(Churn, RevenueDropIsWholeBasisPointsAndNeedsPriorRevenue) {
  AccountMetrics m;
  m.revenue_prior = 3;
  m.revenue = 2;
  EXPECT_EQ(churn_signal_value(m, ChurnSignal::revenue_drop), 3333);
  m.revenue_prior = 0;
  EXPECT_EQ(churn_signal_value(m, ChurnSignal::revenue_drop), std::nullopt);
  m.revenue_prior.reset();
  EXPECT_EQ(churn_signal_value(m, ChurnSignal::revenue_drop), std::nullopt);
}

TEST(Churn, NoDataAndNoConfig) {
  const ChurnAssessment a = assess_churn(AccountMetrics{}, config(), true, std::nullopt);
  EXPECT_TRUE(a.no_data);
  EXPECT_EQ(a.score, 0);
  EXPECT_EQ(a.level, ChurnLevel::low);
  EXPECT_FALSE(a.notify);
  const ChurnAssessment off = assess_churn(AccountMetrics{}, ChurnConfig{}, true, std::nullopt);
  EXPECT_FALSE(off.at_risk);
  EXPECT_EQ(explain_churn(off), "Churn risk 0/100 (low): churn scoring is not configured.");
}

TEST(Churn, NotifiesOnlyWhenAKeyAccountTurnsAtRisk) {
  AccountMetrics high;
  high.revenue_prior = 100;
  high.revenue = 0;
  ChurnConfig c = config();
  EXPECT_TRUE(assess_churn(high, c, true, std::nullopt).notify);          // first assessment
  EXPECT_TRUE(assess_churn(high, c, true, ChurnLevel::medium).notify);    // turned high
  EXPECT_FALSE(assess_churn(high, c, true, ChurnLevel::high).notify);     // was already
  EXPECT_FALSE(assess_churn(high, c, false, ChurnLevel::low).notify);     // not a key account
  EXPECT_TRUE(assess_churn(high, c, false, ChurnLevel::low).at_risk);
  c.notify_at = ChurnLevel::medium;
  AccountMetrics medium;
  medium.revenue_prior = 100;
  medium.revenue = 70;  // drop 30% -> 50 (only signal with data)
  const ChurnAssessment a = assess_churn(medium, c, true, ChurnLevel::low);
  EXPECT_EQ(a.level, ChurnLevel::medium);
  EXPECT_TRUE(a.notify);
  EXPECT_NE(explain_churn(a).find("Key account turned at-risk"), std::string::npos);
}

TEST(Churn, CatalogueNames) {
  for (const ChurnSignalInfo& s : churn_signal_catalogue()) EXPECT_EQ(churn_signal_by_name(s.name), s.signal);
  EXPECT_EQ(churn_signal_names().size(), 5u);
  EXPECT_EQ(churn_signal_by_name("revenue"), std::nullopt);
  EXPECT_STREQ(churn_level_name(ChurnLevel::medium), "medium");
}

}  // namespace
}  // namespace kam::core::tiers
