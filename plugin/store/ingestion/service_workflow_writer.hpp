// service_workflow_writer.hpp - the workflow half of a SERVICE_REQUEST event (docs/service.md), when
// the config has service workflows: OPENED is routed by the account's tier (dedicated manager or
// engineer pool, core/service/routing.hpp) into the tier's workflow, which the request keeps even if
// the account changes tier; STATE_CHANGED must be a transition of that workflow that the acting
// employee's roles allow, or the event is rejected naming request, from -> to, who and why. Each
// step appends to the request's ledger and rewrites its current row with the state's deadline and
// the next due instant (computed once, here, as instants). prepare() only reads (but for a round
// robin pool's turn at OPENED, which no later check can refuse), so a rejection leaves nothing;
// write() stores what prepare() planned, in the batch's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/ingestion/ingestion_repository.hpp"
#include "store/ingestion/writer_context.hpp"
#include "store/service/service_rows.hpp"

namespace kam::store::detail {

class ServiceWorkflowWriter {
 public:
  explicit ServiceWorkflowWriter(WriteContext& context) : ctx_(context) {}

  // A rejection, or nothing (then write() stores the plan; the plan may be empty: a request opened
  // before workflows were configured is kept as events only).
  std::optional<ItemResult> prepare(const core::ServiceRequestEvent& event);
  void write();

  // OPENED: whom routing chose and the workflow's initial state (for the v1 service_requests row).
  const std::string& assignee() const { return plan_.current.assignee; }
  const std::string& state() const { return plan_.current.state; }
  bool planned() const { return plan_.active; }

 private:
  struct Plan {
    bool active = false;
    ServiceCurrent current;
    std::vector<ServiceEntry> entries;
    std::optional<ServiceNotification> unrouted;
  };

  std::optional<ItemResult> open(const core::ServiceRequestEvent& event);
  std::optional<ItemResult> step(const core::ServiceRequestEvent& event, ServiceCurrent current);
  // The new state's entry: its deadline, and the current row's deadline and next due instant.
  void enter_state(ServiceCurrent& current, const std::string& state, const std::string& who);

  WriteContext& ctx_;
  Plan plan_;
};

}  // namespace kam::store::detail
