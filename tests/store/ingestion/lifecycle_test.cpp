// Lifecycle events are stored faithfully (every event row) and fold into a current-state row.
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using LifecycleTest = StoreTest;
KAM_STORE_INSTANTIATE(LifecycleTest);

constexpr int32_t kOpened = 1, kHandedOff = 2, kResponded = 3, kResolved = 4, kClosed = 5,
                  kReopened = 6, kCommented = 7;

TEST_P(LifecycleTest, ComplaintOwnerIsTheFirstReceiverEvenAfterHandOffs) {
  auto store = open();
  auto r = store->ingestion().ingest(
      items({complaint_event("k1", "C1", kOpened, "emp-1", 1000),
             complaint_event("k2", "C1", kHandedOff, "emp-1", 2000),
             complaint_event("k3", "C1", kHandedOff, "emp-1-next", 3000),
             complaint_event("k4", "C1", kResponded, "emp-1-next-next", 5000),
             complaint_event("k5", "C1", kResponded, "emp-1", 4000),
             complaint_event("k6", "C1", kCommented, "emp-9", 6000),
             complaint_event("k7", "C1", kResolved, "emp-1", 7000)}),
      options());
  ASSERT_TRUE(r.committed) << (r.items.empty() ? "" : r.items[r.first_rejected_index < 0 ? 0 : r.first_rejected_index].message);
  const std::string where = " FROM complaints WHERE complaint_id = 'C1'";
  EXPECT_EQ(query_text(*store, "SELECT owner_employee_id" + where), "emp-1");
  EXPECT_EQ(query_text(*store, "SELECT owner_department" + where), "sales");
  EXPECT_EQ(query_text(*store, "SELECT current_employee_id" + where), "emp-1-next-next");
  EXPECT_EQ(query_text(*store, "SELECT current_department" + where), "quality");
  EXPECT_EQ(query_int(*store, "SELECT handoff_count" + where), 2);
  EXPECT_EQ(query_text(*store, "SELECT account_id" + where), "A1");
  EXPECT_EQ(query_int(*store, "SELECT severity" + where), 3);
  EXPECT_EQ(query_text(*store, "SELECT category" + where), "delivery");
  EXPECT_EQ(query_text(*store, "SELECT channel" + where), "hotline");
  EXPECT_EQ(query_int(*store, "SELECT opened_at_ms" + where), 1000);
  EXPECT_EQ(query_int(*store, "SELECT first_response_at_ms" + where), 4000);  // the earliest
  EXPECT_EQ(query_text(*store, "SELECT status" + where), "resolved");
  EXPECT_EQ(query_int(*store, "SELECT resolved_at_ms" + where), 7000);
  EXPECT_EQ(query_int(*store, "SELECT last_event_at_ms" + where), 7000);
  EXPECT_EQ(query_text(*store, "SELECT opened_event_id" + where), "k1");
  EXPECT_EQ(query_text(*store, "SELECT last_event_id" + where), "k7");

  // Every step is kept with all its fields.
  EXPECT_EQ(count(*store, "complaint_events"), 7);
  const std::string k2 = " FROM complaint_events WHERE event_id = 'k2'";
  EXPECT_EQ(query_text(*store, "SELECT complaint_id" + k2), "C1");
  EXPECT_EQ(query_int(*store, "SELECT action" + k2), kHandedOff);
  EXPECT_EQ(query_text(*store, "SELECT employee_id" + k2), "emp-1");
  EXPECT_EQ(query_text(*store, "SELECT department" + k2), "sales");
  EXPECT_EQ(query_text(*store, "SELECT to_employee_id" + k2), "emp-1-next");
  EXPECT_EQ(query_text(*store, "SELECT to_department" + k2), "quality");
  EXPECT_EQ(query_text(*store, "SELECT channel" + k2), "hotline");
  EXPECT_EQ(query_text(*store, "SELECT text" + k2), "step 2");
  EXPECT_EQ(query_int(*store, "SELECT occurred_at_ms" + k2), 2000);
  EXPECT_EQ(query_int(*store, "SELECT received_at_ms" + k2), 100000);

  // Closed, reopened, closed again.
  ASSERT_TRUE(store->ingestion().ingest(items({complaint_event("k8", "C1", kClosed, "emp-1", 8000),
                                   complaint_event("k9", "C1", kReopened, "emp-1", 9000)}),
                            options())
                  .committed);
  EXPECT_EQ(query_text(*store, "SELECT status" + where), "open");
  EXPECT_EQ(query_int(*store, "SELECT reopen_count" + where), 1);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM complaints WHERE closed_at_ms IS NULL"), 1);
  ASSERT_TRUE(store->ingestion().ingest(items({complaint_event("k10", "C1", kClosed, "emp-1", 10000)}),
                            options())
                  .committed);
  EXPECT_EQ(query_text(*store, "SELECT status" + where), "closed");
  EXPECT_EQ(query_int(*store, "SELECT closed_at_ms" + where), 10000);
  EXPECT_EQ(query_text(*store, "SELECT owner_employee_id" + where), "emp-1");
}

