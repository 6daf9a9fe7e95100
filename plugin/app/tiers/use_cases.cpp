// use_cases.cpp - the tier evaluations the ABI offers, below the ABI: on request (audited), the
// tick's periodic one (claimed once across hosts), and the one that follows an override.
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
  const int64_t every_ms = config.tiers.evaluate_every_minutes * 60000;
  const store::JobClaimResult claim = store.claim_job(kTiersJob, now_ms, every_ms);
  if (claim.due != store::JobDue::due) return std::nullopt;
  EvaluationRequest r;
  r.now_ms = now_ms;
  r.actor = actor;
  r.audit_action = "tiers.evaluate.periodic";
  r.completes_job = kTiersJob;
  return evaluate_tiers(store, config, r, log);  // the claim is held until this returns or throws
}

void follow_override(store::Store& store, const config::Config& config, const std::string& account_id,
                     const core::Actor& actor, int64_t now_ms, const LogFn& log) {
  EvaluationRequest r;
  r.account_id = account_id;
  r.now_ms = now_ms;
  r.actor = actor;
  evaluate_tiers(store, config, r, log);
}

}  // namespace kam::app
