// deadline_job.cpp - the tick's service deadline check: reads, chunk by chunk, the requests whose
// next due instant is at or before the host's now (an index on service_current.next_due_ms), works
// out which steps of their state have come due (core/service/deadlines.hpp), writes each warning
// and escalation once (its key "REQ/eSEQ/STEP" is the row's identity, whichever host writes it
// first), performs auto transitions at their instant (compare-and-set on the ledger's last seq, so
// two hosts never both move a request), and stores each request's next due instant.
#include <map>
#include <optional>

#include "app/service/service.hpp"
#include "app/tick.hpp"
#include "core/error.hpp"
#include "core/service/deadlines.hpp"

namespace kam::app {

namespace sv = core::service;
using nlohmann::json;

namespace {

constexpr uint32_t kChunk = 500;
constexpr int kMaxAutoHops = 16;  // a chain of auto transitions all past due in one check

const char* kind_name(sv::DueStep::Kind kind) {
  switch (kind) {
    case sv::DueStep::Kind::warning:
      return "warning";
    case sv::DueStep::Kind::escalation:
      return "escalation";
    case sv::DueStep::Kind::auto_transition:
      break;
  }
  return "auto_transition";
}

class RequestCheck {
 public:
  RequestCheck(const core::complaints::OrgFacts& org, const std::string& manager, int64_t now_ms)
      : org_(org), manager_(manager), now_(now_ms) {}

  // The write for one due request (its workflow and calendar exist).
  store::ServiceDeadlineWrite run(const store::ServiceCurrent& row, const sv::Workflow& w,
                                  const core::time::WorkCalendar& calendar) {
    store::ServiceDeadlineWrite out;
    out.request_id = row.request_id;
    out.expected_last_seq = row.last_seq;
    store::ServiceCurrent c = row;
    for (int hop = 0; hop <= kMaxAutoHops; ++hop) {
      const sv::State* s = w.state(c.state);
      if (!s) {
        c.next_due_ms.reset();
        break;
      }
      const std::vector<sv::DueStep> steps = sv::state_steps(w, *s, calendar, c.state_entered_at_ms);
      const sv::DueStep* auto_step = nullptr;
      for (const sv::DueStep& d : steps)
        if (d.kind == sv::DueStep::Kind::auto_transition && d.due_ms <= now_) {
          auto_step = &d;
          break;
        }
      for (const sv::DueStep& d : steps) {
        if (d.due_ms > now_ || (auto_step && d.due_ms > auto_step->due_ms)) break;
        out.notifications.push_back(notification_of(c, w, d, calendar));
      }
      if (!auto_step || hop == kMaxAutoHops) {
        c.next_due_ms = sv::next_due(steps, now_);
        break;
      }
      store::ServiceEntry e;
      e.seq = ++c.last_seq;
      e.at_ms = auto_step->due_ms;
      e.kind = "state_entered";
      e.who = "kam";
      e.state = auto_step->to_state;
      e.assignee = c.assignee;
      const sv::State* next = w.state(auto_step->to_state);
      e.deadline_ms = next ? sv::deadline_of(*next, calendar, e.at_ms) : std::nullopt;
      e.details_json = json{{"auto_transition_from", c.state}}.dump();
      c.state = e.state;
      c.open = next && !next->final;
      c.state_entered_at_ms = e.at_ms;
      c.state_seq = e.seq;
      c.deadline_ms = e.deadline_ms;
      c.closed_at_ms = c.open ? std::nullopt : std::optional<int64_t>(e.at_ms);
      out.entries.push_back(std::move(e));
      if (!c.open) {
        c.next_due_ms.reset();
        break;
      }
    }
    out.current = std::move(c);
    return out;
  }

