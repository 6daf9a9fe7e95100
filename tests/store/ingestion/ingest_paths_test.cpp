// The fast paths of ingestion give exactly the outcomes of the row-by-row rules: the store's memory of
// committed accounts (never poisoned by a rolled-back batch, never trusted for a miss), PostgreSQL's
// bulk statements (claims, orders, account lookups as array parameters) and their fall-back to row by
// row when an order id turns out to be stored already.
#include <mutex>
#include <thread>

#include "store/ingestion/known_ids.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using IngestPathsTest = StoreTest;
KAM_STORE_INSTANTIATE(IngestPathsTest);

std::string first_message(const BatchResult& r) {
  return r.first_rejected_index < 0 ? "" : r.items[static_cast<size_t>(r.first_rejected_index)].message;
}

TEST_P(IngestPathsTest, ARolledBackBatchLeavesNoAccountBehind) {
  auto store = open();
  // The account is upserted, but the atomic batch is rejected: the account was never stored.
  auto r1 = store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "NOPE")}),
                          options());
  ASSERT_FALSE(r1.committed);
  auto r2 = store->ingestion().ingest(items({order_event("o2", "O2", "A1")}), options());
  EXPECT_FALSE(r2.committed);
  EXPECT_EQ(r2.items[0].status, Status::not_found) << r2.items[0].message;

  // Committed (skip mode): now it counts, in this batch and in later ones.
  auto r3 = store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "NOPE"),
                                 order_event("o3", "O3", "A1")}),
                          options(/*skip_rejected=*/true));
  ASSERT_TRUE(r3.committed);
  EXPECT_EQ(r3.items[2].outcome, Outcome::accepted);
  auto r4 = store->ingestion().ingest(items({order_event("o2", "O2", "A1")}), options());
  EXPECT_TRUE(r4.committed) << first_message(r4);
  EXPECT_EQ(count(*store, "orders"), 2);
}

TEST_P(IngestPathsTest, AccountsStoredByAnotherInstanceAreFound) {
  auto a = open();
  auto b = open();
  // a has not seen A1 (b stored it) and must ask the database.
  ASSERT_TRUE(b->ingestion().ingest(items({account_event("e1", "A1")}), options()).committed);
  auto r1 = a->ingestion().ingest(items({order_event("o1", "O1", "A1")}), options());
  EXPECT_TRUE(r1.committed) << first_message(r1);

  // A miss is not remembered: once b stores A2, a finds it.
  auto r2 = a->ingestion().ingest(items({order_event("o2", "O2", "A2"), visit_event("v1", "V1", "A2", 1)}),
                      options(/*skip_rejected=*/true));
  EXPECT_EQ(r2.items[0].status, Status::not_found);
  EXPECT_EQ(r2.items[1].status, Status::not_found);
  ASSERT_TRUE(b->ingestion().ingest(items({account_event("e2", "A2")}), options()).committed);
  auto r3 = a->ingestion().ingest(items({order_event("o2", "O2", "A2"), visit_event("v1", "V1", "A2", 1)}),
                      options());
  EXPECT_TRUE(r3.committed) << first_message(r3);
  EXPECT_EQ(count(*a, "orders"), 2);
  EXPECT_EQ(count(*a, "visits"), 1);
}

