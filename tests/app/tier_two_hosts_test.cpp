// Two instances (two hosts) on one database ticking together: each change is written and
// notified exactly once (fixture: tier_evaluation_fixture.hpp).
#include <gtest/gtest.h>

#include "app/tier_evaluation_fixture.hpp"

namespace kam::test::tier_eval {
namespace {

TEST_P(TierEvaluationTest, TwoHostsTickingTogetherEvaluateOnceAndNotifyOnce) {
  ingest({ev_.account("A"), ev_.account("B"), ev_.order("a1", "A", kT0 - kDay, 20000000)});
  evaluate();
  extra_.push_back(open_instance());
  extra_.push_back(open_instance());
  g_now = kT0 + 2 * 3600000;
  ingest({ev_.order("b1", "B", kT0, 50000000)});  // B: standard -> gold
  kam_actor a = admin();
  // Three hosts tick at the same host time: one runs the evaluation.
  std::atomic<int> ran{0};
  std::vector<std::thread> threads;
  for (kam_instance* i : {instance_, extra_[0], extra_[1]}) {
    threads.emplace_back([&, i] {
      kam_tick_result r{};
      r.struct_size = sizeof r;
      kam_actor who = a;
      const kam_status st = plugin_.api->tick(i, &who, &r);
      if (st != KAM_OK) ADD_FAILURE() << "tick: " << plugin_.api->last_error_message();
      if (st == KAM_OK && r.tier_evaluation_ran) ran++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ran.load(), 1);
  // Explicit evaluations racing each other write each change once.
  g_now = kT0 + 2 * 3600000 + 600000;
  ingest({ev_.account("C"), ev_.order("c1", "C", kT0, 50000000)});  // C: first classification
  ingest({ev_.cancel("b1", g_now.load())});                         // B: downgrade pending
  threads.clear();
  std::atomic<uint64_t> skipped{0};
  for (kam_instance* i : {instance_, extra_[0], extra_[1]}) {
    threads.emplace_back([&, i] { skipped += evaluate(i).skipped; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history WHERE account_id = 'C'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history WHERE account_id = 'B'"), 2);
  const json n = notifications();
  ASSERT_EQ(n.size(), 1u) << n.dump();  // B's upgrade, once
  EXPECT_EQ(n[0]["account_id"], "B");
  // A tick within evaluate_every of the last full evaluation (manual ones count) runs nothing.
  kam_tick_result r{};
  r.struct_size = sizeof r;
  g_now = kT0 + 3 * 3600000;
  plugin_.check(plugin_.api->tick(instance_, &a, &r), "tick");
  EXPECT_EQ(r.tier_evaluation_ran, 0u);
  g_now = kT0 + 3 * 3600000 + 600000;
  plugin_.check(plugin_.api->tick(instance_, &a, &r), "tick");
  EXPECT_EQ(r.tier_evaluation_ran, 1u);
  EXPECT_EQ(r.tiers.accounts, 3u);
}

}  // namespace
}  // namespace kam::test::tier_eval
