// writer_context.hpp - what every event writer of a batch shares: the batch's session and backend,
// the current event's id and times (bound by reference into every writer's statements), and which
// accounts exist.
#pragma once

#include <cstdint>
#include <string>

#include "store/database/backend.hpp"
#include "store/complaints/calendar_versions.hpp"
#include "store/ingestion/account_lookup.hpp"

namespace soci {
class session;
}

namespace kam::store::detail {

struct WriteContext {
  WriteContext(soci::session& session, Backend backend_, int64_t received_at, const KnownIds* committed_accounts,
               const ComplaintSetup* complaint_setup = nullptr, const config::Config* config_in_force = nullptr)
      : sql(session),
        backend(backend_),
        received_at_ms(received_at),
        accounts(session, committed_accounts),
        complaints(complaint_setup),
        config(config_in_force) {}
  WriteContext(const WriteContext&) = delete;
  WriteContext& operator=(const WriteContext&) = delete;

  soci::session& sql;
  const Backend backend;
  // The event being written: set before each write; statements bind these members.
  std::string event_id;
  int64_t received_at_ms = 0, at_ms = 0;
  AccountLookup accounts;
  // Complaint tracking's view of the config in force (null: no SLA targets, no calendars).
  const ComplaintSetup* complaints = nullptr;
  // 1.4: the region national phone numbers are read in (contacts.default_region).
  std::string phone_region = "CN";
  // The config in force (null: none): service requests follow its workflows (1.4).
  const config::Config* config = nullptr;
};

}  // namespace kam::store::detail
