// ledger.hpp - the append-only clock ledger of one complaint. Every accepted step appends one or more
// entries; the complaint's state (lifecycle.hpp) and its clocks (clock.hpp) are folds over the
// entries, never edited in place. Config changes that move deadlines (a calendar or a target) are
// entries too, so a past deadline or breach can always be explained from the ledger alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kam::core::complaints {

enum class EntryKind : int32_t {
  received = 1,          // OPENED: who = first owner
  first_response = 2,    // the first outbound, human, customer-visible response
  responded = 3,         // any other response or message (counts says whether it was qualifying)
  paused = 4,            // waiting on the customer
  resumed = 5,           // the customer replied
  handed_off = 6,        // to / to_department: the new assignee
  resolved = 7,
  reopened = 8,
  closed = 9,
  commented = 10,
  priority_changed = 11,
  target_set = 12,       // the clocks' targets from now on (also at OPENED)
  calendar_changed = 13, // the calendar `calendar` is now the version `calendar_key`
};

std::string_view entry_kind_name(EntryKind kind);  // "first_response"

// What the SLA clocks run against: business time on one calendar version. A target of 0: no clock.
struct ClockTarget {
  std::string calendar;      // the calendar's name in the config
  std::string calendar_key;  // the version in force (the integration's id, e.g. name#fingerprint)
  int64_t first_response_ms = 0, resolution_ms = 0;
  std::vector<int32_t> warning_bp;  // warnings at these fractions of a target (7500 = 75%)
  friend bool operator==(const ClockTarget&, const ClockTarget&) = default;
};

struct LedgerEntry {
  int64_t at_ms = 0;
  EntryKind kind = EntryKind::received;
  std::string who;                      // the acting employee
  std::string to, to_department;        // received: owner/department; handed_off: new assignee
  std::string account_id, tier;         // received
  int32_t priority = 0;                 // received, priority_changed
  bool counts = false;                  // responded: outbound, human and customer-visible
  ClockTarget target;                   // target_set
  std::string calendar, calendar_key;   // calendar_changed
};

using Ledger = std::vector<LedgerEntry>;

}  // namespace kam::core::complaints
