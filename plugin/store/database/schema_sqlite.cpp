// schema_sqlite.cpp - KAM's schema history for SQLite. Forward-only: never edit a released step, add a
// new one (and the same version in schema_postgresql.cpp).
//
// Conventions: money and times are INTEGER (minor units, UTC ms from the caller, never the database
// clock); absent optional text is ''; lists are JSON text. Tables keyed by a host id are WITHOUT ROWID
// (one B-tree per table instead of two, which matters for ingestion speed).
#include "store/complaints/schema_v4.hpp"
#include "store/contacts/schema_v7.hpp"
#include "store/tiers/schema_v8.hpp"
#include "store/distributors/schema_v9.hpp"
#include "store/service/schema_v6.hpp"
#include "store/identity/schema_v5.hpp"
#include "store/database/migrations.hpp"

namespace kam::store::detail {

const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> steps = {
      {1,
       "initial schema",
       {
           R"sql(CREATE TABLE ingested_events (
  event_id TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  fingerprint INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL
) WITHOUT ROWID)sql",

           R"sql(CREATE TABLE accounts (
  account_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_latin TEXT NOT NULL DEFAULT '',
  tax_id TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  account_manager_id TEXT NOT NULL DEFAULT '',
  distributor_id TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT '[]',
  updated_at_ms INTEGER NOT NULL,
  last_event_id TEXT NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX accounts_by_manager ON accounts (account_manager_id)",
           "CREATE INDEX accounts_by_distributor ON accounts (distributor_id)",

           R"sql(CREATE TABLE orders (
  order_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  margin_minor INTEGER NOT NULL,
  document_type INTEGER NOT NULL,
  order_date_ms INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  cancelled_at_ms INTEGER,
  cancel_reason TEXT,
  cancel_event_id TEXT
) WITHOUT ROWID)sql",

           R"sql(CREATE TABLE complaints (
  complaint_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  owner_employee_id TEXT NOT NULL,
  owner_department TEXT NOT NULL DEFAULT '',
  current_employee_id TEXT NOT NULL,
  current_department TEXT NOT NULL DEFAULT '',
  severity INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  opened_at_ms INTEGER NOT NULL,
  first_response_at_ms INTEGER,
  resolved_at_ms INTEGER,
  closed_at_ms INTEGER,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  handoff_count INTEGER NOT NULL DEFAULT 0,
  last_event_at_ms INTEGER NOT NULL,
  opened_event_id TEXT NOT NULL,
  last_event_id TEXT NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX complaints_by_account ON complaints (account_id, opened_at_ms)",
           R"sql(CREATE TABLE complaint_events (
  event_id TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints (complaint_id),
  account_id TEXT NOT NULL DEFAULT '',
  action INTEGER NOT NULL,
  severity INTEGER NOT NULL DEFAULT 0,
  employee_id TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  to_employee_id TEXT NOT NULL DEFAULT '',
  to_department TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  occurred_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, occurred_at_ms)",

           R"sql(CREATE TABLE service_requests (
  request_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  opened_by_employee_id TEXT NOT NULL,
  assignee_id TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  opened_at_ms INTEGER NOT NULL,
  closed_at_ms INTEGER,
  last_event_at_ms INTEGER NOT NULL,
  opened_event_id TEXT NOT NULL,
  last_event_id TEXT NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX service_requests_by_account ON service_requests (account_id, opened_at_ms)",
           R"sql(CREATE TABLE service_request_events (
  event_id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES service_requests (request_id),
  account_id TEXT NOT NULL DEFAULT '',
  action INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT '',
  employee_id TEXT NOT NULL,
  assignee_id TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  occurred_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX service_request_events_by_request ON service_request_events (request_id, occurred_at_ms)",

           R"sql(CREATE TABLE visits (
  visit_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (account_id),
  employee_id TEXT NOT NULL,
  status INTEGER NOT NULL,
  planned_for_ms INTEGER,
  completed_at_ms INTEGER,
  cancelled_at_ms INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  updated_at_ms INTEGER NOT NULL,
  last_event_id TEXT NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX visits_by_account ON visits (account_id, updated_at_ms)",
           R"sql(CREATE TABLE visit_events (
  event_id TEXT PRIMARY KEY,
  visit_id TEXT NOT NULL REFERENCES visits (visit_id),
  account_id TEXT NOT NULL,
  employee_id TEXT NOT NULL,
  status INTEGER NOT NULL,
  planned_for_ms INTEGER NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '',
  occurred_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX visit_events_by_visit ON visit_events (visit_id, occurred_at_ms)",

           R"sql(CREATE TABLE distributors (
  distributor_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  tax_id TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL DEFAULT '',
  territories TEXT NOT NULL DEFAULT '[]',
  industries TEXT NOT NULL DEFAULT '[]',
  updated_at_ms INTEGER NOT NULL,
  last_event_id TEXT NOT NULL
) WITHOUT ROWID)sql",

           R"sql(CREATE TABLE deal_registrations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  distributor_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  status TEXT NOT NULL,
  registered_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER,
  details_json TEXT NOT NULL DEFAULT '{}',
  updated_at_ms INTEGER NOT NULL
))sql",
           "CREATE INDEX deal_registrations_by_account ON deal_registrations (account_id)",
           "CREATE INDEX deal_registrations_by_distributor ON deal_registrations (distributor_id)",

           // One row per tier an account entered: what decided it and the inputs it used, so a past
           // decision can be explained after the rules change.
           R"sql(CREATE TABLE tier_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  tier TEXT NOT NULL,
  previous_tier TEXT NOT NULL DEFAULT '',
  since_ms INTEGER NOT NULL,
  config_version INTEGER NOT NULL,
  metrics_json TEXT NOT NULL DEFAULT '{}',
  reason TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT ''
))sql",
           "CREATE INDEX tier_history_by_account ON tier_history (account_id, since_ms)",
           // Manual overrides: set by an actor with a reason and an expiry; cleared early or expired.
           R"sql(CREATE TABLE tier_overrides (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  tier TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  set_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  cleared_at_ms INTEGER,
  cleared_by TEXT NOT NULL DEFAULT ''
))sql",
           "CREATE INDEX tier_overrides_by_account ON tier_overrides (account_id, set_at_ms)",

           R"sql(CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind INTEGER NOT NULL,
  kind_name TEXT NOT NULL,
  account_id TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  payload_json TEXT NOT NULL DEFAULT '{}',
  claimed_until_ms INTEGER NOT NULL DEFAULT 0,
  delivered_at_ms INTEGER,
  acked_at_ms INTEGER
))sql",
           "CREATE INDEX notifications_pending ON notifications (id)"
           " WHERE delivered_at_ms IS NULL AND acked_at_ms IS NULL",

           R"sql(CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  roles_json TEXT NOT NULL DEFAULT '[]',
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  before_json TEXT,
  after_json TEXT
))sql",
           "CREATE INDEX audit_by_entity ON audit (entity_type, entity_id, id)",
           "CREATE INDEX audit_by_user ON audit (user_id, id)",
           "CREATE INDEX audit_by_time ON audit (at_ms)",
       }},
      {2,
       "account tiers: per-account daily order totals, tier state, config versions, settings",
       {
           // Order totals per account, local business day and currency, kept by ingestion in the
           // same transaction as the orders (additive upserts, so several hosts can write at once).
           // The tier metrics are computed from these instead of the orders. `day` is days since
           // 1970-01-01 in business.time_zone (the zone is in kam_settings; a change rebuilds them).
           R"sql(CREATE TABLE order_days (
  account_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL DEFAULT 0,
  margin_minor INTEGER NOT NULL DEFAULT 0,
  orders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day, currency)
) WITHOUT ROWID)sql",
           // Each account's tier as of its last change: held (rules + hysteresis), what the rules
           // gave, what it is entitled to (after an override), churn level, and the metric values
           // and config version of the evaluation that wrote the row.
           R"sql(CREATE TABLE tier_state (
  account_id TEXT PRIMARY KEY,
  tier TEXT NOT NULL,
  since_ms INTEGER NOT NULL,
  below_since_ms INTEGER,
  computed_tier TEXT NOT NULL,
  effective_tier TEXT NOT NULL,
  effective_since_ms INTEGER NOT NULL,
  churn_level INTEGER NOT NULL DEFAULT 0,
  churn_score INTEGER NOT NULL DEFAULT 0,
  evaluated_at_ms INTEGER NOT NULL,
  config_version INTEGER NOT NULL,
  metrics_json TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID)sql",
           // Every config that classified an account, so a past decision can be explained with the
           // rules that made it (tier_history.config_version and tier_state.config_version).
           R"sql(CREATE TABLE config_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  content_hash TEXT NOT NULL UNIQUE,
  source_name TEXT NOT NULL DEFAULT '',
  first_used_at_ms INTEGER NOT NULL,
  yaml_text TEXT NOT NULL
))sql",
           // Small shared values: the time zone order_days was built in, the last evaluation.
           R"sql(CREATE TABLE kam_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID)sql",
           "CREATE INDEX tier_overrides_open ON tier_overrides (account_id, id) WHERE cleared_at_ms IS NULL",
       }},
      {3,
       "tier listing: pages of accounts in byte order, optionally of one effective tier",
       {
           "CREATE INDEX tier_state_by_tier ON tier_state (effective_tier, account_id)",
       }},
      {4, kSchemaV4Summary, schema_v4_sqlite()},  // store/complaints/schema_v4.cpp
      {5, kSchemaV5Summary, schema_v5_sqlite()},  // store/identity/schema_v5.cpp
      {6, kSchemaV6Summary, schema_v6_sqlite()},  // store/service/schema_v6.cpp
      {7, kSchemaV7Summary, schema_v7_sqlite()},  // store/contacts/schema_v7.cpp
      {8, kSchemaV8Summary, schema_v8_sqlite()},  // store/tiers/schema_v8.cpp
      {9, kSchemaV9Summary, schema_v9_sqlite()},  // store/distributors/schema_v9.cpp
  };
  return steps;
}

}  // namespace kam::store::detail