TEST_P(LifecycleTest, ComplaintStepsNeedTheComplaint) {
  auto store = open();
  auto r = store->ingestion().ingest(items({complaint_event("k2", "C9", kHandedOff, "emp-1")}), options());
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.items[0].status, Status::not_found);
  EXPECT_EQ(r.items[0].message,
            "complaint 'C9' is unknown: send its OPENED event first; this event may be sent "
            "again");
  EXPECT_EQ(count(*store, "complaint_events"), 0);

  // Opened twice under different event ids: the second one is a conflict.
  ASSERT_TRUE(store->ingestion().ingest(items({complaint_event("k1", "C9", kOpened, "emp-1")}), options())
                  .committed);
  auto twice = store->ingestion().ingest(items({complaint_event("k1b", "C9", kOpened, "emp-2")}), options());
  EXPECT_EQ(twice.items[0].status, Status::conflict);
  EXPECT_EQ(twice.items[0].message, "complaint 'C9' was already opened by event 'k1'");

  // Now the hand-off is accepted when sent again.
  auto again = store->ingestion().ingest(items({complaint_event("k2", "C9", kHandedOff, "emp-1")}), options());
  EXPECT_TRUE(again.committed);
  EXPECT_EQ(again.items[0].outcome, Outcome::accepted);
}

TEST_P(LifecycleTest, ServiceRequestLifecycle) {
  auto store = open();
  auto unknown = store->ingestion().ingest(items({service_event("s2", "S1", 2, "emp-2")}), options());
  EXPECT_EQ(unknown.items[0].status, Status::not_found);

  auto r = store->ingestion().ingest(items({service_event("s1", "S1", 1, "emp-2", 1000),
                                service_event("s2", "S1", 2, "emp-2", 2000),
                                service_event("s3", "S1", 3, "tech-7", 3000),
                                service_event("s5", "S1", 5, "tech-7", 3500)}),
                         options());
  ASSERT_TRUE(r.committed);
  const std::string where = " FROM service_requests WHERE request_id = 'S1'";
  EXPECT_EQ(query_text(*store, "SELECT opened_by_employee_id" + where), "emp-2");
  EXPECT_EQ(query_text(*store, "SELECT assignee_id" + where), "tech-7");
  EXPECT_EQ(query_text(*store, "SELECT state" + where), "waiting_for_parts");
  EXPECT_EQ(query_text(*store, "SELECT category" + where), "repair");
  EXPECT_EQ(query_int(*store, "SELECT opened_at_ms" + where), 1000);
  EXPECT_EQ(query_int(*store, "SELECT last_event_at_ms" + where), 3500);
  EXPECT_EQ(count(*store, "service_request_events"), 4);
  EXPECT_EQ(query_text(*store,
                       "SELECT state FROM service_request_events WHERE event_id = 's3'"),
            "waiting_for_parts");
  EXPECT_EQ(query_text(*store,
                       "SELECT assignee_id FROM service_request_events WHERE event_id = 's2'"),
            "tech-7");

  ASSERT_TRUE(store->ingestion().ingest(items({service_event("s4", "S1", 4, "tech-7", 4000)}), options())
                  .committed);
  EXPECT_EQ(query_text(*store, "SELECT state" + where), "closed");
  EXPECT_EQ(query_int(*store, "SELECT closed_at_ms" + where), 4000);
}

