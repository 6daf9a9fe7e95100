// schema_v9.cpp - schema step 9's statements; see schema_v9.hpp. SQLite's are derived from
// PostgreSQL's (migrations.hpp: sqlite_from_postgresql).
#include "store/distributors/schema_v9.hpp"

#include <iterator>

#include "store/database/migrations.hpp"

namespace kam::store::detail {
namespace {

const char* const kPostgresql[] = {
    // Schema 1's placeholder: never written by any version (docs/store.md).
    "DROP TABLE deal_registrations",
    // One row per registration. decision: what was decided when it was registered (approved |
    // rejected | needs_review); status: where it is now (the same, or approved/rejected by a review,
    // or expired once its protection ended). reasons_json: every reason of the decision. conflict: 1
    // when a house account or an earlier registration was among them. protected_until_ms: while
    // approved or in review, the customer is this registration's until then.
    R"sql(CREATE TABLE deal_registrations (
  registration_id TEXT COLLATE "C" PRIMARY KEY,
  distributor_id TEXT COLLATE "C" NOT NULL,
  level TEXT NOT NULL DEFAULT '',
  customer_name TEXT NOT NULL,
  customer_name_latin TEXT NOT NULL DEFAULT '',
  tax_id TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  product_lines TEXT NOT NULL DEFAULT '[]',
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  amount_reporting_minor BIGINT NOT NULL,
  discount_bp BIGINT NOT NULL,
  expected_close_ms BIGINT NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL,
  status TEXT NOT NULL,
  reasons_json TEXT NOT NULL DEFAULT '[]',
  conflict INTEGER NOT NULL DEFAULT 0,
  matched_account_id TEXT NOT NULL DEFAULT '',
  registered_at_ms BIGINT NOT NULL,
  registered_by TEXT NOT NULL,
  protected_until_ms BIGINT,
  reviewed_at_ms BIGINT,
  reviewed_by TEXT NOT NULL DEFAULT '',
  review_reason TEXT NOT NULL DEFAULT '',
  expired_at_ms BIGINT
))sql",
    "CREATE INDEX deal_registrations_by_distributor ON deal_registrations (distributor_id, registered_at_ms)",
    "CREATE INDEX deal_registrations_by_time ON deal_registrations (registered_at_ms)",
    "CREATE INDEX deal_registrations_by_status ON deal_registrations (status, protected_until_ms)",
    // The blocking keys (core/identity/blocking.hpp) of each registration's customer.
    R"sql(CREATE TABLE deal_registration_keys (
  block_key TEXT COLLATE "C" NOT NULL,
  registration_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (block_key, registration_id)
))sql",
};

}  // namespace

const std::vector<const char*>& schema_v9_postgresql() {
  static const std::vector<const char*> statements(std::begin(kPostgresql), std::end(kPostgresql));
  return statements;
}

const std::vector<const char*>& schema_v9_sqlite() {
  static const std::vector<const char*> statements = sqlite_from_postgresql(schema_v9_postgresql());
  return statements;
}

}  // namespace kam::store::detail
