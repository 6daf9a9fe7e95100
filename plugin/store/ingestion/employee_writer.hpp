// employee_writer.hpp - writes an EMPLOYEE_UPSERTED event (1.3): the whole employee record, newest
// occurred_at wins (an older record sent late changes nothing), into `employees`, the org facts
// complaint escalation and KPIs read. A calendar the config does not define is this item's
// rejection, naming it.
#pragma once

#include <string>
#include <vector>

#include "store/ingestion/writer_context.hpp"

namespace kam::store::detail {

class EmployeeWriter {
 public:
  using Payload = core::EmployeeEvent;
  explicit EmployeeWriter(WriteContext& context) : ctx_(context) {}
  ItemResult write(const core::EmployeeEvent& e);

 private:
  WriteContext& ctx_;
};

}  // namespace kam::store::detail