 private:
  store::ServiceNotification notification_of(const store::ServiceCurrent& c, const sv::Workflow& w,
                                             const sv::DueStep& d, const core::time::WorkCalendar& calendar) const {
    store::ServiceNotification n;
    n.key = sv::step_key(c.request_id, c.state_seq, d.index);
    n.request_id = c.request_id;
    n.account_id = c.account_id;
    n.kind = kind_name(d.kind);
    n.state = c.state;
    n.due_at_ms = d.due_ms;
    core::complaints::Recipients to;
    if (d.step) {
      n.step = d.step->name;
      to = core::complaints::resolve_recipients(d.step->to, manager_, c.assignee, org_);
    } else {
      n.step = "auto_transition to " + d.to_state;
      if (!c.assignee.empty()) to.employees.push_back(c.assignee);
    }
    std::erase(to.employees, std::string());
    json left = nullptr;
    if (c.deadline_ms) {
      try {
        left = calendar.business_ms_between(now_, *c.deadline_ms);
      } catch (const Error&) {
      }
    }
    n.payload_json = json{
        {"key", n.key},
        {"request_id", c.request_id},
        {"account_id", c.account_id},
        {"tier", c.tier},
        {"workflow", w.name},
        {"state", c.state},
        {"kind", n.kind},
        {"step", n.step},
        {"due_at_ms", d.due_ms},
        {"deadline_ms", c.deadline_ms ? json(*c.deadline_ms) : json(nullptr)},
        {"left_ms", left},
        {"assignee", c.assignee},
        {"employees", to.employees},
        {"roles", to.roles},
        {"unresolved", to.unresolved},
        {"created_at_ms",
         now_}}.dump();
    return n;
  }

  const core::complaints::OrgFacts& org_;
  const std::string& manager_;
  int64_t now_;
};

}  // namespace

ServiceCheckSummary check_service_deadlines(store::Store& store, const config::Config& config, int64_t now_ms,
                                            const std::string& completes_job, const LogFn& log) {
  store::ServiceRepository& repo = store.service();
  std::optional<core::complaints::OrgFacts> org;  // read once something is due
  std::map<std::string, std::string> managers;    // account -> its manager
  ServiceCheckSummary summary;
  std::optional<std::pair<int64_t, std::string>> after;
  bool completed = false;
  while (!completed) {
    const std::vector<store::ServiceCurrent> chunk = repo.due(now_ms, after, kChunk);
    completed = chunk.size() < kChunk;
    if (!chunk.empty()) after = std::make_pair(*chunk.back().next_due_ms, chunk.back().request_id);
    if (!chunk.empty() && !org) org = store.complaints().org_facts();
    std::vector<store::ServiceDeadlineWrite> writes;
    for (const store::ServiceCurrent& row : chunk) {
      ++summary.requests;
      const sv::Workflow* w = config.service.workflow(row.workflow);
      const core::time::WorkCalendar* calendar = w ? config.calendars.find(w->calendar) : nullptr;
      if (!w || !calendar) {
        // Its workflow left the config: nothing more is due until it comes back (a step recomputes).
        if (log)
          log(core::LogLevel::warning, "service deadline check: request '" + row.request_id + "' follows workflow '" +
                                           row.workflow + "', which the config lacks");
        store::ServiceDeadlineWrite idle{row.request_id, row.last_seq, {}, {}, row};
        idle.current.next_due_ms.reset();
        writes.push_back(std::move(idle));
        continue;
      }
      auto manager = managers.find(row.account_id);
      if (manager == managers.end()) {
        const auto account = repo.account(row.account_id);
        manager = managers.emplace(row.account_id, account ? account->second : std::string()).first;
      }
      writes.push_back(RequestCheck(*org, manager->second, now_ms).run(row, *w, *calendar));
    }
    const store::ServiceDeadlineResult r =
        repo.write_deadlines(writes, now_ms, completed ? completes_job : std::string());
    summary.notifications += r.notifications;
    summary.auto_transitions += r.auto_transitions;
  }
  return summary;
}

PeriodicJob service_deadline_job() {
  PeriodicJob job;
  job.name = kServiceJob;
  job.permission = kServiceTick;
  job.every_ms = [](const config::Config& c) { return c.service.check_every_minutes * int64_t{60000}; };
  job.run = [](const JobContext& c, TickResult& result) {
    const ServiceCheckSummary s = check_service_deadlines(c.store, c.config, c.now_ms, kServiceJob, c.log);
    if (c.log && (s.notifications > 0 || s.auto_transitions > 0))
      c.log(core::LogLevel::info, "service deadline check: " + std::to_string(s.requests) + " requests due, " +
                                      std::to_string(s.notifications) + " notifications, " +
                                      std::to_string(s.auto_transitions) + " auto transitions");
    result.service = s;
  };
  return job;
}

}  // namespace kam::app
