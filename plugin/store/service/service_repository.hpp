// service_repository.hpp - service workflows' reads and the tick's writes (docs/service.md, "How
// it is built"): queues and an account's requests read from the current rows by index (never the
// ledgers), one request with its ledger and notifications, the rows the deadline check must look
// at, its writes (notifications once each, auto transitions compare-and-set on the ledger's last
// seq) and the ledger entries the KPIs are computed from. Ingestion writes requests in its batch
// transaction (ingestion/service_request_writer.*). No SOCI here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/service/service_rows.hpp"

namespace kam::store {

class Database;

struct ServiceRequestRecord {
  ServiceCurrent current;
  std::vector<ServiceEntry> ledger;
  std::vector<ServiceNotification> notifications;  // oldest first
};

// What the deadline check writes for one request: its new notifications (each only if its key is
// new), and, only if the ledger is still at expected_last_seq, its auto transitions' entries and
// its new current row (else just nothing more: the step that moved it recomputed its due instant).
struct ServiceDeadlineWrite {
  std::string request_id;
  int32_t expected_last_seq = 0;
  std::vector<ServiceNotification> notifications;
  std::vector<ServiceEntry> entries;
  ServiceCurrent current;  // next_due_ms recomputed
};

struct ServiceDeadlineResult {
  uint64_t notifications = 0;     // written now
  uint64_t auto_transitions = 0;  // requests moved on now
};

// One state stay for the KPIs: a state_entered entry, with when the request left the state.
struct ServiceStay {
  std::string request_id, tier, pool, workflow, state;
  int64_t entered_at_ms = 0;
  std::optional<int64_t> deadline_ms, left_at_ms;
};

class ServiceRepository {
 public:
  explicit ServiceRepository(Database& database) : db_(database) {}

  // Open requests assigned to the employee, by deadline (those without one last), at most limit.
  std::vector<ServiceCurrent> queue(const std::string& employee_id, uint32_t limit);
  // The account's open requests by deadline (and, when include_closed, its done ones, newest first).
  std::vector<ServiceCurrent> account_requests(const std::string& account_id, bool include_closed, uint32_t limit);
  struct AccountCounts {
    int64_t open = 0, overdue = 0;  // overdue: open with a deadline before now
  };
  AccountCounts account_counts(const std::string& account_id, int64_t now_ms);
  std::optional<ServiceRequestRecord> request(const std::string& request_id);
  // Requests whose next due instant is at or before now, after (due, id), at most limit.
  std::vector<ServiceCurrent> due(int64_t now_ms, std::optional<std::pair<int64_t, std::string>> after, uint32_t limit);
  // One transaction; records completes_job's run at now_ms when set.
  ServiceDeadlineResult write_deadlines(const std::vector<ServiceDeadlineWrite>& writes, int64_t now_ms,
                                        const std::string& completes_job);
  // Every state stay of the requests opened in [from, to).
  std::vector<ServiceStay> stays(int64_t from_ms, int64_t to_ms);
  // The account's name and manager ("" when unknown), for the queries.
  std::optional<std::pair<std::string, std::string>> account(const std::string& account_id);

 private:
  Database& db_;
};

}  // namespace kam::store
