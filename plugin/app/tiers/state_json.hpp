// state_json.hpp - the JSON texts the evaluation stores and sends: the metric values a decision
// used (tier_state / tier_history.metrics_json) and the payloads of tier_changed and churn_risk
// notifications.
#pragma once

#include <string>

#include "core/tiers/churn.hpp"
#include "core/tiers/explain.hpp"
#include "core/tiers/metrics.hpp"
#include "app/tiers/tiers.hpp"
#include "store/tiers/tiers_repository.hpp"

namespace kam::app {

// {"revenue":..,"revenue_prior":..,"margin":..,"margin_prior":..,"order_count":..,
//  "days_since_last_order":..,"pareto_rank":..,"revenue_before":..,"total_revenue":..,
//  "open_complaints":..,"days_since_last_visit":..,"churn_score":..,"flags":[..]}
// Money in reporting minor units; null = no data. Written for every changed account, so it is
// built by hand rather than through a DOM.
std::string metrics_json(const core::tiers::AccountMetrics& metrics, int32_t churn_score);

// {account_id, from, to, change, computed_tier, overridden, reason, explanation}
std::string tier_changed_json(const std::string& account_id, const std::string& from,
                              const core::tiers::AccountEvaluation& evaluation, const std::string& reason,
                              const std::string& explanation);

// {account_id, score, level, retention_discount_bp, explanation}
std::string churn_risk_json(const std::string& account_id, const core::tiers::ChurnAssessment& churn,
                            const std::string& explanation);

// The audit entry of a run's write transaction that is not its last: {part, applied, skipped,
// notifications}.
std::string part_json(uint64_t part, const store::TierWriteResult& result);

// The audit entry of a run's last write transaction: the run's summary, and "parts" when it took
// more than one transaction.
std::string summary_json(const EvaluationSummary& summary, uint64_t parts);

}  // namespace kam::app
