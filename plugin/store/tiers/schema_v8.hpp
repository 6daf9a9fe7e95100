// schema_v8.hpp - schema step 8, performance (docs/store.md, docs/tiers.md):
// the portfolio ranking of the last full tier evaluation, one row per account,
// so an account's card reads its rank and share instead of ranking every
// account again. The step's statements for each backend.
#pragma once

#include <vector>

namespace kam::store::detail {

inline constexpr const char *kSchemaV8Summary =
    "performance: the stored portfolio ranking of the last full tier "
    "evaluation (tier_ranking)";

// The same table for both (SQLite: INTEGER, WITHOUT ROWID, byte order without a
// collation name).
const std::vector<const char *> &schema_v8_sqlite();
const std::vector<const char *> &schema_v8_postgresql();

} // namespace kam::store::detail
