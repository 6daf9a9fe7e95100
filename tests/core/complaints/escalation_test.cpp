// escalation_test.cpp - which escalation steps are due: recipients from the org facts, stable keys,
// nothing after the agent replied (zammad 3140), an update not counted as a first response (zammad
// 5177), and a moved deadline never sending a step twice.
#include <gtest/gtest.h>

#include "complaints/complaint_util.hpp"

namespace kam::core::complaints {
namespace {

using namespace kam::core::complaints::test;

const EscalationChain kChain = {
    {"warn", ClockKind::first_response, 7500, 0, {{RecipientKind::owner, ""}, {RecipientKind::assignee, ""}}},
    {"breach", ClockKind::first_response, 10000, 0, {{RecipientKind::owner_manager, ""}}},
    {"director", ClockKind::first_response, 10000, 240, {{RecipientKind::role, "director"}}},
};
const OrgFacts kOrg = {{"e-ann", {"m-lee", "sales"}}, {"e-bob", {"", "quality"}}};

std::vector<std::string> keys(const std::vector<Escalation>& due) {
  std::vector<std::string> out;
  for (const Escalation& e : due) out.push_back(e.key);
  return out;
}

TEST(ComplaintEscalation, StepsComeDueAtTheirInstantWithStableKeys) {
  Life life;
  life.accept(opened(cst(3, 2, 9)));  // 75% = 3h: 12:00; breach 14:00; + 4h: Tue 09-11... 14-18 = 18:00
  using V = std::vector<std::string>;
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 2, 12) - 1)), V{});
  const std::vector<Escalation> warn = life.due(kChain, kOrg, cst(3, 2, 12));
  ASSERT_EQ(keys(warn), V{"C-1/first_response/0/g1"});
  EXPECT_EQ(warn[0].kind, NotifyKind::warning);
  EXPECT_EQ(warn[0].due_at_ms, cst(3, 2, 12));
  EXPECT_EQ(warn[0].employees, V{"e-ann"});  // owner and assignee are one person: once
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 2, 14))), (V{"C-1/first_response/0/g1", "C-1/first_response/1/g1"}));
  const std::vector<Escalation> all = life.due(kChain, kOrg, cst(3, 2, 18));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].kind, NotifyKind::breach);
  EXPECT_EQ(all[1].employees, V{"m-lee"});
  EXPECT_EQ(all[2].key, "C-1/first_response/2/g1");
  EXPECT_EQ(all[2].due_at_ms, cst(3, 2, 18));
  EXPECT_EQ(all[2].roles, V{"director"});
  EXPECT_EQ(life.due(kChain, kOrg, cst(3, 2, 18) - 1).size(), 2u);
}

TEST(ComplaintEscalation, AManagerMissingFromTheOrgIsReportedNotDropped) {
  Life life;
  life.accept(opened(cst(3, 2, 9), "e-bob", "quality"));
  const std::vector<Escalation> due = life.due(kChain, kOrg, cst(3, 2, 14));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_TRUE(due[1].employees.empty());
  EXPECT_EQ(due[1].unresolved, std::vector<std::string>{"owner's manager: no manager on record for employee 'e-bob'"});
}

TEST(ComplaintEscalation, NothingAfterTheAgentReplied) {
  // Replied before the warning: no step ever comes due.
  Life early;
  early.accept(opened(cst(3, 2, 9)));
  early.accept(responded(cst(3, 2, 10)));
  EXPECT_TRUE(early.due(kChain, kOrg, cst(3, 5, 9)).empty());
  // Replied after the breach, before any tick looked: the late tick sends nothing.
  Life late;
  late.accept(opened(cst(3, 2, 9)));
  late.accept(responded(cst(3, 2, 15)));
  EXPECT_TRUE(late.due(kChain, kOrg, cst(3, 2, 16)).empty());
  // But the breach stays on record for the KPIs.
  EXPECT_TRUE(late.status(ClockKind::first_response, cst(3, 2, 16)).breached.has_value());
}

TEST(ComplaintEscalation, AnUpdateOrAutomaticReplyIsNotAFirstResponse) {
  Life life;
  life.accept(opened(cst(3, 2, 9)));
  life.accept(responded(cst(3, 2, 9, 1), "bot", true, false, true));   // automatic acknowledgement
  life.accept(responded(cst(3, 2, 10), "e-ann", true, true, false));  // internal note
  life.accept(step(Action::commented, cst(3, 2, 11)));
  life.accept(responded(cst(3, 2, 11, 30), "e-ann", false));  // the customer wrote again
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 2, 14))),
            (std::vector<std::string>{"C-1/first_response/0/g1", "C-1/first_response/1/g1"}));
}

TEST(ComplaintEscalation, AMovedDeadlineNeverSendsAStepTwice) {
  using V = std::vector<std::string>;
  Life life;
  life.accept(opened(cst(3, 2, 16)));  // Mon 16-18 (2h), Tue 09-10: warning Tue 10:00, breach 11:00
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 3, 10))), V{"C-1/first_response/0/g1"});
  // Tuesday 10:30, after the warning went out, Tuesday is declared a holiday: the clock has 30
  // minutes left, from Wednesday 09:00.
  time::WorkDefinition def = time::test::china_2026();
  def.holidays.push_back({time::test::ymd(2026, 3, 3), time::test::ymd(2026, 3, 3), "added"});
  life.change_calendar(cst(3, 3, 10, 30), time::WorkCalendar(def), "china-2026#2");
  // The warning keeps its generation-1 key (never sent again); the breach moved and is keyed by the
  // generation in force when it comes due.
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 3, 11))), V{"C-1/first_response/0/g1"});
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 4, 9, 30) - 1)), V{"C-1/first_response/0/g1"});
  EXPECT_EQ(keys(life.due(kChain, kOrg, cst(3, 4, 9, 30))), (V{"C-1/first_response/0/g1", "C-1/first_response/1/g2"}));
  // breach + 4 business hours: Wed 09:30-12 (2.5h), 13-14:30.
  const std::vector<Escalation> due = life.due(kChain, kOrg, cst(3, 4, 14, 30));
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[2].key, "C-1/first_response/2/g2");
  EXPECT_EQ(due[2].due_at_ms, cst(3, 4, 14, 30));
}

}  // namespace
}  // namespace kam::core::complaints
