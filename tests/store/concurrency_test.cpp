// Several threads ingesting at once: nothing lost, nothing stored twice, nobody fails.
#include <thread>

#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using ConcurrencyTest = StoreTest;
KAM_STORE_INSTANTIATE(ConcurrencyTest);

struct Totals {
  std::mutex mu;
  uint64_t accepted = 0, duplicates = 0, rejected = 0, not_applied = 0;
  std::vector<std::string> errors;
};

void run_threads(int n, const std::function<void(int)>& body, Totals& totals) {
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) {
    threads.emplace_back([&, t] {
      try {
        body(t);
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(totals.mu);
        totals.errors.push_back(e.what());
      }
    });
  }
  for (auto& th : threads) th.join();
}

void add(Totals& totals, const BatchResult& r) {
  std::lock_guard<std::mutex> lock(totals.mu);
  totals.accepted += r.accepted;
  totals.duplicates += r.duplicates;
  totals.rejected += r.rejected;
  totals.not_applied += r.not_applied;
}

TEST_P(ConcurrencyTest, EightThreadsWithDisjointAndOverlappingEvents) {
  auto store = open();
  constexpr int kThreads = 8, kBatches = 6, kOwnPerBatch = 15, kSharedPerBatch = 10;
  Totals totals;
  run_threads(
      kThreads,
      [&](int t) {
        const std::string own_account = "acct-" + std::to_string(t);
        for (int b = 0; b < kBatches; ++b) {
          std::vector<core::Event> events;
          // Every thread sends the same shared account event and its own account event.
          events.push_back(account_event("acc-shared", "shared"));
          events.push_back(account_event("acc-" + std::to_string(t), own_account));
          for (int i = 0; i < kOwnPerBatch; ++i) {
            const std::string id = "t" + std::to_string(t) + "-b" + std::to_string(b) + "-" +
                                   std::to_string(i);
            events.push_back(order_event(id, id, own_account, 100 + i));
          }
          // Shared orders: neighbouring threads overlap on half of their range.
          for (int i = 0; i < kSharedPerBatch; ++i) {
            const int k = (t * 5 + b * 3 + i) % 60;
            const std::string id = "shared-" + std::to_string(k);
            events.push_back(order_event(id, id, "shared", 1000 + k));
          }
          auto r = store->ingestion().ingest(items(std::move(events)), options(false, "feed-" + std::to_string(t)));
          if (!r.committed) throw std::runtime_error("batch rejected: " + r.items[r.first_rejected_index].message);
          add(totals, r);
        }
      },
      totals);
  ASSERT_TRUE(totals.errors.empty()) << totals.errors.front();
  EXPECT_EQ(totals.rejected, 0u);

  const int64_t own_orders = int64_t{kThreads} * kBatches * kOwnPerBatch;
  const int64_t shared_orders = count(*store, "orders") - own_orders;
  const int64_t distinct_events = own_orders + shared_orders + 1 + kThreads;
  EXPECT_EQ(count(*store, "ingested_events"), distinct_events);
  EXPECT_EQ(count(*store, "accounts"), 1 + kThreads);
  EXPECT_EQ(query_int(*store, "SELECT COUNT(*) FROM orders WHERE account_id <> 'shared'"), own_orders);
  // Each distinct event was accepted exactly once; every other send was a duplicate.
  EXPECT_EQ(static_cast<int64_t>(totals.accepted), distinct_events);
  const uint64_t sent = uint64_t{kThreads} * kBatches * (2 + kOwnPerBatch + kSharedPerBatch);
  EXPECT_EQ(totals.accepted + totals.duplicates, sent);
  EXPECT_EQ(count(*store, "audit"), kThreads * kBatches);
  // Every shared order that some thread sent is there exactly once.
  EXPECT_EQ(query_int(*store, "SELECT COUNT(DISTINCT order_id) FROM orders"), count(*store, "orders"));
}

TEST_P(ConcurrencyTest, SameEventsAtOnceOneAcceptedTheOthersDuplicates) {
  auto store = open();
  constexpr int kThreads = 6;
  Totals totals;
  std::vector<BatchResult> results(kThreads);
  run_threads(
      kThreads,
      [&](int t) {
        results[t] = store->ingestion().ingest(items({account_event("e1", "A1"), order_event("o1", "O1", "A1"),
                                          order_event("o2", "O2", "A1")}),
                                   options());
      },
      totals);
  ASSERT_TRUE(totals.errors.empty()) << totals.errors.front();
  for (size_t item = 0; item < 3; ++item) {
    int accepted = 0, duplicates = 0;
    for (const auto& r : results) {
      ASSERT_TRUE(r.committed);
      if (r.items[item].outcome == Outcome::accepted) ++accepted;
      if (r.items[item].outcome == Outcome::duplicate) ++duplicates;
    }
    EXPECT_EQ(accepted, 1) << "item " << item;
    EXPECT_EQ(duplicates, kThreads - 1) << "item " << item;
  }
  EXPECT_EQ(count(*store, "orders"), 2);
  EXPECT_EQ(count(*store, "ingested_events"), 3);
}

