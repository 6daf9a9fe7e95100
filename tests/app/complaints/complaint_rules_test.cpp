// complaint_rules_test.cpp - the complaint use cases' rules on the store (both backends): who may
// see what (own, managed account, department, all), a calendar reload that recomputes open
// deadlines from its instant and keeps a past breach, and two stores on one database checking the
// SLA at once from threads (each escalation written once).
#include <thread>

#include "complaints/complaint_fixture.hpp"
#include "core/error.hpp"

namespace kam::store::test {
namespace {

using core::ComplaintAction;
using nlohmann::json;

class ComplaintRulesTest : public ComplaintTest {};

Status status_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.status();
  }
  return Status::ok;
}

TEST_P(ComplaintRulesTest, WhoSeesWhat) {
  ingest_ok({step("c1-open", "C-1", ComplaintAction::opened, "e-ann", cst(3, 2, 9)),
             hand_off("c1-hand", "C-1", "e-ann", "e-bob", "quality", cst(3, 2, 10))});
  const int64_t now = cst(3, 2, 10, 30);
  // The first owner, the assignee, the account's manager, the assignee's department's supervisor
  // and the auditor see it; someone else does not.
  for (const core::Actor* a : {&ann_, &bob_, &manager_, &supervisor_, &auditor_})
    EXPECT_EQ(timeline("C-1", now, a)["complaint_id"], "C-1") << a->user_id;
  EXPECT_EQ(status_of([&] { timeline("C-1", now, &zed_); }), Status::permission);
  // Queues: one's own; a supervisor's department's employees; everyone's with read.all.
  EXPECT_EQ(queue("e-ann", now, &ann_)["complaints"].size(), 1u);
  EXPECT_EQ(status_of([&] { queue("e-bob", now, &ann_); }), Status::permission);
  EXPECT_EQ(queue("e-bob", now, &supervisor_)["complaints"].size(), 1u);  // e-bob is in quality
  EXPECT_EQ(status_of([&] { queue("e-ann", now, &supervisor_); }), Status::permission);  // sales
  EXPECT_EQ(queue("e-ann", now, &auditor_)["complaints"].size(), 1u);
  // An account's complaints: its manager; not someone unrelated; an unknown account is not found.
  EXPECT_EQ(account("A1", now, false, &manager_)["open_count"], 1);
  EXPECT_EQ(status_of([&] { account("A1", now, false, &zed_); }), Status::permission);
  EXPECT_EQ(account("A2", now, false, &zed_)["open_count"], 0);  // nothing to hide
  EXPECT_EQ(status_of([&] { account("A9", now); }), Status::not_found);
  EXPECT_EQ(status_of([&] { timeline("C-9", now); }), Status::not_found);
  // KPIs need their own permission.
  const app::ComplaintQueryContext c{ann_, config_.access, now};
  EXPECT_EQ(status_of([&] { app::complaint_kpis_json(*store_, config_, c, app::KpiRequest{0, 0, now}); }),
            Status::permission);
}

TEST_P(ComplaintRulesTest, ACalendarReloadRecomputesOpenDeadlinesAndKeepsPastBreaches) {
  ingest_ok({step("c1-open", "C-1", ComplaintAction::opened, "e-ann", cst(3, 2, 9))});
  EXPECT_EQ(check(cst(3, 2, 11)).breaches, 1u);  // first response breached at Mon 11:00
  // 16h of resolution from Mon 09:00: Tue 3/3 18:00. At Mon 12:00 Tuesday becomes a holiday: 3h used,
  // 13h left from 12:00: Mon 13-18 (5h), Wed 3/4 (8h): due Wed 18:00.
  EXPECT_EQ(timeline("C-1", cst(3, 2, 12))["clocks"][1]["deadline_ms"], cst(3, 3, 18));
  const config::Config old_config = config_;
  config_ = complaint_config(", 2026-03-03");
  EXPECT_EQ(app::recompute_open_deadlines(*store_, old_config, config_, cst(3, 2, 12), log_fn()), 1u);
  const json t = timeline("C-1", cst(3, 2, 12, 1));
  EXPECT_EQ(t["clocks"][1]["deadline_ms"], cst(3, 4, 18));
  EXPECT_EQ(t["clocks"][0]["breached_at_ms"], cst(3, 2, 11));  // the past breach stays where it was
  EXPECT_EQ(t["ledger"].back()["kind"], "calendar_changed");
  // The old version stays loadable (it is named by the ledger) even after a second change.
  const config::Config second = config_;
  config_ = complaint_config(", 2026-03-03, 2026-03-04");
  EXPECT_EQ(app::recompute_open_deadlines(*store_, second, config_, cst(3, 2, 13), log_fn()), 1u);
  EXPECT_EQ(timeline("C-1", cst(3, 2, 13))["clocks"][1]["deadline_ms"], cst(3, 5, 18));
  EXPECT_EQ(count(*store_, "calendar_versions"), 3);
  // Nothing changed: nothing appended.
  EXPECT_EQ(app::recompute_open_deadlines(*store_, config_, config_, cst(3, 2, 14), log_fn()), 0u);
  EXPECT_EQ(check(cst(3, 3, 18)).breaches, 0u);  // not breached on the old Tuesday deadline
  EXPECT_EQ(check(cst(3, 5, 18)).breaches, 1u);
}

TEST_P(ComplaintRulesTest, TwoStoresCheckingAtOnceWriteEachEscalationOnce) {
  const int n = is_sqlite() ? 40 : 120;
  std::vector<core::Event> events;
  for (int i = 0; i < n; ++i)
    events.push_back(step("open-" + std::to_string(i), "K-" + std::to_string(i), ComplaintAction::opened, "e-ann",
                          cst(3, 2, 9) + i * 1000));
  ingest_ok(events);
  std::unique_ptr<Store> other = open();
  std::vector<std::thread> threads;
  std::atomic<uint64_t> warnings{0}, breaches{0};
  for (Store* s : {store_.get(), other.get(), store_.get(), other.get()})
    threads.emplace_back([&, s] {
      for (const int64_t at : {cst(3, 2, 10, 5), cst(3, 2, 11, 5)}) {
        const app::SlaCheckSummary r = check(at, s);
        warnings += r.warnings;
        breaches += r.breaches;
      }
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(warnings.load(), static_cast<uint64_t>(n));
  EXPECT_EQ(breaches.load(), static_cast<uint64_t>(n));
  EXPECT_EQ(count(*store_, "sla_escalations"), 2 * n);
  EXPECT_EQ(sla_notifications(), 2 * n);
}

KAM_STORE_INSTANTIATE(ComplaintRulesTest);

}  // namespace
}  // namespace kam::store::test
