#include "app/tiers/state_json.hpp"

#include <nlohmann/json.hpp>

namespace kam::app {
namespace t = core::tiers;

namespace {

void number(std::string& out, const char* key, const std::optional<int64_t>& v) {
  out += '"';
  out += key;
  out += "\":";
  out += v ? std::to_string(*v) : "null";
  out += ',';
}

// What moved the effective tier: the override, its end, or the rules (hysteresis).
std::string change_name(const t::AccountEvaluation& e, const std::string& from) {
  if (e.effective.overridden) return "override_set";
  if (e.effective.override_status == t::OverrideStatus::expired) return "override_expired";
  if (e.hysteresis.state.tier != from && e.hysteresis.change == t::TierChange::unchanged) return "override_ended";
  return t::tier_change_name(e.hysteresis.change);
}

}  // namespace

std::string metrics_json(const t::AccountMetrics& m, int32_t churn_score) {
  std::string out = "{";
  number(out, "revenue", m.revenue);
  number(out, "revenue_prior", m.revenue_prior);
  number(out, "margin", m.margin);
  number(out, "margin_prior", m.margin_prior);
  number(out, "order_count", m.order_count);
  number(out, "days_since_last_order", m.days_since_last_order);
  if (m.portfolio) {
    number(out, "pareto_rank", m.portfolio->rank);
    number(out, "revenue_before", m.portfolio->revenue_before);
    number(out, "total_revenue", m.portfolio->total_revenue);
  }
  number(out, "open_complaints", m.open_complaints);
  number(out, "days_since_last_visit", m.days_since_last_visit);
  number(out, "churn_score", int64_t{churn_score});
  if (m.flags.empty()) {
    out += "\"flags\":[]}";
  } else {
    out += "\"flags\":" + nlohmann::json(m.flags).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "}";
  }
  return out;
}

std::string tier_changed_json(const std::string& account_id, const std::string& from, const t::AccountEvaluation& e,
                              const std::string& reason, const std::string& explanation) {
  nlohmann::json j = {{"account_id", account_id},
                      {"from", from},
                      {"to", e.effective.tier},
                      {"change", change_name(e, from)},
                      {"computed_tier", e.classification.tier},
                      {"overridden", e.effective.overridden},
                      {"reason", reason},
                      {"explanation", explanation}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string churn_risk_json(const std::string& account_id, const t::ChurnAssessment& churn,
                            const std::string& explanation) {
  nlohmann::json j = {{"account_id", account_id},
                      {"score", churn.score},
                      {"level", t::churn_level_name(churn.level)},
                      {"retention_discount_bp", churn.retention_discount_bp},
                      {"explanation", explanation}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string part_json(uint64_t part, const store::TierWriteResult& r) {
  return nlohmann::json{{"part", part}, {"applied", r.applied}, {"skipped", r.skipped}, {"notifications", r.notifications}}
      .dump();
}

std::string summary_json(const EvaluationSummary& s, uint64_t parts) {
  nlohmann::json j{{"accounts", s.accounts},           {"changes", s.changes},
                   {"initial", s.initial},             {"upgraded", s.upgraded},
                   {"downgraded", s.downgraded},       {"downgrades_pending", s.downgrades_pending},
                   {"churn_alerts", s.churn_alerts},   {"notifications", s.notifications},
                   {"skipped", s.skipped},             {"missing_rates", s.missing_rates}};
  if (parts > 1) j["parts"] = parts;
  return j.dump();
}

}  // namespace kam::app