// Overlapping batches that meet the shared events in opposite orders: on PostgreSQL they can deadlock;
// the server aborts one and the store runs that batch again, so nobody sees an error.
TEST_P(ConcurrencyTest, OverlapInOppositeOrdersNeverFails) {
  auto store = open();
  ASSERT_TRUE(store->ingestion().ingest(items({account_event("acc", "A")}), options()).committed);
  constexpr int kThreads = 4, kRounds = 10, kShared = 40;
  Totals totals;
  run_threads(
      kThreads,
      [&](int t) {
        for (int round = 0; round < kRounds; ++round) {
          std::vector<core::Event> events;
          for (int i = 0; i < kShared; ++i) {
            const int k = (t % 2 == 0) ? i : kShared - 1 - i;
            const std::string id = "r" + std::to_string(round) + "-" + std::to_string(k);
            events.push_back(order_event(id, id, "A", 10 + k));
          }
          auto r = store->ingestion().ingest(items(std::move(events)), options());
          if (!r.committed) throw std::runtime_error("batch rejected");
          add(totals, r);
        }
      },
      totals);
  ASSERT_TRUE(totals.errors.empty()) << totals.errors.front();
  EXPECT_EQ(totals.accepted, uint64_t{kRounds} * kShared);
  EXPECT_EQ(totals.duplicates, uint64_t{kRounds} * kShared * (kThreads - 1));
  EXPECT_EQ(count(*store, "orders"), kRounds * kShared);
}

// Different events updating the same accounts in opposite orders: on PostgreSQL the row locks can
// deadlock; the server aborts one batch and the store runs it again.
TEST_P(ConcurrencyTest, AccountUpdatesInOppositeOrdersAreRunAgainAfterADeadlock) {
  auto store = open();
  constexpr int kThreads = 2, kRounds = 4, kAccounts = 20;
  Totals totals;
  run_threads(
      kThreads,
      [&](int t) {
        for (int round = 0; round < kRounds; ++round) {
          std::vector<core::Event> events;
          for (int i = 0; i < kAccounts; ++i) {
            const int k = (t % 2 == 0) ? i : kAccounts - 1 - i;
            events.push_back(account_event("t" + std::to_string(t) + "-r" + std::to_string(round) +
                                               "-" + std::to_string(k),
                                           "A" + std::to_string(k), 1000 + round));
          }
          auto r = store->ingestion().ingest(items(std::move(events)), options());
          if (!r.committed) throw std::runtime_error("batch rejected");
          add(totals, r);
        }
      },
      totals);
  int retries = 0;
  for (const auto& l : logs()) retries += l.find("running it again") != std::string::npos;
  RecordProperty("retries", retries);
  ASSERT_TRUE(totals.errors.empty()) << totals.errors.front();
  EXPECT_EQ(totals.accepted, uint64_t{kThreads} * kRounds * kAccounts);
  EXPECT_EQ(count(*store, "accounts"), kAccounts);
  EXPECT_EQ(query_int(*store, "SELECT MIN(updated_at_ms) FROM accounts"), 1000 + kRounds - 1);
}

TEST_P(ConcurrencyTest, TwoStoresOnOneDatabaseShareTheWork) {
  // Two instances (as two ERP application servers would have) on one database.
  auto a = open();
  auto b = open();
  Totals totals;
  run_threads(
      2,
      [&](int t) {
        Store& s = t == 0 ? *a : *b;
        for (int i = 0; i < 20; ++i) {
          auto r = s.ingestion().ingest(items({account_event("acc-" + std::to_string(i), "A" + std::to_string(i)),
                                   order_event("o-" + std::to_string(i), "O" + std::to_string(i),
                                               "A" + std::to_string(i))}),
                            options());
          add(totals, r);
        }
      },
      totals);
  ASSERT_TRUE(totals.errors.empty()) << totals.errors.front();
  EXPECT_EQ(totals.accepted, 40u);
  EXPECT_EQ(totals.duplicates, 40u);
  EXPECT_EQ(count(*a, "orders"), 20);
}

}  // namespace
}  // namespace kam::store::test
