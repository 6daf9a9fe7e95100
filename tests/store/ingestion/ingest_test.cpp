// Ingestion: idempotency by event id, batch semantics, out-of-order events, the batch audit entry.
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using IngestTest = StoreTest;
KAM_STORE_INSTANTIATE(IngestTest);

const char* const kDataTables[] = {"ingested_events", "accounts", "orders", "complaints",
                                   "complaint_events", "service_requests",
                                   "service_request_events", "visits", "visit_events",
                                   "distributors", "notifications", "complaint_ledger",
                                   "complaint_current", "employees"};

TEST_P(IngestTest, AcceptedThenDuplicateThenConflict) {
  auto store = open();
  auto r1 = store->ingestion().ingest(items({account_event("e1", "A1")}), options());
  ASSERT_TRUE(r1.committed);
  ASSERT_EQ(r1.items.size(), 1u);
  EXPECT_EQ(r1.items[0].outcome, Outcome::accepted);
  EXPECT_EQ(r1.items[0].status, Status::ok);
  EXPECT_TRUE(r1.items[0].message.empty());
  EXPECT_EQ(r1.accepted, 1u);

  auto r2 = store->ingestion().ingest(items({account_event("e1", "A1")}), options());
  ASSERT_TRUE(r2.committed);
  EXPECT_EQ(r2.items[0].outcome, Outcome::duplicate);
  EXPECT_EQ(r2.duplicates, 1u);

  auto r3 = store->ingestion().ingest(items({account_event("e1", "A1", 1000, "Other Name")}), options());
  EXPECT_FALSE(r3.committed);
  EXPECT_EQ(r3.items[0].outcome, Outcome::rejected);
  EXPECT_EQ(r3.items[0].status, Status::conflict);
  EXPECT_EQ(r3.items[0].message, "event 'e1' was ingested before with a different payload");
  EXPECT_EQ(r3.rejected, 1u);
  EXPECT_EQ(r3.first_rejected_index, 0);

  EXPECT_EQ(count(*store, "accounts"), 1);
  EXPECT_EQ(query_text(*store, "SELECT name FROM accounts WHERE account_id = 'A1'"), "Acme GmbH");
}

TEST_P(IngestTest, DuplicatesAndConflictsInsideOneBatch) {
  auto store = open();
  auto r = store->ingestion().ingest(items({account_event("e1", "A1"), account_event("e1", "A1"),
                                order_event("o1", "O1", "A1"), order_event("o1", "O1", "A1"),
                                account_event("e1", "A1", 1000, "Changed")}),
                         options(/*skip_rejected=*/true));
  ASSERT_TRUE(r.committed);
  ASSERT_EQ(r.items.size(), 5u);
  EXPECT_EQ(r.items[0].outcome, Outcome::accepted);
  EXPECT_EQ(r.items[1].outcome, Outcome::duplicate);
  EXPECT_EQ(r.items[2].outcome, Outcome::accepted);
  EXPECT_EQ(r.items[3].outcome, Outcome::duplicate);
  EXPECT_EQ(r.items[4].outcome, Outcome::rejected);
  EXPECT_EQ(r.items[4].status, Status::conflict);
  EXPECT_EQ(r.accepted, 2u);
  EXPECT_EQ(r.duplicates, 2u);
  EXPECT_EQ(r.rejected, 1u);
  EXPECT_EQ(r.first_rejected_index, 4);
  EXPECT_EQ(count(*store, "ingested_events"), 2);
  EXPECT_EQ(count(*store, "orders"), 1);
}

TEST_P(IngestTest, AnEventRejectedEarlierInTheBatchMaySucceedLaterInIt) {
  auto store = open();
  auto r = store->ingestion().ingest(items({order_event("o1", "O1", "A1", 500), account_event("e1", "A1"),
                                order_event("o1", "O1", "A1", 700),
                                order_event("o1", "O1", "A1", 500)}),
                         options(/*skip_rejected=*/true));
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.items[0].status, Status::not_found);
  EXPECT_EQ(r.items[1].outcome, Outcome::accepted);
  EXPECT_EQ(r.items[2].outcome, Outcome::accepted);  // another payload under the same id
  EXPECT_EQ(r.items[3].outcome, Outcome::rejected);  // the stored one has amount 700
  EXPECT_EQ(r.items[3].status, Status::conflict);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM orders"), 700);
  // The remembered fingerprint is the stored event's.
  EXPECT_EQ(store->ingestion().ingest(items({order_event("o1", "O1", "A1", 700)}), options()).items[0].outcome,
            Outcome::duplicate);
  EXPECT_EQ(store->ingestion().ingest(items({order_event("o1", "O1", "A1", 500)}), options()).items[0].status,
            Status::conflict);
  EXPECT_EQ(query_int(*store, "SELECT kind FROM ingested_events WHERE event_id = 'o1'"), 2);
}

