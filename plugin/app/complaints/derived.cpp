// derived.cpp - records at now, visibility and the queue item JSON; see derived.hpp.
#include "app/complaints/derived.hpp"

#include <algorithm>
#include <set>

#include "core/complaints/queue.hpp"

namespace kam::app::complaints {

namespace cc = core::complaints;
using nlohmann::json;

store::ComplaintsRepository& repository_of(store::Store& store) { return store.complaints(); }

core::complaints::Calendars calendars_for(store::ComplaintsRepository& repo, const store::ComplaintSetup& setup,
                                          const std::vector<store::StoredComplaint>& complaints) {
  cc::Calendars out;
  std::set<std::string> missing;
  for (const store::StoredComplaint& c : complaints)
    for (const store::StoredEntry& e : c.entries) {
      const std::string& key = e.entry.kind == cc::EntryKind::target_set ? e.entry.target.calendar_key
                               : e.entry.kind == cc::EntryKind::calendar_changed ? e.entry.calendar_key
                                                                                 : std::string();
      if (key.empty() || out.count(key)) continue;
      if (const auto found = setup.calendars.find(key); found != setup.calendars.end())
        out.emplace(key, found->second);
      else
        missing.insert(key);
    }
  if (!missing.empty()) out.merge(repo.calendars(missing));
  return out;
}

std::vector<Derived> derive(store::ComplaintsRepository& repo, const store::ComplaintSetup& setup,
                            std::vector<store::StoredComplaint> complaints, int64_t now_ms,
                            cc::Calendars* calendars_out) {
  const cc::Calendars calendars = calendars_for(repo, setup, complaints);
  std::vector<Derived> out;
  out.reserve(complaints.size());
  for (store::StoredComplaint& c : complaints) {
    const cc::Ledger ledger = c.ledger();
    // The host clock may be behind the last step; a record is derived at or after it.
    const int64_t at = std::max(now_ms, ledger.empty() ? now_ms : ledger.back().at_ms);
    cc::ComplaintRecord record = cc::derive_record(c.complaint_id, ledger, calendars, at);
    out.push_back({std::move(c), std::move(record)});
  }
  if (calendars_out) calendars_out->insert(calendars.begin(), calendars.end());
  return out;
}

Viewer viewer_of(store::ComplaintsRepository& repo, const ComplaintQueryContext& context) {
  Viewer v;
  v.user_id = context.actor.user_id;
  v.all = context.access.allows(context.actor, kComplaintsReadAll);
  v.department = context.access.allows(context.actor, kComplaintsReadDepartment);
  if (v.department && !v.all)
    if (const auto me = repo.employee(v.user_id)) v.own_department = me->department;
  return v;
}

bool sees(const Viewer& v, const Derived& c) {
  if (v.all) return true;
  const cc::ComplaintState& s = c.record.state;
  if (s.first_owner == v.user_id || s.assignee == v.user_id) return true;
  if (!c.stored.account_manager_id.empty() && c.stored.account_manager_id == v.user_id) return true;
  return v.department && !v.own_department.empty() &&
         (s.owner_department == v.own_department || s.department == v.own_department);
}

const char* phase_name(const cc::ComplaintState& s) {
  switch (s.phase) {
    case cc::Phase::open: return s.waiting_on_customer ? "waiting" : "open";
    case cc::Phase::resolved: return "resolved";
    case cc::Phase::closed: return "closed";
    case cc::Phase::none: break;
  }
  return "open";
}

std::string calendar_of(const cc::ComplaintState& s) { return s.target ? s.target->calendar : ""; }

std::string time_zone_of(const cc::ComplaintState& s, const cc::Calendars& calendars, const std::string& default_zone) {
  if (!s.target) return default_zone;
  const auto found = calendars.find(s.target->calendar_key);
  return found == calendars.end() ? default_zone : found->second.definition().time_zone;
}

namespace {

json optional_ms(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json item_json(const Derived& c, const std::string& employee_id, const std::string& time_zone) {
  const cc::ComplaintState& s = c.record.state;
  const cc::QueueItem q = cc::queue_item(c.record, employee_id);
  const cc::ClockStatus& clock = q.clock == cc::ClockKind::first_response ? c.record.first_response : c.record.resolution;
  bool warning = false;
  for (const auto& w : clock.warnings) warning = warning || w.has_value();
  return json{{"complaint_id", c.stored.complaint_id},
              {"account_id", s.account_id},
              {"account_name", c.stored.account_name},
              {"tier", s.tier},
              {"priority", s.priority},
              {"phase", phase_name(s)},
              {"first_owner", s.first_owner},
              {"assignee", s.assignee},
              {"department", s.department},
              {"received_at_ms", s.received_at_ms},
              {"owner", q.owner},
              {"assignee_is_employee", q.assignee},
              {"clock", std::string(cc::clock_name(q.clock))},
              {"has_target", q.has_target},
              {"paused", q.paused},
              {"deadline_ms", q.has_target ? optional_ms(q.deadline_ms) : json(nullptr)},
              {"left_ms", q.has_target ? json(q.left_ms) : json(nullptr)},
              {"warning", warning},
              {"breached", clock.breached.has_value()},
              {"calendar", calendar_of(s)},
              {"time_zone", time_zone}};
}

json account_card_complaints(store::Store& store, const config::Config& config, const std::string& account_id,
                            int64_t now_ms) {
  store::ComplaintsRepository& repo = repository_of(store);
  store::ComplaintScan scan;
  scan.account_id = account_id;
  scan.phases = store::ComplaintScan::Phases::open;
  std::vector<store::StoredComplaint> stored;
  repo.scan(scan, [&](store::StoredComplaint&& c) { stored.push_back(std::move(c)); });
  cc::Calendars calendars;
  const std::vector<Derived> open = derive(repo, *store::shared_complaint_setup(config), std::move(stored), now_ms, &calendars);
  std::vector<const Derived*> items;
  int64_t breached = 0;
  for (const Derived& d : open) {
    items.push_back(&d);
    if (d.record.first_response.breached || d.record.resolution.breached) ++breached;
  }
  sort_items(items, "");
  json list = json::array();
  for (std::size_t i = 0; i < items.size() && i < 5; ++i)
    list.push_back(item_json(*items[i], "", time_zone_of(items[i]->record.state, calendars, config.business.time_zone)));
  return json{{"open_count", static_cast<int64_t>(items.size())}, {"breached_open_count", breached}, {"open", list}};
}

void sort_items(std::vector<const Derived*>& items, const std::string& employee_id) {
  std::vector<cc::QueueItem> order;
  order.reserve(items.size());
  for (const Derived* d : items) order.push_back(cc::queue_item(d->record, employee_id));
  cc::sort_queue(order);
  std::map<std::string, const Derived*> by_id;
  for (const Derived* d : items) by_id.emplace(d->stored.complaint_id, d);
  for (std::size_t i = 0; i < order.size(); ++i) items[i] = by_id.at(order[i].complaint_id);
}

}  // namespace kam::app::complaints
