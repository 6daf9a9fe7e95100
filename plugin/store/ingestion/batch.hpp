// batch.hpp - one batch of ERP events: per-item outcomes, atomic or skip-rejected semantics, and the
// batch's audit entry. Runs inside a transaction the caller opened and commits or rolls back.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "core/time/calendar.hpp"
#include "store/database/backend.hpp"
#include "store/ingestion/known_ids.hpp"
#include "store/ingestion/ingestion_repository.hpp"

namespace kam::store::detail {

struct BatchRun {
  BatchResult result;
  // Accounts the batch found in the database or upserted that the store's KnownIds did not hold:
  // the caller adds them once the transaction has committed (never before, never on rollback).
  std::vector<std::string> learned_accounts;
};

// Processes every item in order inside the open transaction. When the result says committed, the
// audit entry has been written and the caller commits; otherwise (an atomic batch with a rejected
// item) the caller rolls back: every valid item is then reported as not_applied.
// `known_accounts`: accounts committed earlier (read only here).
// Accepted orders and cancellations update order_days (order_days.hpp) in days of `calendar`.
// `bulk_orders` (PostgreSQL only): orders are decided in memory and written with one statement per
// batch (bulk_orders.hpp); may throw RowByRowNeeded, after which the caller rolls back and runs the
// batch again without it. Without `check_day_totals` a day total that would overflow throws
// DayTotalOverflow (order_days.hpp), after which the caller runs the batch again with it: the stored
// totals are read and each order that would overflow its day is rejected.
BatchRun run_batch(soci::session& sql, Backend backend, const std::vector<BatchItem>& items,
                   const IngestOptions& options, const KnownIds& known_accounts, bool bulk_orders,
                   bool check_day_totals, const core::time::BusinessCalendar& calendar);

// One line for the host's log about a batch that was rejected or had rejected items.
std::string describe_rejections(const std::vector<BatchItem>& items, const BatchResult& result,
                                const IngestOptions& options);

}  // namespace kam::store::detail
