// service_life_test.cpp - service workflows through the real libkam.so on config/kam.example.yaml
// (its key-account and standard workflows, pools senior and standard, the china-office calendar),
// SQLite and PostgreSQL, driven by the host clock:
//   - a request's life through the key-account workflow: routed to the dedicated manager, two
//     forbidden steps rejected with their reason (nothing stored), the 75% warning, the breach
//     escalation and the breach + 2h link of the chain written once each by the ticks, the queue's
//     business time left, a permitted step with its new deadline, and the auto transition out of
//     waiting_customer at its instant;
//   - routing: round robin over the standard pool, least open over the senior pool, an account
//     without the dedicated manager its tier requires (pool + one UNROUTED notification);
//   - a tier change while a request is open: the request keeps the workflow it started with;
//   - two instances ticking at the same instants: every deadline notification once.
#include <barrier>
#include <map>
#include <set>
#include <thread>

#include "service_fixture.hpp"

namespace kam::host_test::service {
namespace {

const Actor kNoService("nobody-1", {"auditor"});

class ServiceLifeTest : public ServiceHostTest {
 protected:
  void SetUp() override {
    ServiceHostTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    org();
  }
  kam_tick_result tick_at(int64_t now) {
    at(now);
    return instance().tick(kAdmin);
  }
};

TEST_P(ServiceLifeTest, ARequestThroughTheKeyAccountWorkflow) {
  at(cst(3, 2, 9));
  account_with("G-1", "e-ann", 200'000'000);  // CNY 2,000,000.00 at 20%: gold
  ASSERT_EQ(tier_of("G-1"), "gold");
  open("R-1", "G-1", cst(3, 2, 9));
  json r = request_json("R-1");
  EXPECT_EQ(r.at("workflow"), "key-account");
  EXPECT_EQ(r.at("state"), "new");
  EXPECT_EQ(r.at("assignee"), "e-ann");  // gold: the dedicated account manager
  EXPECT_EQ(r.at("routed_by"), "dedicated_manager");
  EXPECT_EQ(r.at("deadline_ms"), cst(3, 2, 10)) << cst_text(r.at("deadline_ms").get<int64_t>());
  EXPECT_TRUE(new_service_notifications().empty());

  // Forbidden steps: rejected with the reason, nothing stored.
  const std::string no_role = move("R-1", "resolved", "e-bob", cst(3, 2, 9, 10), true);
  EXPECT_EQ(no_role,
            "service request 'R-1': new -> resolved by 'e-bob' refused: the transition new -> resolved needs one of "
            "the roles service.agent, service.engineer; the employee holds none");
  const std::string no_transition = move("R-1", "waiting_customer", "am-01", cst(3, 2, 9, 11), true);
  EXPECT_EQ(no_transition,
            "service request 'R-1': new -> waiting_customer by 'am-01' refused: workflow 'key-account' has no "
            "transition new -> waiting_customer (from 'new': in_progress, resolved)");
  EXPECT_EQ(request_json("R-1").at("ledger").size(), 3u);  // opened, routed, state_entered
  EXPECT_EQ(scalar("SELECT state FROM service_requests WHERE request_id = 'R-1'"), "new");

  // The deadline chain of `new` (1h): 75% at 09:45, breach at 10:00, breach + 2h at 12:00.
  kam_tick_result t = tick_at(cst(3, 2, 9, 44));
  EXPECT_EQ(t.service_ran, 1u);
  EXPECT_EQ(t.service_notifications, 0u);
  EXPECT_TRUE(new_service_notifications().empty());
  t = tick_at(cst(3, 2, 9, 46));
  EXPECT_EQ(t.service_notifications, 1u);
  std::vector<json> sent = new_service_notifications();
  ASSERT_EQ(sent.size(), 1u);
  json p = sent[0].at("payload");
  EXPECT_EQ(sent[0].at("kind"), KAM_NOTIFY_SERVICE_DEADLINE);
  EXPECT_EQ(p.at("kind"), "warning");
  EXPECT_EQ(p.at("step"), "warning 75%");
  EXPECT_EQ(p.at("state"), "new");
  EXPECT_EQ(p.at("employees"), json::array({"e-ann"}));
  EXPECT_EQ(p.at("due_at_ms"), cst(3, 2, 9, 45));
  EXPECT_EQ(p.at("left_ms"), 14 * kMinute);
  EXPECT_EQ(tick_at(cst(3, 2, 9, 50)).service_notifications, 0u);  // written once

  t = tick_at(cst(3, 2, 10, 1));
  sent = new_service_notifications();
  ASSERT_EQ(sent.size(), 1u);
  p = sent[0].at("payload");
  EXPECT_EQ(p.at("kind"), "escalation");
  EXPECT_EQ(p.at("step"), "escalation breach");
  EXPECT_EQ(p.at("employees"), json::array({"e-ann", "m-lee"}));  // assignee, the owner's (e-ann's) manager
  t = tick_at(cst(3, 2, 12, 5));
  sent = new_service_notifications();
  ASSERT_EQ(sent.size(), 1u);
  p = sent[0].at("payload");
  EXPECT_EQ(p.at("step"), "escalation breach + 2h");
  EXPECT_EQ(p.at("due_at_ms"), cst(3, 2, 12));
  EXPECT_EQ(p.at("roles"), json::array({"service.supervisor"}));
  EXPECT_EQ(tick_at(cst(3, 2, 13, 30)).service_notifications, 0u);

  // The queue: overdue by 2h30m of business time at 13:30 (10:00-12:00 and 13:00-13:30).
  json q = json::parse(service().queue(kAdmin, "e-ann"));
  ASSERT_EQ(q.at("items").size(), 1u);
  EXPECT_EQ(q.at("items")[0].at("left_ms"), -150 * kMinute);
  EXPECT_EQ(q.at("items")[0].at("overdue"), true);
  EXPECT_EQ(q.at("time_zone"), "Asia/Shanghai");

  // A permitted step: in_progress's 8h run 13:40-18:00, then 09:00-12:00 and 13:00-13:40 the next day.
  move("R-1", "in_progress", "am-01", cst(3, 2, 13, 40));
  r = request_json("R-1");
  EXPECT_EQ(r.at("state"), "in_progress");
  EXPECT_EQ(r.at("deadline_ms"), cst(3, 3, 13, 40)) << cst_text(r.at("deadline_ms").get<int64_t>());
  EXPECT_EQ(scalar("SELECT state FROM service_requests WHERE request_id = 'R-1'"), "in_progress");

  // waiting_customer has no deadline; after 40h of business time (Tue 09:00 .. Mon 18:00) the tick
  // resolves it.
  move("R-1", "waiting_customer", "am-01", cst(3, 3, 9));
  EXPECT_EQ(tick_at(cst(3, 9, 17, 59)).service_auto_transitions, 0u);
  EXPECT_EQ(json::parse(service().queue(kAdmin, "e-ann")).at("items").size(), 1u);
  new_service_notifications();
  t = tick_at(cst(3, 10, 9));
  EXPECT_EQ(t.service_auto_transitions, 1u);
  sent = new_service_notifications();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("payload").at("kind"), "auto_transition");
  r = request_json("R-1");
  EXPECT_EQ(r.at("state"), "resolved");
  EXPECT_EQ(r.at("open"), false);
  EXPECT_EQ(r.at("ledger").back().at("who"), "kam");
  EXPECT_EQ(r.at("ledger").back().at("at_ms"), cst(3, 9, 18));
  EXPECT_EQ(r.at("notifications").size(), 4u);
  EXPECT_TRUE(json::parse(service().queue(kAdmin, "e-ann")).at("items").empty());
  EXPECT_EQ(tick_at(cst(3, 11, 9)).service_notifications, 0u);
}

TEST_P(ServiceLifeTest, RoutingByTierPoolRuleAndMissingManager) {
  at(cst(3, 2, 9));
  // standard tier: no dedicated manager, no pool of its own: service.default_pool (round robin).
  account_with("S-1", "e-ann");
  ASSERT_EQ(tier_of("S-1"), "standard");
  std::vector<std::string> assignees;
  for (int k = 0; k < 5; ++k) {
    open("S-" + std::to_string(k), "S-1", cst(3, 2, 9, k));
    assignees.push_back(request_json("S-" + std::to_string(k)).at("assignee").get<std::string>());
  }
  EXPECT_EQ(assignees, (std::vector<std::string>{"eng-04", "eng-05", "eng-06", "eng-07", "eng-04"}));
  EXPECT_EQ(request_json("S-0").at("workflow"), "standard");
  EXPECT_TRUE(new_service_notifications().empty());

  // gold without a manager: its pool (standard, next in turn) and one UNROUTED to the supervisors.
  account_with("G-2", "", 200'000'000);
  ASSERT_EQ(tier_of("G-2"), "gold");
  open("U-1", "G-2", cst(3, 2, 10));
  json r = request_json("U-1");
  EXPECT_EQ(r.at("assignee"), "eng-05");
  EXPECT_EQ(r.at("routed_by"), "pool");
  EXPECT_EQ(r.at("workflow"), "key-account");
  std::vector<json> sent = new_service_notifications();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("kind"), KAM_NOTIFY_SERVICE_UNROUTED);
  EXPECT_EQ(sent[0].at("payload").at("reason"),
            "tier 'gold' requires a dedicated account manager and account 'G-2' has none");
  EXPECT_EQ(sent[0].at("payload").at("roles"), json::array({"service.supervisor"}));

