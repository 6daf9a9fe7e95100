// order_cancel_writer.hpp - writes an ORDER_CANCELLED event: the first cancellation of a stored
// order counts (a later one changes nothing), and is remembered for the order-day totals.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class OrderCancelWriter {
 public:
  using Payload = core::OrderCancelled;
  explicit OrderCancelWriter(WriteContext& context) : ctx_(context) {}
  ItemResult write(const core::OrderCancelled& c);

  // Orders this batch cancelled (the first cancellation of each).
  const std::vector<std::string>& cancelled_orders() const { return cancelled_; }

 private:
  WriteContext& ctx_;
  std::string id_, reason_;
  int found_ = 0;
  std::vector<std::string> cancelled_;
  std::optional<soci::statement> cancel_, exists_;
};

}  // namespace kam::store::detail
