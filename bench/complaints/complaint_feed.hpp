// complaint_feed.hpp - the generated organisation and complaint traffic complaints_bench loads: the
// employees (20 to a department, the first of each its manager), the accounts with one order each
// (sized so that the example config's tier rules give about 2% platinum, 8% gold, 20% silver), and
// each complaint's steps before "now": OPENED (a random owner and account, priorities low 20%,
// normal 50%, high 20%, critical 10%; received in the 45 days before now, three in four in working
// hours), a hand-off (15%), a first response (55%) and waiting on the customer after it (10% of
// those), at business-time offsets on the complaint calendar. Every complaint stays open.
// Deterministic: complaint i's steps depend on i and the seed only, so batches are generated one
// at a time and a later step (state_change) knows the state the load left.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/time/work_calendar.hpp"

namespace kam::bench {

struct FeedShape {
  uint64_t complaints = 10'000;
  uint32_t employees = 200, accounts = 500;
  int64_t now_ms = 0;      // the host clock at the end of the load; every step is before it
  int32_t spread_days = 45;  // complaints are received in [now - spread, now)
  uint64_t seed = 42;
};

class ComplaintFeed {
 public:
  ComplaintFeed(FeedShape shape, const core::time::WorkCalendar& calendar);

  const FeedShape& shape() const { return shape_; }
  static std::string employee_id(uint32_t e) { return "e-" + std::to_string(e); }
  static std::string complaint_id(uint64_t i) { return "C-" + std::to_string(i); }
  std::string department_of(uint32_t e) const { return "dept-" + std::to_string(e / 20); }

  std::vector<core::Event> employees() const;
  // One account event and one order event per account (the order decides the tier).
  std::vector<core::Event> accounts() const;
  std::vector<core::Event> orders() const;

  // The steps of complaints [from, to), each complaint's in time order, appended to `out`.
  void complaints(uint64_t from, uint64_t to, std::vector<core::Event>& out) const;

  // A step of complaint i at at_ms (after every loaded step) that changes its state: the reply of a
  // customer it waits on, else the first response when it has none, else a resolution or a
  // hand-off (one each in turn). `tag` makes the event id unique per round.
  core::Event state_change(uint64_t i, int64_t at_ms, const std::string& tag) const;

 private:
  struct Plan {
    int64_t received_ms = 0;
    uint32_t owner = 0, account = 0;
    int32_t priority = 2;
    bool handed_off = false, responded = false, waiting = false;
    uint32_t assignee = 0;  // after the hand-off, if any before now
    int64_t handoff_ms = 0, response_ms = 0, waiting_ms = 0;
  };
  Plan plan(uint64_t i) const;
  core::ComplaintEvent base(uint64_t i, const Plan& p, core::ComplaintAction action, uint32_t employee) const;

  FeedShape shape_;
  const core::time::WorkCalendar& calendar_;
};

}  // namespace kam::bench
