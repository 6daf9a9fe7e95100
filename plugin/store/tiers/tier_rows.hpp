// tier_rows.hpp - what the tier repository's files share: the tier_state columns and their
// conversions, optional values, and byte-ordered account ids on both backends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/cursor.hpp"
#include "store/database/backend.hpp"
#include "store/tiers/tiers_repository.hpp"

namespace kam::store::detail {

// PostgreSQL sorts text by its locale; the tier scans merge and page in byte order on both sides.
std::string by_id(Backend backend, const char* column = "account_id");

// optional_int64_at and optional_param: store/cursor.hpp.

// tier_state's columns after account_id, in the order read_state and state_params use.
inline constexpr const char* kStateColumns =
    "tier, since_ms, below_since_ms, computed_tier, effective_tier, effective_since_ms, churn_level, churn_score,"
    " evaluated_at_ms, config_version, metrics_json";

// The state whose kStateColumns start at column `first`.
StoredTierState read_state(const Cursor& c, int first);
// account_id and kStateColumns, as $1..$12.
std::vector<WriteParam> state_params(const std::string& account_id, const StoredTierState& s);

}  // namespace kam::store::detail
