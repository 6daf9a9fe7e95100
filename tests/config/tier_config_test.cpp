// tier_config_test.cpp - the VIP tier sections (exchange_rates, tiers, customer_value, churn_risk):
// defaults, exact parsing of every value form, several errors at once, and the shipped example
// driving the engine end to end.
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "core/tiers/tiers.hpp"

namespace kam::config {
namespace {

namespace t = core::tiers;
namespace time = core::time;

int64_t ms(int y, unsigned m, unsigned d, int h = 0) {
  return static_cast<int64_t>(time::LocalDate::from_ymd(y, m, d).days_since_epoch) * 86400000 + h * 3600000LL;
}

TEST(TierConfig, DefaultsWithoutTheSections) {
  const Config c = load_config_text("kam: 1\nbusiness:\n  reporting_currency: CNY\n", "k");
  EXPECT_EQ(c.exchange_rates.reporting_currency(), "CNY");
  EXPECT_TRUE(c.exchange_rates.rates().empty());
  ASSERT_EQ(c.tiers.levels.size(), 1u);
  EXPECT_EQ(c.tiers.levels[0].name, "standard");
  EXPECT_EQ(c.tiers.levels[0].label, "Standard");
  EXPECT_TRUE(c.tiers.levels[0].is_default);
  EXPECT_EQ(c.tiers.levels[0].benefits, t::Benefits{});
  EXPECT_EQ(c.tiers.window_days, 365);
  EXPECT_EQ(c.tiers.downgrade_after_days, 90);
  EXPECT_EQ(c.tiers.pareto_percent_bp, 8000);
  EXPECT_EQ(c.customer_value.retention_rate_bp, 8500);
  EXPECT_EQ(c.customer_value.discount_rate_bp, 1000);
  EXPECT_EQ(c.customer_value.horizon_years, 5);
  EXPECT_TRUE(c.churn_risk.signals.empty());
  // Empty sections are the same as none.
  for (const char* text : {"kam: 1\ntiers:\ncustomer_value:\nchurn_risk:\nexchange_rates: []\n",
                           "kam: 1\ntiers:\n  levels:\nchurn_risk:\n  signals:\nexchange_rates:\n"}) {
    const Config e = load_config_text(text, "k");
    EXPECT_EQ(e.tiers.levels.size(), 1u);
    EXPECT_EQ(e.exchange_rates.reporting_currency(), "EUR");
    EXPECT_TRUE(e.exchange_rates.rates().empty());
    EXPECT_TRUE(e.churn_risk.signals.empty());
  }
}

TEST(TierConfig, EveryValueFormParsesExactly) {
  const Config c = load_config_text(R"(kam: 1
business:
  reporting_currency: BHD
exchange_rates:
  - {currency: EUR, rate: "0.4105", from: 2026-02-01}
  - {currency: EUR, rate: 0.41, from: 2026-01-01}
  - {currency: JPY, rate: "0.0025123456", from: 2025-12-31}
tiers:
  window_days: 90
  downgrade_after_days: 0
  pareto_percent: "66.67%"
  levels:
    - name: platinum
      label: "Platinum ★"
      rule:
        any:
          - all:
              - {metric: revenue, op: ">=", value: "1000.125"}
              - {metric: margin_percent, op: ">", value: "-2.5%"}
              - any:
                  - {metric: days_since_last_order, op: "<=", value: 30}
                  - {flag: "Key Account"}
          - {metric: pareto_top_percent, op: "<=", value: "80%"}
      benefits:
        dedicated_account_manager: true
        hotline: "+973 1700 0000"
        discount_authority: "12.5%"
        visit_cadence_days: 14
        engineer_pool: senior
    - name: watch-list
      key_account: false
      rule: {all: [{metric: sla_breaches, op: "!=", value: 0}, {metric: revenue, op: "<", value: -1}]}
    - name: standard
      default: true
      key_account: true
customer_value: {retention_rate: "90.5%", discount_rate: "0%", horizon_years: 50}
churn_risk:
  signals:
    - {signal: revenue_drop, zero_at: "0%", full_at: "100%", weight: 1000}
    - {signal: days_since_last_visit, zero_at: 0, full_at: 365, weight: 1}
  levels: {medium: 1, high: 100}
  notify_at: medium
  retention_discount: {medium: "2.5%", high: "10%"}
calendars: {around: {time_zone: UTC, 24x7: true}}
complaints:
  calendar: around
  targets: [{tier: platinum, first_response: 30m, resolution: 168h}]
)",
                                    "k");
  // Rates: sorted by date, exact integers at 10 decimals.
  const auto rates = c.exchange_rates.rates();
  ASSERT_EQ(rates.size(), 3u);
  EXPECT_EQ(rates[0].currency, "EUR");
  EXPECT_EQ(rates[0].from, time::LocalDate::from_ymd(2026, 1, 1));
  EXPECT_EQ(rates[0].rate, 4100000000);
  EXPECT_EQ(rates[1].rate, 4105000000);
  EXPECT_EQ(rates[2].rate, 25123456);
  EXPECT_EQ(c.exchange_rates.convert({100, "EUR"}, time::LocalDate::from_ymd(2026, 1, 15)), 410);  // EUR 1.00 -> BHD 0.410

