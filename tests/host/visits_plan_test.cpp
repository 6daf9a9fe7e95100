// visits_plan_test.cpp - customer-visit plans (ABI 1.4, kam/visits.h) through the real .so, on both
// backends, on config/kam.example.yaml as shipped (gold every 90 days, platinum every 30, due 7 days
// ahead, no grace, Asia/Shanghai days): "due" and "overdue" raised exactly once each per due date
// by the tick, to the manager and then also the manager's manager; a planned visit does not satisfy
// the plan, a completed one does; an upgrade brings the next visit forward; two hosts ticking at the
// same instants write each alert once; the queries (visits due, an account's plan, KPIs, the card)
// and their permissions.
#include <barrier>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

class VisitsPlanTest : public ComplaintsHostTest {
 protected:
  kam::host::Visits visits() { return instance().visits(); }

  void visit(const std::string& event_id, const std::string& account, kam_visit_status status, int64_t at,
             int64_t planned_for = 0) {
    const std::string id = "V-" + event_id;
    kam_event_visit v{};
    v.header = {sizeof v, KAM_EVENT_VISIT, event_id.c_str(), at};
    v.visit_id = id.c_str();
    v.account_id = account.c_str();
    v.employee_id = "e-ann";
    v.status = status;
    v.planned_for_ms = planned_for;
    ingest(instance(), v.header);
  }
  // The tick at `now` (the plan check runs at most hourly: every call here is a later hour).
  kam_tick_result tick_at(int64_t now, const Instance* on = nullptr) {
    at(now);
    const kam_tick_result r = (on ? *on : instance()).tick(kAdmin);
    EXPECT_EQ(r.visits_ran, 1u) << cst_text(now);
    return r;
  }
  // The visit notifications' payloads written since the last call (polled and acknowledged).
  std::vector<json> new_visit_notifications(const Instance& on) {
    std::vector<json> out;
    for (const json& n : new_notifications(on, {KAM_NOTIFY_VISIT_DUE})) out.push_back(n.at("payload"));
    return out;
  }
  std::vector<json> new_visit_notifications() { return new_visit_notifications(instance()); }
  // Makes a gold account platinum: revenue 6,000,000.00 CNY at 20% (the example's platinum rule).
  void upgrade_to_platinum(const std::string& id) {
    const std::string event = "ord2-" + id, order = "SO2-" + id;
    kam_event_order o{};
    o.header = {sizeof o, KAM_EVENT_ORDER_POSTED, event.c_str(), clock_.load() - kHour};
    o.order_id = order.c_str();
    o.account_id = id.c_str();
    o.amount.minor_units = 400'000'000;
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = 80'000'000;
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest(instance(), o.header);
    instance().evaluate_tiers(kAdmin, id);
    ASSERT_EQ(json::parse(instance().account_card(kAdmin, id)).at("tier").at("name"), "platinum");
  }
  std::string visit_count_sql() const { return "SELECT COUNT(*) FROM notifications WHERE kind = 5"; }
};