TEST_P(IngestTest, AtomicBatchWithOneBadItemStoresNothing) {
  auto store = open();
  auto r = store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "A1"),
                                order_event("o2", "O2", "NOPE"), order_event("o3", "O3", "A1")}),
                         options());
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.items.size(), 4u);
  EXPECT_EQ(r.items[0].outcome, Outcome::not_applied);
  EXPECT_EQ(r.items[1].outcome, Outcome::not_applied);
  EXPECT_EQ(r.items[2].outcome, Outcome::rejected);
  EXPECT_EQ(r.items[2].status, Status::not_found);
  EXPECT_EQ(r.items[3].outcome, Outcome::not_applied);
  EXPECT_EQ(r.first_rejected_index, 2);
  EXPECT_EQ(r.accepted, 0u);
  EXPECT_EQ(r.duplicates, 0u);
  EXPECT_EQ(r.rejected, 1u);
  EXPECT_EQ(r.not_applied, 3u);
  for (const char* table : kDataTables) EXPECT_EQ(count(*store, table), 0) << table;
  EXPECT_EQ(count(*store, "audit"), 0);  // a rejected batch stores nothing, not even its audit

  // ... but it is logged, naming the item.
  bool logged = false;
  for (const auto& line : logs()) {
    if (line.find("item 2 (event 'o2')") != std::string::npos &&
        line.find("nothing stored") != std::string::npos)
      logged = true;
  }
  EXPECT_TRUE(logged);

  // Nothing about the batch was stored: sent again with the fix, all of it is accepted.
  auto again = store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "A1"),
                                    account_event("e9", "NOPE"), order_event("o2", "O2", "NOPE"),
                                    order_event("o3", "O3", "A1")}),
                             options());
  EXPECT_TRUE(again.committed);
  EXPECT_EQ(again.accepted, 5u);
  EXPECT_EQ(count(*store, "orders"), 3);
}

TEST_P(IngestTest, SkipRejectedStoresTheRest) {
  auto store = open();
  std::vector<BatchItem> batch =
      items({account_event("e1", "A1"), order_event("o1", "O1", "NOPE")});
  batch.push_back(early_rejection(Status::invalid_argument, "amount.currency: 'XXX' is not known"));
  batch.push_back(item(order_event("o2", "O2", "A1")));
  auto r = store->ingestion().ingest(batch, options(/*skip_rejected=*/true));
  EXPECT_TRUE(r.committed);
  ASSERT_EQ(r.items.size(), 4u);
  EXPECT_EQ(r.items[0].outcome, Outcome::accepted);
  EXPECT_EQ(r.items[1].outcome, Outcome::rejected);
  EXPECT_EQ(r.items[1].status, Status::not_found);
  EXPECT_EQ(r.items[2].outcome, Outcome::rejected);
  EXPECT_EQ(r.items[2].status, Status::invalid_argument);
  EXPECT_EQ(r.items[2].message, "amount.currency: 'XXX' is not known");
  EXPECT_EQ(r.items[3].outcome, Outcome::accepted);
  EXPECT_EQ(r.accepted, 2u);
  EXPECT_EQ(r.rejected, 2u);
  EXPECT_EQ(r.not_applied, 0u);
  EXPECT_EQ(r.first_rejected_index, 1);
  EXPECT_EQ(count(*store, "orders"), 1);
  EXPECT_EQ(count(*store, "ingested_events"), 2);  // the rejected ids are not remembered
}

