// order_cancel_writer.cpp - OrderCancelWriter: a guarded update, then whether the order exists.
#include "store/ingestion/order_cancel_writer.hpp"

#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

using soci::use;

ItemResult OrderCancelWriter::write(const core::OrderCancelled& c) {
  if (!cancel_) {
    cancel_.emplace((ctx_.sql.prepare << "UPDATE orders SET cancelled_at_ms = :cancelled_at_ms,"
                                         " cancel_reason = :cancel_reason, cancel_event_id = :cancel_event_id"
                                         " WHERE order_id = :order_id AND cancelled_at_ms IS NULL",
                     use(ctx_.at_ms, "cancelled_at_ms"), use(reason_, "cancel_reason"),
                     use(ctx_.event_id, "cancel_event_id"), use(id_, "order_id")));
  }
  id_ = c.order_id;
  reason_ = c.reason;
  cancel_->execute(true);
  if (cancel_->get_affected_rows() == 1) {
    cancelled_.push_back(c.order_id);
    return accepted_item();
  }
  if (!exists_) {
    exists_.emplace((ctx_.sql.prepare << "SELECT 1 FROM orders WHERE order_id = :order_id", soci::into(found_),
                     use(id_, "order_id")));
  }
  if (exists_->execute(true)) return accepted_item();  // cancelled before
  return unknown_item("order", c.order_id, "order_posted");
}

}  // namespace kam::store::detail
