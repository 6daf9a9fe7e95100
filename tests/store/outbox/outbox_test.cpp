// The notification outbox: enqueue, pending, claims with leases, delivery and acknowledgement.
#include <algorithm>
#include <set>
#include <thread>

#include "store/outbox/outbox_sql.hpp"
#include "store_fixture.hpp"

namespace kam::store::test {
namespace {

using OutboxTest = StoreTest;
KAM_STORE_INSTANTIATE(OutboxTest);

Notification note(int64_t created_at_ms, const std::string& account = "A1") {
  Notification n;
  n.kind = 1;
  n.kind_name = "tier_changed";
  n.account_id = account;
  n.created_at_ms = created_at_ms;
  n.payload_json = R"({"from":"silver","to":"gold"})";
  return n;
}

std::vector<int64_t> ids_of(const std::vector<Notification>& ns) {
  std::vector<int64_t> ids;
  for (const auto& n : ns) ids.push_back(n.id);
  return ids;
}

TEST_P(OutboxTest, EnqueuePendingAndAcknowledge) {
  auto store = open();
  const int64_t a = store->outbox().enqueue(note(1000));
  const int64_t b = store->outbox().enqueue(note(2000, ""));
  const int64_t c = store->outbox().enqueue(note(3000));
  EXPECT_GT(a, 0);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);

  auto pending = store->outbox().pending(10);
  ASSERT_EQ(pending.size(), 3u);
  EXPECT_EQ(ids_of(pending), (std::vector<int64_t>{a, b, c}));
  EXPECT_EQ(pending[0].kind, 1);
  EXPECT_EQ(pending[0].kind_name, "tier_changed");
  EXPECT_EQ(pending[0].account_id, "A1");
  EXPECT_EQ(pending[1].account_id, "");
  EXPECT_EQ(pending[0].created_at_ms, 1000);
  EXPECT_EQ(pending[0].payload_json, R"({"from":"silver","to":"gold"})");
  EXPECT_EQ(store->outbox().pending(2).size(), 2u);

  core::Actor actor{"u-7", {"kam_manager"}};
  store->outbox().ack({b, 424242}, actor, 5000);
  EXPECT_EQ(ids_of(store->outbox().pending(10)), (std::vector<int64_t>{a, c}));
  store->outbox().ack({b}, actor, 6000);  // already acknowledged: ignored

  AuditQuery q;
  q.entity_type = "notification";
  auto audit = store->audit().query(q);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "notifications.ack");
  EXPECT_EQ(audit[0].entity_id, std::to_string(b));
  EXPECT_EQ(audit[0].user_id, "u-7");
  EXPECT_EQ(audit[0].roles, std::vector<std::string>{"kam_manager"});
  EXPECT_EQ(audit[0].at_ms, 5000);
}

TEST_P(OutboxTest, ClaimsLastForTheirLease) {
  auto store = open();
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(store->outbox().enqueue(note(i)));

  auto first = store->outbox().claim(4, /*now=*/1000, /*lease=*/100);
  EXPECT_EQ(ids_of(first), (std::vector<int64_t>{ids[0], ids[1], ids[2], ids[3]}));
  // Still claimed: the next claimer gets the others.
  auto second = store->outbox().claim(4, 1050, 100);
  EXPECT_EQ(ids_of(second), (std::vector<int64_t>{ids[4], ids[5]}));
  EXPECT_TRUE(store->outbox().claim(4, 1099, 100).empty());

  // Delivery acknowledged for two of the first claim.
  store->outbox().mark_delivered({ids[0], ids[1]}, 1060);
  EXPECT_EQ(store->outbox().pending(10).size(), 4u);

  // The first claim's lease has run out: the undelivered ones are handed out again.
  auto third = store->outbox().claim(10, 1100, 100);
  EXPECT_EQ(ids_of(third), (std::vector<int64_t>{ids[2], ids[3]}));
  auto fourth = store->outbox().claim(10, 1150, 100);
  EXPECT_EQ(ids_of(fourth), (std::vector<int64_t>{ids[4], ids[5]}));
  // Claiming does not hide them from the pending list.
  EXPECT_EQ(store->outbox().pending(10).size(), 4u);
}

TEST_P(OutboxTest, ConcurrentClaimersNeverGetTheSameNotification) {
  auto store = open();
  constexpr int kNotes = 120, kThreads = 4;
  std::set<int64_t> all;
  for (int i = 0; i < kNotes; ++i) all.insert(store->outbox().enqueue(note(i)));

  std::mutex mu;
  std::vector<int64_t> claimed;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      try {
        for (;;) {
          auto batch = store->outbox().claim(7, 5000, 60000);
          if (batch.empty()) break;
          std::lock_guard<std::mutex> lock(mu);
          for (const auto& n : batch) claimed.push_back(n.id);
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        errors.push_back(e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(errors.empty()) << errors.front();
  std::set<int64_t> unique(claimed.begin(), claimed.end());
  EXPECT_EQ(unique.size(), claimed.size()) << "a notification was claimed twice";
  EXPECT_EQ(unique, all);
}

TEST_P(OutboxTest, EnqueueInsideAnotherTransactionIsAtomicWithIt) {
  auto store = open();
  auto& sql = store->database();
  // Committed together ...
  sql.write_transaction("test change", [&](soci::session& s) {
    s << "INSERT INTO tier_history (account_id, tier, since_ms, config_version)"
         " VALUES ('A1', 'gold', 1000, 1)";
    detail::enqueue_notification(s, note(1000));
  });
  EXPECT_EQ(count(*store, "notifications"), 1);
  // ... and rolled back together.
  EXPECT_THROW(sql.write_transaction("test change",
                                     [&](soci::session& s) {
                                       detail::enqueue_notification(s, note(2000));
                                       throw Error(Status::conflict, "changed my mind");
                                     }),
               Error);
  EXPECT_EQ(count(*store, "notifications"), 1);
  EXPECT_EQ(count(*store, "tier_history"), 1);
}

}  // namespace
}  // namespace kam::store::test
