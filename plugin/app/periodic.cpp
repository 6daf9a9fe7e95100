// periodic.cpp - running one periodic job under its shared claim.
#include "app/periodic.hpp"

namespace kam::app {

bool run_when_due(const PeriodicJob& job, const JobContext& context, TickResult& result) {
  const store::JobClaimResult claim = context.store.jobs().claim_job(job.name, context.now_ms, job.every_ms(context.config));
  if (claim.due != store::JobDue::due) return false;
  job.run(context, result);  // `claim` is held until this returns or throws
  return true;
}

}  // namespace kam::app
