// lifecycle_test.cpp - the complaint lifecycle rules: the first owner, hand-offs, which responses
// count, and every rejection with its reason.
#include <gtest/gtest.h>

#include "complaints/complaint_util.hpp"

namespace kam::core::complaints {
namespace {

using namespace kam::core::complaints::test;

TEST(ComplaintLifecycle, FirstOwnerIsImmutableAndHandOffsMoveTheAssignee) {
  Life life;
  life.accept(opened(cst(3, 2, 9), "e-ann", "sales"));
  EXPECT_EQ(life.state().first_owner, "e-ann");
  EXPECT_EQ(life.state().assignee, "e-ann");
  life.accept(handed_off(cst(3, 2, 10), "e-bob", "quality"));
  life.accept(handed_off(cst(3, 2, 11), "e-cai", "logistics", "e-bob"));
  const ComplaintState s = life.state();
  EXPECT_EQ(s.first_owner, "e-ann");
  EXPECT_EQ(s.owner_department, "sales");
  EXPECT_EQ(s.assignee, "e-cai");
  EXPECT_EQ(s.department, "logistics");
  EXPECT_EQ(s.phase, Phase::open);
  ASSERT_TRUE(s.target.has_value());
  EXPECT_EQ(s.target->first_response_ms, 4 * kHourMs);
  EXPECT_EQ(s.target->calendar_key, "china-2026#1");
}

TEST(ComplaintLifecycle, OnlyAnOutboundHumanCustomerVisibleResponseIsTheFirstResponse) {
  struct Case {
    const char* what;
    bool outbound, by_person, visible, first;
  } cases[] = {
      {"an inbound message", false, true, true, false},
      {"an automatic acknowledgement", true, false, true, false},
      {"an internal note", true, true, false, false},
      {"a reply to the customer", true, true, true, true},
  };
  for (const Case& c : cases) {
    Life life;
    life.accept(opened(cst(3, 2, 9)));
    life.accept(responded(cst(3, 2, 10), "e-ann", c.outbound, c.by_person, c.visible));
    EXPECT_EQ(life.state().first_responded, c.first) << c.what;
    EXPECT_EQ(life.ledger.back().kind, c.first ? EntryKind::first_response : EntryKind::responded) << c.what;
  }
  // A second qualifying reply is a plain response.
  Life life;
  life.accept(opened(cst(3, 2, 9)));
  life.accept(responded(cst(3, 2, 10)));
  life.accept(responded(cst(3, 2, 11)));
  EXPECT_EQ(life.ledger.back().kind, EntryKind::responded);
  EXPECT_TRUE(life.ledger.back().counts);
}

TEST(ComplaintLifecycle, AnEventsResponseFlagsSayWhetherItIsAFirstResponse) {
  ComplaintEvent e;
  e.complaint_id = "C-1";
  e.action = static_cast<int32_t>(ComplaintAction::responded);
  e.employee_id = "e-ann";
  e.severity = 3;
  const struct {
    uint32_t flags;
    bool outbound, by_person, visible;
  } cases[] = {{0, true, true, true},
               {kResponseInbound, false, true, true},
               {kResponseAutomatic, true, false, true},
               {kResponseInternal, true, true, false},
               {kResponseInbound | kResponseInternal, false, true, false}};
  for (const auto& c : cases) {
    e.response_flags = c.flags;
    const Step s = step_of(e, 1234, "gold");
    EXPECT_EQ(s.outbound, c.outbound) << c.flags;
    EXPECT_EQ(s.by_person, c.by_person) << c.flags;
    EXPECT_EQ(s.customer_visible, c.visible) << c.flags;
    EXPECT_EQ(s.action, Action::responded);
    EXPECT_EQ(s.at_ms, 1234);
    EXPECT_EQ(s.priority, 3);
    EXPECT_EQ(s.tier, "gold");
  }
}

TEST(ComplaintLifecycle, ImpossibleStepsAreRejectedWithTheReason) {
  const int64_t t0 = cst(3, 2, 9);
  const int64_t later = cst(3, 2, 10);
  struct Case {
    const char* what;
    std::vector<Step> before;
    Step step;
    const char* reason;
  } cases[] = {
      {"a step before OPENED", {}, responded(later), "responded: complaint 'C-1' was never opened"},
      {"a second OPENED", {opened(t0)}, opened(later, "e-bob"),
       "opened: already opened at 2026-03-02T01:00:00.000Z by e-ann (the first owner)"},
      {"OPENED without an employee", {}, opened(t0, ""), "opened: no employee_id"},
      {"OPENED with priority 5", {}, opened(t0, "e-ann", "sales", "gold", 5), "opened: priority 5 is not"},
      {"hand off to nobody", {opened(t0)}, handed_off(later, "", "x"), "handed_off: no to_employee_id"},
      {"hand off to the current assignee", {opened(t0)}, handed_off(later, "e-ann", "sales"),
       "handed_off: e-ann is already the assignee"},
      {"respond to a closed complaint",
       {opened(t0), step(Action::resolved, t0), step(Action::closed, t0)},
       responded(later),
       "responded: cannot respond to a complaint that is closed"},
      {"resolve twice", {opened(t0), step(Action::resolved, t0)}, step(Action::resolved, later),
       "resolved: cannot resolve a complaint that is resolved"},
      {"close an open complaint", {opened(t0)}, step(Action::closed, later),
       "closed: a complaint that is open cannot be closed: CLOSED confirms a resolution"},
      {"reopen an open complaint", {opened(t0)}, step(Action::reopened, later), "reopened: the complaint is open"},
      {"resume when not paused", {opened(t0)}, step(Action::customer_replied, later),
       "customer_replied: not waiting on the customer"},
      {"pause twice", {opened(t0), step(Action::waiting_on_customer, t0)}, step(Action::waiting_on_customer, later),
       "already waiting on the customer"},
      {"pause a resolved complaint", {opened(t0), step(Action::resolved, t0)},
       step(Action::waiting_on_customer, later), "cannot wait on the customer for a complaint that is resolved"},
      {"hand off a closed complaint", {opened(t0), step(Action::resolved, t0), step(Action::closed, t0)},
       handed_off(later, "e-bob", "q"), "cannot hand off a complaint that is closed"},
      {"the same priority", {opened(t0)}, prioritised(later, 2), "the priority is already 2"},
      {"a step out of time order", {opened(t0), step(Action::commented, later)}, responded(t0),
       "responded: occurred at 2026-03-02T01:00:00.000Z, before the last step applied at 2026-03-02T02:00:00.000Z"},
  };
  for (const Case& c : cases) {
    Life life;
    for (const Step& s : c.before) life.accept(s);
    const Ledger before = life.ledger;
    const std::string reason = life.apply(c.step);
    EXPECT_NE(reason.find(c.reason), std::string::npos) << c.what << ": " << reason;
    EXPECT_EQ(life.ledger.size(), before.size()) << c.what << ": a rejected step appends nothing";
  }
}

TEST(ComplaintLifecycle, AcceptedPathsAndTheStateFromTheLedger) {
  Life life;
  const int64_t t = cst(3, 2, 9);
  life.accept(opened(t));
  life.accept(step(Action::commented, t));
  life.accept(step(Action::waiting_on_customer, t + kHourMs));
  life.accept(step(Action::resolved, t + 2 * kHourMs));  // straight from the pause
  EXPECT_FALSE(life.state().waiting_on_customer);
  life.accept(responded(t + 2 * kHourMs));  // the resolution notice: recorded, not a first response
  EXPECT_EQ(life.ledger.back().kind, EntryKind::responded);
  EXPECT_FALSE(life.state().first_responded);
  life.accept(step(Action::closed, t + 3 * kHourMs));
  life.accept(step(Action::reopened, t + 4 * kHourMs));
  life.accept(step(Action::resolved, t + 5 * kHourMs));
  life.accept(step(Action::reopened, t + 6 * kHourMs));  // a resolved one can be reopened too
  life.accept(step(Action::commented, t + 6 * kHourMs));  // the same instant is in order
  const ComplaintState s = life.state();
  EXPECT_EQ(s.phase, Phase::open);
  EXPECT_EQ(s.reopen_count, 2);
  EXPECT_EQ(s.last_at_ms, t + 6 * kHourMs);
}

TEST(ComplaintLifecycle, APriorityChangeSetsTheMatchingTarget) {
  Life life;
  life.setup.targets.push_back(target("gold", 4, 60, 8 * 60));
  life.accept(opened(cst(3, 2, 9)));
  EXPECT_EQ(life.state().target->first_response_ms, 4 * kHourMs);
  life.accept(prioritised(cst(3, 2, 10), 4));
  EXPECT_EQ(life.ledger.back().kind, EntryKind::target_set);
  EXPECT_EQ(life.state().target->first_response_ms, kHourMs);
  // Back to priority 3: the gold default again.
  life.accept(prioritised(cst(3, 2, 11), 3));
  EXPECT_EQ(life.state().target->first_response_ms, 4 * kHourMs);
  // A complaint whose tier has no target has no clocks.
  Life none;
  none.accept(opened(cst(3, 2, 9), "e-ann", "sales", "bronze"));
  EXPECT_FALSE(none.state().target.has_value());
  EXPECT_EQ(none.status(ClockKind::first_response, cst(3, 9, 9)).target_ms, 0);
}

}  // namespace
}  // namespace kam::core::complaints