  // platinum without a manager: the senior pool, least open (ties to the member listed first).
  account_with("P-1", "", 600'000'000);
  ASSERT_EQ(tier_of("P-1"), "platinum");
  const auto routed = [&](const std::string& id, int minute) {
    open(id, "P-1", cst(3, 2, 11, minute));
    return request_json(id).at("assignee").get<std::string>();
  };
  EXPECT_EQ(routed("P-a", 0), "eng-01");
  EXPECT_EQ(routed("P-b", 1), "eng-02");
  EXPECT_EQ(routed("P-c", 2), "eng-03");
  send({"close-P-a", "P-a", "", "am-01", "", "", cst(3, 2, 11, 3), KAM_SERVICE_CLOSED});
  EXPECT_EQ(routed("P-d", 4), "eng-01");              // eng-01 has none open now
  EXPECT_EQ(routed("P-e", 5), "eng-01");              // one each: the first listed
  EXPECT_EQ(new_service_notifications().size(), 5u);  // one UNROUTED per request (no manager)
  // Round robin's turns are the pool's own count: S-0..S-4 and U-1.
  EXPECT_EQ(scalar("SELECT routed FROM service_pool_turns WHERE pool = 'standard'"), "6");
}

TEST_P(ServiceLifeTest, ATierChangeKeepsTheWorkflowARequestStartedWith) {
  at(cst(3, 2, 9));
  account_with("G-3", "e-ann", 200'000'000);
  open("T-1", "G-3", cst(3, 2, 9));
  instance().set_tier_override(kAdmin, "G-3", "standard", "downgraded for the test", cst(12, 1, 0));
  ASSERT_EQ(tier_of("G-3"), "standard");
  open("T-2", "G-3", cst(3, 2, 9, 30));
  EXPECT_EQ(request_json("T-2").at("workflow"), "standard");
  EXPECT_EQ(request_json("T-2").at("routed_by"), "pool");
  json t1 = request_json("T-1");
  EXPECT_EQ(t1.at("workflow"), "key-account");
  EXPECT_EQ(t1.at("tier"), "gold");
  // key-account's in_progress (8h), not standard's (40h): 10:00-12:00, 13:00-18:00, 09:00-10:00.
  move("T-1", "in_progress", "am-01", cst(3, 2, 10));
  EXPECT_EQ(request_json("T-1").at("deadline_ms"), cst(3, 3, 10));
  // key-account's transition to waiting_customer exists only there.
  move("T-1", "waiting_customer", "am-01", cst(3, 2, 10, 5));
  move("T-2", "waiting_customer", "am-01", cst(3, 2, 10, 5), true);
}

