// tick.hpp - the tick: every registered periodic job that is due runs (tick.cpp holds the registry:
// a new capability adds its job there, one line, and its member to TickResult).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/complaints/complaints.hpp"
#include "app/distributors/distributors.hpp"
#include "app/periodic.hpp"
#include "app/service/service.hpp"
#include "app/tiers/tiers.hpp"
#include "app/visits/visits.hpp"

namespace kam::app {

// What the tick's jobs report (kam.h kam_tick_result; later jobs append members, as there).
struct TickResult {
  std::optional<EvaluationSummary> tiers;  // the tier evaluation ran
  std::optional<SlaCheckSummary> sla;      // the SLA check of complaints ran (1.3)
  std::optional<VisitCheckSummary> visits; // the visit plan check ran (1.4)
  std::optional<ServiceCheckSummary> service;  // the service deadline check ran (1.4)
  std::optional<DealExpirySummary> deals;      // the expiry of deal registrations ran (1.5)
  std::vector<std::string> skipped_jobs;   // jobs whose permission the actor lacks (not run)
};

// Every periodic job, in the order the tick runs them.
const std::vector<PeriodicJob>& periodic_jobs();

// Runs every registered job that is due and whose permission the actor holds (config.access); the
// others are listed in skipped_jobs (the ABI logs them). A job that throws stops the tick; the jobs
// after it run at the next tick.
TickResult tick(const JobContext& context);

}  // namespace kam::app
