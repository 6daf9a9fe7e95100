// Lifecycle events are stored faithfully and fold into a current-state row: complaints through
// their clock ledger (1.3), service requests and visits as event rows; employee records (1.3).
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using LifecycleTest = StoreTest;
KAM_STORE_INSTANTIATE(LifecycleTest);

constexpr int32_t kOpened = 1, kHandedOff = 2, kResponded = 3, kResolved = 4, kClosed = 5,
                  kReopened = 6, kCommented = 7;

// 1.3: a complaint's steps go through the complaint core into its clock ledger (complaint_ledger)
// and the cache row (complaint_current); the whole life with SLA clocks is in
// tests/app/complaints/. Here: the store's side without a config (no SLA targets).
TEST_P(LifecycleTest, ComplaintOwnerIsTheFirstReceiverEvenAfterHandOffs) {
  auto store = open();
  auto r = store->ingestion().ingest(
      items({complaint_event("k1", "C1", kOpened, "emp-1", 1000),
             complaint_event("k2", "C1", kHandedOff, "emp-1", 2000),
             complaint_event("k3", "C1", kHandedOff, "emp-1-next", 3000),
             complaint_event("k5", "C1", kResponded, "emp-1", 4000),
             complaint_event("k4", "C1", kResponded, "emp-1-next-next", 5000),
             complaint_event("k6", "C1", kCommented, "emp-9", 6000),
             complaint_event("k7", "C1", kResolved, "emp-1", 7000)}),
      options());
  ASSERT_TRUE(r.committed) << (r.items.empty() ? "" : r.items[r.first_rejected_index < 0 ? 0 : r.first_rejected_index].message);
  const std::string where = " FROM complaint_current WHERE complaint_id = 'C1'";
  EXPECT_EQ(query_text(*store, "SELECT first_owner" + where), "emp-1");
  EXPECT_EQ(query_text(*store, "SELECT owner_department" + where), "sales");
  EXPECT_EQ(query_text(*store, "SELECT assignee" + where), "emp-1-next-next");
  EXPECT_EQ(query_text(*store, "SELECT department" + where), "quality");
  EXPECT_EQ(query_text(*store, "SELECT account_id" + where), "A1");
  EXPECT_EQ(query_int(*store, "SELECT priority" + where), 3);
  EXPECT_EQ(query_int(*store, "SELECT received_at_ms" + where), 1000);
  EXPECT_EQ(query_int(*store, "SELECT phase" + where), 2);  // resolved
  EXPECT_EQ(query_int(*store, "SELECT last_seq" + where), 7);
  EXPECT_EQ(query_int(*store, "SELECT last_at_ms" + where), 7000);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*)" + where + " AND next_due_ms IS NULL"), 1);  // no SLA targets

  // One ledger entry per step (no target_set without targets), each naming its event; the first
  // qualifying response is the first response, the next one a plain response.
  EXPECT_EQ(count(*store, "complaint_ledger"), 7);
  const auto kind_of = [&](int seq) {
    return query_int(*store, "SELECT kind FROM complaint_ledger WHERE complaint_id = 'C1' AND seq = " + std::to_string(seq));
  };
  EXPECT_EQ(kind_of(1), 1);  // received
  EXPECT_EQ(kind_of(2), 6);  // handed_off
  EXPECT_EQ(kind_of(4), 2);  // first_response (k5 at 4000)
  EXPECT_EQ(kind_of(5), 3);  // responded
  EXPECT_EQ(kind_of(7), 7);  // resolved
  const std::string seq2 = " FROM complaint_ledger WHERE complaint_id = 'C1' AND seq = 2";
  EXPECT_EQ(query_text(*store, "SELECT who" + seq2), "emp-1");
  EXPECT_EQ(query_text(*store, "SELECT to_employee" + seq2), "emp-1-next");
  EXPECT_EQ(query_text(*store, "SELECT to_department" + seq2), "quality");
  EXPECT_EQ(query_text(*store, "SELECT event_id" + seq2), "k2");
  EXPECT_EQ(query_int(*store, "SELECT at_ms" + seq2), 2000);
  EXPECT_EQ(query_text(*store, "SELECT details_json" + seq2), R"({"category":"","channel":"hotline","text":"step 2"})");

  // Closed, reopened, closed again.
  ASSERT_TRUE(store->ingestion().ingest(items({complaint_event("k8", "C1", kClosed, "emp-1", 8000),
                                   complaint_event("k9", "C1", kReopened, "emp-1", 9000)}),
                            options())
                  .committed);
  EXPECT_EQ(query_int(*store, "SELECT phase" + where), 1);
  ASSERT_TRUE(store->ingestion().ingest(items({complaint_event("k11", "C1", kResolved, "emp-1", 9500),
                                               complaint_event("k10", "C1", kClosed, "emp-1", 10000)}),
                            options())
                  .committed);
  EXPECT_EQ(query_int(*store, "SELECT phase" + where), 3);
  EXPECT_EQ(query_text(*store, "SELECT first_owner" + where), "emp-1");
}

