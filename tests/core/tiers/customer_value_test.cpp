// customer_value_test.cpp - the Pareto report (ranking, ties, curve, top set) and lifetime value.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "test_util.hpp"

namespace kam::core::tiers {
namespace {

using namespace test;

TEST(Pareto, RanksSharesCurveAndTopSet) {
  const ParetoReport r = pareto_report({{"C", 150}, {"A", 500}, {"D", 50}, {"B", 300}}, 8000);
  EXPECT_EQ(r.total_revenue, 1000);
  ASSERT_EQ(r.entries.size(), 4u);
  EXPECT_EQ(r.entries[0].account_id, "A");
  EXPECT_EQ(r.entries[3].account_id, "D");
  EXPECT_EQ(r.curve_bp(), (std::vector<int64_t>{5000, 8000, 9500, 10000}));
  EXPECT_EQ(r.entries[1].share_bp, 3000);
  // A and B make exactly 80%: C is not needed.
  EXPECT_EQ(r.accounts_in_top, 2);
  EXPECT_TRUE(r.entries[1].in_top);
  EXPECT_FALSE(r.entries[2].in_top);
  EXPECT_EQ(r.entries[2].position.rank, 3);
  EXPECT_EQ(r.entries[2].position.revenue_before, 800);
  // At 80.01% C is needed.
  EXPECT_EQ(pareto_report({{"C", 150}, {"A", 500}, {"D", 50}, {"B", 300}}, 8001).accounts_in_top, 3);
  EXPECT_EQ(pareto_report({{"C", 150}, {"A", 500}, {"D", 50}, {"B", 300}}, 10000).accounts_in_top, 4);
  EXPECT_EQ(pareto_report({{"C", 150}, {"A", 500}, {"D", 50}, {"B", 300}}, 1).accounts_in_top, 1);
}

TEST(Pareto, TiesAreBrokenByAccountIdAscending) {
  const ParetoReport r = pareto_report({{"x", 100}, {"B", 100}, {"a", 100}, {"Z", 200}, {"b", 100}}, 8000);
  std::vector<std::string> order;
  for (const ParetoEntry& e : r.entries) order.push_back(e.account_id);
  EXPECT_EQ(order, (std::vector<std::string>{"Z", "B", "a", "b", "x"}));  // byte order: upper case first
  for (std::size_t i = 0; i < r.entries.size(); ++i) EXPECT_EQ(r.entries[i].position.rank, static_cast<int64_t>(i + 1));
  // Z 33.33%, B 50%, a 66.67%: 80% needs four accounts; which tied ones are in is decided by id.
  EXPECT_EQ(r.accounts_in_top, 4);
  EXPECT_TRUE(r.find("b")->in_top);
  EXPECT_FALSE(r.find("x")->in_top);
  // The input order does not matter.
  const ParetoReport again = pareto_report({{"b", 100}, {"a", 100}, {"Z", 200}, {"x", 100}, {"B", 100}}, 8000);
  for (std::size_t i = 0; i < r.entries.size(); ++i) EXPECT_EQ(again.entries[i].account_id, r.entries[i].account_id);
}

TEST(Pareto, HalfEvenSharesZeroAndNegativeRevenue) {
  ParetoReport r = pareto_report({{"a", 1}, {"b", 1}, {"c", 1}}, 8000);
  EXPECT_EQ(r.entries[0].share_bp, 3333);
  EXPECT_EQ(r.curve_bp(), (std::vector<int64_t>{3333, 6667, 10000}));
  r = pareto_report({{"a", 500}, {"refunds", -300}, {"idle", 0}}, 8000);
  EXPECT_EQ(r.total_revenue, 500);  // negative revenue counts as 0
  EXPECT_EQ(r.entries[1].account_id, "idle");
  EXPECT_EQ(r.entries[2].position.revenue, 0);
  EXPECT_EQ(r.accounts_in_top, 1);
  EXPECT_FALSE(r.entries[2].in_top);
  r = pareto_report({{"a", 0}, {"b", 0}}, 8000);
  EXPECT_EQ(r.accounts_in_top, 0);
  EXPECT_EQ(r.curve_bp(), (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(pareto_report({}, 8000).entries.size(), 0u);
}

TEST(Pareto, RefusesDuplicatesAndBadPercentages) {
  EXPECT_THROW(pareto_report({{"a", 1}, {"b", 2}, {"a", 3}}, 8000), Error);
  EXPECT_THROW(pareto_report({{"a", 1}}, 0), Error);
  EXPECT_THROW(pareto_report({{"a", 1}}, 10001), Error);
}

TEST(Pareto, TopPercentMetricAgreesWithTheReportsTopSet) {
  // For random portfolios and cut-offs, "pareto_top_percent <= P" is exactly "in the top P% set".
  uint64_t seed = 99;
  auto next = [&] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 33;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<AccountRevenue> accounts;
    const int n = 1 + static_cast<int>(next() % 30);
    for (int i = 0; i < n; ++i)
      accounts.push_back({"acct-" + std::to_string(i), static_cast<int64_t>(next() % 5) == 0 ? 0 : static_cast<int64_t>(next() % 100000)});
    const int64_t p = 1 + static_cast<int64_t>(next() % 10000);
    const ParetoReport r = pareto_report(accounts, p);
    int64_t in_top = 0;
    for (const ParetoEntry& e : r.entries) {
      AccountMetrics m;
      m.account_id = e.account_id;
      apply_portfolio(r, m);
      const bool by_metric = evaluate(Condition::compare(Metric::pareto_top_percent, Op::le, p), m).passed();
      ASSERT_EQ(by_metric, e.in_top) << e.account_id << " P=" << p;
      in_top += e.in_top;
    }
    ASSERT_EQ(in_top, r.accounts_in_top);
  }
}

TEST(Pareto, ApplyPortfolioSetsOrClearsThePosition) {
  const ParetoReport r = pareto_report({{"a", 300}, {"b", 100}}, 8000);
  AccountMetrics m;
  m.account_id = "b";
  apply_portfolio(r, m);
  ASSERT_TRUE(m.portfolio);
  EXPECT_EQ(m.portfolio->rank, 2);
  EXPECT_TRUE(metric_value(m, Metric::revenue_share)->num == 2500 * metric_value(m, Metric::revenue_share)->den);
  m.account_id = "zzz";
  apply_portfolio(r, m);
  EXPECT_FALSE(m.portfolio);
}

TEST(LifetimeValue, DocumentedFormulaValues) {
  // Reference values computed independently (Python, same fixed-point steps; exact values in comments).
  const CustomerValueConfig standard{8500, 1000, 5};
  EXPECT_EQ(lifetime_factor_e18(standard), static_cast<money::int128>(2897975641256496391LL));
  EXPECT_EQ(lifetime_value(10000000, standard), 28979756);   // exact 28979756.41
  EXPECT_EQ(lifetime_value(100, standard), 290);             // 289.80
  EXPECT_EQ(lifetime_value(-10000000, standard), -28979756);
  EXPECT_EQ(lifetime_value(0, standard), 0);
  EXPECT_EQ(lifetime_value(123456789, CustomerValueConfig{9000, 800, 10}), 575099046);  // 575099046.28
  // No churn and no discounting: H years of margin.
  EXPECT_EQ(lifetime_value(10000000, CustomerValueConfig{10000, 0, 5}), 50000000);
  EXPECT_EQ(lifetime_value(1, CustomerValueConfig{10000, 0, 50}), 50);
  // One year: margin / (1 + d).
  EXPECT_EQ(lifetime_value(1100, CustomerValueConfig{5000, 1000, 1}), 1000);
  // Large margins do not overflow.
  EXPECT_EQ(lifetime_value(1000000000000000LL, CustomerValueConfig{8500, 1000, 50}), 3999989922054182LL);
  EXPECT_EQ(lifetime_value(INT64_MAX / 100, CustomerValueConfig{10000, 0, 50}), INT64_MAX / 100 * 50);
}

TEST(LifetimeValue, HalfEvenTiesAndAnnualising) {
  // F = 1/(1 + 100%) = 0.5 exactly: 1 * 0.5 -> 0, 3 * 0.5 -> 2.
  const CustomerValueConfig half{0, 10000, 1};
  EXPECT_EQ(lifetime_value(1, half), 0);
  EXPECT_EQ(lifetime_value(3, half), 2);
  EXPECT_EQ(lifetime_value(-3, half), -2);
  EXPECT_EQ(annualize(1000, 365), 1000);
  EXPECT_EQ(annualize(1000, 90), 4056);  // 4055.56
  EXPECT_EQ(annualize(2, 730), 1);       // 1.0
  EXPECT_EQ(annualize(1, 730), 0);       // 0.5 -> 0
  EXPECT_THROW(annualize(1, 0), Error);
}

}  // namespace
}  // namespace kam::core::tiers