TEST_P(IngestTest, OrderBeforeItsAccountIsRejectedThenAcceptedOnceTheAccountArrives) {
  auto store = open();
  auto r1 = store->ingestion().ingest(items({order_event("o1", "O1", "A1")}), options());
  EXPECT_FALSE(r1.committed);
  EXPECT_EQ(r1.items[0].outcome, Outcome::rejected);
  EXPECT_EQ(r1.items[0].status, Status::not_found);
  EXPECT_EQ(r1.items[0].message,
            "account 'A1' is unknown: send its account_upserted first; this event may be sent "
            "again");

  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e1", "A1")}), options()).committed);
  auto r2 = store->ingestion().ingest(items({order_event("o1", "O1", "A1")}), options());
  EXPECT_TRUE(r2.committed);
  EXPECT_EQ(r2.items[0].outcome, Outcome::accepted);
  EXPECT_EQ(count(*store, "orders"), 1);
}

TEST_P(IngestTest, AccountEarlierInTheSameBatchCounts) {
  auto store = open();
  auto r = store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "A1")}),
                         options());
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.accepted, 2u);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM orders WHERE order_id = 'O1'"), 10000);
  EXPECT_EQ(query_int(*store, "SELECT margin_minor FROM orders WHERE order_id = 'O1'"), 2500);
  EXPECT_EQ(query_int(*store, "SELECT order_date_ms FROM orders WHERE order_id = 'O1'"), 2000);
  EXPECT_EQ(query_text(*store, "SELECT currency FROM orders WHERE order_id = 'O1'"), "EUR");
  EXPECT_EQ(query_text(*store, "SELECT event_id FROM orders WHERE order_id = 'O1'"), "o1");
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders WHERE cancelled_at_ms IS NULL"), 1);

  // An order listed before its account in one batch is still refused.
  auto r2 = store->ingestion().ingest(items({order_event("o2", "O2", "A2"), account_event("e2", "A2")}),
                          options(true));
  EXPECT_EQ(r2.items[0].status, Status::not_found);
  EXPECT_EQ(r2.items[1].outcome, Outcome::accepted);
}

TEST_P(IngestTest, ReplayingAWholeBatchChangesNothing) {
  auto store = open();
  auto batch = items({account_event("e1", "A1"), distributor_event("d1", "D1"),
                      order_event("o1", "O1", "A1"), order_event("o2", "O2", "A1"),
                      cancel_event("c1", "O2"), complaint_event("k1", "C1", 1, "emp-1"),
                      complaint_event("k2", "C1", 2, "emp-1"), service_event("s1", "S1", 1, "emp-2"),
                      service_event("s2", "S1", 2, "emp-2"), visit_event("v1", "V1", "A1", 1),
                      visit_event("v2", "V1", "A1", 2, 9000)});
  auto first = store->ingestion().ingest(batch, options());
  ASSERT_TRUE(first.committed);
  EXPECT_EQ(first.accepted, batch.size());
  std::vector<int64_t> before;
  for (const char* table : kDataTables) before.push_back(count(*store, table));
  const std::string order_state =
      query_text(*store, "SELECT cancel_event_id FROM orders WHERE order_id = 'O2'");
  const std::string complaint_state =
      query_text(*store, "SELECT assignee FROM complaint_current WHERE complaint_id = 'C1'");

  auto replay = store->ingestion().ingest(batch, options());
  EXPECT_TRUE(replay.committed);
  EXPECT_EQ(replay.duplicates, batch.size());
  EXPECT_EQ(replay.accepted, 0u);
  for (const auto& r : replay.items) EXPECT_EQ(r.outcome, Outcome::duplicate);
  std::vector<int64_t> after;
  for (const char* table : kDataTables) after.push_back(count(*store, table));
  EXPECT_EQ(before, after);
  EXPECT_EQ(query_text(*store, "SELECT cancel_event_id FROM orders WHERE order_id = 'O2'"),
            order_state);
  EXPECT_EQ(query_text(*store, "SELECT assignee FROM complaint_current WHERE complaint_id = 'C1'"), complaint_state);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM complaint_ledger WHERE complaint_id = 'C1'"), 2);
}

TEST_P(IngestTest, EachStoredBatchWritesOneAuditEntry) {
  auto store = open();
  auto opts = options(true, "erp-nightly", 777000);
  store->ingestion().ingest(items({account_event("e1", "A1"), account_event("e1", "A1"),
                       order_event("o1", "O1", "NOPE")}),
                opts);
  AuditQuery q;
  q.entity_type = "batch";
  auto entries = store->audit().query(q);
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.action, "ingest.batch");
  EXPECT_EQ(e.entity_id, "erp-nightly");
  EXPECT_EQ(e.at_ms, 777000);
  EXPECT_EQ(e.user_id, "erp-service");
  EXPECT_EQ(e.roles, std::vector<std::string>{"integration"});
  EXPECT_EQ(e.before_json, "");
  EXPECT_EQ(e.after_json,
            R"({"source":"erp-nightly","accepted":1,"duplicates":1,"rejected":1,"not_applied":0})");
}

