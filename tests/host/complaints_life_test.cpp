// complaints_life_test.cpp - one complaint's whole life through the real libkam.so (ABI 1.3), on
// config/kam.example.yaml as shipped (China 2026 calendar, gold target 4h / 24h with a 75% warning,
// its escalation chain), SQLite and PostgreSQL: two hand-offs, a pause across the Spring Festival, a
// reopen. Every step is ingested through api->ingest, the host clock is the host callback, and each
// escalation comes out of api->tick at the instant a person computes by hand (in the comments): a
// tick 1 ms before it writes nothing, the next tick exactly one. The queues after each hand-off, the
// pause and the reopen; the first owner kept throughout, and the KPI counted for her.
#include <string>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

using V = std::vector<std::string>;

// The example's escalation chain, by its position (the step of an escalation key):
//   0 first_response 75% -> owner, assignee      1 first_response breach -> owner_manager
//   2 first_response breach + 4h -> role director
//   3 resolution 75% -> assignee                 4 resolution breach -> owner, owner_manager
class ComplaintLifeTest : public ComplaintsHostTest {
 protected:
  // A tick at `now`; returns the SLA notifications it wrote. The check must have run.
  std::vector<json> tick_at(int64_t now) {
    at(now);
    const kam_tick_result r = instance().tick(kAdmin);
    EXPECT_EQ(r.sla_ran, 1u) << "the SLA check was due at " << cst_text(now);
    std::vector<json> written = new_sla_notifications();
    EXPECT_EQ(r.sla_warnings + r.sla_breaches, written.size()) << cst_text(now);
    return written;
  }

  // Nothing 1 ms before `due`; exactly one notification, of `kind`, for escalation `key`, at the next
  // tick (one check interval, 1 minute, later), and the timeline records it at `due` for `employees`.
  void expect_escalation_at(int64_t due, const std::string& key, int kind, const V& employees) {
    SCOPED_TRACE(key + " at " + cst_text(due));
    EXPECT_TRUE(tick_at(due - 1).empty()) << "sent before its instant";
    const std::vector<json> sent = tick_at(due - 1 + kMinute);
    ASSERT_EQ(sent.size(), 1u) << json(sent).dump();
    EXPECT_EQ(sent[0].at("kind"), kind);
    EXPECT_EQ(sent[0].at("payload").at("key"), key) << sent[0].dump();
    EXPECT_EQ(sent[0].at("payload").at("complaint_id"), "C-1");
    const json timeline = json::parse(complaints().show(kAdmin, "C-1"));
    bool found = false;
    for (const json& e : timeline.at("escalations")) {
      if (e.at("key") != key) continue;
      found = true;
      EXPECT_EQ(e.at("due_at_ms"), due) << e.dump();
      EXPECT_EQ(e.at("employees").get<V>(), employees) << e.dump();
      EXPECT_EQ(e.at("kind"), kind == KAM_NOTIFY_SLA_WARNING ? "warning" : "breach");
    }
    EXPECT_TRUE(found) << timeline.at("escalations").dump();
  }

  Step step(const std::string& event_id, int64_t at_ms, kam_complaint_action action, const std::string& who) {
    Step s;
    s.event_id = event_id;
    s.complaint_id = "C-1";
    s.at_ms = at_ms;
    s.action = action;
    s.employee = who;
    return s;
  }
  // Ingests a step at its own instant (the host clock follows the ERP's).
  void apply(Step s) {
    at(s.at_ms);
    send(s);
  }
};

