// kamhost complaints queue|show|account, report sla and tick's SLA line (ABI 1.3) with the built
// plugin, on SQLite and PostgreSQL, at host clocks given by --now. The deadlines are computed by
// hand on the office calendar (Asia/Shanghai, Mon-Fri 09:00-12:00, 13:00-18:00; 2026-03-02 is a
// Monday):
//   CP-1 (normal priority: 4h / 16h) opened Mon 09:00 by u.li, handed to q.tang at 10:00, only an
//     automatic acknowledgement: 75% of the first response (3h) is used at 12:00, the deadline is
//     14:00 (09-12 and 13-14). q.tang answers at 14:40 (40m over), waits on the customer from
//     15:00 to Tue 10:00 (paused 3h + 1h of business time) and resolves it Tue 11:00 (resolution
//     clock: 09-12, 13-15 and Tue 10-11 = 6h of 16h).
//   CP-2 (critical: 1h / 8h) opened Mon 10:00 by u.li, answered 10:20 (on time), resolved 16:00,
//     closed Tue 09:30.
//   CP-3 opened Tue 09:00 by u.li, only an inbound message at 09:10: not answered yet at 11:30
//     (2h30m of 4h used: not decided).
#include <gtest/gtest.h>

#include <regex>

#include "kamhost_complaints_fixture.hpp"
#include "kamhost_svg_support.hpp"