TEST_P(LifecycleTest, OrderCancellation) {
  auto store = open();
  auto unknown = store->ingestion().ingest(items({cancel_event("c1", "O1")}), options());
  EXPECT_EQ(unknown.items[0].status, Status::not_found);
  EXPECT_EQ(unknown.items[0].message,
            "order 'O1' is unknown: send its order_posted first; this event may be sent again");

  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "A1"),
                                   cancel_event("c1", "O1", "wrong price", 3000)}),
                            options())
                  .committed);
  const std::string where = " FROM orders WHERE order_id = 'O1'";
  EXPECT_EQ(query_int(*store, "SELECT cancelled_at_ms" + where), 3000);
  EXPECT_EQ(query_text(*store, "SELECT cancel_reason" + where), "wrong price");
  EXPECT_EQ(query_text(*store, "SELECT cancel_event_id" + where), "c1");

  // A second cancellation under another id is accepted and changes nothing.
  auto second = store->ingestion().ingest(items({cancel_event("c2", "O1", "again", 4000)}), options());
  EXPECT_EQ(second.items[0].outcome, Outcome::accepted);
  EXPECT_EQ(query_int(*store, "SELECT cancelled_at_ms" + where), 3000);
  EXPECT_EQ(query_text(*store, "SELECT cancel_event_id" + where), "c1");
}

TEST_P(LifecycleTest, VisitsNeedTheAccountAndKeepEachStatusTime) {
  auto store = open();
  auto unknown = store->ingestion().ingest(items({visit_event("v1", "V1", "A1", 1)}), options());
  EXPECT_EQ(unknown.items[0].status, Status::not_found);

  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e1", "A1"), visit_event("v1", "V1", "A1", 1, 1000),
                                   visit_event("v2", "V1", "A1", 2, 5000)}),
                            options())
                  .committed);
  const std::string where = " FROM visits WHERE visit_id = 'V1'";
  EXPECT_EQ(query_int(*store, "SELECT status" + where), 2);
  EXPECT_EQ(query_int(*store, "SELECT planned_for_ms" + where), 1000 + 86400000);
  EXPECT_EQ(query_int(*store, "SELECT completed_at_ms" + where), 5000);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*)" + where + " AND cancelled_at_ms IS NULL"), 1);
  EXPECT_EQ(query_text(*store, "SELECT notes" + where), "met the buyer");
  EXPECT_EQ(query_text(*store, "SELECT last_event_id" + where), "v2");
  EXPECT_EQ(count(*store, "visit_events"), 2);

  // A late PLANNED event (older) does not undo the completion.
  ASSERT_TRUE(store->ingestion().ingest(items({visit_event("v0", "V1", "A1", 1, 500)}), options()).committed);
  EXPECT_EQ(query_int(*store, "SELECT status" + where), 2);
  EXPECT_EQ(query_text(*store, "SELECT last_event_id" + where), "v2");
  EXPECT_EQ(count(*store, "visit_events"), 3);
}

TEST_P(LifecycleTest, DistributorsAreUpserted) {
  auto store = open();
  ASSERT_TRUE(store->ingestion().ingest(items({distributor_event("d1", "D1", 1000)}), options()).committed);
  auto changed = distributor_event("d2", "D1", 2000);
  std::get<core::DistributorUpserted>(changed.payload).level = "platinum";
  ASSERT_TRUE(store->ingestion().ingest(items({changed}), options()).committed);
  EXPECT_EQ(count(*store, "distributors"), 1);
  EXPECT_EQ(query_text(*store, "SELECT level FROM distributors"), "platinum");
  EXPECT_EQ(query_text(*store, "SELECT territories FROM distributors"), R"(["east","north"])");
  EXPECT_EQ(query_text(*store, "SELECT industries FROM distributors"), R"(["machinery"])");
}

}  // namespace
}  // namespace kam::store::test
