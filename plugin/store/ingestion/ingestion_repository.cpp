// ingestion_repository.cpp - IngestionRepository::ingest: runs a batch (batch.hpp) in one write
// transaction, again row by row, checked per day total, or after a PostgreSQL deadlock when needed.
#include "store/ingestion/ingestion_repository.hpp"

#include <soci/soci.h>

#include <random>
#include <thread>

#include "store/database/database.hpp"
#include "store/database/db_error.hpp"
#include "store/ingestion/batch.hpp"
#include "store/ingestion/bulk_orders.hpp"
#include "store/ingestion/order_days.hpp"

namespace kam::store {

using namespace detail;  // the ingestion's internal parts

namespace {

// A PostgreSQL deadlock between two batches that touch the same rows in different orders is resolved
// by the server aborting one of them; that batch is simply run again, after a random pause so the two
// do not meet in the same way again.
constexpr int kMaxIngestAttempts = 8;

void pause_before_retry(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int ceiling_ms = 20 << std::min(attempt, 5);
  std::this_thread::sleep_for(
      std::chrono::milliseconds(std::uniform_int_distribution<int>(1, ceiling_ms)(random)));
}

}  // namespace

BatchResult IngestionRepository::ingest(const std::vector<BatchItem>& items, const IngestOptions& options) {
  const std::string doing = "ingest batch from '" + options.source + "'";
  BatchResult result;
  // PostgreSQL writes the orders of a batch with one statement; when that finds an order id already
  // in the database, the batch runs again row by row, which reports those conflicts exactly.
  bool bulk_orders = db_.backend() == Backend::postgresql;
  bool check_day_totals = false;  // only after a day total overflowed: see DayTotalOverflow
  for (int attempt = 1;; ++attempt) {
    try {
      BatchRun run;
      const bool committed = db_.write_or_roll_back([&](soci::session& sql) {
        run = run_batch(sql, db_.backend(), items, options, db_.known_accounts(), bulk_orders, check_day_totals,
                        db_.calendar());
        return run.result.committed;
      });
      if (committed) db_.known_accounts().add(run.learned_accounts);
      result = std::move(run.result);
      break;
    } catch (const Error&) {
      throw;
    } catch (const RowByRowNeeded&) {
      db_.log(core::LogLevel::debug,
              doing + ": an order of the batch is already stored; running it again row by row");
      bulk_orders = false;
      --attempt;  // not a failed attempt
    } catch (const DayTotalOverflow& e) {
      // Checked, the batch rejects the orders that would overflow; what still does (a cancellation
      // taking a day beyond the limit) fails the batch.
      if (check_day_totals) throw Error(Status::store, doing + ": " + e.what());
      db_.log(core::LogLevel::debug,
              doing + ": a day's order total would overflow; running it again checking each order");
      check_day_totals = true;
      --attempt;
    } catch (const std::exception& e) {
      if (attempt < kMaxIngestAttempts && is_retryable(e)) {
        db_.log(core::LogLevel::debug, doing + ": attempt " + std::to_string(attempt) +
                                           " ran into a concurrent batch; running it again");
        pause_before_retry(attempt);
        continue;
      }
      rethrow_as_kam_error(doing);
    }
  }
  // Logged after the connection and the write lock are released.
  if (result.rejected > 0) db_.log(core::LogLevel::warning, describe_rejections(items, result, options));
  return result;
}

}  // namespace kam::store
