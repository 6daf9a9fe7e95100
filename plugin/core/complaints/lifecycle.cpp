// lifecycle.cpp - the lifecycle rules; see lifecycle.hpp.
#include "core/complaints/lifecycle.hpp"

#include "core/time/calendar.hpp"

namespace kam::core::complaints {
namespace {

std::string when(int64_t ms) {
  const int64_t day = 86400000;
  const int64_t days = ms >= 0 ? ms / day : (ms - day + 1) / day;
  const int64_t rest = ms - days * day;
  const auto two = [](int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return time::LocalDate{static_cast<int32_t>(days)}.to_string() + "T" + two(rest / 3600000) + ":" +
         two(rest / 60000 % 60) + ":" + two(rest / 1000 % 60) + "." + std::to_string(1000 + rest % 1000).substr(1) +
         "Z";
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::none: return "not opened";
    case Phase::open: return "open";
    case Phase::resolved: return "resolved";
    case Phase::closed: return "closed";
  }
  return "?";
}

LedgerEntry entry(const Step& step, EntryKind kind) {
  LedgerEntry e;
  e.at_ms = step.at_ms;
  e.kind = kind;
  e.who = step.employee_id;
  return e;
}

std::optional<std::string> refuse_unless_open(const ComplaintState& s, const char* what) {
  if (s.phase == Phase::open) return std::nullopt;
  return std::string("cannot ") + what + " a complaint that is " + phase_name(s.phase);
}

}  // namespace

void fold(ComplaintState& s, const LedgerEntry& e) {
  s.last_at_ms = e.at_ms;
  switch (e.kind) {
    case EntryKind::received:
      s.phase = Phase::open;
      s.first_owner = s.assignee = e.to;
      s.owner_department = s.department = e.to_department;
      s.account_id = e.account_id;
      s.tier = e.tier;
      s.priority = e.priority;
      s.received_at_ms = e.at_ms;
      break;
    case EntryKind::first_response: s.first_responded = true; break;
    case EntryKind::paused: s.waiting_on_customer = true; break;
    case EntryKind::resumed: s.waiting_on_customer = false; break;
    case EntryKind::handed_off:
      s.assignee = e.to;
      s.department = e.to_department;
      break;
    case EntryKind::resolved:
      s.phase = Phase::resolved;
      s.waiting_on_customer = false;  // a pause ends at the resolution (the ledger keeps it)
      break;
    case EntryKind::reopened:
      s.phase = Phase::open;
      ++s.reopen_count;
      break;
    case EntryKind::closed: s.phase = Phase::closed; break;
    case EntryKind::priority_changed: s.priority = e.priority; break;
    case EntryKind::target_set:  // an empty target (no calendar): no clocks from now on
      s.target = e.target.calendar.empty() ? std::nullopt : std::optional<ClockTarget>(e.target);
      break;
    case EntryKind::calendar_changed:
      if (s.target && s.target->calendar == e.calendar) s.target->calendar_key = e.calendar_key;
      break;
    case EntryKind::responded:
    case EntryKind::commented: break;
  }
}

ComplaintState replay(const Ledger& ledger) {
  ComplaintState s;
  for (const LedgerEntry& e : ledger) fold(s, e);
  return s;
}

std::optional<ClockTarget> clock_target_for(const SlaSetup& setup, const std::string& tier, int32_t priority) {
  const std::optional<Target> t = match_target(setup.targets, tier, priority);
  if (!t || (t->first_response_minutes == 0 && t->resolution_minutes == 0)) return std::nullopt;
  const auto key = setup.calendar_keys.find(t->calendar);
  return ClockTarget{t->calendar, key == setup.calendar_keys.end() ? t->calendar : key->second,
                     t->first_response_minutes * 60000, t->resolution_minutes * 60000, t->warning_bp};
}

StepOutcome apply_step(const ComplaintState& s, const Step& step, const SlaSetup& setup) {
  StepOutcome out;
  const auto reject = [&](std::string reason) {
    out.rejected = std::string(action_name(step.action)) + ": " + std::move(reason);
    return out;
  };
  if (step.action == Action::opened) {
    if (s.phase != Phase::none)
      return reject("already opened at " + when(s.received_at_ms) + " by " + s.first_owner + " (the first owner)");
    if (step.employee_id.empty()) return reject("no employee_id: the employee who receives it is its first owner");
    if (step.priority < 0 || step.priority > kMaxPriority)
      return reject("priority " + std::to_string(step.priority) + " is not 0 (unspecified) or 1..4");
    LedgerEntry e = entry(step, EntryKind::received);
    e.to = step.employee_id;
    e.to_department = step.department;
    e.account_id = step.account_id;
    e.tier = step.tier;
    e.priority = step.priority;
    out.appended.push_back(e);
    if (auto target = clock_target_for(setup, step.tier, step.priority)) {
      e.kind = EntryKind::target_set;
      e.target = *target;
      out.appended.push_back(e);
    }
    return out;
  }
  if (s.phase == Phase::none) return reject("complaint '" + step.complaint_id + "' was never opened");
  if (step.at_ms < s.last_at_ms)
    return reject("occurred at " + when(step.at_ms) + ", before the last step applied at " + when(s.last_at_ms) +
                  " (steps are taken in time order)");
  switch (step.action) {
    case Action::handed_off:
      if (auto r = refuse_unless_open(s, "hand off")) return reject(*r);
      if (step.to_employee_id.empty()) return reject("no to_employee_id: a hand-off needs someone to receive it");
      if (step.to_employee_id == s.assignee) return reject(step.to_employee_id + " is already the assignee");
      out.appended.push_back(entry(step, EntryKind::handed_off));
      out.appended.back().to = step.to_employee_id;
      out.appended.back().to_department = step.to_department;
      return out;
    case Action::responded: {
      // A resolved complaint may still get a message (the resolution notice); its clocks have stopped.
      if (s.phase == Phase::closed) return reject("cannot respond to a complaint that is closed");
      const bool counts = step.outbound && step.by_person && step.customer_visible;
      const bool first = counts && !s.first_responded && s.phase == Phase::open;
      out.appended.push_back(entry(step, first ? EntryKind::first_response : EntryKind::responded));
      out.appended.back().counts = counts;
      return out;
    }
    case Action::resolved:
      if (auto r = refuse_unless_open(s, "resolve")) return reject(*r);
      out.appended.push_back(entry(step, EntryKind::resolved));
      return out;
    case Action::closed:
      if (s.phase != Phase::resolved)
        return reject(std::string("a complaint that is ") + phase_name(s.phase) +
                      " cannot be closed: CLOSED confirms a resolution");
      out.appended.push_back(entry(step, EntryKind::closed));
      return out;
    case Action::reopened:
      if (s.phase == Phase::open) return reject("the complaint is open: only a resolved or closed one can be reopened");
      out.appended.push_back(entry(step, EntryKind::reopened));
      return out;
    case Action::commented:
      out.appended.push_back(entry(step, EntryKind::commented));
      return out;
    case Action::waiting_on_customer:
      if (auto r = refuse_unless_open(s, "wait on the customer for")) return reject(*r);
      if (s.waiting_on_customer) return reject("already waiting on the customer");
      out.appended.push_back(entry(step, EntryKind::paused));
      return out;
    case Action::customer_replied:
      if (!s.waiting_on_customer) return reject("not waiting on the customer: nothing to resume");
      out.appended.push_back(entry(step, EntryKind::resumed));
      return out;
    case Action::priority_changed: {
      if (s.phase == Phase::closed) return reject("cannot change the priority of a complaint that is closed");
      if (step.priority < 1 || step.priority > kMaxPriority)
        return reject("priority " + std::to_string(step.priority) + " is not 1..4");
      if (step.priority == s.priority) return reject("the priority is already " + std::to_string(s.priority));
      LedgerEntry e = entry(step, EntryKind::priority_changed);
      e.priority = step.priority;
      out.appended.push_back(e);
      const std::optional<ClockTarget> target = clock_target_for(setup, s.tier, step.priority);
      if (target != s.target) {
        e.kind = EntryKind::target_set;
        e.target = target.value_or(ClockTarget{});
        out.appended.push_back(e);
      }
      return out;
    }
    case Action::opened: break;
  }
  return reject("unknown action " + std::to_string(static_cast<int32_t>(step.action)));
}

std::optional<LedgerEntry> calendar_change(const ComplaintState& s, int64_t at_ms, const std::string& calendar,
                                           const std::string& calendar_key) {
  if (!s.target || s.target->calendar != calendar || s.target->calendar_key == calendar_key) return std::nullopt;
  LedgerEntry e;
  e.at_ms = at_ms;
  e.kind = EntryKind::calendar_changed;
  e.calendar = calendar;
  e.calendar_key = calendar_key;
  return e;
}

}  // namespace kam::core::complaints
