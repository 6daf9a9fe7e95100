// schema_v6.cpp - schema step 6's statements for each backend; see schema_v6.hpp. SQLite's are
// derived from PostgreSQL's (sqlite_from_postgresql), as step 4's are.
#include "store/service/schema_v6.hpp"

#include "store/database/migrations.hpp"

namespace kam::store::detail {

const std::vector<const char*>& schema_v6_postgresql() {
  static const std::vector<const char*> statements = {
      // The truth, only ever inserted (seq 1, 2, ... per request): kind "opened" | "routed" |
      // "state_entered" | "assigned" | "commented" | "closed"; deadline_ms of a state entry.
      R"sql(CREATE TABLE service_ledger (
  request_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  kind TEXT NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  assignee TEXT NOT NULL DEFAULT '',
  deadline_ms BIGINT,
  event_id TEXT NOT NULL DEFAULT '',
  details_json TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (request_id, seq)
))sql",
      // One row per request, rewritten with each ledger entry: the workflow it started with keeps
      // it (a tier change does not move it); is_open is 0 once it reached a final state or was closed.
      R"sql(CREATE TABLE service_current (
  request_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  tier TEXT NOT NULL DEFAULT '',
  workflow TEXT NOT NULL,
  state TEXT NOT NULL,
  is_open INTEGER NOT NULL,
  assignee TEXT NOT NULL DEFAULT '',
  pool TEXT NOT NULL DEFAULT '',
  routed_by TEXT NOT NULL DEFAULT '',
  opened_at_ms BIGINT NOT NULL,
  state_entered_at_ms BIGINT NOT NULL,
  state_seq INTEGER NOT NULL,
  deadline_ms BIGINT,
  next_due_ms BIGINT,
  closed_at_ms BIGINT,
  last_seq INTEGER NOT NULL
))sql",
      "CREATE INDEX service_current_queue ON service_current (assignee, is_open, deadline_ms)",
      "CREATE INDEX service_current_by_account ON service_current (account_id, is_open, deadline_ms)",
      "CREATE INDEX service_current_due ON service_current (next_due_ms, request_id) WHERE next_due_ms IS NOT NULL",
      // Each deadline or unrouted notification written once (its key), with its outbox row's id.
      R"sql(CREATE TABLE service_escalations (
  escalation_key TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  account_id TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '',
  step TEXT NOT NULL DEFAULT '',
  due_at_ms BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  notification_id BIGINT NOT NULL,
  payload_json TEXT NOT NULL DEFAULT '{}'
))sql",
      "CREATE INDEX service_escalations_by_request ON service_escalations (request_id, due_at_ms)",
      // Round robin: how many requests each pool was given.
      R"sql(CREATE TABLE service_pool_turns (
  pool TEXT PRIMARY KEY,
  routed BIGINT NOT NULL
))sql",
  };
  return statements;
}

const std::vector<const char*>& schema_v6_sqlite() {
  static const std::vector<const char*> statements = sqlite_from_postgresql(schema_v6_postgresql());
  return statements;
}

}  // namespace kam::store::detail
