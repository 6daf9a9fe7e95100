// complaint_life_test.cpp - a complaint's whole life through ingestion, the queries and the SLA check
// on the store (both backends), every instant computed by hand on the office calendar (Asia/Shanghai,
// 09:00-12:00 and 13:00-18:00 on weekdays; first response 2 business hours, resolution 16):
//
//   Mon 3/2 09:00 OPENED by e-ann (first owner)        first response 50% at 10:00, breach at 11:00
//   Mon 10:30 HANDED_OFF to e-bob (quality)
//   Mon 11:30 RESPONDED by e-bob (late: breached at 11:00)
//   Mon 14:00 WAITING_ON_CUSTOMER (resolution used 4h)  paused: Mon 14-18 and Tue 9-12, 13-14 (8h)
//   Tue 3/3 14:00 CUSTOMER_REPLIED                      12h left: due Wed 3/4 18:00
//   Wed 10:00 HANDED_OFF to e-cai (logistics)
//   Wed 11:00 RESOLVED (used 4 + 4 + 2 = 10h, on time)
//   Thu 3/5 09:00 REOPENED                              6h left, a new generation: due Thu 16:00
//
// The escalations come at 10:00 (warning, g1), 11:00 (breach, g1) and Thu 16:00 (resolution
// breach, g2), each exactly once and not 1 ms before; e-ann owns it throughout and the KPI counts it
// for her.
#include "app/tiers/tiers.hpp"
#include "complaints/complaint_fixture.hpp"

