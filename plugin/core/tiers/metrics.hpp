// metrics.hpp - what the tier rules, churn scoring and customer value look at for one account, and
// the catalogue of metric names the config may use.
//
// AccountMetrics is filled by the caller (later: from the store's order aggregates) or by
// compute_order_metrics() from a list of orders. Every metric is optional: a metric the caller
// could not compute is "no data", and a rule condition on it does not match (explain says so).
// Money is in minor units of the reporting currency; percentages are basis points (1 bp = 0.01%)
// and ratios are kept as exact fractions so a threshold comparison never suffers from rounding.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/events.hpp"
#include "core/time/calendar.hpp"
#include "core/money/decimal.hpp"
#include "core/money/exchange.hpp"

namespace kam::core::tiers {

enum class Metric {
  revenue,                // money: net revenue in the trailing window
  revenue_prior,          // money: revenue in the window before it
  revenue_growth,         // percent: (revenue - revenue_prior) / revenue_prior; no data when prior <= 0
  margin,                 // money: gross margin in the trailing window
  margin_prior,           // money: gross margin in the window before it
  margin_percent,         // percent: margin / revenue; no data when revenue <= 0
  margin_growth,          // percent: (margin - margin_prior) / margin_prior; no data when prior <= 0
  order_count,            // count: orders in the trailing window (cancelled orders excluded)
  days_since_last_order,  // days: local calendar days since the last order; no data without orders
  revenue_share,          // percent: revenue / total revenue of all accounts (same window)
  pareto_rank,            // count: 1 = highest revenue (ties: account id ascending)
  pareto_top_percent,     // percent: the smallest P such that the account is among the accounts that
                          // together make the top P% of revenue (see PortfolioPosition)
  open_complaints,        // count (signal added later; optional)
  days_since_last_visit,  // days (signal added later; optional)
  sla_breaches,           // count in the trailing window (signal added later; optional)
};

enum class MetricKind {
  money,    // thresholds: decimal amount in the reporting currency ("1000000.00"), in minor units
  percent,  // thresholds: "12.5%", in basis points
  count,    // thresholds: a whole number
  days,     // thresholds: a whole number of days
};

struct MetricInfo {
  Metric metric;
  std::string_view name;   // as written in the config
  MetricKind kind;
  std::string_view label;        // plain words; "{window}" stands for e.g. "trailing-12-month"
  std::string_view short_label;  // for "revenue is ..., needs ..."
};

std::span<const MetricInfo> metric_catalogue();
const MetricInfo& metric_info(Metric metric);
std::optional<Metric> metric_by_name(std::string_view name);
std::vector<std::string_view> metric_names();

// Where an account stands in the portfolio's revenue ranking (from pareto_report()).
struct PortfolioPosition {
  int64_t rank = 0;            // 1-based; accounts sorted by revenue desc, ties by account id asc
  int64_t revenue = 0;         // this account's revenue used for the ranking (negative counts as 0)
  int64_t revenue_before = 0;  // revenue of all accounts ranked above it
  int64_t total_revenue = 0;   // revenue of all accounts
};

struct AccountMetrics {
  std::string account_id;
  std::optional<int64_t> revenue, revenue_prior;  // reporting minor units
  std::optional<int64_t> margin, margin_prior;    // reporting minor units
  std::optional<int64_t> order_count;
  std::optional<int64_t> days_since_last_order;
  std::optional<PortfolioPosition> portfolio;
  std::set<std::string> flags;  // set by the host: strategic, industry_leader, reference_customer, ...
  std::optional<int64_t> open_complaints;
  std::optional<int64_t> days_since_last_visit;
  std::optional<int64_t> sla_breaches;
};

// A metric's value as an exact fraction num/den (den > 0). Money: minor units; percent: basis
// points; count and days: the number. Nothing when the account has no data for it.
struct MetricValue {
  money::int128 num = 0;
  money::int128 den = 1;
  bool is_integer() const { return num % den == 0; }
};
std::optional<MetricValue> metric_value(const AccountMetrics& metrics, Metric metric);

// pareto_top_percent in basis points: floor(revenue_before * 10000 / total_revenue) + 1, i.e. the
// smallest whole-bp P for which revenue_before < P% of the total, which is exactly when the account
// belongs to the fewest top-ranked accounts that together make at least P% of revenue. Nothing for
// an account without revenue (it is in no top set).
std::optional<int64_t> pareto_top_percent_bp(const PortfolioPosition& position);

// One order as the store will hand it over.
struct OrderFact {
  int64_t occurred_at_ms = 0;
  Money amount;        // net amount; credit notes negative
  Money margin;        // gross margin; empty currency = no margin known (counts as 0)
  bool cancelled = false;
  bool counts_as_order = true;  // false for a credit note: it changes revenue, it is not an order
};

// Revenue, margin (trailing and prior window), order count and days since the last order from an
// account's orders, converted at each order's local date. Cancelled orders and orders dated after
// the local day of now_ms are ignored (one dated later today counts: the store keeps totals per
// day). order_count and the last order date count orders, not credit notes. An account without
// orders has revenue 0, margin 0, order_count 0 and no days_since_last_order. Other fields
// (portfolio, flags, signals) are left empty for the caller.
AccountMetrics compute_order_metrics(std::string account_id, const std::vector<OrderFact>& orders, int64_t now_ms,
                                     int32_t window_days, const time::BusinessCalendar& calendar,
                                     const money::ExchangeRates& rates);

// An account's orders of one local day in one currency, summed: what the store keeps per account
// (store/order_days.hpp). Amounts are signed (credit notes negative), cancelled orders removed.
struct DayTotal {
  time::LocalDate day;
  std::string currency;
  int64_t amount = 0;  // minor units of `currency`
  int64_t margin = 0;
  int64_t orders = 0;  // orders and invoices, not credit notes
};

// The same metrics as compute_order_metrics() from day totals: equal for the same orders, because
// conversion is linear and applies per local date (tests/tiers/day_metrics_test.cpp checks it).
// Throws kam::Error(Status::not_found) when a currency has no rate on a day in the windows.
AccountMetrics compute_day_metrics(std::string account_id, const std::vector<DayTotal>& days, int64_t now_ms,
                                   int32_t window_days, const time::BusinessCalendar& calendar,
                                   const money::ExchangeRates& rates);

}  // namespace kam::core::tiers
