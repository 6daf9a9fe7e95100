// queue_kpi_test.cpp - queue ordering by time to breach and the KPI figures over several complaints.
#include <gtest/gtest.h>

#include "complaints/complaint_util.hpp"
#include "core/complaints/kpi.hpp"
#include "core/complaints/queue.hpp"

namespace kam::core::complaints {
namespace {

using namespace kam::core::complaints::test;

ComplaintRecord complaint(const std::string& id, std::vector<Step> steps, int64_t now_ms) {
  Life life;
  life.id = id;
  for (const Step& s : steps) life.accept(s);
  return life.record(now_ms);
}

TEST(ComplaintQueue, SortedByBusinessTimeLeft) {
  const int64_t now = cst(3, 3, 10);
  const std::vector<ComplaintRecord> records = {
      complaint("C-late", {opened(cst(3, 2, 9))}, now),       // Mon 8h, Tue 1h: 5h over
      complaint("C-fresh", {opened(cst(3, 3, 9, 30))}, now),  // 3.5h left, due 09:30-12, 13-14:30
      complaint("C-held", {opened(cst(3, 3, 9)), step(Action::waiting_on_customer, cst(3, 3, 9, 30))}, now),  // 3.5h
      complaint("C-answered", {opened(cst(3, 2, 17)), responded(cst(3, 2, 17, 10))}, now),  // resolution: 24h - 2h
      complaint("C-other", {opened(cst(3, 3, 9), "e-bob")}, now),
      complaint("C-done", {opened(cst(3, 3, 9)), step(Action::resolved, cst(3, 3, 9, 10))}, now),
      complaint("C-none", {opened(cst(3, 3, 9), "e-ann", "sales", "bronze")}, now),
  };
  const std::vector<QueueItem> queue = employee_queue(records, "e-ann");
  std::vector<std::string> ids;
  for (const QueueItem& q : queue) ids.push_back(q.complaint_id);
  // Equal time left: by deadline; a paused one (no deadline) after.
  EXPECT_EQ(ids, (std::vector<std::string>{"C-late", "C-fresh", "C-held", "C-answered", "C-none"}));
  EXPECT_EQ(queue[0].left_ms, -5 * kHourMs);
  EXPECT_EQ(queue[1].deadline_ms, cst(3, 3, 14, 30));
  EXPECT_EQ(queue[1].left_ms, 3 * kHourMs + 30 * kMinuteMs);
  EXPECT_TRUE(queue[2].paused);
  EXPECT_EQ(queue[3].clock, ClockKind::resolution);
  EXPECT_EQ(queue[3].left_ms, 22 * kHourMs);
  EXPECT_FALSE(queue[4].has_target);
  EXPECT_TRUE(queue[0].owner && queue[0].assignee);
}

TEST(ComplaintKpi, ComplianceMedianP90BreachesAndReopenRateByTier) {
  const int64_t now = cst(3, 31, 18);
  std::vector<ComplaintRecord> records;
  // Ten gold complaints received Mon 3/2 09:00, answered after 1..10 hours of
  // business time (the 4h target: 4 on time, 6 late), resolved; the first two reopened.
  for (int i = 0; i < 10; ++i) {
    Life life;
    life.id = "G-" + std::to_string(i);
    const int64_t received = cst(3, 2, 9);
    life.accept(opened(received));
    life.accept(responded(life.clock(ClockKind::first_response).add_business_ms(received, (i + 1) * kHourMs)));
    life.accept(step(Action::resolved, cst(3, 20, 9)));
    if (i < 2) life.accept(step(Action::reopened, cst(3, 23, 9)));
    records.push_back(life.record(now));
  }
  records.push_back(complaint("S-1", {opened(cst(3, 2, 9), "e-bob", "sales", "silver")}, now));  // no target
  records.push_back(complaint("G-april", {opened(cst(4, 1, 9))}, now));  // outside the period
  const std::vector<KpiRow> rows = complaint_kpis(records, KpiGroup::tier, cst(3, 1, 0), cst(4, 1, 0));
  ASSERT_EQ(rows.size(), 2u);
  const KpiRow& gold = rows[0];
  EXPECT_EQ(gold.group, "gold");
  EXPECT_EQ(gold.complaints, 10);
  EXPECT_EQ(gold.first_response_decided, 10);
  EXPECT_EQ(gold.first_response_on_time, 4);  // 1..4 hours: 4h exactly is on time
  EXPECT_EQ(gold.compliance_bp, 4000);
  EXPECT_EQ(gold.first_response_median_ms, 5 * kHourMs);  // nearest rank: the 5th of 10
  EXPECT_EQ(gold.first_response_p90_ms, 9 * kHourMs);     // the 9th of 10
  EXPECT_EQ(gold.breaches, 10);  // 6 late answers, and every resolution after 3/20 is over 24h
  EXPECT_EQ(gold.resolved, 10);
  EXPECT_EQ(gold.reopened, 2);
  EXPECT_EQ(gold.reopen_rate_bp, 2000);
  // Mon 3/2 09:00 to Fri 3/20 09:00: 40h + 40h + 32h; the two reopened ones are open again.
  EXPECT_EQ(gold.resolution_median_ms, 112 * kHourMs);
  EXPECT_EQ(gold.resolution_p90_ms, 112 * kHourMs);
  EXPECT_EQ(rows[1].group, "silver");
  EXPECT_FALSE(rows[1].compliance_bp.has_value());
  EXPECT_EQ(nearest_rank({}, 50), std::nullopt);
  EXPECT_EQ(nearest_rank({3, 1, 2}, 50), 2);
}

}  // namespace
}  // namespace kam::core::complaints
