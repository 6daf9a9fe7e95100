#include "core/tiers/metrics.hpp"

#include <algorithm>

namespace kam::core::tiers {
namespace {

constexpr MetricInfo kMetrics[] = {
    {Metric::revenue, "revenue", MetricKind::money, "{window} revenue", "revenue"},
    {Metric::revenue_prior, "revenue_prior", MetricKind::money, "prior-period revenue", "prior-period revenue"},
    {Metric::revenue_growth, "revenue_growth", MetricKind::percent, "revenue growth", "revenue growth"},
    {Metric::margin, "margin", MetricKind::money, "{window} gross margin", "gross margin"},
    {Metric::margin_prior, "margin_prior", MetricKind::money, "prior-period gross margin", "prior-period gross margin"},
    {Metric::margin_percent, "margin_percent", MetricKind::percent, "margin rate", "margin rate"},
    {Metric::margin_growth, "margin_growth", MetricKind::percent, "margin growth", "margin growth"},
    {Metric::order_count, "order_count", MetricKind::count, "{window} orders", "orders"},
    {Metric::days_since_last_order, "days_since_last_order", MetricKind::days, "days since the last order",
     "days since the last order"},
    {Metric::revenue_share, "revenue_share", MetricKind::percent, "share of total revenue", "revenue share"},
    {Metric::pareto_rank, "pareto_rank", MetricKind::count, "revenue rank", "revenue rank"},
    {Metric::pareto_top_percent, "pareto_top_percent", MetricKind::percent, "revenue Pareto position",
     "Pareto position"},
    {Metric::open_complaints, "open_complaints", MetricKind::count, "open complaints", "open complaints"},
    {Metric::days_since_last_visit, "days_since_last_visit", MetricKind::days, "days since the last visit",
     "days since the last visit"},
    {Metric::sla_breaches, "sla_breaches", MetricKind::count, "SLA breaches", "SLA breaches"},
};

std::optional<MetricValue> whole(const std::optional<int64_t>& v) {
  if (!v) return std::nullopt;
  return MetricValue{*v, 1};
}

// (now - before) / before in basis points; nothing unless before > 0.
std::optional<MetricValue> growth(const std::optional<int64_t>& now, const std::optional<int64_t>& before) {
  if (!now || !before || *before <= 0) return std::nullopt;
  return MetricValue{(static_cast<money::int128>(*now) - *before) * 10000, *before};
}

// The order metrics from the window sums: what both compute_*_metrics() return.
AccountMetrics window_metrics(std::string account_id, const money::ReportingSum& revenue, const money::ReportingSum& revenue_prior,
                              const money::ReportingSum& margin, const money::ReportingSum& margin_prior, int64_t order_count,
                              std::optional<int64_t> days_since_last_order) {
  AccountMetrics m;
  m.account_id = std::move(account_id);
  m.revenue = revenue.total();
  m.revenue_prior = revenue_prior.total();
  m.margin = margin.total();
  m.margin_prior = margin_prior.total();
  m.order_count = order_count;
  m.days_since_last_order = days_since_last_order;
  return m;
}

}  // namespace

std::span<const MetricInfo> metric_catalogue() { return kMetrics; }

const MetricInfo& metric_info(Metric metric) {
  for (const MetricInfo& m : kMetrics)
    if (m.metric == metric) return m;
  return kMetrics[0];  // unreachable: every enumerator is listed
}

std::optional<Metric> metric_by_name(std::string_view name) {
  for (const MetricInfo& m : kMetrics)
    if (m.name == name) return m.metric;
  return std::nullopt;
}

std::vector<std::string_view> metric_names() {
  std::vector<std::string_view> out;
  for (const MetricInfo& m : kMetrics) out.push_back(m.name);
  return out;
}

std::optional<int64_t> pareto_top_percent_bp(const PortfolioPosition& p) {
  if (p.revenue <= 0 || p.total_revenue <= 0) return std::nullopt;
  return static_cast<int64_t>(money::div_floor(static_cast<money::int128>(p.revenue_before) * 10000, p.total_revenue) + 1);
}

std::optional<MetricValue> metric_value(const AccountMetrics& m, Metric metric) {
  switch (metric) {
    case Metric::revenue: return whole(m.revenue);
    case Metric::revenue_prior: return whole(m.revenue_prior);
    case Metric::revenue_growth: return growth(m.revenue, m.revenue_prior);
    case Metric::margin: return whole(m.margin);
    case Metric::margin_prior: return whole(m.margin_prior);
    case Metric::margin_percent:
      if (!m.margin || !m.revenue || *m.revenue <= 0) return std::nullopt;
      return MetricValue{static_cast<money::int128>(*m.margin) * 10000, *m.revenue};
    case Metric::margin_growth: return growth(m.margin, m.margin_prior);
    case Metric::order_count: return whole(m.order_count);
    case Metric::days_since_last_order: return whole(m.days_since_last_order);
    case Metric::revenue_share:
      if (!m.portfolio || m.portfolio->total_revenue <= 0) return std::nullopt;
      return MetricValue{static_cast<money::int128>(std::max<int64_t>(m.portfolio->revenue, 0)) * 10000,
                         m.portfolio->total_revenue};
    case Metric::pareto_rank:
      if (!m.portfolio) return std::nullopt;
      return MetricValue{m.portfolio->rank, 1};
    case Metric::pareto_top_percent:
      if (!m.portfolio) return std::nullopt;
      return whole(pareto_top_percent_bp(*m.portfolio));
    case Metric::open_complaints: return whole(m.open_complaints);
    case Metric::days_since_last_visit: return whole(m.days_since_last_visit);
    case Metric::sla_breaches: return whole(m.sla_breaches);
  }
  return std::nullopt;
}

AccountMetrics compute_order_metrics(std::string account_id, const std::vector<OrderFact>& orders, int64_t now_ms,
                                     int32_t window_days, const time::BusinessCalendar& calendar,
                                     const money::ExchangeRates& rates) {
  const time::TimeWindow current = calendar.trailing_window(now_ms, window_days);
  const time::TimeWindow prior = calendar.prior_window(now_ms, window_days);
  money::ReportingSum revenue(rates), revenue_prior(rates), margin(rates), margin_prior(rates);
  int64_t count = 0;
  std::optional<int64_t> last_order_ms;
  for (const OrderFact& o : orders) {
    if (o.cancelled || o.occurred_at_ms >= current.end_ms) continue;
    if (o.counts_as_order && (!last_order_ms || o.occurred_at_ms > *last_order_ms)) last_order_ms = o.occurred_at_ms;
    const bool in_current = current.contains(o.occurred_at_ms);
    const bool in_prior = prior.contains(o.occurred_at_ms);
    if (!in_current && !in_prior) continue;
    const time::LocalDate day = calendar.local_date(o.occurred_at_ms);
    (in_current ? revenue : revenue_prior).add(o.amount, day);
    if (!o.margin.currency.empty()) (in_current ? margin : margin_prior).add(o.margin, day);
    if (in_current && o.counts_as_order) ++count;
  }
  std::optional<int64_t> days_since;
  if (last_order_ms) days_since = calendar.days_between(*last_order_ms, now_ms);
  return window_metrics(std::move(account_id), revenue, revenue_prior, margin, margin_prior, count, days_since);
}

AccountMetrics compute_day_metrics(std::string account_id, const std::vector<DayTotal>& days, int64_t now_ms,
                                   int32_t window_days, const time::BusinessCalendar& calendar,
                                   const money::ExchangeRates& rates) {
  const time::LocalDate today = calendar.local_date(now_ms);
  const int32_t current_from = today.days_since_epoch - window_days + 1;
  const int32_t prior_from = current_from - window_days;
  money::ReportingSum revenue(rates), revenue_prior(rates), margin(rates), margin_prior(rates);
  int64_t count = 0;
  std::optional<time::LocalDate> last_order_day;
  Money money;
  for (const DayTotal& d : days) {
    const int32_t day = d.day.days_since_epoch;
    if (day > today.days_since_epoch) continue;
    if (d.orders > 0 && (!last_order_day || d.day > *last_order_day)) last_order_day = d.day;
    if (day < prior_from) continue;
    const bool in_current = day >= current_from;
    money.currency = d.currency;
    money.minor_units = d.amount;
    (in_current ? revenue : revenue_prior).add(money, d.day);
    money.minor_units = d.margin;
    (in_current ? margin : margin_prior).add(money, d.day);
    if (in_current) count += d.orders;
  }
  std::optional<int64_t> days_since;
  if (last_order_day) days_since = today.days_since_epoch - last_order_day->days_since_epoch;
  return window_metrics(std::move(account_id), revenue, revenue_prior, margin, margin_prior, count, days_since);
}

}  // namespace kam::core::tiers
