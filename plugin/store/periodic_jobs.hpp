// periodic_jobs.hpp - internal: recording a periodic job's completed run inside the run's own write
// transaction (see Store::claim_job for the claim).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace kam::store::detail {

// kam_settings "periodic.<name>" = at_ms: the last completed run, shared by every host.
void record_job_run(soci::session& sql, const std::string& name, int64_t at_ms);

}  // namespace kam::store::detail
