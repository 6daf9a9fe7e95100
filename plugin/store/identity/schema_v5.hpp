// schema_v5.hpp - schema step 5, account identity matching (docs/identity.md): each account's names
// prepared once for matching (account_identity), their blocking keys (account_identity_keys) and
// merges into golden accounts (account_merges). The step's statements for each backend; migrations
// list them as step 5. The rows of accounts stored before this step are written by
// IdentityRepository::backfill when the store opens, once per database (kam_settings
// "identity.backfilled"; preparing a name is C++, not SQL).
#pragma once

#include <vector>

namespace kam::store::detail {

inline constexpr const char* kSchemaV5Summary =
    "account identity: prepared names, blocking keys, merges into golden accounts";

// The same tables and columns for both (SQLite's derived from PostgreSQL's text).
const std::vector<const char*>& schema_v5_sqlite();
const std::vector<const char*>& schema_v5_postgresql();

}  // namespace kam::store::detail
