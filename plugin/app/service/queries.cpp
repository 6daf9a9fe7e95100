// queries.cpp - the read-only service queries of kam/service.h: an employee's queue (optionally
// with the complaint queue merged in by time to deadline), an account's requests, one request's
// timeline, and the account card's service member. Who may see what is applied here (the ABI
// checked the base permission), as for complaints.
#include <algorithm>

#include "app/complaints/complaints.hpp"
#include "app/service/items.hpp"
#include "app/service/service.hpp"
#include "core/error.hpp"

namespace kam::app {

using nlohmann::json;

namespace {

uint32_t checked_limit(uint32_t limit) {
  if (limit == 0) return 100;
  if (limit > 1000)
    throw Error(Status::invalid_argument, "limit: " + std::to_string(limit) + " is over 1000 (0 means 100)");
  return limit;
}

struct Viewer {
  std::string user_id;
  bool all = false, department = false;
  std::string own_department;
};

Viewer viewer_of(store::Store& store, const ServiceQueryContext& context) {
  Viewer v;
  v.user_id = context.actor.user_id;
  v.all = context.access.allows(context.actor, kServiceReadAll);
  v.department = context.access.allows(context.actor, kServiceReadDepartment);
  if (v.department && !v.all)
    if (const auto me = store.complaints().employee(v.user_id)) v.own_department = me->department;
  return v;
}

bool in_department(store::Store& store, const Viewer& v, const std::string& employee_id) {
  if (!v.department || v.own_department.empty() || employee_id.empty()) return false;
  const auto e = store.complaints().employee(employee_id);
  return e && e->department == v.own_department;
}

// Items by business time left (overdue first, most overdue first), those without a deadline last.
void sort_by_left(std::vector<json>& items) {
  std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
    const bool an = a["left_ms"].is_null(), bn = b["left_ms"].is_null();
    if (an != bn) return bn;
    return !an && a["left_ms"].get<int64_t>() < b["left_ms"].get<int64_t>();
  });
}

}  // namespace

std::string service_queue_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                               const std::string& employee_id, bool with_complaints, uint32_t limit) {
  limit = checked_limit(limit);
  const Viewer viewer = viewer_of(store, context);
  if (employee_id != viewer.user_id && !viewer.all && !in_department(store, viewer, employee_id))
    throw Error(Status::permission, "service queue of '" + employee_id + "': '" + viewer.user_id +
                                        "' may see only their own queue" +
                                        (viewer.department ? " and those of their department's employees" : ""));
  std::vector<json> items;
  for (const store::ServiceCurrent& r : store.service().queue(employee_id, limit))
    items.push_back(service::item_json(r, config, context.now_ms));
  bool complaints_included = false;
  if (with_complaints) {
    const ComplaintQueryContext cq{context.actor, context.access, context.now_ms};
    try {
      const json complaints = json::parse(complaint_queue_json(store, config, cq, employee_id, limit));
      for (json item : complaints["complaints"]) {
        item["type"] = "complaint";
        items.push_back(std::move(item));
      }
      complaints_included = true;
    } catch (const Error& e) {
      if (e.status() != Status::permission) throw;  // no complaint permission: service items only
    }
  }
  sort_by_left(items);
  const bool truncated = items.size() > limit;
  if (truncated) items.resize(limit);
  return json{{"employee_id", employee_id},
              {"now_ms", context.now_ms},
              {"time_zone", items.empty() ? config.business.time_zone : items.front()["time_zone"].get<std::string>()},
              {"items", items},
              {"complaints_included", complaints_included},
              {"truncated", truncated}}
      .dump();
}

std::string account_requests_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                                  const std::string& account_id, bool include_closed, uint32_t limit) {
  limit = checked_limit(limit);
  const auto account = store.service().account(account_id);
  if (!account) throw Error(Status::not_found, "account '" + account_id + "' is unknown");
  const Viewer viewer = viewer_of(store, context);
  if (!viewer.all && account->second != viewer.user_id && !in_department(store, viewer, account->second))
    throw Error(Status::permission, "service requests of account '" + account_id + "': '" + viewer.user_id +
                                        "' is not its manager" +
                                        (viewer.department ? " nor in its manager's department" : ""));
  json open = json::array(), closed = json::array();
  for (const store::ServiceCurrent& r : store.service().account_requests(account_id, include_closed, limit))
    (r.open ? open : closed).push_back(service::item_json(r, config, context.now_ms));
  const auto counts = store.service().account_counts(account_id, context.now_ms);
  json out{{"account_id", account_id},  {"account_name", account->first}, {"now_ms", context.now_ms}, {"open", open},
           {"open_count", counts.open}, {"overdue_count", counts.overdue}};
  if (include_closed) out["closed"] = closed;
  return out.dump();
}

std::string service_request_json(store::Store& store, const config::Config& config, const ServiceQueryContext& context,
                                 const std::string& request_id) {
  const auto record = store.service().request(request_id);
  if (!record) throw Error(Status::not_found, "service request '" + request_id + "' is unknown");
  const store::ServiceCurrent& c = record->current;
  const Viewer viewer = viewer_of(store, context);
  const auto account = store.service().account(c.account_id);
  const std::string manager = account ? account->second : std::string();
  if (!viewer.all && c.assignee != viewer.user_id && manager != viewer.user_id &&
      !in_department(store, viewer, c.assignee))
    throw Error(Status::permission, "service request '" + request_id + "': '" + viewer.user_id +
                                        "' is neither its assignee nor its account's manager");
  json out = service::item_json(c, config, context.now_ms);
  out["now_ms"] = context.now_ms;
  out["account_name"] = account ? account->first : "";
  json ledger = json::array();
  for (const store::ServiceEntry& e : record->ledger) {
    json details = json::parse(e.details_json.empty() ? "{}" : e.details_json, nullptr, false);
    ledger.push_back({{"seq", e.seq},
                      {"at_ms", e.at_ms},
                      {"kind", e.kind},
                      {"who", e.who},
                      {"state", e.state},
                      {"assignee", e.assignee},
                      {"deadline_ms", e.deadline_ms ? json(*e.deadline_ms) : json(nullptr)},
                      {"event_id", e.event_id},
                      {"details", details.is_discarded() ? json::object() : details}});
  }
  json notifications = json::array();
  for (const store::ServiceNotification& n : record->notifications) {
    json payload = json::parse(n.payload_json, nullptr, false);
    notifications.push_back(
        {{"key", n.key},
         {"kind", n.kind},
         {"state", n.state},
         {"step", n.step},
         {"due_at_ms", n.due_at_ms},
         {"employees", payload.is_discarded() ? json::array() : payload.value("employees", json::array())},
         {"roles", payload.is_discarded() ? json::array() : payload.value("roles", json::array())}});
  }
  out["ledger"] = ledger;
  out["notifications"] = notifications;
  return out.dump();
}

json account_card_service(store::Store& store, const config::Config& config, const std::string& account_id,
                          int64_t now_ms) {
  json open = json::array();
  for (const store::ServiceCurrent& r : store.service().account_requests(account_id, false, 5))
    open.push_back(service::item_json(r, config, now_ms));
  const auto counts = store.service().account_counts(account_id, now_ms);
  return json{{"open_count", counts.open}, {"overdue_count", counts.overdue}, {"open", open}};
}

}  // namespace kam::app
