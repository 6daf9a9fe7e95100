// customer_value.hpp - the portfolio view: the Pareto (ABC) report over all accounts' revenue, and
// a lifetime-value estimate per account. Integer arithmetic only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tiers/metrics.hpp"

namespace kam::core::tiers {

struct AccountRevenue {
  std::string account_id;
  int64_t revenue = 0;  // reporting minor units; negative (net credit) counts as 0
};

struct ParetoEntry {
  std::string account_id;
  PortfolioPosition position;     // rank, revenue, revenue_before, total_revenue
  int64_t share_bp = 0;           // revenue / total, rounded half-even
  int64_t cumulative_bp = 0;      // (revenue_before + revenue) / total, rounded half-even; the last is 10000
  bool in_top = false;            // among the accounts that together make the top `top_percent_bp`
};

struct ParetoReport {
  int64_t top_percent_bp = 8000;
  int64_t total_revenue = 0;
  // Accounts by revenue, highest first; equal revenues by account id ascending (byte order), so
  // the ranking is deterministic and every account has its own rank 1..n.
  std::vector<ParetoEntry> entries;
  // The fewest top-ranked accounts whose revenue together reaches top_percent_bp of the total
  // (0 when the total is 0).
  int64_t accounts_in_top = 0;
  // The Pareto curve: cumulative share (bp) after rank 1, 2, ..., n - entries[i].cumulative_bp.
  std::vector<int64_t> curve_bp() const;

  const ParetoEntry* find(std::string_view account_id) const;
};

// Throws kam::Error(Status::invalid_argument) when an account id appears twice or top_percent_bp is
// outside 1..10000.
ParetoReport pareto_report(std::vector<AccountRevenue> accounts, int64_t top_percent_bp);

// Every account's position in the same ranking, in the order of `accounts` (what the evaluation of
// many accounts needs without building the report). Throws like pareto_report().
std::vector<PortfolioPosition> portfolio_positions(const std::vector<AccountRevenue>& accounts);

// Sets metrics.portfolio from the report (nothing when the account is not in it).
void apply_portfolio(const ParetoReport& report, AccountMetrics& metrics);

struct CustomerValueConfig {
  int64_t retention_rate_bp = 8500;  // r: chance an account stays another year, 0..10000
  int64_t discount_rate_bp = 1000;   // d: yearly discount rate, 0..10000
  int32_t horizon_years = 5;         // H: 1..50
};

// Lifetime value of an account with `annual_margin` (reporting minor units per year):
//
//   LTV = sum_{t=1..H} annual_margin * r^(t-1) / (1+d)^t
//
// computed as annual_margin * F with the factor F = sum_{t=1..H} w_t, w_1 = 1/(1+d),
// w_{t+1} = w_t * r/(1+d), each w_t in fixed point with 18 decimals rounded half-even at every step,
// and the product rounded once, half-even, to minor units. Deterministic on every platform; the
// fixed-point error is below 10^-16 of the margin. Linear: a negative margin gives a negative LTV.
int64_t lifetime_value(int64_t annual_margin, const CustomerValueConfig& config);
// The factor F above, times 10^18.
money::int128 lifetime_factor_e18(const CustomerValueConfig& config);

// A window's margin as a yearly figure: round_half_even(amount * 365 / window_days).
int64_t annualize(int64_t amount, int32_t window_days);

}  // namespace kam::core::tiers
