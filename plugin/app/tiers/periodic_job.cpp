// periodic_job.cpp - the tier evaluation as a periodic job of the tick: a full, audited evaluation
// ("tiers.evaluate.periodic") that completes the job in its last write.
#include "app/tick.hpp"
#include "app/tiers/tiers.hpp"

namespace kam::app {

PeriodicJob tier_evaluation_job() {
  PeriodicJob job;
  job.name = kTiersJob;
  job.permission = kTiersEvaluatePermission;
  job.every_ms = [](const config::Config& c) { return c.tiers.evaluate_every_minutes * int64_t{60000}; };
  job.run = [](const JobContext& c, TickResult& result) {
    EvaluationRequest r;
    r.now_ms = c.now_ms;
    r.actor = c.actor;
    r.audit_action = "tiers.evaluate.periodic";
    r.completes_job = kTiersJob;
    const EvaluationSummary s = evaluate_tiers(c.store, c.config, r, c.log);
    if (c.log) {
      c.log(core::LogLevel::info, "periodic tier evaluation: " + std::to_string(s.accounts) + " accounts, " +
                          std::to_string(s.changes) + " changes, " + std::to_string(s.notifications) +
                          " notifications");
    }
    result.tiers = s;
  };
  return job;
}

}  // namespace kam::app
