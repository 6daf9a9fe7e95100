// record.cpp - deriving a complaint's record from its ledger; see record.hpp.
#include "core/complaints/record.hpp"

namespace kam::core::complaints {

ComplaintRecord derive_record(const std::string& complaint_id, const Ledger& ledger, const Calendars& calendars,
                              int64_t now_ms) {
  return ComplaintRecord{complaint_id, replay(ledger),
                         Clock(ledger, ClockKind::first_response, calendars).status(now_ms),
                         Clock(ledger, ClockKind::resolution, calendars).status(now_ms)};
}

}  // namespace kam::core::complaints
