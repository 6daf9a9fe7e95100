// order_writer.cpp - OrderWriter: insert-or-nothing, then who posted the order when it was taken.
#include "store/ingestion/order_writer.hpp"

#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

using soci::use;

ItemResult OrderWriter::write(const core::OrderPosted& o) {
  if (!ctx_.accounts.exists(o.account_id)) return unknown_item("account", o.account_id, "account_upserted");
  id_ = o.order_id;
  const bool inserted = ctx_.backend == Backend::sqlite ? insert_sqlite(o) : insert_postgresql(o);
  if (inserted) return accepted_item();
  if (!owner_) {
    owner_.emplace((ctx_.sql.prepare << "SELECT event_id FROM orders WHERE order_id = :order_id",
                    soci::into(found_event_, found_ind_), use(id_, "order_id")));
  }
  owner_->execute(true);
  return rejected_item(Status::conflict,
                       "order '" + o.order_id + "' was already posted by event '" + found_event_ + "'");
}

bool OrderWriter::insert_sqlite(const core::OrderPosted& o) {
  // Bound to the event's own strings (no copies); run() finishes with them before returning.
  if (!sqlite_insert_) {
    sqlite_insert_.emplace(ctx_.sql,
                           "INSERT INTO orders (order_id, account_id, amount_minor, currency, margin_minor,"
                           " document_type, order_date_ms, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                           " ON CONFLICT (order_id) DO NOTHING");
  }
  SqliteStatement& insert = *sqlite_insert_;
  insert.bind(1, o.order_id);
  insert.bind(2, o.account_id);
  insert.bind(3, o.amount.minor_units);
  insert.bind(4, o.amount.currency);
  insert.bind(5, o.margin.minor_units);
  insert.bind(6, int64_t{o.document_type});
  insert.bind(7, ctx_.at_ms);
  insert.bind(8, ctx_.event_id);
  return insert.run() == 1;
}

bool OrderWriter::insert_postgresql(const core::OrderPosted& o) {
  if (!insert_) {
    insert_.emplace((ctx_.sql.prepare << "INSERT INTO orders (order_id, account_id, amount_minor, currency,"
                                         " margin_minor, document_type, order_date_ms, event_id)"
                                         " VALUES (:order_id, :account_id, :amount_minor, :currency,"
                                         " :margin_minor, :document_type, :order_date_ms, :event_id)"
                                         " ON CONFLICT (order_id) DO NOTHING",
                     use(id_, "order_id"), use(account_, "account_id"), use(amount_, "amount_minor"),
                     use(currency_, "currency"), use(margin_, "margin_minor"), use(document_type_, "document_type"),
                     use(ctx_.at_ms, "order_date_ms"), use(ctx_.event_id, "event_id")));
  }
  account_ = o.account_id;
  amount_ = o.amount.minor_units;
  currency_ = o.amount.currency;
  margin_ = o.margin.minor_units;
  document_type_ = o.document_type;
  insert_->execute(true);
  return insert_->get_affected_rows() == 1;
}

}  // namespace kam::store::detail