namespace kam::store::test {
namespace {

using core::ComplaintAction;
using nlohmann::json;

class ComplaintLifeTest : public ComplaintTest {
 protected:
  void live_until_reopen() {
    ingest_ok({step("c1-open", "C-1", ComplaintAction::opened, "e-ann", cst(3, 2, 9)),
               hand_off("c1-hand1", "C-1", "e-ann", "e-bob", "quality", cst(3, 2, 10, 30)),
               step("c1-reply", "C-1", ComplaintAction::responded, "e-bob", cst(3, 2, 11, 30)),
               step("c1-wait", "C-1", ComplaintAction::waiting_on_customer, "e-bob", cst(3, 2, 14)),
               step("c1-back", "C-1", ComplaintAction::customer_replied, "e-bob", cst(3, 3, 14)),
               hand_off("c1-hand2", "C-1", "e-bob", "e-cai", "logistics", cst(3, 4, 10)),
               step("c1-done", "C-1", ComplaintAction::resolved, "e-cai", cst(3, 4, 11)),
               step("c1-again", "C-1", ComplaintAction::reopened, "e-ann", cst(3, 5, 9))});
  }
};

TEST_P(ComplaintLifeTest, EscalationsComeAtTheHandComputedInstantsOnce) {
  ingest_ok({step("c1-open", "C-1", ComplaintAction::opened, "e-ann", cst(3, 2, 9))});
  EXPECT_EQ(check(cst(3, 2, 10) - 1).complaints, 0u);  // nothing due yet: not even looked at
  const app::SlaCheckSummary warning = check(cst(3, 2, 10));
  EXPECT_EQ(warning.complaints, 1u);
  EXPECT_EQ(warning.warnings, 1u);
  EXPECT_EQ(warning.breaches, 0u);
  EXPECT_EQ(escalation_keys(), std::vector<std::string>{"C-1/first_response/0/g1"});
  EXPECT_EQ(check(cst(3, 2, 10, 1)).complaints, 0u);  // the next level is at 11:00

  ingest_ok({hand_off("c1-hand1", "C-1", "e-ann", "e-bob", "quality", cst(3, 2, 10, 30))});
  EXPECT_EQ(check(cst(3, 2, 11) - 1).warnings + check(cst(3, 2, 11) - 1).breaches, 0u);
  EXPECT_EQ(check(cst(3, 2, 11)).breaches, 1u);
  EXPECT_EQ(check(cst(3, 2, 11, 5)).breaches, 0u);  // written once
  const json payload = json::parse(query_text(
      *store_, "SELECT payload_json FROM sla_escalations WHERE escalation_key = 'C-1/first_response/1/g1'"));
  EXPECT_EQ(payload["employees"], json::array({"e-max"}));  // the owner's manager, from the employee record
  EXPECT_EQ(payload["kind"], "breach");
  EXPECT_EQ(payload["due_at_ms"], cst(3, 2, 11));
  EXPECT_EQ(payload["step"], "first_response breach");

  ingest_ok({step("c1-reply", "C-1", ComplaintAction::responded, "e-bob", cst(3, 2, 11, 30)),
             step("c1-wait", "C-1", ComplaintAction::waiting_on_customer, "e-bob", cst(3, 2, 14)),
             step("c1-back", "C-1", ComplaintAction::customer_replied, "e-bob", cst(3, 3, 14)),
             hand_off("c1-hand2", "C-1", "e-bob", "e-cai", "logistics", cst(3, 4, 10)),
             step("c1-done", "C-1", ComplaintAction::resolved, "e-cai", cst(3, 4, 11))});
  EXPECT_EQ(check(cst(3, 4, 18)).breaches, 0u);  // resolved in time: no resolution breach
  ingest_ok({step("c1-again", "C-1", ComplaintAction::reopened, "e-ann", cst(3, 5, 9))});
  EXPECT_EQ(check(cst(3, 5, 16) - 1).breaches, 0u);
  const app::SlaCheckSummary breach = check(cst(3, 5, 16));
  EXPECT_EQ(breach.breaches, 1u);
  EXPECT_EQ(escalation_keys(), (std::vector<std::string>{"C-1/first_response/0/g1", "C-1/first_response/1/g1",
                                                         "C-1/resolution/2/g2"}));
  EXPECT_EQ(sla_notifications(), 3);
  const json last = json::parse(
      query_text(*store_, "SELECT payload_json FROM sla_escalations WHERE escalation_key = 'C-1/resolution/2/g2'"));
  EXPECT_EQ(last["roles"], json::array({"director"}));
  EXPECT_EQ(last["due_at_ms"], cst(3, 5, 16));

  // The tier facts: one open complaint, one complaint with a breach since the window's start (the
  // churn signal sla_breaches), none counted from before it.
  FactsQuery q;
  q.account_id = "A1";
  q.until_day = 30000;
  q.breaches_since_ms = cst(3, 1, 0);
  std::optional<AccountFacts> facts;
  store_->tiers().scan_account_facts(q, [&](AccountFacts&& f) { facts = std::move(f); });
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->open_complaints, 1);
  EXPECT_EQ(facts->sla_breaches, 1);
  q.breaches_since_ms = cst(3, 6, 0);
  store_->tiers().scan_account_facts(q, [&](AccountFacts&& f) { facts = std::move(f); });
  EXPECT_EQ(facts->sla_breaches, 0);
  // The account card shows the open complaint, breached.
  const json card = json::parse(app::account_card_json(*store_, config_, "A1", cst(3, 5, 17)));
  EXPECT_EQ(card["complaints"]["open_count"], 1);
  EXPECT_EQ(card["complaints"]["breached_open_count"], 1);
  EXPECT_EQ(card["complaints"]["open"][0]["complaint_id"], "C-1");
}

TEST_P(ComplaintLifeTest, QueuesTimelineAndKpiAfterTheWholeLife) {
  live_until_reopen();
  // e-ann is the first owner all along; e-cai works on it after the second hand-off.
  const json ann = queue("e-ann", cst(3, 5, 10));
  ASSERT_EQ(ann["complaints"].size(), 1u);
  const json item = ann["complaints"][0];
  EXPECT_EQ(item["first_owner"], "e-ann");
  EXPECT_EQ(item["assignee"], "e-cai");
  EXPECT_EQ(item["department"], "logistics");
  EXPECT_EQ(item["owner"], true);
  EXPECT_EQ(item["assignee_is_employee"], false);
  EXPECT_EQ(item["clock"], "resolution");
  EXPECT_EQ(item["deadline_ms"], cst(3, 5, 16));
  EXPECT_EQ(item["left_ms"], 5 * 3600000);  // 6h left at 09:00, one hour used by 10:00
  EXPECT_EQ(item["time_zone"], "Asia/Shanghai");
  EXPECT_EQ(item["account_name"], "Acme");
  EXPECT_EQ(queue("e-cai", cst(3, 5, 10))["complaints"].size(), 1u);
  EXPECT_EQ(queue("e-bob", cst(3, 5, 10))["complaints"].size(), 0u);  // handed on

  const json t = timeline("C-1", cst(3, 5, 17));
  EXPECT_EQ(t["phase"], "open");
  EXPECT_EQ(t["first_owner"], "e-ann");
  ASSERT_EQ(t["clocks"].size(), 2u);
  EXPECT_EQ(t["clocks"][0]["breached_at_ms"], cst(3, 2, 11));
  EXPECT_EQ(t["clocks"][0]["stopped_at_ms"], cst(3, 2, 11, 30));
  EXPECT_EQ(t["clocks"][1]["breached_at_ms"], cst(3, 5, 16));
  EXPECT_EQ(t["clocks"][1]["paused_ms"], 8 * 3600000);
  EXPECT_EQ(t["clocks"][1]["generation"], 2);
  EXPECT_EQ(t["clocks"][0]["warnings"], json::parse(R"([{"bp": 5000, "reached_at_ms": )" +
                                                    std::to_string(cst(3, 2, 10)) + "}]"));
  std::vector<std::string> kinds;
  for (const json& e : t["ledger"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"received", "target_set", "handed_off", "first_response", "paused",
                                             "resumed", "handed_off", "resolved", "reopened"}));
  EXPECT_EQ(t["ledger"][3]["event_id"], "c1-reply");

