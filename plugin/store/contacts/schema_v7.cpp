// schema_v7.cpp - schema step 7's statements for each backend; see schema_v7.hpp.
#include "store/contacts/schema_v7.hpp"

#include "store/database/migrations.hpp"

namespace kam::store::detail {

const std::vector<const char*>& schema_v7_postgresql() {
  static const std::vector<const char*> statements = {
      // KAM_EVENT_CONTACT_UPSERTED: the newest record of each contact person.
      R"sql(CREATE TABLE contacts (
  contact_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  removed INTEGER NOT NULL DEFAULT 0,
  updated_at_ms BIGINT NOT NULL,
  last_event_id TEXT NOT NULL
))sql",
      "CREATE INDEX contacts_by_account ON contacts (account_id)",
      // Every number and address, normalised (kind 'phone' | 'email'); contact_id '' for the
      // account's own. Invalid ones (valid = 0) are kept as given and never matched. The key is the
      // lookup index: one range of (kind, value) per call.
      R"sql(CREATE TABLE contact_points (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  account_id TEXT NOT NULL,
  contact_id TEXT NOT NULL DEFAULT '',
  raw TEXT NOT NULL DEFAULT '',
  valid INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (kind, value, account_id, contact_id)
))sql",
      // An owner's points, replaced by each event: a contact's by its id, an account's own ('') by account.
      "CREATE INDEX contact_points_by_owner ON contact_points (contact_id, account_id)",
      // Each account's plan: the cadence of its tier, the last completed visit, the anchor used
      // when there is none (first tier entry or first seen), the next due instant (null: no plan),
      // the due date with the instant it was computed from (a newer visit met it) and the highest
      // level raised for it (the alerts themselves are visit_alerts), and when the check must look
      // at it again (0: now; null: not until a visit or a tier change).
      R"sql(CREATE TABLE visit_plans (
  account_id TEXT PRIMARY KEY,
  tier TEXT NOT NULL DEFAULT '',
  cadence_days INTEGER NOT NULL DEFAULT 0,
  anchor_ms BIGINT NOT NULL,
  last_visit_ms BIGINT,
  next_due_ms BIGINT,
  due_date TEXT NOT NULL DEFAULT '',
  due_anchor_ms BIGINT,
  notified_level INTEGER NOT NULL DEFAULT 0,
  check_at_ms BIGINT,
  updated_at_ms BIGINT NOT NULL
))sql",
      "CREATE INDEX visit_plans_due ON visit_plans (next_due_ms, account_id)",
      "CREATE INDEX visit_plans_check ON visit_plans (check_at_ms, account_id)",
      // Each KAM_NOTIFY_VISIT_DUE written once (level 1 due, 2 overdue), and each due date's outcome
      // (3 met: visited before it was overdue, 4 late; no notification): key
      // VISIT/<account>/<due_date>/<level name>. The KPIs read them.
      R"sql(CREATE TABLE visit_alerts (
  alert_key TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  due_date TEXT NOT NULL,
  level INTEGER NOT NULL,
  due_ms BIGINT NOT NULL,
  tier TEXT NOT NULL DEFAULT '',
  manager_id TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  notification_id BIGINT NOT NULL DEFAULT 0
))sql",
      "CREATE INDEX visit_alerts_by_account ON visit_alerts (account_id, due_ms)",
      "CREATE INDEX visits_by_account_completed ON visits (account_id, completed_at_ms)",
      // The plans start from the visits stored before this step: each account's last completed one
      // (the tier and cadence follow at the first visit check).
      "INSERT INTO visit_plans (account_id, anchor_ms, last_visit_ms, check_at_ms, updated_at_ms)"
      " SELECT account_id, MAX(completed_at_ms), MAX(completed_at_ms), 0, 0 FROM visits"
      " WHERE completed_at_ms IS NOT NULL GROUP BY account_id",
  };
  return statements;
}

// SQLite's statements are PostgreSQL's in SQLite's dialect (sqlite_from_postgresql, migrations.hpp).
const std::vector<const char*>& schema_v7_sqlite() {
  static const std::vector<const char*> statements = sqlite_from_postgresql(schema_v7_postgresql());
  return statements;
}

}  // namespace kam::store::detail
