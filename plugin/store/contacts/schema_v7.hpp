// schema_v7.hpp - schema step 7, who is calling and visit plans (docs/contacts.md, docs/visits.md):
// contacts and their normalised contact points (looked up by kind and value), each account's visit
// plan state (read by the tick through next_due_ms), and the visit alerts written once each. The
// step's statements for each backend; migrations list them as step 7.
#pragma once

#include <vector>

namespace kam::store::detail {

inline constexpr const char* kSchemaV7Summary =
    "contacts and visit plans: contacts, contact points by normalised value, visit plan state, visit alerts";

// The same tables and columns for both (times SQLite INTEGER / PostgreSQL BIGINT; tables keyed by
// a host id WITHOUT ROWID on SQLite).
const std::vector<const char*>& schema_v7_sqlite();
const std::vector<const char*>& schema_v7_postgresql();

}  // namespace kam::store::detail
