// tick.cpp - the registry of periodic jobs and the tick that runs them.
#include "app/tick.hpp"

namespace kam::app {

const std::vector<PeriodicJob>& periodic_jobs() {
  static const std::vector<PeriodicJob> jobs = {
      tier_evaluation_job(),
      sla_check_job(),  // complaint SLA deadlines and escalations (app/complaints/sla_job.cpp)
      visit_plan_job(),  // visit plans: due and overdue visits (app/visits/plan_job.cpp)
      service_deadline_job(),  // service workflow deadlines (app/service/deadline_job.cpp)
      deal_expiry_job(),  // deal registrations whose protection ended (app/distributors/expiry_job.cpp)
  };
  return jobs;
}

TickResult tick(const JobContext& context) {
  TickResult result;
  for (const PeriodicJob& job : periodic_jobs()) {
    if (!context.config.access.allows(context.actor, job.permission)) {
      result.skipped_jobs.emplace_back(job.name);
      continue;
    }
    run_when_due(job, context, result);
  }
  return result;
}

}  // namespace kam::app
