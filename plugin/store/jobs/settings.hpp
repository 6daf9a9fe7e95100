// settings.hpp - table kam_settings on an open session: small named values shared by every host of
// the database (the zone of the order-day totals, the last completed run of each periodic job).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace kam::store::detail {

std::optional<std::string> read_setting(soci::session& sql, const std::string& name);
void write_setting(soci::session& sql, const std::string& name, const std::string& value);

// kam_settings "periodic.<name>" = at_ms: the last completed run, shared by every host. Written
// inside the run's own last write transaction (see JobsRepository::claim_job for the claim).
void record_job_run(soci::session& sql, const std::string& name, int64_t at_ms);
// The time of the last completed run, if any.
std::optional<int64_t> read_last_job_run(soci::session& sql, const std::string& name);

}  // namespace kam::store::detail