  EXPECT_EQ(c.tiers.window_days, 90);
  EXPECT_EQ(c.tiers.downgrade_after_days, 0);
  EXPECT_EQ(c.tiers.pareto_percent_bp, 6667);
  ASSERT_EQ(c.tiers.levels.size(), 3u);
  const t::TierLevel& p = c.tiers.levels[0];
  EXPECT_EQ(p.label, "Platinum ★");
  EXPECT_TRUE(p.key_account);
  ASSERT_EQ(p.rule.kind, t::Condition::Kind::any);
  ASSERT_EQ(p.rule.members.size(), 2u);
  const t::Condition& all = p.rule.members[0];
  ASSERT_EQ(all.kind, t::Condition::Kind::all);
  ASSERT_EQ(all.members.size(), 3u);
  EXPECT_EQ(all.members[0].metric, t::Metric::revenue);
  EXPECT_EQ(all.members[0].op, t::Op::ge);
  EXPECT_EQ(all.members[0].threshold, 1000125);  // BHD has 3 decimals
  EXPECT_EQ(all.members[1].metric, t::Metric::margin_percent);
  EXPECT_EQ(all.members[1].op, t::Op::gt);
  EXPECT_EQ(all.members[1].threshold, -250);
  EXPECT_EQ(all.members[2].kind, t::Condition::Kind::any);
  EXPECT_EQ(all.members[2].members[0].threshold, 30);
  EXPECT_EQ(all.members[2].members[1].kind, t::Condition::Kind::flag);
  EXPECT_EQ(all.members[2].members[1].flag, "Key Account");
  EXPECT_EQ(p.rule.members[1].metric, t::Metric::pareto_top_percent);
  EXPECT_EQ(p.rule.members[1].threshold, 8000);
  EXPECT_TRUE(p.benefits.dedicated_account_manager);
  EXPECT_EQ(p.benefits.hotline, "+973 1700 0000");
  EXPECT_EQ(p.benefits.first_response_target_minutes, 30);
  EXPECT_EQ(p.benefits.resolution_target_minutes, 7 * 24 * 60);
  EXPECT_EQ(p.benefits.discount_authority_bp, 1250);
  EXPECT_EQ(p.benefits.visit_cadence_days, 14);
  EXPECT_EQ(p.benefits.engineer_pool, "senior");
  const t::TierLevel& w = c.tiers.levels[1];
  EXPECT_EQ(w.label, "Watch-list");
  EXPECT_FALSE(w.key_account);
  EXPECT_EQ(w.rule.members[0].op, t::Op::ne);
  EXPECT_EQ(w.rule.members[1].threshold, -1000);  // BHD -1.000
  EXPECT_EQ(w.benefits, t::Benefits{});
  EXPECT_TRUE(c.tiers.levels[2].is_default);
  EXPECT_TRUE(c.tiers.levels[2].key_account);