TEST_P(IngestPathsTest, AnOrderIdStoredBeforeUnderAnotherEventIsReportedExactly) {
  auto store = open();
  std::vector<core::Event> first = {account_event("acc", "A")};
  for (int i = 0; i < 50; ++i)
    first.push_back(order_event("ev-" + std::to_string(i), "O-" + std::to_string(i), "A", 100 + i));
  ASSERT_TRUE(store->ingestion().ingest(items(first), options()).committed);

  // New orders, one order id that is stored already (under ev-7), and one posted twice in the batch.
  std::vector<core::Event> second;
  for (int i = 0; i < 20; ++i)
    second.push_back(order_event("new-" + std::to_string(i), "N-" + std::to_string(i), "A", i));
  second.push_back(order_event("again-7", "O-7", "A", 999));        // item 20
  second.push_back(order_event("twice-a", "T-1", "A", 1));          // item 21
  second.push_back(order_event("twice-b", "T-1", "A", 2));          // item 22
  second.push_back(order_event("after", "N-after", "A", 3));        // item 23
  second.push_back(cancel_event("cancel-n0", "N-0"));                // item 24: same batch's order
  second.push_back(order_event("late", "N-late", "A", 4));          // item 25

  // Atomic: nothing stored, every problem reported.
  auto atomic = store->ingestion().ingest(items(second), options());
  EXPECT_FALSE(atomic.committed);
  EXPECT_EQ(atomic.rejected, 2u);
  EXPECT_EQ(atomic.first_rejected_index, 20);
  EXPECT_EQ(atomic.items[20].status, Status::conflict);
  EXPECT_EQ(atomic.items[20].message, "order 'O-7' was already posted by event 'ev-7'");
  EXPECT_EQ(atomic.items[22].status, Status::conflict);
  EXPECT_EQ(atomic.items[22].message, "order 'T-1' was already posted by event 'twice-a'");
  EXPECT_EQ(atomic.not_applied, second.size() - 2);
  if (!is_sqlite()) {
    // PostgreSQL tried the batch's orders with one statement, found O-7 stored, ran it row by row.
    int row_by_row = 0;
    for (const auto& line : logs()) row_by_row += line.find("row by row") != std::string::npos;
    EXPECT_EQ(row_by_row, 1);
  }
  EXPECT_EQ(count(*store, "orders"), 50);
  EXPECT_EQ(count(*store, "ingested_events"), 51);

  // Skip rejected: the rest is stored.
  auto skip = store->ingestion().ingest(items(second), options(/*skip_rejected=*/true));
  ASSERT_TRUE(skip.committed);
  EXPECT_EQ(skip.accepted, second.size() - 2);
  EXPECT_EQ(skip.rejected, 2u);
  EXPECT_EQ(skip.items[20].message, "order 'O-7' was already posted by event 'ev-7'");
  EXPECT_EQ(skip.items[22].message, "order 'T-1' was already posted by event 'twice-a'");
  EXPECT_EQ(count(*store, "orders"), 50 + 20 + 3);
  EXPECT_EQ(count(*store, "ingested_events"), 51 + static_cast<int64_t>(second.size()) - 2);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM orders WHERE order_id = 'O-7'"), 107);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM orders WHERE order_id = 'T-1'"), 1);
  EXPECT_EQ(query_text(*store, "SELECT cancel_event_id FROM orders WHERE order_id = 'N-0'"),
            "cancel-n0");
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM ingested_events WHERE event_id IN"
                              " ('again-7', 'twice-b')"),
            0);

  // Replayed: all duplicates except the two that were never stored, which conflict again.
  auto replay = store->ingestion().ingest(items(second), options(/*skip_rejected=*/true));
  EXPECT_EQ(replay.duplicates, second.size() - 2);
  EXPECT_EQ(replay.rejected, 2u);
  EXPECT_EQ(count(*store, "orders"), 50 + 20 + 3);
}

TEST_P(IngestPathsTest, OrdersAndCancellationsInterleavedInOneBatch) {
  auto store = open();
  auto r = store->ingestion().ingest(items({account_event("acc", "A"), cancel_event("c0", "O1"),
                                order_event("o1", "O1", "A", 10), order_event("o2", "O2", "A", 20),
                                cancel_event("c1", "O1", "first", 3000),
                                cancel_event("c2", "O1", "second", 3500),
                                order_event("o3", "O3", "A", 30), cancel_event("c3", "O3"),
                                order_event("o4", "O4", "A", 40)}),
                         options(/*skip_rejected=*/true));
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.items[1].status, Status::not_found);  // cancelled before it was posted
  EXPECT_EQ(r.items[1].message,
            "order 'O1' is unknown: send its order_posted first; this event may be sent again");
  EXPECT_EQ(r.accepted, 8u);
  EXPECT_EQ(count(*store, "orders"), 4);
  EXPECT_EQ(query_text(*store, "SELECT cancel_reason FROM orders WHERE order_id = 'O1'"), "first");
  EXPECT_EQ(query_text(*store, "SELECT cancel_event_id FROM orders WHERE order_id = 'O3'"), "c3");
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders WHERE cancelled_at_ms IS NULL"), 2);
}

TEST_P(IngestPathsTest, IdsWithQuotesBackslashesAndBracesSurviveTheBulkStatements) {
  auto store = open();
  const std::vector<std::string> odd = {"q\"uote", "back\\slash", "com,ma", "{brace}", "NULL",
                                        " spaced ", "订单-5", "tab\there", "\\\"{,}\"\\"};
  std::vector<core::Event> events;
  for (size_t i = 0; i < odd.size(); ++i) events.push_back(account_event("acc-" + odd[i], odd[i]));
  for (size_t i = 0; i < odd.size(); ++i)
    events.push_back(order_event(odd[i], "order-" + odd[i], odd[i], static_cast<int64_t>(i)));
  auto r = store->ingestion().ingest(items(events), options());
  ASSERT_TRUE(r.committed) << first_message(r);
  EXPECT_EQ(r.accepted, events.size());
  EXPECT_EQ(count(*store, "orders"), static_cast<int64_t>(odd.size()));
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders WHERE order_id = 'order-NULL'"
                              " AND account_id = 'NULL' AND event_id = 'NULL'"),
            1);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders WHERE order_id = 'order-q\"uote'"
                              " AND account_id = 'q\"uote' AND event_id = 'q\"uote'"),
            1);
  EXPECT_EQ(query_int(*store, "SELECT amount_minor FROM orders WHERE event_id = '订单-5'"), 6);

  // Same ids again: every one is a duplicate, found by its exact bytes.
  auto replay = store->ingestion().ingest(items(events), options());
  EXPECT_EQ(replay.duplicates, events.size());
  // A different payload under each odd id: conflicts naming the id.
  auto changed = store->ingestion().ingest(items({order_event("back\\slash", "order-back\\slash", "NULL", 77)}),
                               options());
  EXPECT_EQ(changed.items[0].message,
            "event 'back\\slash' was ingested before with a different payload");
}

