// sla_job.cpp - the tick's SLA check of complaints: reads, chunk by chunk, the complaints whose next
// due level is at or before the host's now (an index on complaint_current.next_due_ms), asks the
// core which escalation steps are due, writes each step's notification once (its key is the row's
// identity: a key already written, by this host or another, is not written again), and stores
// each complaint's next due instant; the last chunk's write completes the job.
#include <optional>

#include "app/complaints/derived.hpp"
#include "app/tick.hpp"
#include "core/complaints/due.hpp"
#include "core/complaints/lifecycle.hpp"
#include "core/error.hpp"

namespace kam::app {

namespace cc = core::complaints;
using nlohmann::json;

namespace {

constexpr uint32_t kChunk = 500;

store::SlaNotification notification_of(const cc::Escalation& e, const cc::ComplaintState& state,
                                       const std::vector<cc::Clock>& clocks, const cc::EscalationChain& chain,
                                       int64_t now_ms) {
  const cc::ClockStatus status = (e.clock == cc::ClockKind::first_response ? clocks[0] : clocks[1]).status(now_ms);
  store::SlaNotification n;
  n.key = e.key;
  n.complaint_id = e.complaint_id;
  n.account_id = state.account_id;
  n.kind = e.kind;
  n.clock = std::string(cc::clock_name(e.clock));
  n.step = static_cast<int32_t>(e.step);
  n.generation = e.generation;
  n.due_at_ms = e.due_at_ms;
  n.payload_json = json{{"key", e.key},
                        {"complaint_id", e.complaint_id},
                        {"account_id", state.account_id},
                        {"clock", n.clock},
                        {"kind", e.kind == cc::NotifyKind::breach ? "breach" : "warning"},
                        {"step", chain[e.step].name},
                        {"step_index", e.step},
                        {"generation", e.generation},
                        {"due_at_ms", e.due_at_ms},
                        {"deadline_ms", status.deadline_ms ? json(*status.deadline_ms) : json(nullptr)},
                        {"left_ms", status.left_ms},
                        {"first_owner", state.first_owner},
                        {"assignee", state.assignee},
                        {"employees", e.employees},
                        {"roles", e.roles},
                        {"unresolved", e.unresolved},
                        {"created_at_ms", now_ms}}
                       .dump();
  return n;
}

}  // namespace

SlaCheckSummary check_sla(store::Store& store, const config::Config& config, int64_t now_ms,
                          const std::string& completes_job, const LogFn& log) {
  store::ComplaintsRepository& repo = complaints::repository_of(store);
  const auto shared_setup = store::shared_complaint_setup(config);
  const store::ComplaintSetup& setup = *shared_setup;
  std::optional<cc::OrgFacts> org;  // read once something is due: most checks find nothing
  SlaCheckSummary summary;
  std::optional<std::pair<int64_t, std::string>> after;
  bool completed = false;
  while (!completed) {
    std::vector<int64_t> due_ms;
    std::vector<store::StoredComplaint> chunk = repo.due(now_ms, after, kChunk, &due_ms);
    completed = chunk.size() < kChunk;
    if (!chunk.empty()) after = std::make_pair(due_ms.back(), chunk.back().complaint_id);
    if (!chunk.empty() && !org) org = repo.org_facts();
    const cc::Calendars calendars = complaints::calendars_for(repo, setup, chunk);
    std::vector<store::SlaWrite> writes;
    for (const store::StoredComplaint& c : chunk) {
      ++summary.complaints;
      try {
        const cc::Ledger ledger = c.ledger();
        const int64_t at = std::max(now_ms, ledger.back().at_ms);
        const cc::ComplaintState state = cc::replay(ledger);
        const std::vector<cc::Clock> clocks = cc::clocks_of(ledger, calendars);
        store::SlaWrite w;
        w.complaint_id = c.complaint_id;
        w.expected_last_seq = c.last_seq();
        for (const cc::Escalation& e : cc::due_escalations(c.complaint_id, state, clocks, setup.chain, *org, at))
          w.notifications.push_back(notification_of(e, state, clocks, setup.chain, at));
        w.next_due_ms = cc::next_due_ms(clocks, setup.chain, at, at);
        writes.push_back(std::move(w));
      } catch (const Error& e) {
        // One complaint's missing calendar version must not hold up every other complaint's escalations.
        if (log) log(core::LogLevel::error, "SLA check: complaint '" + c.complaint_id + "' skipped: " + e.what());
      }
    }
    const store::SlaWriteResult r = repo.write_sla(writes, now_ms, completed ? completes_job : std::string());
    summary.warnings += r.warnings;
    summary.breaches += r.breaches;
  }
  return summary;
}

PeriodicJob sla_check_job() {
  PeriodicJob job;
  job.name = kSlaJob;
  job.permission = kComplaintsTick;
  job.every_ms = [](const config::Config& c) { return c.complaints.check_every_minutes * int64_t{60000}; };
  job.run = [](const JobContext& c, TickResult& result) {
    const SlaCheckSummary s = check_sla(c.store, c.config, c.now_ms, kSlaJob, c.log);
    if (c.log && (s.warnings > 0 || s.breaches > 0))
      c.log(core::LogLevel::info, "SLA check: " + std::to_string(s.complaints) + " complaints due, " +
                                      std::to_string(s.warnings) + " warnings, " + std::to_string(s.breaches) +
                                      " breaches");
    result.sla = s;
  };
  return job;
}

}  // namespace kam::app