  EXPECT_EQ(c.customer_value.retention_rate_bp, 9050);
  EXPECT_EQ(c.customer_value.discount_rate_bp, 0);
  EXPECT_EQ(c.customer_value.horizon_years, 50);
  ASSERT_EQ(c.churn_risk.signals.size(), 2u);
  EXPECT_EQ(c.churn_risk.signals[0].signal, t::ChurnSignal::revenue_drop);
  EXPECT_EQ(c.churn_risk.signals[0].full_at, 10000);
  EXPECT_EQ(c.churn_risk.signals[0].weight, 1000);
  EXPECT_EQ(c.churn_risk.signals[1].full_at, 365);
  EXPECT_EQ(c.churn_risk.medium_at, 1);
  EXPECT_EQ(c.churn_risk.high_at, 100);
  EXPECT_EQ(c.churn_risk.notify_at, t::ChurnLevel::medium);
  EXPECT_EQ(c.churn_risk.retention_discount_bp, (std::array<int64_t, 3>{0, 250, 1000}));
}

TEST(TierConfig, ReportsEveryTierErrorAtOnceInFileOrder) {
  const std::string text =
      "kam: 1\n"
      "business: {reporting_currency: CNY}\n"
      "exchange_rates:\n"
      "  - {currency: usd, rate: \"7.1\", from: 2026-01-01}\n"
      "tiers:\n"
      "  window_days: 0\n"
      "  levels:\n"
      "    - name: gold\n"
      "      rule:\n"
      "        all:\n"
      "          - {metric: margin_percnt, op: \">=\", value: \"20%\"}\n"
      "          - {metric: revenue, op: \">=\", value: \"1000000.001\"}\n"
      "    - name: gold\n"
      "      rule: {any: [{flag: strategic}]}\n"
      "    - {name: standard, default: true}\n"
      "churn_risk:\n"
      "  notify_at: low\n";
  try {
    load_config_text(text, "kam.yaml");
    FAIL() << "loaded an invalid config";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "kam.yaml:4:16: exchange_rates[0].currency: expected an ISO 4217 currency code like EUR or USD, got "
              "\"usd\"; did you mean 'USD'?\n"
              "kam.yaml:6:16: tiers.window_days: expected an integer in 1..3660, got 0\n"
              "kam.yaml:11:22: tiers.levels[0].rule.all[0].metric: unknown metric \"margin_percnt\"; did you mean "
              "'margin_percent'?\n"
              "kam.yaml:12:48: tiers.levels[0].rule.all[1].value: CNY has 2 decimals, got \"1000000.001\"\n"
              "kam.yaml:13:13: tiers.levels[1].name: duplicate tier name 'gold' (first at line 8)\n"
              "kam.yaml:17:14: churn_risk.notify_at: expected one of medium, high, got \"low\"");
  }
}

TEST(TierConfig, UnknownMetricWithoutSuggestionListsTheMetrics) {
  try {
    load_config_text("kam: 1\ntiers:\n  levels:\n    - {name: a, rule: {all: [{metric: happiness, op: \">\", value: 1}]}}\n"
                     "    - {name: b, default: true}\n",
                     "k");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "k:4:39: tiers.levels[0].rule.all[0].metric: unknown metric \"happiness\"; metrics: revenue, "
              "revenue_prior, revenue_growth, margin, margin_prior, margin_percent, margin_growth, order_count, "
              "days_since_last_order, revenue_share, pareto_rank, pareto_top_percent, open_complaints, "
              "days_since_last_visit, sla_breaches");
  }
}

TEST(TierConfig, UnquotedNotEqualIsExplained) {
  try {
    load_config_text("kam: 1\ntiers:\n  levels:\n    - {name: a, rule: {all: [{metric: sla_breaches, op: !=, value: 0}]}}\n"
                     "    - {name: b, default: true}\n",
                     "k");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "k:4:57: tiers.levels[0].rule.all[0].op: unquoted != is a YAML tag; write op: \"!=\"");
  }
}

TEST(TierConfig, DeepNestingIsLimited) {
  std::string rule = "{flag: x}";
  for (int i = 0; i < 9; ++i) rule = "{all: [" + rule + "]}";
  try {
    load_config_text("kam: 1\ntiers:\n  levels:\n    - {name: a, rule: " + rule + "}\n    - {name: b, default: true}\n", "k");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("conditions nest at most 8 levels deep"), std::string::npos) << e.what();
  }
}

