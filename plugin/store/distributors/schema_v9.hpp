// schema_v9.hpp - schema step 9, distributor rules (docs/distributors.md, docs/store.md): deal
// registrations with their decision, every reason, review and expiry, and the blocking keys of each
// registration's customer (identity matching finds an earlier registration of the same company under
// another spelling). Replaces schema 1's deal_registrations placeholder, which nothing ever wrote.
#pragma once

#include <vector>

namespace kam::store::detail {

inline constexpr const char* kSchemaV9Summary =
    "distributor rules: deal registrations with their decisions and reasons, and their customers' blocking keys";

const std::vector<const char*>& schema_v9_sqlite();
const std::vector<const char*>& schema_v9_postgresql();

}  // namespace kam::store::detail
