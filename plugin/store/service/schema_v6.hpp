// schema_v6.hpp - schema step 6, service workflows (docs/store.md, docs/service.md): each request's
// append-only ledger, its current row (the queue's and the tick's index: deadline and next due
// instant stored as instants), the deadline notifications written once each, and the pools'
// round-robin turns. The v1 tables service_requests / service_request_events stay and keep being
// written.
#pragma once

#include <vector>

namespace kam::store::detail {

inline constexpr const char* kSchemaV6Summary =
    "service workflows: request ledgers, current rows with deadlines, deadline notifications, pool turns";

const std::vector<const char*>& schema_v6_sqlite();
const std::vector<const char*>& schema_v6_postgresql();

}  // namespace kam::store::detail
