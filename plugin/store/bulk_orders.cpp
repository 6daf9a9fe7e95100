#include "store/bulk_orders.hpp"

#include <string>
#include <variant>

#include "store/event_writer_support.hpp"
#include "store/pg_bulk.hpp"

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
  PgArray order_ids, accounts, amounts, currencies, margins, document_types, dates, event_ids;
  const size_t n = pending_.size();
  order_ids.reserve(n, 24);
  accounts.reserve(n, 16);
  amounts.reserve(n, 12);
  currencies.reserve(n, 6);
  margins.reserve(n, 12);
  document_types.reserve(n, 2);
  dates.reserve(n, 14);
  event_ids.reserve(n, 24);
  for (const core::Event* e : pending_) {
    const auto& o = std::get<core::OrderPosted>(e->payload);
    order_ids.add(o.order_id);
    accounts.add(o.account_id);
    amounts.add(o.amount.minor_units);
    currencies.add(o.amount.currency);
    margins.add(o.margin.minor_units);
    document_types.add(int64_t{o.document_type});
    dates.add(e->occurred_at_ms);
    event_ids.add(e->event_id);
  }
  const PgResult result = pg_exec(
      sql_,
      "INSERT INTO orders (order_id, account_id, amount_minor, currency, margin_minor,"
      " document_type, order_date_ms, event_id)"
      " SELECT * FROM unnest(CAST($1 AS text[]), CAST($2 AS text[]), CAST($3 AS bigint[]),"
      " CAST($4 AS text[]), CAST($5 AS bigint[]), CAST($6 AS integer[]), CAST($7 AS bigint[]),"
      " CAST($8 AS text[]))"
      " ON CONFLICT (order_id) DO NOTHING",
      {&order_ids.literal(), &accounts.literal(), &amounts.literal(), &currencies.literal(),
       &margins.literal(), &document_types.literal(), &dates.literal(), &event_ids.literal()});
  if (result.affected() != static_cast<int64_t>(n)) throw RowByRowNeeded();
  pending_.clear();
}

}  // namespace kam::store::detail
