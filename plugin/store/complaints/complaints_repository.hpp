// complaints_repository.hpp - complaint tracking's tables (docs/complaints.md, "How it is built"):
// the append-only ledgers (complaint_ledger), the derived cache the queue and the tick read
// (complaint_current), the calendar versions the ledgers name, the employees (org facts), and the
// SLA escalations written once each with their outbox notification (sla_escalations). Ingestion
// appends ledger entries in the batch's transaction (ingestion/complaint_writer.*); this repository
// serves the reads of the app layer, the tick's writes and the reload's appends. No SOCI here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/complaints/clock.hpp"
#include "core/complaints/escalation.hpp"
#include "core/complaints/ledger.hpp"
#include "core/time/work_definition.hpp"

namespace kam::store {

class Database;

// One ledger row: the entry, its place and the event that appended it ("" for a reload's entry).
struct StoredEntry {
  int32_t seq = 0;  // 1, 2, ... per complaint
  core::complaints::LedgerEntry entry;
  std::string event_id;
};

// A complaint as read: its ledger and what the queries show beside it.
struct StoredComplaint {
  std::string complaint_id;
  std::string account_id, account_name, account_manager_id;  // from the received entry and accounts
  std::vector<StoredEntry> entries;                           // by seq

  core::complaints::Ledger ledger() const;
  int32_t last_seq() const { return entries.empty() ? 0 : entries.back().seq; }
};

// Which complaints a scan reads (every member given narrows it; none: all). The cache row decides
// (complaint_current), each with an index: employee (first owner or assignee), account, department
// (the first owner's or the assignee's), calendar, received period.
struct ComplaintScan {
  enum class Phases { any, open, done };  // done: resolved or closed
  std::string complaint_id;
  std::string employee_id;  // first owner or assignee
  std::string account_id;
  std::string department;   // the first owner's or the assignee's department
  std::string calendar;     // the target's calendar name
  Phases phases = Phases::any;
  std::optional<int64_t> received_from_ms, received_to_ms;  // [from, to)
  uint32_t limit = 0;  // 0: all; otherwise the newest received first, at most this many
};

struct StoredEmployee {
  std::string employee_id, name, department, manager_id, calendar, time_zone;
  uint32_t flags = 0;  // core::kEmployee*
  int64_t updated_at_ms = 0;
};

// One escalation the tick writes: its outbox notification goes with it, both only if the key is new.
struct SlaNotification {
  std::string key;  // core::complaints::escalation_key: the row's identity
  std::string complaint_id, account_id;
  core::complaints::NotifyKind kind = core::complaints::NotifyKind::warning;
  std::string clock;  // "first_response" | "resolution"
  int32_t step = 0, generation = 0;
  int64_t due_at_ms = 0;
  std::string payload_json;  // the notification's payload (docs/complaints.md)
};

// What the tick writes for one complaint: its new escalations, and its next due instant, only if
// its ledger is still at expected_last_seq (an entry appended meanwhile recomputed it already).
struct SlaWrite {
  std::string complaint_id;
  int32_t expected_last_seq = 0;
  std::vector<SlaNotification> notifications;
  std::optional<int64_t> next_due_ms;
};

struct SlaWriteResult {
  uint64_t warnings = 0, breaches = 0;  // notifications written now (a key already there is not)
  uint64_t already_written = 0;         // keys another run (or host) wrote before
};

// One complaint's new ledger entries (a reload's calendar_changed), appended only if the ledger is
// still at expected_last_seq; next_due_ms is written into the cache with them.
struct LedgerAppend {
  std::string complaint_id;
  int32_t expected_last_seq = 0;
  std::vector<core::complaints::LedgerEntry> entries;
  std::optional<int64_t> next_due_ms;
};

// What the churn signal and the account card count for an account.
struct AccountComplaintCounts {
  int64_t open = 0;             // not resolved or closed
  int64_t breached_open = 0;    // open with a breach on record (at the last derivation)
  int64_t breaches_since = 0;   // escalations of kind breach due since the window's start
};

class ComplaintsRepository {
 public:
  explicit ComplaintsRepository(Database& database) : db_(database) {}

  // --- reads (one consistent snapshot each) ---
  // Calls fn with each complaint the scan selects, in complaint id order (limit: newest first).
  void scan(const ComplaintScan& scan, const std::function<void(StoredComplaint&&)>& fn);
  std::optional<StoredComplaint> complaint(const std::string& complaint_id);
  std::optional<StoredEmployee> employee(const std::string& employee_id);
  // The org facts escalation recipients are resolved from (every employee, inactive ones without
  // a manager: they are no longer recipients, so their manager is not either).
  core::complaints::OrgFacts org_facts();
  // The escalations written for a complaint, oldest first (key, kind, ..., payload).
  std::vector<SlaNotification> escalations_of(const std::string& complaint_id);
  // Whether the account exists, its name and manager.
  struct Account {
    std::string account_id, name, account_manager_id;
  };
  std::optional<Account> account(const std::string& account_id);
  AccountComplaintCounts account_counts(const std::string& account_id, int64_t breaches_since_ms);

  // --- calendar versions ---
  // Each version the ledgers name, as a calendar (built once per process and kept: a version never
  // changes). Throws Status::config naming a key that is not stored.
  core::complaints::Calendars calendars(const std::set<std::string>& keys);
  // Stores a version (key -> its definition) unless it is there already.
  void register_calendar(const std::string& key, const core::time::WorkDefinition& definition, int64_t now_ms);

  // --- the tick ---
  // Complaints whose next due instant is at or before now_ms, after (due, id) in (next_due_ms,
  // complaint_id) order, at most limit: the tick reads them chunk by chunk.
  std::vector<StoredComplaint> due(int64_t now_ms, std::optional<std::pair<int64_t, std::string>> after,
                                   uint32_t limit, std::vector<int64_t>* due_ms = nullptr);
  // One transaction: each notification whose key is new (INSERT .. ON CONFLICT DO NOTHING), its
  // outbox row, the next due instants (compare-and-set on the ledger's last seq), and when
  // completes_job is set the job's completion at now_ms.
  SlaWriteResult write_sla(const std::vector<SlaWrite>& writes, int64_t now_ms, const std::string& completes_job);

  // --- the reload ---
  // Appends each complaint's entries whose ledger is still at its expected seq (one transaction);
  // returns how many complaints were appended to.
  uint64_t append(const std::vector<LedgerAppend>& appends, int64_t now_ms);

 private:
  Database& db_;
};

}  // namespace kam::store
