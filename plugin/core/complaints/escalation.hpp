// escalation.hpp - escalation chains: steps such as "at 75% of the first-response target: the owner
// and the assignee; at breach: the owner's manager; at breach + 4 business hours: the director
// role", and the pure function that says which steps are due at the host's now, each with a stable
// key so the store writes each notification exactly once (the key is the outbox row's identity).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/complaints/clock.hpp"
#include "core/complaints/lifecycle.hpp"

namespace kam::core::complaints {

enum class RecipientKind : int32_t { owner = 1, assignee = 2, owner_manager = 3, assignee_manager = 4, role = 5 };

struct Recipient {
  RecipientKind kind = RecipientKind::owner;
  std::string role;  // RecipientKind::role: the role's name ("director")
};

struct EscalationStep {
  std::string name;  // for people and logs ("director")
  ClockKind clock = ClockKind::first_response;
  int32_t at_bp = 10000;      // the level: a warning fraction (< 10000) or the breach (10000)
  int64_t after_minutes = 0;  // business minutes after that level ("breach + 4 business hours": 240)
  std::vector<Recipient> to;
};

using EscalationChain = std::vector<EscalationStep>;

// What the org events say about an employee.
struct Employee {
  std::string manager_id, department;
};
using OrgFacts = std::map<std::string, Employee>;

enum class NotifyKind : int32_t { warning = 1, breach = 2 };  // KAM_NOTIFY_SLA_WARNING / _BREACH

struct Escalation {
  std::string key;  // complaint id / clock / step index / generation: unique and stable
  std::string complaint_id;
  ClockKind clock = ClockKind::first_response;
  std::size_t step = 0;  // index in the chain
  int32_t generation = 0;
  NotifyKind kind = NotifyKind::warning;
  int64_t due_at_ms = 0;
  std::vector<std::string> employees;  // resolved recipients, without repeats
  std::vector<std::string> roles;
  std::vector<std::string> unresolved;  // recipients the org facts could not name, in words
};

// The people and roles `to` names for a record with this owner and assignee (complaints: the first
// owner; service requests: the account's manager), without repeats; a manager the org facts do not
// name is listed in `unresolved`, in words. Complaints and service requests share it.
struct Recipients {
  std::vector<std::string> employees, roles, unresolved;
};
Recipients resolve_recipients(const std::vector<Recipient>& to, const std::string& owner, const std::string& assignee,
                              const OrgFacts& org);

// The key of a step's notification: "C-17/first_response/2/g1".
std::string escalation_key(const std::string& complaint_id, ClockKind clock, std::size_t step, int32_t generation);

// The steps due at `now_ms`: those whose level was reached at or before now while the clock is
// active (running or paused) in the stretch it is in now. So nothing is sent for a clock that
// stopped (the agent replied, the complaint was resolved), even when no tick ran in between, and a
// reopen does not send again what belonged to the stretch before it. Returns each due step every
// time it is asked: the store writes a key once.
std::vector<Escalation> due_escalations(const std::string& complaint_id, const ComplaintState& state,
                                        const std::vector<Clock>& clocks, const EscalationChain& chain,
                                        const OrgFacts& org, int64_t now_ms);

}  // namespace kam::core::complaints