TEST_P(ServiceLifeTest, QueriesAreCheckedAgainstTheActorsPermissions) {
  at(cst(3, 2, 9));
  account_with("G-4", "e-ann", 200'000'000);
  open("V-1", "G-4", cst(3, 2, 9));
  EXPECT_THROW(service().queue(kNoService, "e-ann"), kam::host::Error);
  const Actor ann("e-ann", {"sales.manager"});  // service.read: own queue and own accounts
  EXPECT_EQ(json::parse(service().queue(ann, "e-ann")).at("items").size(), 1u);
  EXPECT_THROW(service().queue(ann, "eng-01"), kam::host::Error);
  EXPECT_EQ(json::parse(service().account(ann, "G-4")).at("open_count"), 1);
  EXPECT_THROW(service().account(ann, "NOPE"), kam::host::Error);
  const json card = json::parse(instance().account_card(kAdmin, "G-4"));
  EXPECT_EQ(card.at("service").at("open_count"), 1);
  EXPECT_EQ(card.at("service").at("open")[0].at("request_id"), "V-1");
  // KPIs: the stay in `new` missed its deadline (still open at 11:00).
  at(cst(3, 2, 11));
  const json kpis = json::parse(service().kpis(kAdmin, KAM_SERVICE_KPI_BY_STATE, cst(3, 1, 0), cst(3, 3, 0)));
  ASSERT_EQ(kpis.at("rows").size(), 1u);
  EXPECT_EQ(kpis.at("rows")[0].at("group"), "new");
  EXPECT_EQ(kpis.at("rows")[0].at("decided"), 1);
  EXPECT_EQ(kpis.at("rows")[0].at("within_bp"), 0);
}

