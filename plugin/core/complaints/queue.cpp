// queue.cpp - an employee's queue; see queue.hpp.
#include "core/complaints/queue.hpp"

#include <algorithm>
#include <limits>

namespace kam::core::complaints {

QueueItem queue_item(const ComplaintRecord& r, const std::string& employee_id) {
  const ClockStatus& clock = r.state.first_responded || !r.first_response.active ? r.resolution : r.first_response;
  return {r.complaint_id,     r.state.first_owner == employee_id, r.state.assignee == employee_id,
          clock.kind,         clock.target_ms > 0,                clock.paused,
          clock.deadline_ms,  clock.left_ms};
}

void sort_queue(std::vector<QueueItem>& queue) {
  std::sort(queue.begin(), queue.end(), [](const QueueItem& a, const QueueItem& b) {
    if (a.has_target != b.has_target) return a.has_target;
    if (a.has_target && a.left_ms != b.left_ms) return a.left_ms < b.left_ms;
    const int64_t none = std::numeric_limits<int64_t>::max();
    if (a.deadline_ms.value_or(none) != b.deadline_ms.value_or(none))
      return a.deadline_ms.value_or(none) < b.deadline_ms.value_or(none);
    return a.complaint_id < b.complaint_id;
  });
}

std::vector<QueueItem> employee_queue(const std::vector<ComplaintRecord>& records, const std::string& employee_id) {
  std::vector<QueueItem> queue;
  for (const ComplaintRecord& r : records) {
    if (r.state.phase != Phase::open) continue;
    if (r.state.first_owner != employee_id && r.state.assignee != employee_id) continue;
    queue.push_back(queue_item(r, employee_id));
  }
  sort_queue(queue);
  return queue;
}

}  // namespace kam::core::complaints
