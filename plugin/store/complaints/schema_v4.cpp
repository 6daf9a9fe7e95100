// schema_v4.cpp - schema step 4's statements for each backend; see schema_v4.hpp.
//
// The v3 tables complaints and complaint_events stay as they were (an archive, read by nothing
// after 1.3; docs/store.md): their steps were accepted by rules the complaint core refuses (a
// RESOLVED of a closed complaint), so they cannot be replayed into ledgers without rewriting
// history. A step for a complaint known only there is rejected naming it (ingestion).
#include "store/complaints/schema_v4.hpp"

#include "store/database/migrations.hpp"

#include <string>

namespace kam::store::detail {

const std::vector<const char*>& schema_v4_postgresql() {
  static const std::vector<const char*> statements = {
      // The truth: rows are only inserted (seq 1, 2, ... per complaint); kind is core EntryKind;
      // details_json keeps the event's channel, category and text on the first entry it appended.
      R"sql(CREATE TABLE complaint_ledger (
  complaint_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  kind INTEGER NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  to_employee TEXT NOT NULL DEFAULT '',
  to_department TEXT NOT NULL DEFAULT '',
  account_id TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL DEFAULT '',
  priority INTEGER NOT NULL DEFAULT 0,
  counts INTEGER NOT NULL DEFAULT 0,
  target_calendar TEXT NOT NULL DEFAULT '',
  target_calendar_key TEXT NOT NULL DEFAULT '',
  first_response_ms BIGINT NOT NULL DEFAULT 0,
  resolution_ms BIGINT NOT NULL DEFAULT 0,
  warning_bp TEXT NOT NULL DEFAULT '[]',
  calendar TEXT NOT NULL DEFAULT '',
  calendar_key TEXT NOT NULL DEFAULT '',
  event_id TEXT NOT NULL DEFAULT '',
  details_json TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (complaint_id, seq)
))sql",
      // A cache derived from the ledger, rewritten with every append: phase is core Phase; next_due_ms the next escalation level (null: none).
      R"sql(CREATE TABLE complaint_current (
  complaint_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  phase INTEGER NOT NULL,
  waiting INTEGER NOT NULL DEFAULT 0,
  first_owner TEXT NOT NULL,
  owner_department TEXT NOT NULL DEFAULT '',
  assignee TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL DEFAULT '',
  priority INTEGER NOT NULL DEFAULT 0,
  calendar TEXT NOT NULL DEFAULT '',
  received_at_ms BIGINT NOT NULL,
  last_seq INTEGER NOT NULL,
  last_at_ms BIGINT NOT NULL,
  next_due_ms BIGINT
))sql",
      "CREATE INDEX complaint_current_by_owner ON complaint_current (first_owner, phase)",
      "CREATE INDEX complaint_current_by_assignee ON complaint_current (assignee, phase)",
      "CREATE INDEX complaint_current_by_account ON complaint_current (account_id, phase, received_at_ms)",
      "CREATE INDEX complaint_current_by_owner_department ON complaint_current (owner_department, phase)",
      "CREATE INDEX complaint_current_by_department ON complaint_current (department, phase)",
      "CREATE INDEX complaint_current_by_calendar ON complaint_current (calendar, phase)",
      "CREATE INDEX complaint_current_by_received ON complaint_current (received_at_ms)",
      "CREATE INDEX complaint_current_due ON complaint_current (next_due_ms, complaint_id) WHERE next_due_ms IS NOT NULL",
      // Every calendar version a ledger names (key = name#fingerprint), so the past stays derivable.
      R"sql(CREATE TABLE calendar_versions (
  version_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  registered_at_ms BIGINT NOT NULL
))sql",
      // The org facts (KAM_EVENT_EMPLOYEE_UPSERTED): the newest record of each employee.
      R"sql(CREATE TABLE employees (
  employee_id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  manager_id TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT '',
  flags INTEGER NOT NULL DEFAULT 0,
  updated_at_ms BIGINT NOT NULL,
  last_event_id TEXT NOT NULL
))sql",
      "CREATE INDEX employees_by_department ON employees (department)",
      // Each escalation written once (its key), with the id of the outbox row written with it.
      R"sql(CREATE TABLE sla_escalations (
  escalation_key TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL,
  account_id TEXT NOT NULL DEFAULT '',
  clock TEXT NOT NULL,
  step INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  due_at_ms BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  notification_id BIGINT NOT NULL,
  payload_json TEXT NOT NULL DEFAULT '{}'
))sql",
      "CREATE INDEX sla_escalations_by_complaint ON sla_escalations (complaint_id, due_at_ms)",
      "CREATE INDEX sla_escalations_by_account ON sla_escalations (account_id, kind, due_at_ms)",
  };
  return statements;
}

// SQLite's statements are PostgreSQL's with its own two differences: times are INTEGER (64-bit
// there), and each table is keyed by its host id WITHOUT ROWID. Derived, so the two never drift.
const std::vector<const char*>& schema_v4_sqlite() {
  static const DerivedStatements derived = sqlite_statements_of(schema_v4_postgresql());
  return derived.statements;
}

}  // namespace kam::store::detail
