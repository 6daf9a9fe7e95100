// account_card.cpp - account_card_json() and pareto_report_json(): read-only views computed now
// from the stored state, the ingested data and the config in force (the card's rank and share from
// the last full evaluation's stored ranking).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/money/currency.hpp"
#include "core/tiers/churn.hpp"
#include "core/tiers/customer_value.hpp"
#include "core/tiers/explain.hpp"
#include "app/complaints/derived.hpp"
#include "app/visits/visits.hpp"
#include "app/service/service.hpp"
#include "app/identity/identity.hpp"
#include "app/tiers/account_facts.hpp"
#include "app/tiers/tiers.hpp"

namespace kam::app {
namespace t = core::tiers;
namespace money = core::money;
namespace time = core::time;
using nlohmann::json;

namespace {

constexpr uint32_t kCardHistory = 20;

json optional_number(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json benefits_json(const t::Benefits& b) {
  return {{"dedicated_account_manager", b.dedicated_account_manager},
          {"hotline", b.hotline},
          {"first_response_target_minutes", optional_number(b.first_response_target_minutes)},
          {"resolution_target_minutes", optional_number(b.resolution_target_minutes)},
          {"discount_authority_bp", b.discount_authority_bp},
          {"visit_cadence_days",
           b.visit_cadence_days ? json(*b.visit_cadence_days) : json(nullptr)},
          {"engineer_pool", b.engineer_pool}};
}

// A percentage metric as whole basis points, rounded half-even (the rules compare exactly).
json basis_points(const t::AccountMetrics& m, t::Metric metric) {
  const std::optional<t::MetricValue> v = t::metric_value(m, metric);
  if (!v) return nullptr;
  return static_cast<int64_t>(money::div_half_even(v->num, v->den));
}

json metrics_card(const t::AccountMetrics& m, const config::Config& config) {
  json flags = json::array();
  for (const std::string& f : m.flags) flags.push_back(f);
  return {{"reporting_currency", config.business.reporting_currency},
          {"reporting_currency_digits", money::currency_minor_digits(config.business.reporting_currency)},
          {"window_days", config.tiers.window_days},
          {"revenue", optional_number(m.revenue)},
          {"revenue_prior", optional_number(m.revenue_prior)},
          {"revenue_growth_bp", basis_points(m, t::Metric::revenue_growth)},
          {"margin", optional_number(m.margin)},
          {"margin_prior", optional_number(m.margin_prior)},
          {"margin_percent_bp", basis_points(m, t::Metric::margin_percent)},
          {"order_count", optional_number(m.order_count)},
          {"days_since_last_order", optional_number(m.days_since_last_order)},
          {"revenue_share_bp", basis_points(m, t::Metric::revenue_share)},
          {"pareto_rank", m.portfolio ? json(m.portfolio->rank) : json(nullptr)},
          {"pareto_top_percent_bp", basis_points(m, t::Metric::pareto_top_percent)},
          {"open_complaints", optional_number(m.open_complaints)},
          {"days_since_last_visit", optional_number(m.days_since_last_visit)},
          {"flags", flags}};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string account_card_json(store::Store& store, const config::Config& config, const std::string& account_id,
                              int64_t now_ms) {
  // Merged into a golden account: no tier of its own (app/identity).
  if (std::optional<std::string> merged = merged_account_card_json(store, account_id)) return *merged;
  std::optional<store::AccountFacts> facts;
  store::FactsQuery query;
  query.account_id = account_id;
  query.until_day = today(config, now_ms);
  query.breaches_since_ms =
      core::time::BusinessCalendar(config.business.time_zone).trailing_window(now_ms, config.tiers.window_days).start_ms;
  store.tiers().scan_account_facts(query, [&](store::AccountFacts&& f) { facts = std::move(f); });
  if (!facts) throw Error(Status::not_found, "account '" + account_id + "' is unknown");

  std::string conversion_error;
  t::AccountMetrics m = metrics_from_facts(*facts, config, now_ms, &conversion_error);
  // Rank and share as of the last full evaluation's stored ranking (one indexed row), not ranked
  // again here: ranking every account took half a second per 100,000 accounts per card.
  const std::optional<int64_t> ranking_as_of_ms = position_for_card(store, config, now_ms, *facts, m);
  const store::StoredTierState* stored = facts->state ? &*facts->state : nullptr;
  const t::AccountEvaluation e =
      t::evaluate_account(m, config.tiers, previous_state(stored),
                          override_of(facts->override_row ? &*facts->override_row : nullptr), now_ms);
  std::optional<t::ChurnLevel> churn_before;
  if (stored) churn_before = static_cast<t::ChurnLevel>(stored->churn_level);
  const t::ChurnAssessment churn = t::assess_churn(m, config.churn_risk, e.key_account, churn_before);

  t::ExplainContext context;
  context.config = &config.tiers;
  context.reporting_currency = config.business.reporting_currency;
  context.calendar = time::BusinessCalendar(config.business.time_zone);

  // A missing exchange rate never decides a tier: the card shows the stored one and says why.
  const bool kept = !conversion_error.empty();
  const std::string tier = kept && stored ? stored->effective_tier : e.effective.tier;
  const t::TierLevel* level = config.tiers.find(tier);
  const bool same_as_stored = stored && stored->effective_tier == tier;
  json card = {
      {"account_id", facts->account_id},
      {"name", facts->name},
      // The last evaluation, not the last change: a full evaluation that kept the state writes no row.
      {"evaluated_at_ms",
       stored ? json(std::max(stored->evaluated_at_ms, store.jobs().last_job_run(kTiersJob).value_or(0))) : json(nullptr)},
      {"config_version", stored ? json(stored->config_version) : json(nullptr)},
      {"tier",
       {{"name", tier},
        {"label", level ? level->label : tier},
        {"since_ms", same_as_stored ? stored->effective_since_ms : e.hysteresis.state.since_ms},
        {"key_account", kept ? level != nullptr && level->key_account : e.key_account},
        {"overridden", e.effective.overridden}}},
      {"computed_tier", kept ? json(nullptr) : json(e.classification.tier)},
      {"change", kept ? "kept_missing_rate" : t::tier_change_name(e.hysteresis.change)},
      {"benefits", benefits_json(e.benefits)},
      {"metrics", metrics_card(m, config)},
      {"business_time_zone", config.business.time_zone},
      {"merged_accounts", merged_accounts_json(store, facts->account_id)},  // app/identity
  };
  // 1.4: null when rank and share were computed now (no stored ranking has the account yet).
  card["metrics"]["ranking_as_of_ms"] = ranking_as_of_ms ? json(*ranking_as_of_ms) : json(nullptr);
  if (!conversion_error.empty()) card["metrics"]["conversion_error"] = conversion_error;
  if (e.hysteresis.downgrade_due_ms) {
    card["pending_downgrade"] = {{"to", e.hysteresis.computed_tier}, {"due_ms", *e.hysteresis.downgrade_due_ms}};
  } else {
    card["pending_downgrade"] = nullptr;
  }
  if (e.effective.override) {
    const t::TierOverride& o = *e.effective.override;
    card["override"] = {{"tier", o.tier},
                        {"reason", o.reason},
                        {"user_id", o.actor_user_id},
                        {"set_at_ms", o.set_at_ms},
                        {"expires_at_ms", o.expires_at_ms},
                        {"status", t::override_status_name(e.effective.override_status)}};
  } else {
    card["override"] = nullptr;
  }
  const int64_t annual_margin = t::annualize(m.margin.value_or(0), config.tiers.window_days);
  card["lifetime_value"] = m.margin ? json(t::lifetime_value(annual_margin, config.customer_value)) : json(nullptr);
  json signals = json::array();
  for (const t::SignalScore& s : churn.signals) {
    signals.push_back({{"signal", t::churn_signal_info(s.signal).name},
                       {"value", optional_number(s.value)},
                       {"points", s.points},
                       {"weight", s.rule.weight}});
  }
  card["churn"] = {{"score", churn.score},
                   {"level", t::churn_level_name(churn.level)},
                   {"no_data", churn.no_data},
                   {"retention_discount_bp", churn.retention_discount_bp},
                   {"at_risk", churn.at_risk},
                   {"signals", signals}};
  json checks = json::array();
  for (const t::TierCheck& c : e.classification.checks) checks.push_back({{"tier", c.tier}, {"matched", c.matched}});
  card["checks"] = checks;
  card["explanation"] = kept ? (level ? level->label : tier) + " kept: " + conversion_error + "."
                             : t::explain_evaluation(e, context);
  card["churn_explanation"] = t::explain_churn(churn);
  json history = json::array();
  for (const store::TierHistoryEntry& h : store.tiers().tier_history(account_id, kCardHistory)) {
    history.push_back({{"tier", h.tier},
                       {"previous_tier", h.previous_tier},
                       {"since_ms", h.since_ms},
                       {"reason", h.reason},
                       {"user_id", h.user_id},
                       {"config_version", h.config_version}});
  }
  card["history"] = history;
  card["complaints"] = complaints::account_card_complaints(store, config, account_id, now_ms);
  card["visits"] = card_visits_json(store, config, account_id, now_ms);  // 1.4, app/visits
  card["service"] = account_card_service(store, config, account_id, now_ms);  // 1.4 (docs/service.md)
  return dump(card);
}

std::string pareto_report_json(store::Store& store, const config::Config& config, int64_t now_ms,
                               uint32_t max_entries) {
  std::vector<std::string> names;
  std::vector<std::string> missing_rates;
  const std::vector<t::AccountRevenue> revenues = portfolio_revenues(store, config, now_ms, &names, &missing_rates);
  auto index_of = [&](const std::string& id) {
    auto it = std::lower_bound(revenues.begin(), revenues.end(), id,
                               [](const t::AccountRevenue& a, const std::string& x) { return a.account_id < x; });
    return static_cast<size_t>(it - revenues.begin());
  };
  uint64_t missing = 0;
  for (const std::string& m : missing_rates) missing += m.empty() ? 0 : 1;
  const t::ParetoReport report = t::pareto_report(revenues, config.tiers.pareto_percent_bp);
  json entries = json::array();
  for (const t::ParetoEntry& e : report.entries) {
    if (max_entries != 0 && entries.size() >= max_entries) break;
    const size_t i = index_of(e.account_id);
    json entry = {{"rank", e.position.rank},
                  {"account_id", e.account_id},
                  {"name", names[i]},
                  {"revenue", e.position.revenue},
                  {"share_bp", e.share_bp},
                  {"cumulative_bp", e.cumulative_bp},
                  {"in_top", e.in_top}};
    // Ranked at revenue 0 until the rate exists; the entry says why.
    if (!missing_rates[i].empty()) entry["missing_rate"] = missing_rates[i];
    entries.push_back(std::move(entry));
  }
  json out = {{"reporting_currency", config.business.reporting_currency},
              {"reporting_currency_digits", money::currency_minor_digits(config.business.reporting_currency)},
              {"business_time_zone", config.business.time_zone},
              {"window_days", config.tiers.window_days},
              {"top_percent_bp", report.top_percent_bp},
              {"total_revenue", report.total_revenue},
              {"accounts", report.entries.size()},
              {"accounts_in_top", report.accounts_in_top},
              {"missing_rates", missing},
              {"entries", entries},
              {"curve_bp", report.curve_bp()}};
  return dump(out);
}

}  // namespace kam::app
