// metrics_test.cpp - metrics from an account's orders (windows, cancellations, currencies, empty
// history) and the derived metrics (growth, margin %, shares, Pareto position).
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace kam::core::tiers {
namespace {

using namespace test;

const time::BusinessCalendar& berlin() {
  static const time::BusinessCalendar c("Europe/Berlin");
  return c;
}

money::ExchangeRates eur_rates() { return money::ExchangeRates("EUR", {{"USD", *money::ExchangeRate::parse_rate("0.5"), ymd(2020, 1, 1)}}); }

OrderFact order(int64_t at, int64_t eur_cents, int64_t margin_cents, bool cancelled = false) {
  return OrderFact{at, amount_of(eur_cents, "EUR"), amount_of(margin_cents, "EUR"), cancelled};
}

TEST(OrderMetrics, EmptyHistoryHasZeroRevenueAndNoLastOrder) {
  const AccountMetrics m = compute_order_metrics("A", {}, utc_ms(2026, 6, 1), 365, berlin(), eur_rates());
  EXPECT_EQ(m.account_id, "A");
  EXPECT_EQ(m.revenue, 0);
  EXPECT_EQ(m.revenue_prior, 0);
  EXPECT_EQ(m.margin, 0);
  EXPECT_EQ(m.order_count, 0);
  EXPECT_EQ(m.days_since_last_order, std::nullopt);
  EXPECT_EQ(metric_value(m, Metric::revenue_growth), std::nullopt);  // no prior revenue
  EXPECT_EQ(metric_value(m, Metric::margin_percent), std::nullopt);  // no revenue
  EXPECT_EQ(metric_value(m, Metric::revenue)->num, 0);
}

TEST(OrderMetrics, OnlyCancelledOrdersCountAsNoRevenue) {
  const int64_t now = utc_ms(2026, 6, 1);
  const AccountMetrics m = compute_order_metrics(
      "A", {order(now - 10 * kDayMs, 500000, 100000, true), order(now - 400 * kDayMs, 700000, 1, true)}, now, 365,
      berlin(), eur_rates());
  EXPECT_EQ(m.revenue, 0);
  EXPECT_EQ(m.revenue_prior, 0);
  EXPECT_EQ(m.order_count, 0);
  EXPECT_EQ(m.days_since_last_order, std::nullopt);
}

TEST(OrderMetrics, SplitsOrdersIntoTheTrailingAndPriorWindows) {
  const time::BusinessCalendar& cal = berlin();
  const int64_t now = utc_ms(2026, 6, 15, 10);  // 12:00 CEST
  const time::TimeWindow cur = cal.trailing_window(now, 30), prior = cal.prior_window(now, 30);
  const std::vector<OrderFact> orders = {
      order(cur.start_ms, 10000, 2000),            // first instant of the window: in
      order(cur.start_ms - 1, 20000, 5000),        // last instant of the prior window
      order(prior.start_ms, 40000, 8000),          // first instant of the prior window
      order(prior.start_ms - 1, 80000, 1),         // older: ignored except for the last order date
      order(now - kHourMs, 1000, 100),             // today
      order(now + kDayMs, 1000000, 1),             // tomorrow: ignored
      order(now - 2 * kHourMs, 999999, 1, true),   // cancelled: ignored
      OrderFact{now - 3 * kHourMs, amount_of(300, "USD"), amount_of(0, ""), false},  // USD 3.00 = EUR 1.50, no margin
      OrderFact{now - 5 * kDayMs, amount_of(-500, "EUR"), amount_of(-100, "EUR"), false, false},  // credit note
  };
  const AccountMetrics m = compute_order_metrics("A", orders, now, 30, cal, eur_rates());
  EXPECT_EQ(m.revenue, 10000 + 1000 + 150 - 500);
  EXPECT_EQ(m.margin, 2000 + 100 - 100);
  EXPECT_EQ(m.revenue_prior, 20000 + 40000);
  EXPECT_EQ(m.margin_prior, 5000 + 8000);
  EXPECT_EQ(m.order_count, 3);  // the credit note is not an order
  EXPECT_EQ(m.days_since_last_order, 0);
}

TEST(OrderMetrics, DaysSinceLastOrderInLocalCalendarDays) {
  const time::BusinessCalendar& cal = berlin();
  const int64_t now = utc_ms(2026, 6, 15, 0, 30);  // 02:30 CEST on June 15
  // 2026-06-14 21:59 UTC is 23:59 on June 14 in Berlin: one local day ago, though only 2.5 hours.
  AccountMetrics m = compute_order_metrics("A", {order(utc_ms(2026, 6, 14, 21, 59), 100, 1)}, now, 365, cal, eur_rates());
  EXPECT_EQ(m.days_since_last_order, 1);
  m = compute_order_metrics("A", {order(utc_ms(2026, 6, 14, 22, 1), 100, 1)}, now, 365, cal, eur_rates());
  EXPECT_EQ(m.days_since_last_order, 0);
  // An order older than both windows still tells when the account last ordered.
  m = compute_order_metrics("A", {order(utc_ms(2024, 6, 15, 10), 100, 1)}, now, 365, cal, eur_rates());
  EXPECT_EQ(m.days_since_last_order, 730);
  EXPECT_EQ(m.revenue, 0);
  EXPECT_EQ(m.order_count, 0);
}

TEST(DerivedMetrics, GrowthMarginAndSharesAreExactFractions) {
  AccountMetrics m;
  m.revenue = 125000000;
  m.revenue_prior = 100000000;
  m.margin = 31000000;
  m.margin_prior = 40000000;
  auto g = metric_value(m, Metric::revenue_growth);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->num * 1, static_cast<money::int128>(25000000) * 10000);
  EXPECT_EQ(g->den, 100000000);  // 25%
  auto mp = metric_value(m, Metric::margin_percent);
  EXPECT_TRUE(mp->num * 10000 == static_cast<money::int128>(2480) * 10000 * mp->den);  // 24.8%
  auto mg = metric_value(m, Metric::margin_growth);
  EXPECT_TRUE(mg->num == static_cast<money::int128>(-9000000) * 10000 && mg->den == 40000000);  // -22.5%
  m.revenue_prior = 0;
  EXPECT_EQ(metric_value(m, Metric::revenue_growth), std::nullopt);
  m.revenue_prior = -5;  // net credit in the prior window: growth is meaningless
  EXPECT_EQ(metric_value(m, Metric::revenue_growth), std::nullopt);
  m.revenue = -1;
  EXPECT_EQ(metric_value(m, Metric::margin_percent), std::nullopt);
  EXPECT_EQ(metric_value(m, Metric::revenue_share), std::nullopt);  // no portfolio
  EXPECT_EQ(metric_value(m, Metric::pareto_rank), std::nullopt);
}

TEST(DerivedMetrics, ParetoTopPercentIsTheSmallestTopSetContainingTheAccount) {
  // Total 1000: A 500, B 300, C 150, D 50.
  EXPECT_EQ(pareto_top_percent_bp({1, 500, 0, 1000}), 1);        // the top account: from 0.01%
  EXPECT_EQ(pareto_top_percent_bp({2, 300, 500, 1000}), 5001);   // needed once P > 50%
  EXPECT_EQ(pareto_top_percent_bp({3, 150, 800, 1000}), 8001);   // 80% is reached without C
  EXPECT_EQ(pareto_top_percent_bp({4, 50, 950, 1000}), 9501);
  EXPECT_EQ(pareto_top_percent_bp({5, 0, 1000, 1000}), std::nullopt);  // no revenue: in no top set
  EXPECT_EQ(pareto_top_percent_bp({1, 0, 0, 0}), std::nullopt);
  // Not a whole bp: 1/3 of the revenue above it -> 33.33..% -> 3334 bp.
  EXPECT_EQ(pareto_top_percent_bp({2, 1, 1, 3}), 3334);
}

TEST(MetricCatalogue, EveryMetricHasAUniqueNameAndInfo) {
  std::set<std::string_view> names;
  for (const MetricInfo& info : metric_catalogue()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_EQ(metric_by_name(info.name), info.metric);
    EXPECT_EQ(metric_info(info.metric).name, info.name);
    EXPECT_FALSE(info.label.empty());
    EXPECT_FALSE(info.short_label.empty());
  }
  EXPECT_EQ(names.size(), 15u);
  EXPECT_EQ(metric_by_name("Revenue"), std::nullopt);
}

}  // namespace
}  // namespace kam::core::tiers