TEST_P(LifecycleTest, ComplaintStepsNeedTheComplaint) {
  auto store = open();
  auto r = store->ingestion().ingest(items({complaint_event("k2", "C9", kHandedOff, "emp-1")}), options());
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.items[0].status, Status::not_found);
  EXPECT_EQ(r.items[0].message,
            "complaint 'C9' is unknown: send its OPENED event first; this event may be sent "
            "again");
  EXPECT_EQ(count(*store, "complaint_ledger"), 0);

  // Opened twice under different event ids: the second one is a conflict.
  ASSERT_TRUE(store->ingestion().ingest(items({complaint_event("k1", "C9", kOpened, "emp-1")}), options())
                  .committed);
  auto twice = store->ingestion().ingest(items({complaint_event("k1b", "C9", kOpened, "emp-2")}), options());
  EXPECT_EQ(twice.items[0].status, Status::conflict);
  EXPECT_EQ(twice.items[0].message,
            "complaint 'C9': opened: already opened at 1970-01-01T00:00:04.000Z by emp-1 (the first owner)");

  // Now the hand-off is accepted when sent again.
  auto again = store->ingestion().ingest(items({complaint_event("k2", "C9", kHandedOff, "emp-1")}), options());
  EXPECT_TRUE(again.committed);
  EXPECT_EQ(again.items[0].outcome, Outcome::accepted);
}

// A complaint stored before schema 4 (in the v3 table complaints, kept as it was) has no ledger:
// its next step is refused naming it, not treated as unknown, and nothing is lost.
TEST_P(LifecycleTest, AComplaintFromBeforeSchema4IsNamedNotLost) {
  auto store = open();
  exec(*store, "INSERT INTO complaints (complaint_id, account_id, owner_employee_id, current_employee_id, status,"
               " opened_at_ms, last_event_at_ms, opened_event_id, last_event_id)"
               " VALUES ('OLD-1', 'A1', 'emp-1', 'emp-1', 'open', 1000, 1000, 'old-open', 'old-open')");
  auto r = store->ingestion().ingest(items({complaint_event("k2", "OLD-1", kResponded, "emp-1", 2000)}), options());
  EXPECT_EQ(r.items[0].status, Status::conflict);
  EXPECT_EQ(r.items[0].message.rfind("complaint 'OLD-1' was opened (event 'old-open') before complaint tracking", 0), 0u)
      << r.items[0].message;
  EXPECT_EQ(count(*store, "complaints"), 1);
}

// An employee record: the newest one wins; a calendar the config does not define is refused.
TEST_P(LifecycleTest, EmployeeRecordsNewestWins) {
  auto store = open();
  core::EmployeeEvent e;
  e.employee_id = "emp-1";
  e.department = "sales";
  e.manager_id = "emp-0";
  core::EmployeeEvent older = e;
  older.department = "old";
  core::EmployeeEvent with_calendar = e;
  with_calendar.calendar = "office";
  auto r = store->ingestion().ingest(items({core::Event{"e1", 2000, e}, core::Event{"e0", 1000, older},
                                            core::Event{"e2", 3000, with_calendar}}),
                                     options(true));
  EXPECT_EQ(r.accepted, 2u);
  EXPECT_EQ(r.items[2].status, Status::invalid_argument);
  EXPECT_EQ(r.items[2].message, "employee 'emp-1': calendar: unknown calendar 'office'; the config defines no calendars");
  EXPECT_EQ(query_text(*store, "SELECT department FROM employees WHERE employee_id = 'emp-1'"), "sales");
  EXPECT_EQ(query_text(*store, "SELECT manager_id FROM employees WHERE employee_id = 'emp-1'"), "emp-0");
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
