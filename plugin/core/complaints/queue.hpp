// queue.hpp - an employee's queue: the open complaints they own (first owner) or are assigned,
// sorted by time to breach, with the deadline and the business time left on the clock that
// matters now (the first response until it is given, then the resolution).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/complaints/record.hpp"

namespace kam::core::complaints {

struct QueueItem {
  std::string complaint_id;
  bool owner = false, assignee = false;  // why it is in this queue (both: owns it and works on it)
  ClockKind clock = ClockKind::first_response;
  bool has_target = false;
  bool paused = false;
  std::optional<int64_t> deadline_ms;  // nothing while paused before the deadline
  int64_t left_ms = 0;                 // business time left (negative: breached by that much)
};

// A record as a queue item (the clock that matters now, its deadline and time left), for
// `employee_id` (owner / assignee say whether it is theirs), and the queue's order on any items.
QueueItem queue_item(const ComplaintRecord& record, const std::string& employee_id);
void sort_queue(std::vector<QueueItem>& items);

// Open complaints (not resolved or closed) of `employee_id`. Order: those with a target by business
// time left (most urgent first: breached ones first, by how much), then by deadline, then by id;
// complaints without a target last, by id.
std::vector<QueueItem> employee_queue(const std::vector<ComplaintRecord>& records, const std::string& employee_id);

}  // namespace kam::core::complaints
