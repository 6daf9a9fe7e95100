// account_facts.hpp - from the store's facts about an account to the engine's metrics, and the
// portfolio (revenue ranking) over every account, which the Pareto metrics need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/tiers/hysteresis.hpp"
#include "core/tiers/metrics.hpp"
#include "store/store.hpp"

namespace kam::app {

// Metrics from order days, flags and service signals at now_ms. When an order's currency has no
// exchange rate, the money metrics have no data and `conversion_error` says why.
core::tiers::AccountMetrics metrics_from_facts(const store::AccountFacts& facts, const config::Config& config,
                                               int64_t now_ms, std::string* conversion_error);

// Whether any tier rule looks at revenue_share, pareto_rank or pareto_top_percent.
bool rules_need_portfolio(const core::tiers::TierConfig& tiers);

// Every account's trailing-window revenue (no data counts as 0), in account id order; `names`
// (optional) receives the accounts' names in the same order, `missing_rates` (optional) why an
// account's revenue cannot be converted ("" when it can).
std::vector<core::tiers::AccountRevenue> portfolio_revenues(store::Store& store, const config::Config& config,
                                                            int64_t now_ms, std::vector<std::string>* names = nullptr,
                                                            std::vector<std::string>* missing_rates = nullptr);

// Every account's position in the ranking (core::tiers::portfolio_positions), as metrics.portfolio
// for the account of `metrics` (left empty when it is not in the portfolio).
void rank_in_portfolio(store::Store& store, const config::Config& config, int64_t now_ms,
                       core::tiers::AccountMetrics& metrics);

// The account's position for its card: from the stored ranking of the last full evaluation when
// that ranking has the account (returns that evaluation's host clock, "as of"), else ranked now over
// every account (returns nothing; one scan of the day totals: only before the first full evaluation
// or for an account that arrived after it).
std::optional<int64_t> position_for_card(store::Store& store, const config::Config& config, int64_t now_ms,
                                         const store::AccountFacts& facts, core::tiers::AccountMetrics& metrics);

// The stored tier state and override as the engine takes them.
std::optional<core::tiers::TierState> previous_state(const store::StoredTierState* state);
std::optional<core::tiers::TierOverride> override_of(const store::StoredOverride* override_row);

// The position of one account in a portfolio sorted by account id (nothing when it is not there).
std::optional<core::tiers::PortfolioPosition> position_of(const std::vector<core::tiers::AccountRevenue>& by_id,
                                                          const std::vector<core::tiers::PortfolioPosition>& positions,
                                                          const std::string& account_id);

// The last day whose order totals count at now_ms (today in the business time zone).
int32_t today(const config::Config& config, int64_t now_ms);

}  // namespace kam::app
