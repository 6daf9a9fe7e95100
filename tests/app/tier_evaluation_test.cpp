// Tier evaluation through the real plugin: what is stored, when tiers move on the host's clock, a
// dry run and the Pareto report. Runs on SQLite and on PostgreSQL (KAM_TEST_PG_URL); the suite's
// instantiation for both backends is here (it covers tier_override_test and tier_two_hosts_test).
#include <gtest/gtest.h>

#include "app/tier_evaluation_fixture.hpp"

namespace kam::test::tier_eval {
namespace {

TEST_P(TierEvaluationTest, FirstEvaluationClassifiesRecordsHistoryAndNotifiesNothing) {
  ingest({ev_.account("A"), ev_.account("B"), ev_.account("C"), ev_.account("S", {"strategic"}),
          ev_.order("a1", "A", kT0 - 10 * kDay, 6000000), ev_.order("a2", "A", kT0 - 20 * kDay, 4000000),
          ev_.order("b1", "B", kT0 - 5 * kDay, 1000000), ev_.order("c1", "C", kT0 - 5 * kDay, 999999)});
  const kam_tier_evaluation_summary s = evaluate();
  EXPECT_EQ(s.accounts, 4u);
  EXPECT_EQ(s.initial, 4u);
  EXPECT_EQ(s.notifications, 0u);
  EXPECT_EQ(s.skipped, 0u);
  EXPECT_EQ(s.evaluated_at_ms, kT0);
  EXPECT_EQ(card("A")["tier"]["name"], "gold");             // 100,000.00 exactly: >= matches
  EXPECT_EQ(card("B")["tier"]["name"], "silver");           // 10,000.00 exactly
  EXPECT_EQ(card("C")["tier"]["name"], "standard");         // one fen below silver
  EXPECT_EQ(card("S")["tier"]["name"], "silver");           // the flag
  EXPECT_EQ(notifications().size(), 0u);
  // Each stored classification names its config version (with the YAML) and the values it used.
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM config_versions"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history h JOIN config_versions v ON v.id = h.config_version"
                  " WHERE v.yaml_text LIKE '%100000.00%'"),
            4);
  EXPECT_NE(scalar("SELECT metrics_json FROM tier_history WHERE account_id = 'A'").find("\"revenue\":10000000"),
            std::string::npos);
  EXPECT_EQ(scalar("SELECT reason FROM tier_history WHERE account_id = 'A'"), "first classification: Gold");
  // Evaluating again changes nothing.
  const kam_tier_evaluation_summary again = evaluate();
  EXPECT_EQ(again.initial, 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history"), 4);
  // The card explains in words.
  const json a = card("A");
  EXPECT_NE(a["explanation"].get<std::string>().find("Gold because"), std::string::npos) << a["explanation"];
  EXPECT_EQ(a["benefits"]["hotline"], "+86 400 100");
  EXPECT_EQ(a["benefits"]["discount_authority_bp"], 1000);
  EXPECT_EQ(a["metrics"]["revenue"], 10000000);
  EXPECT_EQ(a["history"].size(), 1u);
}

TEST_P(TierEvaluationTest, UpgradeAppliesAtOnceAndIsNotifiedOnce) {
  ingest({ev_.account("B"), ev_.order("b1", "B", kT0 - 5 * kDay, 1000000)});
  evaluate();
  g_now = kT0 + kDay;
  ingest({ev_.order("b2", "B", kT0 + kDay - 1000, 9000000)});
  const kam_tier_evaluation_summary s = evaluate();
  EXPECT_EQ(s.upgraded, 1u);
  EXPECT_EQ(s.notifications, 1u);
  evaluate();
  evaluate();
  const json n = notifications();
  ASSERT_EQ(n.size(), 1u) << n.dump();
  EXPECT_EQ(n[0]["kind_name"], "tier_changed");
  EXPECT_EQ(n[0]["payload"]["from"], "silver");
  EXPECT_EQ(n[0]["payload"]["to"], "gold");
  EXPECT_EQ(n[0]["payload"]["change"], "upgraded");
  EXPECT_EQ(card("B")["tier"]["since_ms"], kT0 + kDay);
}

TEST_P(TierEvaluationTest, DowngradeWaitsForTheHostClockNotForEvaluations) {
  ingest({ev_.account("A"), ev_.order("a1", "A", kT0 - kDay, 20000000)});
  evaluate();
  ASSERT_EQ(card("A")["tier"]["name"], "gold");
  ingest({ev_.cancel("a1", kT0)});  // revenue 0 now: the rules give standard
  // Many evaluations within the 10 days hasten nothing.
  for (int i = 0; i < 20; ++i) {
    g_now = kT0 + i * (kDay / 2);
    const kam_tier_evaluation_summary s = evaluate();
    EXPECT_EQ(s.downgrades_pending, 1u) << i;
  }
  json c = card("A");
  EXPECT_EQ(c["tier"]["name"], "gold");
  EXPECT_EQ(c["computed_tier"], "standard");
  EXPECT_EQ(c["pending_downgrade"]["to"], "standard");
  EXPECT_EQ(c["pending_downgrade"]["due_ms"], kT0 + 10 * kDay);
  g_now = kT0 + 10 * kDay - 1;
  EXPECT_EQ(evaluate().downgraded, 0u);
  g_now = kT0 + 10 * kDay;
  EXPECT_EQ(evaluate().downgraded, 1u);
  EXPECT_EQ(card("A")["tier"]["name"], "standard");
  const json n = notifications();
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0]["payload"]["change"], "downgraded");
}

