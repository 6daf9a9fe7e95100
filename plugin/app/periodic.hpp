// periodic.hpp - a periodic job that the tick runs: its name (the claim shared by every host), the
// permission the tick's actor must hold, its "due" rule and its run function. Every job is claimed
// through the one shared mechanism (JobsRepository::claim_job), so exactly one host runs it per interval; the
// registry of jobs is in tick.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "config/config.hpp"
#include "core/actor.hpp"
#include "core/log_level.hpp"
#include "store/store.hpp"

namespace kam::app {

using core::LogFn;

struct TickResult;  // tick.hpp: one member per job that reports to the host

// What a job runs with: the tick's store, config in force, actor and host clock.
struct JobContext {
  store::Store& store;
  const config::Config& config;
  const core::Actor& actor;
  int64_t now_ms = 0;
  LogFn log;
};

struct PeriodicJob {
  const char* name;        // JobsRepository::claim_job's name, and what the run records on completion
  const char* permission;  // the tick's actor must hold it
  // The due rule: at most one completed run per this many milliseconds (from the config in force).
  std::function<int64_t(const config::Config&)> every_ms;
  // Runs the job while this host holds its claim; records its completion (job `name`) in its last
  // write transaction, so a failed run stays due. Reports into its member of the result.
  std::function<void(const JobContext&, TickResult&)> run;
};

// Claims the job and runs it when it is due and this host claimed it (the claim is held until the
// run returns or throws). False when not due, running elsewhere or the clock is behind.
bool run_when_due(const PeriodicJob& job, const JobContext& context, TickResult& result);

}  // namespace kam::app
