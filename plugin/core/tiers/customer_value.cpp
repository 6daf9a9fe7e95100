#include "core/tiers/customer_value.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"

namespace kam::core::tiers {

std::vector<int64_t> ParetoReport::curve_bp() const {
  std::vector<int64_t> out;
  out.reserve(entries.size());
  for (const ParetoEntry& e : entries) out.push_back(e.cumulative_bp);
  return out;
}

const ParetoEntry* ParetoReport::find(std::string_view account_id) const {
  for (const ParetoEntry& e : entries)
    if (e.account_id == account_id) return &e;
  return nullptr;
}

namespace {

// Indices of `accounts` in ranking order: revenue (negative as 0) descending, then account id
// ascending. Two equal ids end up next to each other, which is how duplicates are found.
std::vector<uint32_t> ranking(const std::vector<AccountRevenue>& accounts) {
  std::vector<uint32_t> order(accounts.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const int64_t rx = std::max<int64_t>(accounts[x].revenue, 0), ry = std::max<int64_t>(accounts[y].revenue, 0);
    return rx != ry ? rx > ry : accounts[x].account_id < accounts[y].account_id;
  });
  std::vector<uint32_t> by_id(order);
  std::sort(by_id.begin(), by_id.end(),
            [&](uint32_t x, uint32_t y) { return accounts[x].account_id < accounts[y].account_id; });
  for (std::size_t i = 1; i < by_id.size(); ++i)
    if (accounts[by_id[i]].account_id == accounts[by_id[i - 1]].account_id)
      throw Error(Status::invalid_argument, "account '" + accounts[by_id[i]].account_id + "' listed twice");
  return order;
}

}  // namespace

std::vector<PortfolioPosition> portfolio_positions(const std::vector<AccountRevenue>& accounts) {
  const std::vector<uint32_t> order = ranking(accounts);
  money::int128 total = 0;
  for (const AccountRevenue& a : accounts) total = money::checked_add(total, std::max<int64_t>(a.revenue, 0), "total revenue");
  const int64_t total64 = money::to_int64(total, "total revenue");
  std::vector<PortfolioPosition> out(accounts.size());
  int64_t before = 0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const int64_t revenue = std::max<int64_t>(accounts[order[rank]].revenue, 0);
    out[order[rank]] = PortfolioPosition{static_cast<int64_t>(rank + 1), revenue, before, total64};
    before += revenue;
  }
  return out;
}

ParetoReport pareto_report(std::vector<AccountRevenue> accounts, int64_t top_percent_bp) {
  if (top_percent_bp < 1 || top_percent_bp > 10000)
    throw Error(Status::invalid_argument, "Pareto percentage must be in 0.01%..100%");
  {
    const std::vector<uint32_t> order = ranking(accounts);
    std::vector<AccountRevenue> sorted;
    sorted.reserve(accounts.size());
    for (uint32_t i : order) sorted.push_back(std::move(accounts[i]));
    accounts = std::move(sorted);
  }
  for (AccountRevenue& a : accounts) a.revenue = std::max<int64_t>(a.revenue, 0);
  ParetoReport report;
  report.top_percent_bp = top_percent_bp;
  money::int128 total = 0;
  for (const AccountRevenue& a : accounts) total = money::checked_add(total, a.revenue, "total revenue");
  report.total_revenue = money::to_int64(total, "total revenue");
  int64_t before = 0;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    ParetoEntry e;
    e.account_id = accounts[i].account_id;
    e.position = PortfolioPosition{static_cast<int64_t>(i + 1), accounts[i].revenue, before, report.total_revenue};
    if (total > 0) {
      e.share_bp = static_cast<int64_t>(money::div_half_even(static_cast<money::int128>(accounts[i].revenue) * 10000, total));
      e.cumulative_bp =
          static_cast<int64_t>(money::div_half_even((static_cast<money::int128>(before) + accounts[i].revenue) * 10000, total));
      // In the top set exactly when the accounts above it do not yet reach the percentage.
      e.in_top = accounts[i].revenue > 0 && static_cast<money::int128>(before) * 10000 < static_cast<money::int128>(top_percent_bp) * total;
    }
    if (e.in_top) ++report.accounts_in_top;
    before += accounts[i].revenue;
    report.entries.push_back(std::move(e));
  }
  return report;
}

void apply_portfolio(const ParetoReport& report, AccountMetrics& metrics) {
  const ParetoEntry* e = report.find(metrics.account_id);
  if (e)
    metrics.portfolio = e->position;
  else
    metrics.portfolio.reset();
}

money::int128 lifetime_factor_e18(const CustomerValueConfig& c) {
  const money::int128 one = money::pow10(18);
  const money::int128 growth_den = 10000 + c.discount_rate_bp;   // (1+d) in bp
  money::int128 w = money::div_half_even(one * 10000, growth_den);      // w_1 = 1/(1+d)
  money::int128 f = 0;
  for (int32_t t = 1; t <= c.horizon_years; ++t) {
    f += w;
    w = money::div_half_even(w * c.retention_rate_bp, growth_den);  // w_{t+1} = w_t * r / (1+d)
  }
  return f;
}

int64_t lifetime_value(int64_t annual_margin, const CustomerValueConfig& config) {
  const money::int128 f = lifetime_factor_e18(config);
  const money::int128 one = money::pow10(18);
  // round_half_even(annual_margin * f / 10^18) without overflowing __int128: f = whole * 10^18 + frac.
  const money::int128 whole = f / one, frac = f % one;
  const money::int128 part = static_cast<money::int128>(annual_margin) * frac;  // |part| < 2^63 * 10^18
  const money::int128 q = money::div_floor(part, one), rem = part - q * one;  // 0 <= rem < 10^18
  money::int128 v = money::checked_add(money::checked_mul(annual_margin, whole, "lifetime value"), q, "lifetime value");
  if (2 * rem > one || (2 * rem == one && v % 2 != 0)) ++v;
  return money::to_int64(v, "lifetime value");
}

int64_t annualize(int64_t amount, int32_t window_days) {
  if (window_days <= 0) throw Error(Status::invalid_argument, "window_days must be positive");
  return money::to_int64(money::div_half_even(static_cast<money::int128>(amount) * 365, window_days), "annualized amount");
}

}  // namespace kam::core::tiers
