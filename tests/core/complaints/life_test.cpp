// life_test.cpp - one complaint's whole life on China's 2026 calendar, across the Spring Festival and
// the 2/14 make-up Saturday: two hand-offs, a pause, a reopen; the deadlines, warnings, breaches and
// each escalation step at the host-clock instant a person computes by hand (in the comments), and
// the employees' queues and the KPI along the way (the acceptance line of issue 10).
#include <gtest/gtest.h>

#include "complaints/complaint_util.hpp"
#include "core/complaints/kpi.hpp"
#include "core/complaints/queue.hpp"

namespace kam::core::complaints {
namespace {

using namespace kam::core::complaints::test;
using V = std::vector<std::string>;

const EscalationChain kChain = {
    {"first warn", ClockKind::first_response, 7500, 0, {{RecipientKind::owner, ""}, {RecipientKind::assignee, ""}}},
    {"first breach", ClockKind::first_response, 10000, 0, {{RecipientKind::owner_manager, ""}}},
    {"warn", ClockKind::resolution, 7500, 0, {{RecipientKind::owner, ""}, {RecipientKind::assignee, ""}}},
    {"breach", ClockKind::resolution, 10000, 0, {{RecipientKind::owner_manager, ""}}},
    {"director", ClockKind::resolution, 10000, 240, {{RecipientKind::role, "director"}}},
};
const OrgFacts kOrg = {{"e-ann", {"m-lee", "sales"}}, {"e-bob", {"m-wu", "quality"}}, {"e-cai", {"m-wu", "logistics"}}};

struct Due {
  const char* key;
  int64_t at_ms;
  V employees;
};

// Each step is not due 1 ms before its instant and is due at it, with its recipients.
void expect_due(const Life& life, const Due& d, int64_t asked_ms) {
  const auto find = [&](int64_t now) {
    const std::vector<Escalation> due = life.due(kChain, kOrg, now);
    const auto it = std::find_if(due.begin(), due.end(), [&](const Escalation& e) { return e.key == d.key; });
    return it == due.end() ? std::optional<Escalation>() : std::optional<Escalation>(*it);
  };
  EXPECT_FALSE(find(d.at_ms - 1).has_value()) << d.key;
  const std::optional<Escalation> e = find(std::max(d.at_ms, asked_ms));
  ASSERT_TRUE(e.has_value()) << d.key;
  EXPECT_EQ(e->due_at_ms, d.at_ms) << d.key;
  if (!d.employees.empty()) {
    EXPECT_EQ(e->employees, d.employees) << d.key;
  }
}

std::vector<std::string> queue_ids(const Life& life, int64_t now, const std::string& who) {
  std::vector<std::string> ids;
  for (const QueueItem& q : employee_queue({life.record(now)}, who)) ids.push_back(q.complaint_id);
  return ids;
}

TEST(ComplaintLife, TwoHandOffsAPauseAndAReopen) {
  Life life;
  constexpr ClockKind kFirst = ClockKind::first_response, kRes = ClockKind::resolution;
  // Fri 2/13 16:00, received by e-ann (sales). First response 4h: Fri 16-18 (2h), Sat 2/14 (make-up)
  // 09-11: due Sat 11:00, warning (3h) Sat 10:00. Resolution 24h.
  life.accept(opened(cst(2, 13, 16), "e-ann", "sales"));
  EXPECT_EQ(life.status(kFirst, cst(2, 13, 16)).deadline_ms, cst(2, 14, 11));
  // Fri 17:00, e-ann hands it to e-bob (quality): both queues have it.
  life.accept(handed_off(cst(2, 13, 17), "e-bob", "quality"));
  EXPECT_EQ(queue_ids(life, cst(2, 13, 17), "e-ann"), V{"C-1"});
  EXPECT_EQ(queue_ids(life, cst(2, 13, 17), "e-bob"), V{"C-1"});
  expect_due(life, {"C-1/first_response/0/g1", cst(2, 14, 10), {"e-ann", "e-bob"}}, 0);
  expect_due(life, {"C-1/first_response/1/g1", cst(2, 14, 11), {"m-lee"}}, 0);
  // Sat 11:30, e-bob replies: 30 minutes late.
  life.accept(responded(cst(2, 14, 11, 30), "e-bob"));
  const ClockStatus first = life.status(kFirst, cst(2, 14, 12));
  EXPECT_EQ(first.elapsed_ms, 4 * kHourMs + 30 * kMinuteMs);
  ASSERT_TRUE(first.breached.has_value());
  EXPECT_EQ(first.breached->at_ms, cst(2, 14, 11));
  EXPECT_EQ(first.breach_by_ms, 30 * kMinuteMs);
  ASSERT_EQ(first.warnings.size(), 1u);
  EXPECT_EQ(first.warnings[0], (Reached{cst(2, 14, 10), 1}));
  // Sat 14:00, waiting on the customer; 6h used (Fri 2h, Sat 09-12, 13-14).
  life.accept(step(Action::waiting_on_customer, cst(2, 14, 14), "e-bob"));
  const ClockStatus held = life.status(kRes, cst(2, 20, 12));  // mid-festival
  EXPECT_TRUE(held.paused);
  EXPECT_FALSE(held.deadline_ms.has_value());
  EXPECT_EQ(held.left_ms, 18 * kHourMs);
  EXPECT_EQ(queue_ids(life, cst(2, 20, 12), "e-bob"), V{"C-1"});  // still in the queue while paused
  // The first-response clock stopped at the reply, the resolution clock is paused before its
  // warning: nothing is due (the first-response steps are not sent after the reply).
  EXPECT_TRUE(life.due(kChain, kOrg, cst(2, 20, 12)).empty());
  // Tue 2/24 10:00 (after the festival) the customer replies. Paused: Sat 14-18 (4h), Tue 09-10
  // (1h). 18h left from Tue 10:00: Tue 7h, Wed 2/25 8h, Thu 2/26 09-12: due Thu 12:00; warning at
  // 18h used (12h left): Tue 7h, Wed 09-12, 13-15: Wed 15:00.
  life.accept(step(Action::customer_replied, cst(2, 24, 10), "e-bob"));
  const ClockStatus resumed = life.status(kRes, cst(2, 24, 10));
  EXPECT_EQ(resumed.paused_ms, 5 * kHourMs);
  EXPECT_EQ(resumed.deadline_ms, cst(2, 26, 12));
  // Wed 09:00, e-bob hands it to e-cai (logistics): e-bob's queue is empty, e-ann keeps it.
  life.accept(handed_off(cst(2, 25, 9), "e-cai", "logistics", "e-bob"));
  EXPECT_EQ(queue_ids(life, cst(2, 25, 9), "e-bob"), V{});
  EXPECT_EQ(queue_ids(life, cst(2, 25, 9), "e-cai"), V{"C-1"});
  EXPECT_EQ(queue_ids(life, cst(2, 25, 9), "e-ann"), V{"C-1"});
  EXPECT_EQ(life.state().first_owner, "e-ann");
  expect_due(life, {"C-1/resolution/2/g1", cst(2, 25, 15), {"e-ann", "e-cai"}}, 0);
  // Thu 11:00, resolved: 23h used, on time; out of every queue.
  life.accept(step(Action::resolved, cst(2, 26, 11), "e-cai"));
  EXPECT_EQ(life.status(kRes, cst(2, 26, 11)).elapsed_ms, 23 * kHourMs);
  EXPECT_FALSE(life.status(kRes, cst(2, 26, 11)).breached.has_value());
  EXPECT_EQ(queue_ids(life, cst(2, 26, 11), "e-ann"), V{});
  // Fri 2/27 10:00 the customer reopens it: generation 2, 1h left: breach Fri 11:00; director at
  // breach + 4h: Fri 11-12, 13-16. The warning from before the reopen is not sent again.
  life.accept(step(Action::reopened, cst(2, 27, 10), "e-cai"));
  EXPECT_EQ(life.status(kRes, cst(2, 27, 10)).generation, 2);
  EXPECT_EQ(life.status(kRes, cst(2, 27, 10)).deadline_ms, cst(2, 27, 11));
  EXPECT_EQ(queue_ids(life, cst(2, 27, 10), "e-ann"), V{"C-1"});
  EXPECT_EQ(queue_ids(life, cst(2, 27, 10), "e-cai"), V{"C-1"});
  EXPECT_TRUE(life.due(kChain, kOrg, cst(2, 27, 10, 30)).empty());
  expect_due(life, {"C-1/resolution/3/g2", cst(2, 27, 11), {"m-lee"}}, 0);
  expect_due(life, {"C-1/resolution/4/g2", cst(2, 27, 16), {}}, 0);
  // Fri 17:00 resolved again: 29h used, 5h over; Sat 2/28 confirmed closed.
  life.accept(step(Action::resolved, cst(2, 27, 17), "e-cai"));
  life.accept(step(Action::closed, cst(2, 28, 9), "e-ann"));
  const ClockStatus done = life.status(kRes, cst(3, 2, 9));
  EXPECT_EQ(done.elapsed_ms, 29 * kHourMs);
  ASSERT_TRUE(done.breached.has_value());
  EXPECT_EQ(done.breached->at_ms, cst(2, 27, 11));
  EXPECT_EQ(done.breach_by_ms, 5 * kHourMs);
  EXPECT_TRUE(life.due(kChain, kOrg, cst(3, 2, 9)).empty());
  // The KPI counts it for the first owner, e-ann, and her department, not for e-bob or e-cai.
  const std::vector<KpiRow> by_owner =
      complaint_kpis({life.record(cst(3, 2, 9))}, KpiGroup::first_owner, 0, cst(12, 31, 0));
  ASSERT_EQ(by_owner.size(), 1u);
  EXPECT_EQ(by_owner[0].group, "e-ann");
  EXPECT_EQ(by_owner[0].complaints, 1);
  EXPECT_EQ(by_owner[0].compliance_bp, 0);
  EXPECT_EQ(by_owner[0].breaches, 1);
  EXPECT_EQ(by_owner[0].reopen_rate_bp, 10000);
  EXPECT_EQ(by_owner[0].first_response_median_ms, 4 * kHourMs + 30 * kMinuteMs);
  EXPECT_EQ(by_owner[0].resolution_median_ms, 29 * kHourMs);
  const std::vector<KpiRow> by_department =
      complaint_kpis({life.record(cst(3, 2, 9))}, KpiGroup::department, 0, cst(12, 31, 0));
  ASSERT_EQ(by_department.size(), 1u);
  EXPECT_EQ(by_department[0].group, "sales");
}

}  // namespace
}  // namespace kam::core::complaints
