// jobs_repository.hpp - periodic jobs (the tier evaluation; later SLA deadlines, visits) that
// exactly one host runs per period, and the schedule they keep in kam_settings.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kam::store {

class Database;

// A named periodic job held by this process while it runs: released when destroyed, or by the OS
// or the database when the process dies.
class JobClaim {
 public:
  virtual ~JobClaim() = default;
};

enum class JobDue {
  due,               // claimed: run it
  not_yet,           // every_ms has not passed since the last completed run
  clock_behind,      // the host clock is before the last completed run (logged once per store)
  running_elsewhere  // another host (or instance) holds the claim now
};

struct JobClaimResult {
  JobDue due = JobDue::not_yet;
  std::unique_ptr<JobClaim> claim;  // held when due
  std::optional<int64_t> last_run_ms;
};

class JobsRepository {
 public:
  explicit JobsRepository(Database& database) : db_(database) {}

  // Claims the named job when it is due: never run, or its last completed run is at least every_ms
  // before now_ms (host clock). A claim is held by this process until the JobClaim is destroyed or
  // the process dies, so exactly one host runs the job at a time and a killed run is due again at
  // once. The run's completion is recorded by its last write (TierWriteContext::completes_job, or
  // settings.hpp's record_job_run in the run's own transaction).
  JobClaimResult claim_job(const std::string& name, int64_t now_ms, int64_t every_ms);
  // The time of the last completed run, if any.
  std::optional<int64_t> last_job_run(const std::string& name);

 private:
  Database& db_;
  std::atomic<bool> clock_behind_logged_{false};
};

}  // namespace kam::store