// Different events posting the same order ids at once (a feed mistake): each order id is stored
// exactly once, the other posts are conflicts, and nobody gets an error (PostgreSQL's bulk insert
// waits for the other batch, sees its order ids, and that batch runs again row by row).
TEST_P(IngestPathsTest, SameOrderIdsUnderDifferentEventsAtOnce) {
  auto store = open();
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("acc", "A")}), options()).committed);
  constexpr int kThreads = 4, kOrders = 30;
  std::mutex mu;
  std::vector<std::string> errors;
  uint64_t accepted = 0, conflicts = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        std::vector<core::Event> events;
        for (int i = 0; i < kOrders; ++i) {
          const int k = (t % 2 == 0) ? i : kOrders - 1 - i;
          events.push_back(order_event("t" + std::to_string(t) + "-" + std::to_string(k),
                                       "O" + std::to_string(k), "A", k));
        }
        auto r = store->ingestion().ingest(items(std::move(events)), options(/*skip_rejected=*/true));
        std::lock_guard<std::mutex> lock(mu);
        accepted += r.accepted;
        for (const auto& item : r.items) {
          if (item.status == Status::conflict &&
              item.message.find("was already posted by event 't") != std::string::npos)
            ++conflicts;
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        errors.push_back(e.what());
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(accepted, uint64_t{kOrders});
  EXPECT_EQ(conflicts, uint64_t{kOrders} * (kThreads - 1));
  EXPECT_EQ(count(*store, "orders"), kOrders);
  EXPECT_EQ(count(*store, "ingested_events"), kOrders + 1);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders o JOIN ingested_events e"
                              " ON e.event_id = o.event_id"),
            kOrders);
}

TEST_P(IngestPathsTest, LargeBatchesOfOrdersForManyAccounts) {
  auto store = open();
  constexpr int kAccounts = 300, kOrders = 3000;
  std::vector<core::Event> accounts;
  for (int i = 0; i < kAccounts; ++i)
    accounts.push_back(account_event("acc-" + std::to_string(i), "A" + std::to_string(i)));
  ASSERT_TRUE(store->ingestion().ingest(items(accounts), options()).committed);
  std::vector<core::Event> orders;
  for (int i = 0; i < kOrders; ++i)
    orders.push_back(order_event("ev-" + std::to_string(i), "O" + std::to_string(i),
                                 "A" + std::to_string(i % kAccounts), i, 10000 + i));
  auto r = store->ingestion().ingest(items(orders), options());
  ASSERT_TRUE(r.committed) << first_message(r);
  EXPECT_EQ(r.accepted, uint64_t{kOrders});
  EXPECT_EQ(count(*store, "orders"), kOrders);
  EXPECT_EQ(query_int(*store, "SELECT SUM(amount_minor) FROM orders"),
            int64_t{kOrders} * (kOrders - 1) / 2);
  EXPECT_EQ(query_int(*store, "SELECT SUM(order_date_ms) FROM orders") -
                int64_t{kOrders} * 10000,
            int64_t{kOrders} * (kOrders - 1) / 2);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders WHERE currency = 'EUR'"
                              " AND margin_minor = amount_minor / 4 AND document_type = 1"),
            kOrders);
  auto replay = store->ingestion().ingest(items(orders), options());
  EXPECT_EQ(replay.duplicates, uint64_t{kOrders});
}

TEST(KnownIds, RemembersUntilFullThenStartsAgain) {
  detail::KnownIds ids(3);
  EXPECT_FALSE(ids.contains("a"));
  ids.add(std::vector<std::string>{"a", "b"});
  EXPECT_TRUE(ids.contains("a"));
  EXPECT_TRUE(ids.contains("b"));
  ids.add(std::vector<std::string>{"c"});
  EXPECT_EQ(ids.size(), 3u);
  ids.add(std::vector<std::string>{"d"});  // over capacity: emptied first
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_FALSE(ids.contains("a"));
  EXPECT_TRUE(ids.contains("d"));
}

}  // namespace
}  // namespace kam::store::test
