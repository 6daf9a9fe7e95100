// event_writers.hpp - the table of event writers, one per event kind, and the dispatcher batch.cpp
// calls for each new event (its id already claimed, event_claims.hpp), inside the batch's open
// transaction.
//
// Each writer (<kind>_writer.{hpp,cpp}) checks its event and writes it: a check that fails (an order
// for an unknown account, a step of an unknown complaint, ...) returns a rejection before anything is
// written, so a rejected event leaves nothing behind. Unique keys are written with INSERT ... ON
// CONFLICT DO NOTHING and checked through affected rows, because on PostgreSQL a unique violation
// would abort the whole batch. Every statement is prepared once per batch (on first use) and
// re-executed with new values bound to the writer's members (`sql << ...` per row re-prepares and is
// several times slower). A writer is created when the batch first meets its kind.
//
// Adding an event kind: one <kind>_writer.{hpp,cpp} with `using Payload = core::<Kind>;` and
// `ItemResult write(const Payload&)`, and one entry in EventWriterTable below.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "store/ingestion/account_writer.hpp"
#include "store/ingestion/complaint_writer.hpp"
#include "store/ingestion/contact_writer.hpp"
#include "store/ingestion/distributor_writer.hpp"
#include "store/ingestion/employee_writer.hpp"
#include "store/ingestion/order_cancel_writer.hpp"
#include "store/ingestion/order_writer.hpp"
#include "store/ingestion/service_request_writer.hpp"
#include "store/ingestion/visit_writer.hpp"
#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

// Writers created on first use, found by the payload type they write.
template <class... Writers>
class WriterTable {
 public:
  explicit WriterTable(WriteContext& context) : ctx_(context) {}

  ItemResult write(const core::EventPayload& payload) {
    return std::visit([&](const auto& p) { return writer_for<std::decay_t<decltype(p)>>().write(p); }, payload);
  }

  // The writer of this type if the batch has used it, else null.
  template <class W>
  const W* created() const {
    const auto& slot = std::get<std::optional<W>>(slots_);
    return slot ? &*slot : nullptr;
  }

 private:
  template <class Payload>
  static constexpr std::size_t index_of() {
    constexpr bool writes[] = {std::is_same_v<typename Writers::Payload, Payload>...};
    std::size_t i = 0;
    while (i < sizeof...(Writers) && !writes[i]) ++i;
    return i;
  }

  template <class Payload>
  auto& writer_for() {
    constexpr std::size_t index = index_of<Payload>();
    static_assert(index < sizeof...(Writers), "an event kind without a writer: add it to EventWriterTable");
    auto& slot = std::get<index>(slots_);
    if (!slot) slot.emplace(ctx_);
    return *slot;
  }

  WriteContext& ctx_;
  std::tuple<std::optional<Writers>...> slots_;
};

// One writer per event kind (core::EventPayload).
using EventWriterTable = WriterTable<AccountWriter, OrderWriter, OrderCancelWriter, ComplaintWriter,
                                     ServiceRequestWriter, VisitWriter, DistributorWriter, EmployeeWriter,
                                     ContactWriter>;

class EventWriters {
 public:
  // `committed_accounts`: accounts known to be committed (may be null); asked before the database.
  // `complaints`: the config's complaint setup (may be null), for complaint and employee events;
  // `config`: the config in force (may be null), for service workflows.
  EventWriters(soci::session& sql, Backend backend, int64_t received_at_ms, const KnownIds* committed_accounts,
               const ComplaintSetup* complaints = nullptr, const config::Config* config = nullptr)
      : ctx_(sql, backend, received_at_ms, committed_accounts, complaints, config), table_(ctx_) {}
  EventWriters(const EventWriters&) = delete;
  EventWriters& operator=(const EventWriters&) = delete;

  // Accepted (stored) or rejected (nothing stored).
  ItemResult write(const core::Event& event) {
    ctx_.event_id = event.event_id;
    ctx_.at_ms = event.occurred_at_ms;
    return table_.write(event.payload);
  }

  AccountLookup& accounts() { return ctx_.accounts; }
  // 1.4: the region of national phone numbers (contacts.default_region), before the first write.
  void set_phone_region(const std::string& region) { ctx_.phone_region = region; }

  // Orders this batch cancelled (the first cancellation of each), for the order-day totals.
  const std::vector<std::string>& cancelled_orders() const {
    static const std::vector<std::string> none;
    const OrderCancelWriter* w = table_.created<OrderCancelWriter>();
    return w ? w->cancelled_orders() : none;
  }

 private:
  WriteContext ctx_;
  EventWriterTable table_;
};

}  // namespace kam::store::detail
