// service_fixture.hpp - what the service workflow host suites share (ABI 1.4 through the real .so):
// the complaint suites' fixture (config/kam.example.yaml as shipped, its china-office calendar and
// its service section: key-account workflow for gold and platinum, standard for the rest, pools
// senior (least_open) and standard (round_robin)), plus service request steps, accounts with or
// without a manager, and the service notifications written since the last look.
#pragma once

#include <string>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::service {

using namespace kam::host_test::complaints;  // NOLINT: the fixture's vocabulary

struct Request {
  std::string event_id, request_id, account_id, employee, state, assignee;
  int64_t at_ms = 0;
  kam_service_action action = KAM_SERVICE_OPENED;

  kam_event_service_request c_struct() const {
    kam_event_service_request e{};
    e.header = {sizeof e, KAM_EVENT_SERVICE_REQUEST, event_id.c_str(), at_ms};
    e.request_id = request_id.c_str();
    e.account_id = account_id.empty() ? nullptr : account_id.c_str();
    e.action = action;
    e.state = state.empty() ? nullptr : state.c_str();
    e.employee_id = employee.c_str();
    e.assignee_id = assignee.empty() ? nullptr : assignee.c_str();
    return e;
  }
};

class ServiceHostTest : public ComplaintsHostTest {
 protected:
  kam::host::Service service() { return instance().service(); }

  std::string send(const Request& r, bool expect_rejected = false) {
    const kam_event_service_request e = r.c_struct();
    return ingest(instance(), e.header, expect_rejected);
  }
  std::string open(const std::string& id, const std::string& account, int64_t at) {
    return send({"open-" + id, id, account, "am-01", "", "", at, KAM_SERVICE_OPENED});
  }
  std::string move(const std::string& id, const std::string& to, const std::string& who, int64_t at,
                   bool expect_rejected = false) {
    return send({"move-" + id + "-" + to + "-" + who + "-" + std::to_string(at), id, "", who, to, "", at,
                 KAM_SERVICE_STATE_CHANGED},
                expect_rejected);
  }

  // An account with this manager ("" none); `order_minor` > 0 posts an order (20% margin) and
  // evaluates its tier at the current host clock.
  void account_with(const std::string& id, const std::string& manager, int64_t order_minor = 0) {
    const std::string event_id = "acc-" + id, name = "Account " + id;
    kam_event_account a{};
    a.header = {sizeof a, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), cst(1, 5, 9)};
    a.account_id = id.c_str();
    a.name = name.c_str();
    a.account_manager_id = manager.empty() ? nullptr : manager.c_str();
    ingest(instance(), a.header);
    if (order_minor == 0) return;
    const std::string order_event = "ord-" + id, order = "SO-" + id;
    kam_event_order o{};
    o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, order_event.c_str(), cst(1, 6, 10)};
    o.order_id = order.c_str();
    o.account_id = id.c_str();
    o.amount.minor_units = order_minor;
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = order_minor / 5;
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest(instance(), o.header);
    instance().evaluate_tiers(kAdmin, id);
  }
  std::string tier_of(const std::string& account) {
    return json::parse(instance().account_card(kAdmin, account)).at("tier").at("name").get<std::string>();
  }

  // The service notifications (KAM_NOTIFY_SERVICE_*) written since the last call, oldest first.
  std::vector<json> new_service_notifications(const Instance& on) {
    std::vector<json> out;
    for (;;) {
      const json pending = json::parse(on.notifications_poll(kAdmin, 1000));
      if (pending.empty()) break;
      std::vector<int64_t> ids;
      for (const json& n : pending) {
        ids.push_back(n.at("id").get<int64_t>());
        const int kind = n.at("kind").get<int>();
        if (kind == KAM_NOTIFY_SERVICE_DEADLINE || kind == KAM_NOTIFY_SERVICE_UNROUTED) out.push_back(n);
      }
      on.notifications_ack(kAdmin, ids);
    }
    return out;
  }
  std::vector<json> new_service_notifications() { return new_service_notifications(instance()); }

  json request_json(const std::string& id) { return json::parse(service().show(kAdmin, id)); }
  std::vector<std::string> queue_ids(const std::string& employee) {
    std::vector<std::string> ids;
    const json q = json::parse(service().queue(kAdmin, employee));
    for (const json& item : q.at("items")) ids.push_back(item.at("request_id").get<std::string>());
    return ids;
  }
};

}  // namespace kam::host_test::service
