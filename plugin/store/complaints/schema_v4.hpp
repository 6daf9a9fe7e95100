// schema_v4.hpp - schema step 4, complaint tracking (docs/store.md, docs/complaints.md): the
// append-only ledger, the derived cache the queue and the tick read, calendar versions, employees
// and the SLA escalations. The step's statements for each backend; migrations list them as step 4.
#pragma once

#include <vector>

namespace kam::store::detail {

inline constexpr const char* kSchemaV4Summary =
    "complaint tracking: clock ledgers, their derived cache, calendar versions, employees, SLA escalations";

// The same tables and columns for both (times SQLite INTEGER / PostgreSQL BIGINT; tables keyed by
// a host id WITHOUT ROWID on SQLite).
const std::vector<const char*>& schema_v4_sqlite();
const std::vector<const char*>& schema_v4_postgresql();

}  // namespace kam::store::detail
