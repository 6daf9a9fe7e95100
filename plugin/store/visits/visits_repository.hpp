// visits_repository.hpp - customer-visit plans (docs/visits.md): each account's plan state
// (visit_plans, kept by ingestion's visit writer and by the plan check), the alerts written once
// each with their outbox notification (visit_alerts), and the reads of the queries (visits due, an
// account's plan and history, the compliance KPIs).
//
// The plan check reads an index range (check_at_ms <= now), never every plan: ingestion sets
// check_at_ms to 0 when a visit moves a plan, and align_with_tiers does for every plan whose tier or
// cadence no longer matches its account's tier state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kam::store {

class Database;

// One plan with what its checks and queries show beside it.
struct StoredVisitPlan {
  std::string account_id, account_name, manager_id, manager_name;
  std::string managers_manager_id;  // the account manager's own manager (employee record), "" none
  std::string tier;                 // the tier the plan follows; "" before the first check
  int32_t cadence_days = 0;         // 0: no plan
  int64_t anchor_ms = 0;
  std::optional<int64_t> last_visit_ms, next_due_ms, check_at_ms;
  std::string due_date;             // of next_due_ms, "YYYY-MM-DD"
  std::optional<int64_t> due_anchor_ms;  // the instant due_date was computed from
  int32_t notified_level = 0;       // the highest level raised for due_date
};

struct VisitAlertWrite {
  std::string key, account_id, due_date, tier, manager_id, payload_json;
  int32_t level = 0;  // core::visits::Level
  int64_t due_ms = 0;
};

// The check's result for one plan, written only if the plan's inputs are still those it read.
struct VisitPlanWrite {
  std::string account_id;
  std::string expected_tier;
  int32_t expected_cadence = 0;
  std::optional<int64_t> expected_last_visit_ms;
  std::optional<int64_t> next_due_ms, check_at_ms;
  std::string due_date;
  std::optional<int64_t> due_anchor_ms;
  int32_t notified_level = 0;
  std::vector<VisitAlertWrite> alerts;  // levels 1, 2 notify; 3, 4 are outcomes
};

struct VisitWriteResult {
  uint64_t due = 0, overdue = 0, already_written = 0;
};

struct StoredVisit {
  std::string visit_id, employee_id, notes;
  int32_t status = 0;
  std::optional<int64_t> planned_for_ms, completed_at_ms, cancelled_at_ms;
};

struct StoredVisitAlert {
  std::string account_id, due_date, tier, manager_id;
  int32_t level = 0;
  int64_t due_ms = 0;
};

// Which plans visits_due reads: next due before `until_ms`, optionally one manager's, in due order
// after the keyset (due_ms, account_id).
struct VisitDueScan {
  int64_t until_ms = 0;
  std::string manager_id;  // "" every manager
  std::optional<std::pair<int64_t, std::string>> after;
  uint32_t limit = 100;
};

class VisitsRepository {
 public:
  explicit VisitsRepository(Database& database) : db_(database) {}

  // Creates the plan of every evaluated account that has none and re-aims (check_at_ms 0) every plan
  // whose tier or cadence differs from its account's effective tier in tier_state; one statement.
  // `cadence_by_tier`: each tier's visit_cadence_days (tiers without one: absent, cadence 0).
  // Returns the plans created or changed.
  int64_t align_with_tiers(const std::map<std::string, int32_t>& cadence_by_tier, int64_t now_ms);

  // Plans whose check_at_ms <= now_ms, in (check_at_ms, account_id) order after the keyset.
  std::vector<StoredVisitPlan> to_check(int64_t now_ms, const std::optional<std::pair<int64_t, std::string>>& after,
                                        uint32_t limit);

  // One write transaction: each alert once (its key), with its KAM_NOTIFY_VISIT_DUE; each plan
  // whose inputs did not move since it was read; the job's completion when completes_job is set.
  VisitWriteResult write_checks(const std::vector<VisitPlanWrite>& writes, int64_t now_ms,
                                const std::string& completes_job);

  // --- queries ---
  std::vector<StoredVisitPlan> due(const VisitDueScan& scan);
  std::optional<StoredVisitPlan> plan(const std::string& account_id);
  bool account_exists(const std::string& account_id);
  std::vector<StoredVisit> history(const std::string& account_id, uint32_t limit);
  // Alerts of due dates in [from_ms, to_ms) (the KPIs' denominators and late ones).
  std::vector<StoredVisitAlert> alerts(int64_t from_ms, int64_t to_ms);
  // Completed visits in [from_ms, to_ms): (account_id, completed_at_ms).
  std::vector<std::pair<std::string, int64_t>> completed(int64_t from_ms, int64_t to_ms);

 private:
  Database& db_;
};

}  // namespace kam::store
