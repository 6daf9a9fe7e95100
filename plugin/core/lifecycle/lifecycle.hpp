// lifecycle.hpp - the lifecycle rules of today's stored complaints, service requests and visits, as
// pure functions: what one accepted event changes in the record's current state. The store only
// persists the change (store/events/*_writer.cpp), in one statement per event.
//
// Today's complaint statuses are the open / resolved / closed phases of core/complaints
// (complaints/lifecycle.hpp), but its rules are not a subset of that machine: today every step of
// an opened complaint is accepted in any status (a RESOLVED of a closed complaint, a REOPENED of an
// open one), where core/complaints rejects them. So this small machine stays until the complaint
// core is integrated and replaces it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/events.hpp"

namespace kam::core::lifecycle {

// What a step does to one time column of the current state.
enum class TimeChange { keep, set_to_step, clear };

// --- complaints ---

enum class ComplaintStatus : int32_t { open = 1, resolved = 2, closed = 3 };

// As stored (complaints.status).
const char* complaint_status_name(ComplaintStatus status);

// An OPENED complaint starts open, owned and worked on by the OPENED event's employee.
inline constexpr ComplaintStatus kOpenedComplaint = ComplaintStatus::open;

// What a step after OPENED changes. Every step also makes itself the last event (the newest
// occurred_at wins), and a step's severity (> 0) and category (not empty) replace the stored ones.
struct ComplaintChange {
  std::optional<ComplaintStatus> status;  // nothing: unchanged
  TimeChange resolved_at = TimeChange::keep, closed_at = TimeChange::keep;
  bool handed_off = false;  // the step's to_employee / to_department work on it now; the owner stays
  bool responded = false;   // the first response is the earliest RESPONDED step
  bool reopened = false;    // counts a reopening
};

ComplaintChange complaint_change(ComplaintAction action);

// --- service requests ---

// The state an OPENED request starts in: the event's, or "open".
std::string opened_service_state(const std::string& given);

// What a step after OPENED changes. Every step also makes itself the last event (the newest
// occurred_at wins), and a step's category (not empty) replaces the stored one.
struct ServiceChange {
  std::optional<std::string> state;  // nothing: unchanged
  TimeChange closed_at = TimeChange::keep;
  bool assigned = false;             // the step's assignee works on it now
};

// `given_state` is the step's state (STATE_CHANGED sets it; the request is no longer closed).
ServiceChange service_change(ServiceAction action, const std::string& given_state);

// --- visits ---

// The times one visit event records; the others keep their stored values. The status, employee
// and last event follow the newest event (occurred_at), whatever order the events arrive in.
struct VisitChange {
  std::optional<int64_t> planned_for_ms, completed_at_ms, cancelled_at_ms;
};

VisitChange visit_change(VisitStatus status, int64_t planned_for_ms, int64_t at_ms);

}  // namespace kam::core::lifecycle