// Gold since 2026-01-06 (the first evaluation, after the order), never visited: due 2026-04-06,
// "due" from 03-30 00:00, "overdue" from 04-07 00:00 (China time).
TEST_P(VisitsPlanTest, DueAndOverdueAreRaisedExactlyOnceEach) {
  org();
  at(cst(1, 6, 11));
  account("G-1", true);
  // A planned visit does not satisfy the plan.
  visit("plan-1", "G-1", KAM_VISIT_PLANNED, cst(3, 1, 9), cst(5, 1, 9));

  EXPECT_EQ(tick_at(cst(3, 29, 23)).visits_due, 0u);
  EXPECT_TRUE(new_visit_notifications().empty());

  const kam_tick_result due = tick_at(cst(3, 30, 0, 30));
  EXPECT_EQ(due.visits_due, 1u);
  EXPECT_EQ(due.visits_overdue, 0u);
  std::vector<json> sent = new_visit_notifications();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("key"), "VISIT/G-1/2026-04-06/due");
  EXPECT_EQ(sent[0].at("level"), "due");
  EXPECT_EQ(sent[0].at("due_date"), "2026-04-06");
  EXPECT_EQ(sent[0].at("tier"), "gold");
  EXPECT_EQ(sent[0].at("cadence_days"), 90);
  EXPECT_TRUE(sent[0].at("last_visit_at_ms").is_null());
  EXPECT_EQ(sent[0].at("employees"), json::array({"e-ann"}));

  EXPECT_EQ(tick_at(cst(3, 31, 10)).visits_due, 0u);
  EXPECT_EQ(tick_at(cst(4, 1, 10)).visits_due, 0u);
  EXPECT_EQ(tick_at(cst(4, 6, 23)).visits_overdue, 0u);  // the due date itself is not overdue
  EXPECT_TRUE(new_visit_notifications().empty());

  const kam_tick_result overdue = tick_at(cst(4, 7, 0, 30));
  EXPECT_EQ(overdue.visits_due, 0u);
  EXPECT_EQ(overdue.visits_overdue, 1u);
  sent = new_visit_notifications();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("key"), "VISIT/G-1/2026-04-06/overdue");
  EXPECT_EQ(sent[0].at("employees"), json::array({"e-ann", "m-lee"}));  // and the manager's manager
  EXPECT_EQ(tick_at(cst(4, 8, 10)).visits_overdue, 0u);
  EXPECT_EQ(tick_at(cst(4, 9, 10)).visits_overdue, 0u);
  EXPECT_EQ(scalar(visit_count_sql()), "2");

  // The queries and the card see it overdue.
  kam::host::VisitsDueQuery overdue_only;
  overdue_only.overdue_only = true;
  const json due_list = json::parse(visits().due(kAdmin, overdue_only));
  ASSERT_EQ(due_list.at("visits").size(), 1u) << due_list;
  EXPECT_EQ(due_list.at("visits")[0].at("account_id"), "G-1");
  EXPECT_EQ(due_list.at("visits")[0].at("level"), "overdue");
  EXPECT_EQ(due_list.at("visits")[0].at("days_overdue"), 3);
  const json card = json::parse(instance().account_card(kAdmin, "G-1")).at("visits");
  EXPECT_EQ(card.at("cadence_days"), 90);
  EXPECT_EQ(card.at("due_date"), "2026-04-06");
  EXPECT_EQ(card.at("overdue"), true);

  // A completed visit moves the plan on: due 90 days after it; the missed due date counts late.
  visit("done-1", "G-1", KAM_VISIT_COMPLETED, cst(4, 10, 15));
  const json plan = json::parse(visits().account(kAdmin, "G-1")).at("plan");
  EXPECT_EQ(plan.at("due_date"), "2026-07-09");
  EXPECT_EQ(plan.at("level"), "upcoming");
  EXPECT_EQ(json::parse(visits().due(kAdmin, overdue_only)).at("visits").size(), 0u);
  tick_at(cst(4, 10, 16));
  EXPECT_TRUE(new_visit_notifications().empty());
  const json kpis = json::parse(visits().kpis(kAdmin, KAM_VISIT_KPI_BY_TIER, cst(1, 1, 0), cst(7, 1, 0)));
  EXPECT_EQ(kpis.at("total").at("due"), 1) << kpis;
  EXPECT_EQ(kpis.at("total").at("late"), 1);
  EXPECT_EQ(kpis.at("total").at("compliance_bp"), 0);
  ASSERT_EQ(kpis.at("rows").size(), 1u);
  EXPECT_EQ(kpis.at("rows")[0].at("group"), "gold");
  // The churn signal reads the same last visit.
  at(cst(4, 20, 10));
  const json card2 = json::parse(instance().account_card(kAdmin, "G-1"));
  EXPECT_EQ(card2.at("visits").at("last_visit_at_ms"), cst(4, 10, 15));
}

