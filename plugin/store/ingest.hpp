// ingest.hpp - one batch of ERP events: per-item outcomes, atomic or skip-rejected semantics, and the
// batch's audit entry. Runs inside a transaction the caller opened and commits or rolls back.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "store/store.hpp"

namespace kam::store::detail {

// Processes every item in order inside the open transaction. When the result says committed, the
// audit entry has been written and the caller commits; otherwise (an atomic batch with a rejected
// item) the caller rolls back: every valid item is then reported as not_applied.
BatchResult run_batch(soci::session& sql, const std::vector<BatchItem>& items,
                      const IngestOptions& options);

// One line for the host's log about a batch that was rejected or had rejected items.
std::string describe_rejections(const std::vector<BatchItem>& items, const BatchResult& result,
                                const IngestOptions& options);

}  // namespace kam::store::detail
