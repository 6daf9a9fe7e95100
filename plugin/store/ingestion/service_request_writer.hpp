// service_request_writer.hpp - writes a SERVICE_REQUEST event: OPENED creates the request (once per
// id); every other step must name an opened request and changes what core/lifecycle says. Every
// step is also kept as its own service_request_events row.
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "store/ingestion/service_workflow_writer.hpp"
#include "store/ingestion/writer_context.hpp"
#include "store/ingestion/writer_support.hpp"

namespace kam::store::detail {

class ServiceRequestWriter {
 public:
  using Payload = core::ServiceRequestEvent;
  explicit ServiceRequestWriter(WriteContext& context) : ctx_(context), workflow_(context) {}
  ItemResult write(const core::ServiceRequestEvent& s);

 private:
  // The UPDATE of a step other than OPENED: one statement per action, prepared on first use.
  soci::statement& update(int32_t action);

  WriteContext& ctx_;
  std::string id_, account_, employee_, assignee_, state_, category_, text_;
  std::string next_state_;  // the state the step leaves (core/lifecycle)
  int32_t action_ = 0;
  OpenedBy opened_by_{"service request", "SELECT opened_event_id FROM service_requests WHERE request_id = :id"};
  std::optional<soci::statement> open_, event_;
  std::array<std::optional<soci::statement>, 6> updates_;
  ServiceWorkflowWriter workflow_;
};

}  // namespace kam::store::detail