// Two instances on one database, ticking at the same instants from two threads: every deadline
// notification is written once (the keys), whichever instance's tick found it due.
TEST_P(ServiceLifeTest, TwoHostsWriteEachDeadlineNotificationOnce) {
  at(cst(3, 2, 9));
  account_with("S-9", "e-ann");
  constexpr int kRequests = 24;
  for (int k = 0; k < kRequests; ++k) open("M-" + std::to_string(k), "S-9", cst(3, 2, 9, k));
  Instance second = make("host-b");
  std::barrier sync(2);
  std::map<std::string, int> keys;
  uint64_t written = 0;
  // standard's `new`: 8h, warning at 6h (Mon 16:00 + k min), breach at 8h (Tue 09:00 + k min).
  std::vector<int64_t> instants;
  for (int64_t t = cst(3, 2, 15, 50); t <= cst(3, 3, 9, 40); t += 10 * kMinute) instants.push_back(t);
  std::atomic<uint64_t> from_results{0};
  auto run = [&](const Instance& on) {
    for (int64_t t : instants) {
      sync.arrive_and_wait();
      clock_.store(t);
      sync.arrive_and_wait();
      from_results += on.tick(kAdmin).service_notifications;
    }
  };
  std::thread other([&] { run(second); });
  run(instance());
  other.join();
  for (const json& n : new_service_notifications()) {
    ++keys[n.at("payload").at("key").get<std::string>()];
    ++written;
  }
  std::set<std::string> expected;
  for (int k = 0; k < kRequests; ++k)
    for (int step = 0; step < 2; ++step) expected.insert("M-" + std::to_string(k) + "/e3/" + std::to_string(step));
  EXPECT_EQ(written, expected.size());
  EXPECT_EQ(from_results.load(), expected.size());
  for (const std::string& key : expected) EXPECT_EQ(keys[key], 1) << key;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceLifeTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::service