namespace {

using namespace kamhost_test;

std::string org_and_accounts() {
  return employee("u.sun", "sales", "") + employee("u.li", "sales", "u.sun") + employee("q.lin", "quality", "") +
         employee("q.tang", "quality", "q.lin") +
         R"({"kind":"account_upserted","event_id":"a1","occurred_at":"2026-01-01","account_id":"A1","name":"Alpha Industrial","account_manager_id":"u.li"})" "\n"
         R"({"kind":"account_upserted","event_id":"a2","occurred_at":"2026-01-01","account_id":"A2","name":"Beta & Sons","account_manager_id":"u.wang"})" "\n";
}

TEST_P(KamhostComplaintsTest, QueueTickTimelineAndSlaReport) {
  import_at("2026-03-02T10:30", "morning.jsonl",
            org_and_accounts() +
                step("c1-1", "2026-03-02T09:00", "CP-1", "opened", "u.li", R"("account_id":"A1","department":"sales","priority":"normal")") +
                step("c1-2", "2026-03-02T09:01", "CP-1", "responded", "u.li", R"("response_flags":["automatic"])") +
                step("c1-3", "2026-03-02T10:00", "CP-1", "handed_off", "u.li", R"("to_employee_id":"q.tang","to_department":"quality")") +
                step("c2-1", "2026-03-02T10:00", "CP-2", "opened", "u.li", R"("account_id":"A2","department":"sales","priority":"critical")") +
                step("c2-2", "2026-03-02T10:20", "CP-2", "responded", "u.li"));

  // q.tang's queue after the hand-off: CP-1, its first response due 14:00, 2h30m of business time left.
  Result queue = at("2026-03-02T10:30", {"complaints", "queue", "q.tang"});
  ASSERT_EQ(queue.exit, 0) << queue;
  EXPECT_TRUE(contains(queue.out, "Queue of q.tang at 2026-03-02 10:30 (Asia/Shanghai): 1 open complaint\n")) << queue;
  EXPECT_TRUE(std::regex_search(queue.out, std::regex("\nCP-1 +A1 Alpha Industrial +- +normal +first response +2026-03-02 14:00 "
                                                      "+2h 30m +u.li +q.tang *\n")))
      << queue;
  // u.li, the first owner, still has it, after CP-2 whose resolution (8h from 10:00: Tue 10:00) has more left.
  const json own = json_at("2026-03-02T10:30", {"complaints", "queue", "u.li"});
  ASSERT_EQ(own.at("complaints").size(), 2u) << own.dump(2);
  EXPECT_EQ(own["complaints"][0].at("complaint_id"), "CP-1");
  EXPECT_EQ(own["complaints"][0].at("owner"), true);
  EXPECT_EQ(own["complaints"][1].at("complaint_id"), "CP-2");
  EXPECT_EQ(own["complaints"][1].at("clock"), "resolution");
  EXPECT_EQ(own["complaints"][1].at("left_ms"), (7 * 60 + 30) * 60'000);

  // The tick's SLA check: nothing due a minute before the warning, the warning at 12:00, the breach at 14:00.
  const std::regex none("\ntick: SLA check ran: [0-9]+ complaints? with a level due, 0 warnings, 0 breaches notified\n");
  Result before = at("2026-03-02T11:59", {"tick", "--user", "scheduler", "--role", "scheduler"});
  ASSERT_EQ(before.exit, 0) << before;
  EXPECT_TRUE(std::regex_search(before.out, none)) << before;
  Result warned = at("2026-03-02T12:01", {"tick", "--user", "scheduler", "--role", "scheduler"});
  ASSERT_EQ(warned.exit, 0) << warned;
  EXPECT_TRUE(contains(warned.out, " with a level due, 1 warning, 0 breaches notified\n")) << warned;
  Result breached = at("2026-03-02T14:01", {"tick", "--user", "scheduler", "--role", "scheduler"});
  EXPECT_TRUE(contains(breached.out, " with a level due, 0 warnings, 1 breach notified\n")) << breached;
  Result again = at("2026-03-02T14:30", {"tick", "--user", "scheduler", "--role", "scheduler"});
  EXPECT_TRUE(std::regex_search(again.out, none)) << "each escalation once\n" << again;

  Result late = at("2026-03-02T14:30", {"complaints", "queue", "q.tang", "--user", "q.tang", "--role", "agent"});
  ASSERT_EQ(late.exit, 0) << late;
  EXPECT_TRUE(contains(late.out, "1 breached, 0 warnings\n")) << late;
  EXPECT_TRUE(std::regex_search(late.out, std::regex("\nCP-1 .* 2026-03-02 14:00 +30m over +u.li +q.tang +BREACH\n"))) << late;
  Result shown = at("2026-03-02T14:30", {"complaints", "show", "CP-1"});
  ASSERT_EQ(shown.exit, 0) << shown;
  EXPECT_TRUE(std::regex_search(shown.out, std::regex("\n  first response +4h +4h 30m +0m +30m over +2026-03-02 14:00 .*"
                                                      "BREACHED at 2026-03-02 14:00(, over by 30m)?; running\n")))
      << shown;
  EXPECT_TRUE(std::regex_search(shown.out, std::regex("\n  warning +first response +2026-03-02 12:00 +2026-03-02 12:01 +u.li, q.tang +CP-1/"))) << shown;
  EXPECT_TRUE(std::regex_search(shown.out, std::regex("\n  breach +first response +2026-03-02 14:00 +2026-03-02 14:01 +u.sun +CP-1/"))) << shown;

  // The rest of the story.
  import_at("2026-03-03T11:30", "later.jsonl",
            step("c1-4", "2026-03-02T14:40", "CP-1", "responded", "q.tang") +
                step("c1-5", "2026-03-02T15:00", "CP-1", "waiting_on_customer", "q.tang") +
                step("c2-3", "2026-03-02T16:00", "CP-2", "resolved", "u.li") +
                step("c3-1", "2026-03-03T09:00", "CP-3", "opened", "u.li", R"("account_id":"A1","department":"sales")") +
                step("c3-2", "2026-03-03T09:10", "CP-3", "responded", "u.li", R"("response_flags":["inbound"])") +
                step("c2-4", "2026-03-03T09:30", "CP-2", "closed", "u.li") +
                step("c1-6", "2026-03-03T10:00", "CP-1", "customer_replied", "q.tang") +
                step("c1-7", "2026-03-03T11:00", "CP-1", "resolved", "q.tang"));
  EXPECT_TRUE(contains(at("2026-03-03T11:30", {"complaints", "queue", "q.tang"}).out, ": 0 open complaints\n"));
  Result timeline = at("2026-03-03T11:30", {"complaints", "show", "CP-1"});
  ASSERT_EQ(timeline.exit, 0) << timeline;
  EXPECT_TRUE(contains(timeline.out, "  state           resolved\n")) << timeline;
  EXPECT_TRUE(contains(timeline.out, "  first owner     u.li (accountable until it is closed)\n")) << timeline;
  EXPECT_TRUE(std::regex_search(timeline.out, std::regex("\n  first response +4h +4h 40m +0m +40m over +2026-03-02 14:00 .*"
                                                         "BREACHED at 2026-03-02 14:00, over by 40m; stopped at 2026-03-02 14:40\n")))
      << timeline;
  EXPECT_TRUE(std::regex_search(timeline.out, std::regex("\n  resolution +16h +6h +4h +10h +.*met at 2026-03-03 11:00\n"))) << timeline;
  for (const char* entry : {" received ", " handed_off ", " paused ", " resumed ", " resolved "})
    EXPECT_TRUE(contains(timeline.out, entry)) << entry << "\n" << timeline;
  EXPECT_TRUE(std::regex_search(timeline.out, std::regex("\n +[0-9]+ +2026-03-02 09:01 +responded +u.li +not a first response"))) << timeline;
  EXPECT_TRUE(std::regex_search(timeline.out, std::regex("handed_off +u.li +to q.tang \\(quality\\)"))) << timeline;

  // The account: the card's complaints, and the account's list with the resolved ones.
  Result card = at("2026-03-03T11:30", {"account", "show", "A1"});
  ASSERT_EQ(card.exit, 0) << card;
  EXPECT_TRUE(std::regex_search(card.out, std::regex("\nComplaints\n  1 open, 0 of them breached\n  COMPLAINT .*\n  CP-3 "))) << card;
  Result account = at("2026-03-03T11:30", {"complaints", "account", "A1", "--closed"});
  ASSERT_EQ(account.exit, 0) << account;
  EXPECT_TRUE(contains(account.out, "Complaints of account A1 at 2026-03-03 11:30 (Asia/Shanghai): 1 open, 0 of them breached\n")) << account;
  EXPECT_TRUE(std::regex_search(account.out, std::regex("\nCP-1 +2026-03-02 09:00 +resolved +normal +u.li +q.tang"))) << account;

  // The SLA report: the first owner keeps all three; one on time of the two decided.
  Result sla = at("2026-03-03T11:30", {"report", "sla", "--by", "owner", "--from", "2026-03-02", "--to", "2026-03-03",
                                        "--svg", "sla.svg", "--user", "sup", "--role", "supervisor"});
  ASSERT_EQ(sla.exit, 0) << sla;
  EXPECT_TRUE(contains(sla.out, "SLA by first owner: complaints received 2026-03-02 to 2026-03-04 (Asia/Shanghai, the end excluded)\n"))
      << sla;
  EXPECT_TRUE(std::regex_search(sla.out, std::regex("\nu.li +3 +50\\.00% \\(1/2\\) +20m +4h 40m +[0-9hm ]+ +[0-9hm ]+ +1 +0\\.00% \\(0/2\\)\n")))
      << sla;
  EXPECT_TRUE(contains(sla.out, "\nchart: sla.svg\n")) << sla;
  const std::string svg = read_file(dir_.path() / "sla.svg");
  EXPECT_EQ(xml_problem(svg), "") << svg;
  EXPECT_TRUE(contains(svg, ">u.li</text>")) << svg;
  const json kpis = json_at("2026-03-03T11:30", {"report", "sla", "--by", "department", "--from", "2026-03-02", "--to", "2026-03-03"});
  ASSERT_EQ(kpis.at("rows").size(), 1u) << kpis.dump(2);
  EXPECT_EQ(kpis["rows"][0].at("group"), "sales") << "the first owner's department, after the hand-off to quality";
  EXPECT_EQ(kpis["rows"][0].at("complaints"), 3);
  EXPECT_EQ(kpis["rows"][0].at("breaches"), 1);

  // Who may see what, and unknown ids.
  Result other = at("2026-03-03T11:30", {"complaints", "queue", "u.li", "--user", "q.tang", "--role", "agent"});
  EXPECT_EQ(other.exit, 1) << other;
  EXPECT_TRUE(contains(other.err, "KAM_ERR_PERMISSION")) << other;
  Result no_kpi = at("2026-03-03T11:30", {"report", "sla", "--user", "q.tang", "--role", "agent"});
  EXPECT_EQ(no_kpi.exit, 1) << no_kpi;
  EXPECT_TRUE(contains(no_kpi.err, "KAM_ERR_PERMISSION")) << no_kpi;
  Result unknown = at("2026-03-03T11:30", {"complaints", "show", "CP-404"});
  EXPECT_EQ(unknown.exit, 1) << unknown;
  EXPECT_TRUE(contains(unknown.err, "'CP-404'")) << unknown;
  Result usage = at("2026-03-03T11:30", {"report", "sla", "--from", "2026-03-05", "--to", "2026-03-01"});
  EXPECT_EQ(usage.exit, 2) << usage;
  EXPECT_TRUE(contains(usage.err, "--from must be before --to")) << usage;
}

// The demo's service feed imports without a rejected step (every step possible, in time order), twice
// (the second time all duplicates), and a tick at the end finds complaints to escalate.
TEST_P(KamhostComplaintsTest, DemoServiceFeedImportsAndTicks) {
  Result gen = run({"demo", "generate", "--seed", "42", "--accounts", "120", "--end", "2026-11-20T04:00", "--out",
                    "portfolio.jsonl", "--complaints", "service.jsonl"});
  ASSERT_EQ(gen.exit, 0) << gen;
  EXPECT_TRUE(std::regex_search(gen.out, std::regex("\nwrote service.jsonl: 17 employees, [0-9]+ complaints of the 40 largest "
                                                    "accounts \\([0-9]+ steps, [1-9][0-9]* still open\\), [1-9][0-9]* service requests "
                                                    "\\([0-9]+ steps\\)\n")))
      << gen;
  const std::string first = read_file(dir_.path() / "service.jsonl");
  ASSERT_EQ(run({"demo", "generate", "--seed", "42", "--accounts", "120", "--end", "2026-11-20T04:00", "--out", "p2.jsonl",
                 "--complaints", "s2.jsonl"}).exit, 0);
  EXPECT_EQ(read_file(dir_.path() / "s2.jsonl"), first) << "the same seed gives the same feed";
  Result portfolio = at("2026-11-20T12:00", {"import", "portfolio.jsonl"});
  ASSERT_EQ(portfolio.exit, 0) << portfolio;
  Result service = at("2026-11-20T12:00", {"import", "service.jsonl"});
  ASSERT_EQ(service.exit, 0) << service << read_file(dir_.path() / "service.jsonl.rejects");
  EXPECT_TRUE(contains(service.out, " accepted, 0 duplicates, 0 rejected")) << service;
  Result twice = at("2026-11-20T12:00", {"import", "service.jsonl"});
  EXPECT_TRUE(contains(twice.out, ": 0 accepted, ")) << twice;
  Result tick = at("2026-11-23T10:00", {"tick", "--user", "scheduler", "--role", "scheduler"});
  ASSERT_EQ(tick.exit, 0) << tick;
  EXPECT_TRUE(std::regex_search(tick.out, std::regex("\ntick: SLA check ran: [1-9][0-9]* complaints? with a level due, "))) << tick;
  Result sla = at("2026-11-23T10:00", {"report", "sla", "--by", "department", "--from", "2025-11-20"});
  ASSERT_EQ(sla.exit, 0) << sla;
  EXPECT_TRUE(std::regex_search(sla.out, std::regex("\nsales +[1-9][0-9]* +"))) << sla;
}

INSTANTIATE_TEST_SUITE_P(Backends, KamhostComplaintsTest, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool>& p) { return p.param ? "PostgreSQL" : "SQLite"; });

}  // namespace
