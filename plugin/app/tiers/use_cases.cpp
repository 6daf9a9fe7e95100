// use_cases.cpp - the tier evaluations the ABI offers, below the ABI: on request (audited) and the
// tick's periodic one (claimed once across hosts; overrides.cpp has the one that follows an override).
#include "app/tick.hpp"
#include "app/tiers/tiers.hpp"

namespace kam::app {

EvaluationSummary evaluate_on_request(store::Store& store, const config::Config& config, EvaluationRequest request,
                                      const LogFn& log) {
  request.audit_action = "tiers.evaluate";
  if (request.account_id.empty()) request.completes_job = kTiersJob;
  return evaluate_tiers(store, config, request, log);
}

std::optional<EvaluationSummary> evaluate_when_due(store::Store& store, const config::Config& config,
                                                   const core::Actor& actor, int64_t now_ms, const LogFn& log) {
  TickResult result;
  run_when_due(tier_evaluation_job(), JobContext{store, config, actor, now_ms, log}, result);
  return result.tiers;
}

}  // namespace kam::app
