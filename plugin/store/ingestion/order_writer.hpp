// order_writer.hpp - writes an ORDER_POSTED event: the order row, for a known account, once per
// order id (a second posting under another event is a conflict naming the first).
//
// SQLite: the insert runs once per order event on the raw handle, bound to the event's own strings
// (sqlite_statement.hpp). PostgreSQL: batch.cpp normally hands a batch's orders to BulkOrders
// instead; this writer serves the row-by-row rerun.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "store/ingestion/writer_context.hpp"
#include "store/sqlite_statement.hpp"

namespace kam::store::detail {

class OrderWriter {
 public:
  using Payload = core::OrderPosted;
  explicit OrderWriter(WriteContext& context) : ctx_(context) {}
  ItemResult write(const core::OrderPosted& o);

 private:
  bool insert_sqlite(const core::OrderPosted& o);
  bool insert_postgresql(const core::OrderPosted& o);

  WriteContext& ctx_;
  std::string id_, account_, currency_, found_event_;
  int64_t amount_ = 0, margin_ = 0;
  int32_t document_type_ = 0;
  soci::indicator found_ind_ = soci::i_ok;
  std::optional<SqliteStatement> sqlite_insert_;
  std::optional<soci::statement> insert_, owner_;
};

}  // namespace kam::store::detail
