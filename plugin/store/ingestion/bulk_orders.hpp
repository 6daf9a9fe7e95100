// bulk_orders.hpp - PostgreSQL: the order_posted events of a batch decided in memory and written
// with one statement when needed, instead of one round trip per order.
//
// The decision for each order follows the same rules as the row-by-row path (event_writers.hpp): the
// account must be known (the caller checks, see AccountLookup::exists), and an order id posted
// by an earlier event of this batch is a conflict. What memory cannot know is whether the order id is
// already in the database (posted before, or by a concurrent batch): the INSERT says so through its
// affected rows. When it is fewer than expected, flush() throws RowByRowNeeded: the caller rolls the
// transaction back and runs the batch again row by row, which reports those conflicts exactly. That
// happens only for orders re-posted under new event ids (a mistake in the feed), so the common case
// pays one round trip per batch for all its orders.
#pragma once

#include <soci/soci.h>

#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/events.hpp"
#include "store/ingestion/ingestion_repository.hpp"

namespace kam::store::detail {

// Thrown by BulkOrders::flush(); never leaves IngestionRepository::ingest.
struct RowByRowNeeded : std::runtime_error {
  RowByRowNeeded() : std::runtime_error("an order of the batch was already in the database") {}
};

class BulkOrders {
 public:
  explicit BulkOrders(soci::session& sql) : sql_(sql) {}
  BulkOrders(const BulkOrders&) = delete;
  BulkOrders& operator=(const BulkOrders&) = delete;

  // The event's account has been found. Accepted (to be written by flush()) or rejected as a
  // conflict with an order posted earlier in this batch. `event` must outlive this object.
  ItemResult add(const core::Event& event, const core::OrderPosted& order);

  // Writes the orders accepted since the last flush. Throws RowByRowNeeded (see above).
  void flush();

 private:
  soci::session& sql_;
  std::unordered_map<std::string_view, std::string_view> posted_;  // order id -> event id
  std::vector<const core::Event*> pending_;
};

}  // namespace kam::store::detail
