// bulk_orders.cpp - PostgreSQL: a batch's orders decided in memory and inserted with one statement.
#include "store/ingestion/bulk_orders.hpp"

#include <string>
#include <variant>

#include "store/ingestion/writer_support.hpp"
#include "store/column_batch.hpp"

namespace kam::store::detail {

ItemResult BulkOrders::add(const core::Event& event, const core::OrderPosted& order) {
  auto [it, inserted] = posted_.try_emplace(order.order_id, event.event_id);
  if (!inserted) {
    return rejected_item(Status::conflict, "order '" + order.order_id +
                                               "' was already posted by event '" +
                                               std::string(it->second) + "'");
  }
  pending_.push_back(&event);
  return accepted_item();
}

void BulkOrders::flush() {
  if (pending_.empty()) return;
  ColumnBatch rows({ColumnType::text, ColumnType::text, ColumnType::bigint, ColumnType::text,
                    ColumnType::bigint, ColumnType::integer, ColumnType::bigint, ColumnType::text});
  const size_t n = pending_.size();
  rows.reserve(n);
  for (const core::Event* e : pending_) {
    const auto& o = std::get<core::OrderPosted>(e->payload);
    rows.add(o.order_id)
        .add(o.account_id)
        .add(o.amount.minor_units)
        .add(o.amount.currency)
        .add(o.margin.minor_units)
        .add(int64_t{o.document_type})
        .add(e->occurred_at_ms)
        .add(e->event_id);
  }
  const PgResult result = rows.run_once(
      sql_,
      "INSERT INTO orders (order_id, account_id, amount_minor, currency, margin_minor,"
      " document_type, order_date_ms, event_id)"
      " SELECT * FROM " + rows.unnest() +
      " ON CONFLICT (order_id) DO NOTHING");
  if (result.affected() != static_cast<int64_t>(n)) throw RowByRowNeeded();
  pending_.clear();
}

}  // namespace kam::store::detail