TEST_P(TierEvaluationTest, DryRunStoresNothing) {
  ingest({ev_.account("A"), ev_.order("a1", "A", kT0 - kDay, 20000000)});
  kam_actor a = admin();
  kam_tier_evaluation request{sizeof request, KAM_EVALUATE_DRY_RUN, nullptr, nullptr, nullptr};
  kam_tier_evaluation_summary s{};
  s.struct_size = sizeof s;
  plugin_.check(plugin_.api->tiers_evaluate(instance_, &a, &request, &s), "dry run");
  EXPECT_EQ(s.initial, 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_state"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history"), 0);
}

TEST_P(TierEvaluationTest, ParetoReportRanksWithTiesByAccountId) {
  ingest({ev_.account("A"), ev_.account("B"), ev_.account("C"), ev_.account("D"),
          ev_.order("a", "A", kT0, 600), ev_.order("b", "B", kT0, 200), ev_.order("c", "C", kT0, 200),
          ev_.order("d", "D", kT0 - 400 * kDay, 999)});
  kam_actor a = admin();
  kam_buffer b{};
  b.struct_size = sizeof b;
  plugin_.check(plugin_.api->report_pareto(instance_, &a, 0, &b), "report_pareto");
  const json r = json::parse(std::string(b.data, b.length));
  plugin_.api->buffer_free(&b);
  EXPECT_EQ(r["total_revenue"], 1000);
  EXPECT_EQ(r["accounts"], 4);
  EXPECT_EQ(r["accounts_in_top"], 2);  // 600 + 200 reach 80%
  ASSERT_EQ(r["entries"].size(), 4u);
  EXPECT_EQ(r["entries"][0]["account_id"], "A");
  EXPECT_EQ(r["entries"][1]["account_id"], "B");  // tie with C: id order
  EXPECT_EQ(r["entries"][2]["account_id"], "C");
  EXPECT_EQ(r["entries"][3]["account_id"], "D");  // outside the window
  EXPECT_EQ(r["entries"][1]["name"], "Company B");
  EXPECT_EQ(r["curve_bp"], json::array({6000, 8000, 10000, 10000}));
}


INSTANTIATE_TEST_SUITE_P(Backends, TierEvaluationTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace kam::test::tier_eval
