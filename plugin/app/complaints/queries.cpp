// queries.cpp - the read-only complaint queries of kam/complaints.h: an employee's queue, an
// account's complaints and one complaint's timeline, each derived from the ledgers at the host's
// now, with who may see what applied here (the ABI checked the base permission).
#include <algorithm>

#include "app/complaints/derived.hpp"
#include "core/error.hpp"

namespace kam::app {

namespace cc = core::complaints;
using complaints::Derived;
using nlohmann::json;

namespace {

uint32_t checked_limit(uint32_t limit) {
  if (limit == 0) return 100;
  if (limit > 1000)
    throw Error(Status::invalid_argument, "limit: " + std::to_string(limit) + " is over 1000 (0 means 100)");
  return limit;
}

std::vector<store::StoredComplaint> read(store::ComplaintsRepository& repo, const store::ComplaintScan& scan) {
  std::vector<store::StoredComplaint> out;
  repo.scan(scan, [&](store::StoredComplaint&& c) { out.push_back(std::move(c)); });
  return out;
}

json optional_json(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

// `warning_bp`: the fractions of the target in force, in the order of c.warnings.
json clock_json(const cc::ClockStatus& c, const std::vector<int32_t>& warning_bp) {
  json warnings = json::array();
  for (std::size_t i = 0; i < c.warnings.size(); ++i)
    warnings.push_back({{"bp", i < warning_bp.size() ? warning_bp[i] : 0},
                        {"reached_at_ms", c.warnings[i] ? json(c.warnings[i]->at_ms) : json(nullptr)}});
  return json{{"clock", std::string(cc::clock_name(c.kind))},
              {"target_ms", c.target_ms},
              {"generation", c.generation},
              {"active", c.active},
              {"paused", c.paused},
              {"stopped_at_ms", optional_json(c.stopped_at_ms)},
              {"elapsed_ms", c.elapsed_ms},
              {"paused_ms", c.paused_ms},
              {"left_ms", c.target_ms > 0 ? json(c.left_ms) : json(nullptr)},
              {"deadline_ms", optional_json(c.deadline_ms)},
              {"breached_at_ms", c.breached ? json(c.breached->at_ms) : json(nullptr)},
              {"breach_by_ms", c.breach_by_ms},
              {"warnings", warnings}};
}

}  // namespace

std::string complaint_queue_json(store::Store& store, const config::Config& config, const ComplaintQueryContext& context,
                                 const std::string& employee_id, uint32_t limit) {
  limit = checked_limit(limit);
  store::ComplaintsRepository& repo = complaints::repository_of(store);
  const complaints::Viewer viewer = complaints::viewer_of(repo, context);
  if (employee_id != viewer.user_id && !viewer.all) {
    const auto employee = viewer.department ? repo.employee(employee_id) : std::nullopt;
    if (!employee || viewer.own_department.empty() || employee->department != viewer.own_department)
      throw Error(Status::permission, "complaints queue of '" + employee_id + "': '" + viewer.user_id +
                                          "' may see only their own queue" +
                                          (viewer.department ? " and those of their department's employees" : ""));
  }
  const auto shared_setup = store::shared_complaint_setup(config);
  const store::ComplaintSetup& setup = *shared_setup;
  store::ComplaintScan scan;
  scan.employee_id = employee_id;
  scan.phases = store::ComplaintScan::Phases::open;
  cc::Calendars calendars;
  const std::vector<Derived> derived = complaints::derive(repo, setup, read(repo, scan), context.now_ms, &calendars);
  std::vector<const Derived*> items;
  for (const Derived& d : derived)
    if (d.record.state.phase == cc::Phase::open) items.push_back(&d);
  complaints::sort_items(items, employee_id);
  json list = json::array();
  std::string zone = config.business.time_zone;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    const std::string item_zone =
        complaints::time_zone_of(items[i]->record.state, calendars, config.business.time_zone);
    if (i == 0) zone = item_zone;
    list.push_back(complaints::item_json(*items[i], employee_id, item_zone));
  }
  return json{{"employee_id", employee_id},
              {"now_ms", context.now_ms},
              {"time_zone", zone},
              {"complaints", list},
              {"truncated", items.size() > limit}}
      .dump();
}

std::string account_complaints_json(store::Store& store, const config::Config& config,
                                    const ComplaintQueryContext& context, const std::string& account_id,
                                    bool include_closed, uint32_t limit) {
  limit = checked_limit(limit);
  store::ComplaintsRepository& repo = complaints::repository_of(store);
  const auto account = repo.account(account_id);
  if (!account) throw Error(Status::not_found, "account '" + account_id + "' is unknown");
  complaints::Viewer viewer = complaints::viewer_of(repo, context);
  const bool manages = !account->account_manager_id.empty() && account->account_manager_id == viewer.user_id;
  const auto shared_setup = store::shared_complaint_setup(config);
  const store::ComplaintSetup& setup = *shared_setup;
  store::ComplaintScan scan;
  scan.account_id = account_id;
  scan.phases = store::ComplaintScan::Phases::open;
  cc::Calendars calendars;
  const std::vector<Derived> open = complaints::derive(repo, setup, read(repo, scan), context.now_ms, &calendars);
  std::vector<Derived> done;
  if (include_closed) {
    scan.phases = store::ComplaintScan::Phases::done;
    scan.limit = limit;
    done = complaints::derive(repo, setup, read(repo, scan), context.now_ms, &calendars);
  }
  const auto visible = [&](const Derived& d) { return manages || complaints::sees(viewer, d); };
  std::vector<const Derived*> open_items, done_items;
  for (const Derived& d : open)
    if (visible(d)) open_items.push_back(&d);
  for (const Derived& d : done)
    if (visible(d)) done_items.push_back(&d);
  if (open_items.empty() && done_items.empty() && !(open.empty() && done.empty()))
    throw Error(Status::permission, "complaints of account '" + account_id + "': '" + viewer.user_id +
                                        "' neither manages the account nor owns, works on or (by department) sees "
                                        "any of them");
  complaints::sort_items(open_items, viewer.user_id);
  std::sort(done_items.begin(), done_items.end(), [](const Derived* a, const Derived* b) {
    if (a->record.state.received_at_ms != b->record.state.received_at_ms)
      return a->record.state.received_at_ms > b->record.state.received_at_ms;
    return a->stored.complaint_id < b->stored.complaint_id;
  });
  const auto items = [&](const std::vector<const Derived*>& list, std::size_t max) {
    json out = json::array();
    for (std::size_t i = 0; i < list.size() && i < max; ++i)
      out.push_back(complaints::item_json(
          *list[i], viewer.user_id, complaints::time_zone_of(list[i]->record.state, calendars, config.business.time_zone)));
    return out;
  };
  int64_t breached = 0;
  for (const Derived* d : open_items)
    if (d->record.first_response.breached || d->record.resolution.breached) ++breached;
  json out{{"account_id", account_id},
           {"now_ms", context.now_ms},
           {"open", items(open_items, limit)},
           {"open_count", static_cast<int64_t>(open_items.size())},
           {"breached_open_count", breached}};
  if (include_closed) out["closed"] = items(done_items, limit);
  return out.dump();
}

std::string complaint_timeline_json(store::Store& store, const config::Config& config,
                                    const ComplaintQueryContext& context, const std::string& complaint_id) {
  store::ComplaintsRepository& repo = complaints::repository_of(store);
  std::optional<store::StoredComplaint> stored = repo.complaint(complaint_id);
  if (!stored) throw Error(Status::not_found, "complaint '" + complaint_id + "' is unknown");
  const auto shared_setup = store::shared_complaint_setup(config);
  const store::ComplaintSetup& setup = *shared_setup;
  std::vector<store::StoredComplaint> one;
  one.push_back(std::move(*stored));
  cc::Calendars calendars;
  const std::vector<Derived> derived = complaints::derive(repo, setup, std::move(one), context.now_ms, &calendars);
  const Derived& d = derived.front();
  const complaints::Viewer viewer = complaints::viewer_of(repo, context);
  if (!complaints::sees(viewer, d))
    throw Error(Status::permission, "complaint '" + complaint_id + "': '" + viewer.user_id +
                                        "' neither owns, works on nor manages its account" +
                                        (viewer.department ? ", and it is not in their department" : ""));
  const cc::ComplaintState& s = d.record.state;
  const std::vector<int32_t> warning_bp = s.target ? s.target->warning_bp : std::vector<int32_t>();
  json ledger = json::array();
  for (const store::StoredEntry& e : d.stored.entries) {
    const cc::LedgerEntry& l = e.entry;
    ledger.push_back({{"seq", e.seq},
                      {"at_ms", l.at_ms},
                      {"kind", std::string(cc::entry_kind_name(l.kind))},
                      {"who", l.who},
                      {"to_employee", l.to},
                      {"to_department", l.to_department},
                      {"priority", l.priority},
                      {"counts", l.counts},
                      {"calendar", l.kind == cc::EntryKind::target_set ? l.target.calendar : l.calendar},
                      {"event_id", e.event_id}});
  }
  json escalations = json::array();
  for (const store::SlaNotification& n : repo.escalations_of(complaint_id)) {
    json payload = json::parse(n.payload_json, nullptr, false);
    if (payload.is_discarded()) payload = json::object();
    escalations.push_back({{"key", n.key},
                           {"kind", n.kind == cc::NotifyKind::breach ? "breach" : "warning"},
                           {"clock", n.clock},
                           {"step", n.step},
                           {"generation", n.generation},
                           {"due_at_ms", n.due_at_ms},
                           {"created_at_ms", payload.value("created_at_ms", int64_t{0})},
                           {"employees", payload.value("employees", json::array())},
                           {"roles", payload.value("roles", json::array())},
                           {"unresolved", payload.value("unresolved", json::array())}});
  }
  return json{{"complaint_id", complaint_id},
              {"account_id", s.account_id},
              {"account_name", d.stored.account_name},
              {"tier", s.tier},
              {"priority", s.priority},
              {"phase", complaints::phase_name(s)},
              {"first_owner", s.first_owner},
              {"assignee", s.assignee},
              {"department", s.department},
              {"received_at_ms", s.received_at_ms},
              {"now_ms", context.now_ms},
              {"calendar", complaints::calendar_of(s)},
              {"time_zone", complaints::time_zone_of(s, calendars, config.business.time_zone)},
              {"clocks", json::array({clock_json(d.record.first_response, warning_bp),
                                      clock_json(d.record.resolution, warning_bp)})},
              {"ledger", ledger},
              {"escalations", escalations}}
      .dump();
}

}  // namespace kam::app
