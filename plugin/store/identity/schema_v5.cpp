// schema_v5.cpp - schema step 5's statements; see schema_v5.hpp. SQLite's are derived from
// PostgreSQL's (migrations.hpp: sqlite_from_postgresql).
#include "store/identity/schema_v5.hpp"

#include <iterator>

#include "store/database/migrations.hpp"

namespace kam::store::detail {
namespace {

const char* const kPostgresql[] = {
    // One row per spelling of an account (0: name, 1: name_latin when given), with the prepared
    // record's fields (core/identity/record.hpp): comparisons read these and never prepare again.
    // tax_id_status: 0 none, 1 valid, 2 invalid (kept and flagged, never used to match).
    R"sql(CREATE TABLE account_identity (
  account_id TEXT NOT NULL,
  spelling INTEGER NOT NULL,
  name TEXT NOT NULL,
  canonical TEXT NOT NULL,
  script INTEGER NOT NULL,
  brand TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL DEFAULT '',
  region_how TEXT NOT NULL DEFAULT '',
  legal_form TEXT NOT NULL DEFAULT '',
  legal_class TEXT NOT NULL DEFAULT '',
  legal_family TEXT NOT NULL DEFAULT '',
  is_group INTEGER NOT NULL DEFAULT 0,
  is_branch INTEGER NOT NULL DEFAULT 0,
  branch_name TEXT NOT NULL DEFAULT '',
  latin TEXT NOT NULL DEFAULT '',
  match_key TEXT NOT NULL DEFAULT '',
  tax_id TEXT NOT NULL DEFAULT '',
  tax_id_status INTEGER NOT NULL DEFAULT 0,
  tax_id_problem TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (account_id, spelling)
))sql",
    "CREATE INDEX account_identity_by_key ON account_identity (match_key)",
    // The blocking keys of an account's spellings (core/identity/blocking.hpp): candidates are the
    // accounts that share one.
    R"sql(CREATE TABLE account_identity_keys (
  block_key TEXT NOT NULL,
  account_id TEXT NOT NULL,
  PRIMARY KEY (block_key, account_id)
))sql",
    "CREATE INDEX account_identity_keys_by_account ON account_identity_keys (account_id)",
    // An account merged into a golden account: its orders, complaints and tier count under golden_id.
    // Unmerging deletes the row; the audit trail keeps every merge and unmerge.
    R"sql(CREATE TABLE account_merges (
  account_id TEXT PRIMARY KEY,
  golden_id TEXT NOT NULL,
  merged_at_ms BIGINT NOT NULL,
  merged_by TEXT NOT NULL,
  reason TEXT NOT NULL
))sql",
    "CREATE INDEX account_merges_by_golden ON account_merges (golden_id)",
};

}  // namespace

const std::vector<const char*>& schema_v5_postgresql() {
  static const std::vector<const char*> statements(std::begin(kPostgresql), std::end(kPostgresql));
  return statements;
}

const std::vector<const char*>& schema_v5_sqlite() {
  static const std::vector<const char*> statements = sqlite_from_postgresql(schema_v5_postgresql());
  return statements;
}

}  // namespace kam::store::detail