// The shipped example drives the engine: orders in three currencies -> metrics -> Pareto -> tier
// -> explanation, hysteresis, churn and lifetime value.
TEST(TierConfig, ExampleConfigEndToEnd) {
  const Config c = load_config_file(KAM_EXAMPLE_CONFIG);
  ASSERT_EQ(c.tiers.levels.size(), 4u);
  EXPECT_EQ(c.tiers.levels[0].label, "Platinum");
  EXPECT_EQ(c.exchange_rates.rates().size(), 4u);
  EXPECT_EQ(c.churn_risk.signals.size(), 5u);
  const time::BusinessCalendar calendar(c.business.time_zone);  // Asia/Shanghai
  const int64_t now = ms(2026, 6, 30, 4);

  // ACME: EUR 100,000.00 in January (7.8123) and EUR 50,000.00 on Feb 1 local time (7.9050, though
  // still Jan 31 in UTC), USD 20,000.00; margin 25%.
  const std::vector<t::OrderFact> acme = {
      {ms(2026, 1, 10, 3), {10000000, "EUR"}, {2500000, "EUR"}, false},
      {ms(2026, 1, 31, 17), {5000000, "EUR"}, {1250000, "EUR"}, false},
      {ms(2026, 3, 1, 3), {2000000, "USD"}, {500000, "USD"}, false},
      {ms(2026, 3, 2, 3), {90000000, "EUR"}, {1, "EUR"}, true},  // cancelled
  };
  t::AccountMetrics a = t::compute_order_metrics("ACME", acme, now, c.tiers.window_days, calendar, c.exchange_rates);
  // 781,230.00 + 395,250.00 + 143,700.00 CNY
  EXPECT_EQ(a.revenue, 132018000);
  EXPECT_EQ(a.margin, 33004500);
  EXPECT_EQ(a.order_count, 3);
  t::AccountMetrics b = t::compute_order_metrics("BETA", {{ms(2026, 6, 1, 3), {30000000, "CNY"}, {3000000, "CNY"}, false}},
                                                 now, c.tiers.window_days, calendar, c.exchange_rates);
  b.flags = {"reference_customer"};
  const t::ParetoReport pareto = t::pareto_report({{"ACME", *a.revenue}, {"BETA", *b.revenue}}, c.tiers.pareto_percent_bp);
  EXPECT_EQ(pareto.accounts_in_top, 1);
  t::apply_portfolio(pareto, a);
  t::apply_portfolio(pareto, b);

  const t::AccountEvaluation ea = t::evaluate_account(a, c.tiers, std::nullopt, std::nullopt, now);
  EXPECT_EQ(ea.effective.tier, "gold");
  EXPECT_EQ(ea.benefits.first_response_target_minutes, 240);
  t::ExplainContext x{&c.tiers, c.business.reporting_currency, calendar};
  EXPECT_EQ(t::explain_evaluation(ea, x),
            "Gold because trailing-12-month revenue CNY 1,320,180.00 ≥ CNY 1,000,000.00 and margin rate 25% ≥ 15%. "
            "Not Platinum: needs one of: (revenue ≥ CNY 5,000,000.00 (is CNY 1,320,180.00) and margin rate ≥ 20% "
            "(is 25%)) or (flagged strategic (no) and Pareto position ≤ 50% (is 0.01%)).");
  const t::AccountEvaluation eb = t::evaluate_account(b, c.tiers, std::nullopt, std::nullopt, now);
  EXPECT_EQ(eb.effective.tier, "silver");
  EXPECT_TRUE(eb.key_account);

  // A year later ACME has no orders in the window: the downgrade waits 90 days.
  const int64_t later = ms(2027, 3, 1, 4);
  t::AccountMetrics quiet = t::compute_order_metrics("ACME", acme, later, c.tiers.window_days, calendar, c.exchange_rates);
  const t::AccountEvaluation held = t::evaluate_account(quiet, c.tiers, ea.hysteresis.state, std::nullopt, later);
  EXPECT_EQ(held.effective.tier, "gold");
  EXPECT_EQ(held.hysteresis.change, t::TierChange::downgrade_pending);
  EXPECT_EQ(held.classification.tier, "standard");

  // Revenue dropped from 1,320,180.00 (the prior window) to 0 and no order for 365 days: high risk.
  EXPECT_EQ(quiet.revenue_prior, a.revenue);
  EXPECT_EQ(quiet.days_since_last_order, 365);
  const t::ChurnAssessment churn = t::assess_churn(quiet, c.churn_risk, held.key_account, t::ChurnLevel::low);
  EXPECT_EQ(churn.level, t::ChurnLevel::high);
  EXPECT_TRUE(churn.notify);
  EXPECT_EQ(churn.retention_discount_bp, 800);

  EXPECT_EQ(t::lifetime_value(*a.margin, c.customer_value), 95646237);  // CNY 956,462.37
}

}  // namespace
}  // namespace kam::config
