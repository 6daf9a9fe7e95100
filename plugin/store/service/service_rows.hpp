// service_rows.hpp - service workflow rows on an open session, inside the caller's transaction:
// a request's current row (read, written, compare-and-set), its ledger entries (appended only),
// routing's inputs (open requests per employee, the pools' round-robin turns) and the deadline and
// unrouted notifications, each written once with its outbox row (its key is the row's identity).
// The ingestion writer and ServiceRepository's writes share them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database/backend.hpp"

namespace soci {
class session;
}

namespace kam::store {

// A request's current row (service_current): the queue's and the tick's index.
struct ServiceCurrent {
  std::string request_id, account_id, tier, workflow, state;
  bool open = true;
  std::string assignee, pool, routed_by;
  int64_t opened_at_ms = 0, state_entered_at_ms = 0;
  int32_t state_seq = 0;  // the ledger seq of the state's entry (deadline notification keys name it)
  std::optional<int64_t> deadline_ms, next_due_ms, closed_at_ms;
  int32_t last_seq = 0;
};

// One ledger entry (service_ledger).
struct ServiceEntry {
  int32_t seq = 0;
  int64_t at_ms = 0;
  std::string kind;  // opened | routed | state_entered | assigned | commented | closed
  std::string who, state, assignee;
  std::optional<int64_t> deadline_ms;  // state_entered with a deadline
  std::string event_id, details_json = "{}";
};

// A notification written once: its service_escalations row and outbox row, only if the key is new.
struct ServiceNotification {
  std::string key, request_id, account_id;
  std::string kind;  // "warning" | "escalation" | "auto_transition" | "unrouted"
  std::string state, step;
  int64_t due_at_ms = 0;
  std::string payload_json;
};

namespace detail {

class Cursor;
// "SELECT <every column> FROM service_current", and one row of it read back.
std::string service_current_select();
ServiceCurrent service_current_at(const Cursor& c);

// The row, locked for the transaction on PostgreSQL when `lock` (SQLite: the one writer).
std::optional<ServiceCurrent> read_service_current(soci::session& sql, Backend backend, const std::string& request_id,
                                                   bool lock);
// Inserts or replaces the row.
void write_service_current(soci::session& sql, Backend backend, const ServiceCurrent& row);
// Replaces the row only if its last_seq is still `expected_last_seq`; false when it moved on.
bool replace_service_current_if(soci::session& sql, Backend backend, const ServiceCurrent& row,
                                int32_t expected_last_seq);
void append_service_entries(soci::session& sql, Backend backend, const std::string& request_id,
                            const std::vector<ServiceEntry>& entries);
std::vector<ServiceEntry> read_service_ledger(soci::session& sql, Backend backend, const std::string& request_id);
// Open requests assigned to each of `employees` (those with none are left out).
std::map<std::string, int64_t> open_request_counts(soci::session& sql, Backend backend,
                                                   const std::vector<std::string>& employees);
// The number of requests the pool was given before, counting this one in.
int64_t take_pool_turn(soci::session& sql, Backend backend, const std::string& pool);
// True when written now (false: the key was written before, by any host).
bool write_service_notification(soci::session& sql, Backend backend, const ServiceNotification& n, int64_t now_ms);

}  // namespace detail
}  // namespace kam::store
