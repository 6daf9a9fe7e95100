// record.hpp - the derived record of one complaint at an instant: its state and both clocks'
// status, as the queue, the KPIs and the timeline read it. Derived from the ledger alone (plus the
// calendars), so it is recomputed, never stored as truth.
#pragma once

#include <cstdint>
#include <string>

#include "core/complaints/clock.hpp"
#include "core/complaints/lifecycle.hpp"

namespace kam::core::complaints {

struct ComplaintRecord {
  std::string complaint_id;
  ComplaintState state;
  ClockStatus first_response, resolution;
};

ComplaintRecord derive_record(const std::string& complaint_id, const Ledger& ledger, const Calendars& calendars,
                              int64_t now_ms);

}  // namespace kam::core::complaints