// Gold since 01-06 (due 04-06); platinum from 01-20: the plan follows with 30 days from the same
// start, due 02-05 ("due" from 01-29, overdue from 02-06), and a visit on time is compliant.
TEST_P(VisitsPlanTest, AnUpgradeBringsTheNextVisitForward) {
  org();
  at(cst(1, 6, 11));
  account("U-1", true);
  tick_at(cst(1, 6, 12));
  EXPECT_EQ(json::parse(visits().account(kAdmin, "U-1")).at("plan").at("due_date"), "2026-04-06");
  at(cst(1, 20, 9));
  upgrade_to_platinum("U-1");
  tick_at(cst(1, 20, 10));
  EXPECT_EQ(json::parse(visits().account(kAdmin, "U-1")).at("plan").at("due_date"), "2026-02-05");
  EXPECT_TRUE(new_visit_notifications().empty());
  EXPECT_EQ(tick_at(cst(1, 29, 10)).visits_due, 1u);
  std::vector<json> sent = new_visit_notifications();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("key"), "VISIT/U-1/2026-02-05/due");
  EXPECT_EQ(sent[0].at("tier"), "platinum");
  EXPECT_EQ(tick_at(cst(2, 6, 10)).visits_overdue, 1u);
  EXPECT_EQ(new_visit_notifications().at(0).at("key"), "VISIT/U-1/2026-02-05/overdue");
  // Visited on 02-07 (late), next due 03-09; visited again on 03-05 (on time), next due 04-04.
  visit("u-done-1", "U-1", KAM_VISIT_COMPLETED, cst(2, 7, 10));
  tick_at(cst(2, 7, 11));
  EXPECT_EQ(tick_at(cst(3, 2, 10)).visits_due, 1u);
  visit("u-done-2", "U-1", KAM_VISIT_COMPLETED, cst(3, 5, 10));
  tick_at(cst(3, 5, 11));
  EXPECT_EQ(tick_at(cst(3, 10, 10)).visits_overdue, 0u);
  EXPECT_EQ(json::parse(visits().account(kAdmin, "U-1")).at("plan").at("due_date"), "2026-04-04");
  const json kpis = json::parse(visits().kpis(kAdmin, KAM_VISIT_KPI_BY_MANAGER, cst(1, 1, 0), cst(3, 31, 0)));
  EXPECT_EQ(kpis.at("total").at("due"), 2) << kpis;
  EXPECT_EQ(kpis.at("total").at("on_time"), 1);
  EXPECT_EQ(kpis.at("total").at("late"), 1);
  EXPECT_EQ(kpis.at("total").at("compliance_bp"), 5000);
  EXPECT_EQ(kpis.at("rows")[0].at("group"), "e-ann");
}

TEST_P(VisitsPlanTest, TwoHostsTickingWriteEachAlertOnce) {
  org();
  constexpr int kAccounts = 6;
  at(cst(1, 6, 11));
  for (int k = 0; k < kAccounts; ++k) account("H-" + std::to_string(k), true);
  Instance a = make("host-a"), b = make("host-b");
  for (const int64_t now : {cst(3, 30, 1), cst(3, 31, 2), cst(4, 7, 1), cst(4, 8, 2)}) {
    at(now);
    std::barrier start(2);
    kam_tick_result ra{}, rb{};
    std::thread ta([&] {
      start.arrive_and_wait();
      ra = a.tick(kAdmin);
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      rb = b.tick(kAdmin);
    });
    ta.join();
    tb.join();
    (void)ra;
    (void)rb;
  }
  EXPECT_EQ(scalar(visit_count_sql()), std::to_string(2 * kAccounts));
  EXPECT_EQ(scalar("SELECT COUNT(DISTINCT alert_key) FROM visit_alerts WHERE level IN (1, 2)"),
            std::to_string(2 * kAccounts));
  std::set<std::string> keys;
  for (const json& n : new_visit_notifications(a)) EXPECT_TRUE(keys.insert(n.at("key").get<std::string>()).second);
  EXPECT_EQ(keys.size(), static_cast<size_t>(2 * kAccounts));
}

TEST_P(VisitsPlanTest, QueriesHonourTheirPermissions) {
  org();
  at(cst(1, 6, 11));
  account("G-1", true);
  tick_at(cst(3, 31, 10));
  const Actor ann("e-ann", {"sales.manager"}), bob("e-bob", {"sales.manager"});
  EXPECT_EQ(json::parse(visits().due(ann)).at("visits").size(), 1u);  // her own account
  EXPECT_EQ(json::parse(visits().due(bob)).at("visits").size(), 0u);
  try {
    kam::host::VisitsDueQuery anns;
    anns.manager_id = "e-ann";
    visits().due(bob, anns);
    ADD_FAILURE() << "another manager's visits";
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), KAM_ERR_PERMISSION);
  }
  try {
    visits().account(bob, "G-1");
    ADD_FAILURE() << "another manager's account";
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), KAM_ERR_PERMISSION);
  }
  try {
    visits().kpis(ann, KAM_VISIT_KPI_ALL);
    ADD_FAILURE() << "KPIs without visits.kpi";
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), KAM_ERR_PERMISSION);
  }
  try {
    visits().account(kAdmin, "NOPE");
    ADD_FAILURE() << "unknown account";
  } catch (const kam::host::Error& e) {
    EXPECT_EQ(e.status(), KAM_ERR_NOT_FOUND);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, VisitsPlanTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::complaints