TEST_P(IngestTest, OrderIdUnderAnotherEventIdIsAConflict) {
  auto store = open();
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "A1")}),
                            options())
                  .committed);
  auto r = store->ingestion().ingest(items({order_event("o1-again", "O1", "A1", 999)}), options());
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.items[0].status, Status::conflict);
  EXPECT_EQ(r.items[0].message, "order 'O1' was already posted by event 'o1'");
  EXPECT_EQ(count(*store, "ingested_events"), 2);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM orders"), 10000);
}

TEST_P(IngestTest, EarlyRejectionsAreReportedAsGiven) {
  auto store = open();
  std::vector<BatchItem> batch;
  batch.push_back(early_rejection(Status::invalid_argument, "event 0: NULL pointer"));
  auto r = store->ingestion().ingest(batch, options());
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.items[0].outcome, Outcome::rejected);
  EXPECT_EQ(r.items[0].status, Status::invalid_argument);
  EXPECT_EQ(r.items[0].message, "event 0: NULL pointer");
  EXPECT_EQ(r.first_rejected_index, 0);
}

TEST_P(IngestTest, EmptyBatchIsCommittedAndAudited) {
  auto store = open();
  auto r = store->ingestion().ingest({}, options());
  EXPECT_TRUE(r.committed);
  EXPECT_TRUE(r.items.empty());
  EXPECT_EQ(count(*store, "audit"), 1);
}

TEST_P(IngestTest, AccountsKeepTheNewestVersion) {
  auto store = open();
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e2", "A1", 2000, "Newer Name")}), options())
                  .committed);
  // An older upsert that arrives late is accepted (and remembered) but does not overwrite.
  auto r = store->ingestion().ingest(items({account_event("e1", "A1", 1000, "Older Name")}), options());
  EXPECT_EQ(r.items[0].outcome, Outcome::accepted);
  EXPECT_EQ(query_text(*store, "SELECT name FROM accounts"), "Newer Name");
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e3", "A1", 3000, "Newest Name")}), options())
                  .committed);
  EXPECT_EQ(query_text(*store, "SELECT name FROM accounts"), "Newest Name");
  EXPECT_EQ(query_text(*store, "SELECT last_event_id FROM accounts"), "e3");
  EXPECT_EQ(query_int(*store, "SELECT updated_at_ms FROM accounts"), 3000);
  EXPECT_EQ(query_text(*store, "SELECT flags FROM accounts"), R"(["strategic"])");
  EXPECT_EQ(query_text(*store, "SELECT tax_id FROM accounts"), "91310000MA1FL8XQ3B");
}

// docs/ingestion.md: of two upserts with the same occurred_at_ms, the one stored last wins (across
// batches, and within one batch the later item).
TEST_P(IngestTest, OfTwoAccountUpsertsWithTheSameTimeTheLaterStoredWins) {
  auto store = open();
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e1", "A1", 2000, "First")}), options()).committed);
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e2", "A1", 2000, "Second")}), options()).committed);
  EXPECT_EQ(query_text(*store, "SELECT name FROM accounts"), "Second");
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("e3", "A1", 2000, "Third"), account_event("e4", "A1", 2000, "Fourth")}),
                            options())
                  .committed);
  EXPECT_EQ(query_text(*store, "SELECT name FROM accounts"), "Fourth");
  EXPECT_EQ(query_text(*store, "SELECT last_event_id FROM accounts"), "e4");
}

TEST_P(IngestTest, FingerprintIsStoredAsSigned64Bit) {
  auto store = open();
  auto e = account_event("e1", "A1");
  ASSERT_TRUE(store->ingestion().ingest(items({e}), options()).committed);
  EXPECT_EQ(query_int(*store, "SELECT fingerprint FROM ingested_events"),
            static_cast<int64_t>(core::payload_fingerprint(e)));
  EXPECT_EQ(query_int(*store, "SELECT kind FROM ingested_events"), 1);
  EXPECT_EQ(query_int(*store, "SELECT received_at_ms FROM ingested_events"), 100000);
}

}  // namespace
}  // namespace kam::store::test