  const json k = kpis(2, cst(3, 1, 0), cst(4, 1, 0), cst(3, 5, 17));
  ASSERT_EQ(k["rows"].size(), 1u);
  EXPECT_EQ(k["rows"][0]["group"], "e-ann");
  EXPECT_EQ(k["rows"][0]["first_response_decided"], 1);
  EXPECT_EQ(k["rows"][0]["compliance_bp"], 0);
  EXPECT_EQ(k["rows"][0]["breaches"], 1);
  EXPECT_EQ(k["rows"][0]["reopen_rate_bp"], 10000);
  EXPECT_EQ(k["rows"][0]["first_response_median_ms"], 150 * 60000);  // 09:00 -> 11:30
  EXPECT_EQ(kpis(3, cst(3, 1, 0), cst(4, 1, 0), cst(3, 5, 17))["rows"][0]["group"], "sales");
}

TEST_P(ComplaintLifeTest, ImpossibleStepsAreRejectedAsItemsAndResendsAreDuplicates) {
  live_until_reopen();
  const BatchResult r =
      ingest({step("c1-open-again", "C-1", ComplaintAction::opened, "e-bob", cst(3, 5, 10)),
              step("c1-close-open", "C-1", ComplaintAction::closed, "e-ann", cst(3, 5, 10)),
              step("c1-early", "C-1", ComplaintAction::commented, "e-ann", cst(3, 5, 8)),
              step("c2-reply", "C-2", ComplaintAction::responded, "e-ann", cst(3, 5, 10)),
              step("c1-note", "C-1", ComplaintAction::commented, "e-ann", cst(3, 5, 10))});
  ASSERT_EQ(r.items.size(), 5u);
  EXPECT_EQ(r.items[0].status, Status::conflict);
  EXPECT_EQ(r.items[0].message,
            "complaint 'C-1': opened: already opened at 2026-03-02T01:00:00.000Z by e-ann (the first owner)");
  EXPECT_EQ(r.items[1].message,
            "complaint 'C-1': closed: a complaint that is open cannot be closed: CLOSED confirms a resolution");
  EXPECT_EQ(r.items[2].message.rfind("complaint 'C-1': commented: occurred at 2026-03-05T00:00:00.000Z, before", 0), 0u)
      << r.items[2].message;
  EXPECT_EQ(r.items[3].status, Status::not_found);
  EXPECT_EQ(r.items[4].outcome, Outcome::accepted);  // the good item of the batch is kept
  EXPECT_EQ(count(*store_, "complaint_ledger"), 10);

  const int64_t before = count(*store_, "complaint_ledger");
  const BatchResult again = ingest({step("c1-open", "C-1", ComplaintAction::opened, "e-ann", cst(3, 2, 9)),
                                    step("c1-note", "C-1", ComplaintAction::commented, "e-ann", cst(3, 5, 10))});
  EXPECT_EQ(again.duplicates, 2u);
  EXPECT_EQ(count(*store_, "complaint_ledger"), before);
}

KAM_STORE_INSTANTIATE(ComplaintLifeTest);

}  // namespace
}  // namespace kam::store::test
