#include "app/tiers/account_facts.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/tiers/customer_value.hpp"

namespace kam::app {
namespace t = core::tiers;
namespace time = core::time;

namespace {

bool uses_portfolio(const t::Condition& c) {
  switch (c.kind) {
    case t::Condition::Kind::metric:
      return c.metric == t::Metric::revenue_share || c.metric == t::Metric::pareto_rank ||
             c.metric == t::Metric::pareto_top_percent;
    case t::Condition::Kind::flag: return false;
    case t::Condition::Kind::all:
    case t::Condition::Kind::any:
      return std::any_of(c.members.begin(), c.members.end(), uses_portfolio);
  }
  return false;
}

}  // namespace

int32_t today(const config::Config& config, int64_t now_ms) {
  return time::BusinessCalendar(config.business.time_zone).local_date(now_ms).days_since_epoch;
}

t::AccountMetrics metrics_from_facts(const store::AccountFacts& facts, const config::Config& config, int64_t now_ms,
                                     std::string* conversion_error) {
  static thread_local std::optional<time::BusinessCalendar> calendar;
  if (!calendar || calendar->zone_name() != config.business.time_zone) calendar.emplace(config.business.time_zone);
  t::AccountMetrics m;
  try {
    m = t::compute_day_metrics(facts.account_id, facts.days, now_ms, config.tiers.window_days, *calendar,
                               config.exchange_rates);
  } catch (const Error& e) {
    // One account's missing rate must not stop the others: its money metrics have no data.
    m = t::AccountMetrics{};
    m.account_id = facts.account_id;
    if (conversion_error != nullptr) *conversion_error = e.what();
  }
  m.flags.insert(facts.flags.begin(), facts.flags.end());
  m.open_complaints = facts.open_complaints;
  m.sla_breaches = facts.sla_breaches;  // breaches since FactsQuery::breaches_since_ms (the window)
  if (facts.last_visit_ms) m.days_since_last_visit = calendar->days_between(*facts.last_visit_ms, now_ms);
  return m;
}

bool rules_need_portfolio(const t::TierConfig& tiers) {
  for (const t::TierLevel& level : tiers.levels)
    if (!level.is_default && uses_portfolio(level.rule)) return true;
  return false;
}

std::vector<t::AccountRevenue> portfolio_revenues(store::Store& store, const config::Config& config, int64_t now_ms,
                                                  std::vector<std::string>* names,
                                                  std::vector<std::string>* missing_rates) {
  std::vector<t::AccountRevenue> out;
  store::FactsQuery query;
  query.until_day = today(config, now_ms);
  query.with_state = false;
  store.tiers().scan_account_facts(query, [&](store::AccountFacts&& f) {
    std::string error;
    const t::AccountMetrics m = metrics_from_facts(f, config, now_ms, &error);
    out.push_back(t::AccountRevenue{std::move(f.account_id), m.revenue.value_or(0)});
    if (names != nullptr) names->push_back(std::move(f.name));
    if (missing_rates != nullptr) missing_rates->push_back(std::move(error));
  });
  return out;
}

void rank_in_portfolio(store::Store& store, const config::Config& config, int64_t now_ms, t::AccountMetrics& metrics) {
  const std::vector<t::AccountRevenue> revenues = portfolio_revenues(store, config, now_ms);
  const std::vector<t::PortfolioPosition> positions = t::portfolio_positions(revenues);
  metrics.portfolio = position_of(revenues, positions, metrics.account_id);
}

std::optional<int64_t> position_for_card(store::Store& store, const config::Config& config, int64_t now_ms,
                                         const store::AccountFacts& facts, t::AccountMetrics& metrics) {
  if (facts.ranking) {
    if (const std::optional<store::RankingRun> run = store.tiers().ranking_run()) {
      metrics.portfolio = t::PortfolioPosition{facts.ranking->rank, facts.ranking->revenue,
                                               facts.ranking->revenue_before, run->total_revenue};
      return run->as_of_ms;
    }
  }
  rank_in_portfolio(store, config, now_ms, metrics);
  return std::nullopt;
}

std::optional<t::TierState> previous_state(const store::StoredTierState* s) {
  if (s == nullptr) return std::nullopt;
  return t::TierState{s->tier, s->since_ms, s->below_since_ms};
}

std::optional<t::TierOverride> override_of(const store::StoredOverride* o) {
  if (o == nullptr) return std::nullopt;
  return t::TierOverride{o->tier, o->reason, o->user_id, o->set_at_ms, o->expires_at_ms};
}

std::optional<t::PortfolioPosition> position_of(const std::vector<t::AccountRevenue>& by_id,
                                                const std::vector<t::PortfolioPosition>& positions,
                                                const std::string& account_id) {
  auto it = std::lower_bound(by_id.begin(), by_id.end(), account_id,
                             [](const t::AccountRevenue& a, const std::string& id) { return a.account_id < id; });
  if (it == by_id.end() || it->account_id != account_id) return std::nullopt;
  return positions[static_cast<size_t>(it - by_id.begin())];
}

}  // namespace kam::app