TEST_P(ComplaintLifeTest, TwoHandOffsAPauseAndAReopen) {
  at(cst(2, 13, 15));
  org();
  account("K-1", /*gold=*/true);

  // Fri 2/13 16:00, received by e-ann (sales), no priority: the gold target 4h / 24h.
  // First response: Fri 16-18 (2h), Sat 2/14 (a make-up working day) 09-11: due Sat 11:00; its 75%
  // warning (3h) Sat 10:00. Resolution 24h: Fri 2h, Sat 8h (10), Sun 2/15..Mon 2/23 Spring Festival,
  // Tue 2/24 8h (18), Wed 2/25 09-12 (21), 13-16 (24): due Wed 2/25 16:00.
  Step opened = step("c1-open", cst(2, 13, 16), KAM_COMPLAINT_OPENED, "e-ann");
  opened.account_id = "K-1";
  opened.department = "sales";
  apply(opened);
  EXPECT_EQ(clock_of("C-1", "first_response").at("deadline_ms"), cst(2, 14, 11));
  EXPECT_EQ(clock_of("C-1", "resolution").at("deadline_ms"), cst(2, 25, 16));
  EXPECT_EQ(queue_ids("e-ann"), V{"C-1"});

  // Fri 17:00, e-ann hands it to e-bob (quality): both queues have it, e-ann stays the first owner.
  Step to_bob = step("c1-handoff-bob", cst(2, 13, 17), KAM_COMPLAINT_HANDED_OFF, "e-ann");
  to_bob.to_employee = "e-bob";
  to_bob.to_department = "quality";
  apply(to_bob);
  EXPECT_EQ(queue_ids("e-ann"), V{"C-1"});
  EXPECT_EQ(queue_ids("e-bob"), V{"C-1"});
  EXPECT_EQ(queue_ids("e-cai"), V{});
  {
    const json q = json::parse(complaints().queue(kAdmin, "e-bob")).at("complaints").at(0);
    EXPECT_EQ(q.at("first_owner"), "e-ann");
    EXPECT_EQ(q.at("assignee"), "e-bob");
    EXPECT_EQ(q.at("owner"), false);
    EXPECT_EQ(q.at("clock"), "first_response");
    EXPECT_EQ(q.at("deadline_ms"), cst(2, 14, 11));
    EXPECT_EQ(q.at("left_ms"), 3 * kHour);  // Fri 17-18 used 1h of 4h
  }
  EXPECT_TRUE(tick_at(cst(2, 13, 17)).empty());

  // The first-response warning Sat 10:00 to the owner and the assignee; the breach Sat 11:00 to the
  // owner's manager.
  expect_escalation_at(cst(2, 14, 10), "C-1/first_response/0/g1", KAM_NOTIFY_SLA_WARNING, {"e-ann", "e-bob"});
  expect_escalation_at(cst(2, 14, 11), "C-1/first_response/1/g1", KAM_NOTIFY_SLA_BREACH, {"m-lee"});

  // Sat 11:10 an internal note: recorded, not a first response (the clock runs on).
  Step note = step("c1-note", cst(2, 14, 11, 10), KAM_COMPLAINT_RESPONDED, "e-bob");
  note.response_flags = KAM_RESPONSE_INTERNAL;
  apply(note);
  EXPECT_EQ(clock_of("C-1", "first_response").at("active"), true);
  // Sat 11:30 e-bob replies to the customer: 4h30 used, 30 minutes late.
  apply(step("c1-reply", cst(2, 14, 11, 30), KAM_COMPLAINT_RESPONDED, "e-bob"));
  {
    const json first = clock_of("C-1", "first_response");
    EXPECT_EQ(first.at("active"), false);
    EXPECT_EQ(first.at("elapsed_ms"), 4 * kHour + 30 * kMinute);
    EXPECT_EQ(first.at("breached_at_ms"), cst(2, 14, 11));
    EXPECT_EQ(first.at("breach_by_ms"), 30 * kMinute);
  }

  // Sat 14:00 waiting on the customer: the resolution clock has used 6h (Fri 2h, Sat 09-12, 13-14).
  apply(step("c1-wait", cst(2, 14, 14), KAM_COMPLAINT_WAITING_ON_CUSTOMER, "e-bob"));
  EXPECT_EQ(queue_ids("e-bob"), V{"C-1"}) << "a paused complaint stays in the queue";
  {
    const json q = json::parse(complaints().queue(kAdmin, "e-bob")).at("complaints").at(0);
    EXPECT_EQ(q.at("phase"), "waiting");
    EXPECT_EQ(q.at("paused"), true);
    EXPECT_TRUE(q.at("deadline_ms").is_null()) << q.dump();
    EXPECT_EQ(q.at("left_ms"), 18 * kHour);
  }
  // The director step (first response breach + 4 business hours = Sat 16:00) never goes out: the
  // first-response clock stopped at the reply. Nothing either in the middle of the festival.
  EXPECT_TRUE(tick_at(cst(2, 14, 16) - 1).empty());
  EXPECT_TRUE(tick_at(cst(2, 14, 16) - 1 + kMinute).empty());
  EXPECT_TRUE(tick_at(cst(2, 20, 12)).empty());
  EXPECT_EQ(clock_of("C-1", "resolution").at("left_ms"), 18 * kHour);

  // Tue 2/24 10:00 the customer replies. Paused: Sat 14-18 (4h), Tue 09-10 (1h) = 5h of business
  // time. 18h left from Tue 10:00: Tue 7h, Wed 2/25 8h (15), Thu 2/26 09-12 (18): due Thu 12:00;
  // the 75% warning at 18h used (12h left): Tue 7h, Wed 09-12 (10), 13-15 (12): Wed 15:00.
  apply(step("c1-back", cst(2, 24, 10), KAM_COMPLAINT_CUSTOMER_REPLIED, "e-bob"));
  EXPECT_EQ(clock_of("C-1", "resolution").at("paused_ms"), 5 * kHour);
  EXPECT_EQ(clock_of("C-1", "resolution").at("deadline_ms"), cst(2, 26, 12));

  // Wed 2/25 09:00 e-bob hands it to e-cai (logistics): out of e-bob's queue, e-ann keeps it.
  Step to_cai = step("c1-handoff-cai", cst(2, 25, 9), KAM_COMPLAINT_HANDED_OFF, "e-bob");
  to_cai.to_employee = "e-cai";
  to_cai.to_department = "logistics";
  apply(to_cai);
  EXPECT_EQ(queue_ids("e-bob"), V{});
  EXPECT_EQ(queue_ids("e-cai"), V{"C-1"});
  EXPECT_EQ(queue_ids("e-ann"), V{"C-1"});
  EXPECT_EQ(json::parse(complaints().show(kAdmin, "C-1")).at("first_owner"), "e-ann");

  // The resolution warning Wed 15:00, to the assignee (now e-cai).
  expect_escalation_at(cst(2, 25, 15), "C-1/resolution/3/g1", KAM_NOTIFY_SLA_WARNING, {"e-cai"});

  // Thu 2/26 11:00 resolved: 23h used, on time; out of every queue.
  apply(step("c1-resolved", cst(2, 26, 11), KAM_COMPLAINT_RESOLVED, "e-cai"));
  EXPECT_EQ(clock_of("C-1", "resolution").at("elapsed_ms"), 23 * kHour);
  EXPECT_TRUE(clock_of("C-1", "resolution").at("breached_at_ms").is_null());
  EXPECT_EQ(queue_ids("e-ann"), V{});
  EXPECT_EQ(queue_ids("e-cai"), V{});

  // Fri 2/27 10:00 the customer reopens it: generation 2 with the 1h it had left, breach Fri 11:00
  // (to the owner and her manager). The warning of generation 1 is not sent again.
  apply(step("c1-reopened", cst(2, 27, 10), KAM_COMPLAINT_REOPENED, "e-cai"));
  EXPECT_EQ(clock_of("C-1", "resolution").at("generation"), 2);
  EXPECT_EQ(clock_of("C-1", "resolution").at("deadline_ms"), cst(2, 27, 11));
  EXPECT_EQ(queue_ids("e-ann"), V{"C-1"});
  EXPECT_EQ(queue_ids("e-cai"), V{"C-1"});
  EXPECT_EQ(queue_ids("e-bob"), V{});
  expect_escalation_at(cst(2, 27, 11), "C-1/resolution/4/g2", KAM_NOTIFY_SLA_BREACH, {"e-ann", "m-lee"});

  // Fri 17:00 resolved again (29h used, 5h over), Sat 2/28 09:00 confirmed closed by e-ann.
  apply(step("c1-resolved-2", cst(2, 27, 17), KAM_COMPLAINT_RESOLVED, "e-cai"));
  apply(step("c1-closed", cst(2, 28, 9), KAM_COMPLAINT_CLOSED, "e-ann"));
  EXPECT_TRUE(tick_at(cst(3, 2, 9)).empty());
  {
    const json res = clock_of("C-1", "resolution");
    EXPECT_EQ(res.at("elapsed_ms"), 29 * kHour);
    EXPECT_EQ(res.at("breached_at_ms"), cst(2, 27, 11));
    EXPECT_EQ(res.at("breach_by_ms"), 5 * kHour);
    const json timeline = json::parse(complaints().show(kAdmin, "C-1"));
    EXPECT_EQ(timeline.at("phase"), "closed");
    EXPECT_EQ(timeline.at("first_owner"), "e-ann");
    EXPECT_EQ(timeline.at("escalations").size(), 4u) << timeline.at("escalations").dump();
  }

  // The KPI counts it for the first owner, e-ann, and her department, not for e-bob or e-cai.
  const json by_owner = json::parse(complaints().kpis(kAdmin, KAM_COMPLAINT_KPI_BY_OWNER, cst(1, 1, 0), cst(4, 1, 0)));
  ASSERT_EQ(by_owner.at("rows").size(), 1u) << by_owner.dump();
  const json& ann = by_owner.at("rows").at(0);
  EXPECT_EQ(ann.at("group"), "e-ann");
  EXPECT_EQ(ann.at("complaints"), 1);
  EXPECT_EQ(ann.at("first_response_decided"), 1);
  EXPECT_EQ(ann.at("first_response_on_time"), 0);
  EXPECT_EQ(ann.at("compliance_bp"), 0);
  EXPECT_EQ(ann.at("breaches"), 1);
  EXPECT_EQ(ann.at("reopened"), 1);
  EXPECT_EQ(ann.at("reopen_rate_bp"), 10000);
  EXPECT_EQ(ann.at("first_response_median_ms"), 4 * kHour + 30 * kMinute);
  EXPECT_EQ(ann.at("resolution_median_ms"), 29 * kHour);
  const json by_department =
      json::parse(complaints().kpis(kAdmin, KAM_COMPLAINT_KPI_BY_DEPARTMENT, cst(1, 1, 0), cst(4, 1, 0)));
  ASSERT_EQ(by_department.at("rows").size(), 1u) << by_department.dump();
  EXPECT_EQ(by_department.at("rows").at(0).at("group"), "sales");
  const json by_tier = json::parse(complaints().kpis(kAdmin, KAM_COMPLAINT_KPI_BY_TIER, cst(1, 1, 0), cst(4, 1, 0)));
  ASSERT_EQ(by_tier.at("rows").size(), 1u) << by_tier.dump();
  EXPECT_EQ(by_tier.at("rows").at(0).at("group"), "gold");
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintLifeTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::complaints
