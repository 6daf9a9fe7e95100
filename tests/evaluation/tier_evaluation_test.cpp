// Tier evaluation through the real plugin: what is stored, when tiers move on the host's clock,
// overrides, and that each change is written and notified exactly once, also with two instances
// (two hosts) on one database. Runs on SQLite and on PostgreSQL (KAM_TEST_PG_URL).
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "ingest/db_probe.hpp"
#include "ingest/plugin_loader.hpp"
#include "support/temp_dir.hpp"

namespace {

using kam::test::LoadedPlugin;
using nlohmann::json;

constexpr int64_t kDay = 86400000;
// 2026-06-15 04:00 UTC = 12:00 in Shanghai.
constexpr int64_t kT0 = 1781496000000;

std::atomic<int64_t> g_now{kT0};
int64_t host_now(void*) { return g_now.load(); }

enum class Backend { sqlite, postgresql };

std::string config_yaml(const std::string& url) {
  return "kam: 1\n"
         "database:\n"
         "  url: \"" + url + "\"\n"
         "business: {time_zone: Asia/Shanghai, reporting_currency: CNY}\n"
         "exchange_rates:\n"
         "  - {currency: USD, rate: \"7.0\", from: 2020-01-01}\n"
         "tiers:\n"
         "  window_days: 365\n"
         "  downgrade_after_days: 10\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - name: gold\n"
         "      rule: {all: [{metric: revenue, op: \">=\", value: \"100000.00\"}]}\n"
         "      benefits: {dedicated_account_manager: true, hotline: \"+86 400 100\", discount_authority: \"10%\"}\n"
         "    - name: silver\n"
         "      rule: {any: [{metric: revenue, op: \">=\", value: \"10000.00\"}, {flag: strategic}]}\n"
         "    - name: standard\n"
         "      default: true\n"
         "access:\n"
         "  roles:\n"
         "    erp.feed: [ingest]\n"
         "    kam.admin: [\"*\"]\n"
         "    viewer: [tiers.read]\n"
         // The benefits card's response time comes from the complaint targets (one source of truth).
         "calendars: {around: {time_zone: UTC, 24x7: true}}\n"
         "complaints: {calendar: around, targets: [{tier: gold, first_response: 4h}]}\n";
}

// Events whose strings live as long as the builder.
class Events {
 public:
  const kam_event_header* account(const std::string& id, std::vector<std::string> flags = {}) {
    auto& e = accounts_.emplace_back();
    e = kam_event_account{};
    e.header = {sizeof e, KAM_EVENT_ACCOUNT_UPSERTED, keep("acc-" + id + "-" + std::to_string(seq_++)), kT0 - 400 * kDay};
    e.account_id = keep(id);
    e.name = keep("Company " + id);
    auto& ptrs = flag_ptrs_.emplace_back();
    for (auto& f : flags) ptrs.push_back(keep(f));
    e.flags = ptrs.data();
    e.flag_count = static_cast<uint32_t>(ptrs.size());
    return &e.header;
  }
  const kam_event_header* order(const std::string& order_id, const std::string& account, int64_t at,
                                int64_t minor, const char* currency = "CNY",
                                kam_document_type type = KAM_DOCUMENT_ORDER) {
    auto& e = orders_.emplace_back();
    e = kam_event_order{};
    e.header = {sizeof e, KAM_EVENT_ORDER_POSTED, keep("ord-" + order_id), at};
    e.order_id = keep(order_id);
    e.account_id = keep(account);
    e.amount.minor_units = minor;
    std::memcpy(e.amount.currency, currency, 4);
    e.margin.minor_units = minor / 5;
    std::memcpy(e.margin.currency, currency, 4);
    e.document_type = type;
    return &e.header;
  }
  const kam_event_header* cancel(const std::string& order_id, int64_t at) {
    auto& e = cancels_.emplace_back();
    e = kam_event_order_cancel{};
    e.header = {sizeof e, KAM_EVENT_ORDER_CANCELLED, keep("cancel-" + order_id), at};
    e.order_id = keep(order_id);
    return &e.header;
  }

 private:
  const char* keep(std::string s) { return strings_.emplace_back(std::move(s)).c_str(); }
  std::deque<std::string> strings_;
  std::deque<std::vector<const char*>> flag_ptrs_;
  std::deque<kam_event_account> accounts_;
  std::deque<kam_event_order> orders_;
  std::deque<kam_event_order_cancel> cancels_;
  int seq_ = 0;
};

class TierEvaluationTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    g_now = kT0;
    if (GetParam() == Backend::postgresql) {
      const char* url = std::getenv("KAM_TEST_PG_URL");
      if (url == nullptr || *url == 0) {
        const char* req = std::getenv("KAM_REQUIRE_PG");
        if (req && std::string(req) == "1") FAIL() << "KAM_TEST_PG_URL is not set but KAM_REQUIRE_PG=1";
        GTEST_SKIP() << "KAM_TEST_PG_URL not set: PostgreSQL tests skipped";
      }
      url_ = kam::test::fresh_pg_database(url, "eval");
    } else {
      url_ = "sqlite:" + dir_.file("kam.db");
    }
    instance_ = open_instance();
  }
  void TearDown() override {
    for (kam_instance* i : extra_) plugin_.api->instance_destroy(i);
    if (instance_) plugin_.api->instance_destroy(instance_);
  }

  kam_instance* open_instance() {
    const std::string yaml = config_yaml(url_);
    kam_config_source source{sizeof source, 0, nullptr, yaml.c_str(), "<eval test>"};
    kam_host host{};
    host.struct_size = sizeof host;
    host.now_ms = &host_now;
    kam_instance_options options{sizeof options, 0, &source, &host};
    kam_instance* instance = nullptr;
    plugin_.check(plugin_.api->instance_create(&options, &instance), "instance_create");
    return instance;
  }

  void ingest(const std::vector<const kam_event_header*>& events) {
    kam_batch_summary s{};
    plugin_.check(plugin_.ingest(instance_, events, "test", s), "ingest");
  }

  kam_actor admin() {
    static const char* roles[] = {"kam.admin"};
    return kam_actor{sizeof(kam_actor), 1, "alice", roles};
  }

  kam_tier_evaluation_summary evaluate(kam_instance* instance = nullptr, const char* account = nullptr) {
    kam_actor a = admin();
    kam_tier_evaluation request{sizeof request, 0, account, nullptr, nullptr};
    kam_tier_evaluation_summary summary{};
    summary.struct_size = sizeof summary;
    plugin_.check(plugin_.api->tiers_evaluate(instance ? instance : instance_, &a, &request, &summary),
                  "tiers_evaluate");
    return summary;
  }

  json card(const std::string& account) {
    kam_actor a = admin();
    kam_buffer b{};
    b.struct_size = sizeof b;
    plugin_.check(plugin_.api->account_card(instance_, &a, account.c_str(), &b), "account_card");
    json j = json::parse(std::string(b.data, b.length));
    plugin_.api->buffer_free(&b);
    return j;
  }

  json notifications() {
    kam_actor a = admin();
    kam_buffer b{};
    b.struct_size = sizeof b;
    plugin_.check(plugin_.api->notifications_poll(instance_, &a, 1000, &b), "notifications_poll");
    json j = json::parse(std::string(b.data, b.length));
    plugin_.api->buffer_free(&b);
    return j;
  }

  std::string scalar(const std::string& sql) {
    if (GetParam() == Backend::sqlite) return kam::test::sqlite_scalar(dir_.file("kam.db"), sql);
    return kam::test::pg_scalar(url_, sql);
  }
  int64_t count(const std::string& sql) { return std::stoll(scalar(sql)); }

  kam::test::TempDir dir_;
  LoadedPlugin plugin_{KAM_PLUGIN_PATH};
  std::string url_;
  kam_instance* instance_ = nullptr;
  std::vector<kam_instance*> extra_;
  Events ev_;
};

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

TEST_P(TierEvaluationTest, OverrideIsAuditedAndItsExpiryReturnsTheComputedTier) {
  ingest({ev_.account("C"), ev_.order("c1", "C", kT0 - kDay, 500)});
  evaluate();
  kam_actor a = admin();
  kam_tier_override o{sizeof o, 0, "C", "gold", "strategic pilot customer", kT0 + 5 * kDay};
  plugin_.check(plugin_.api->tier_override_set(instance_, &a, &o), "tier_override_set");
  json c = card("C");
  EXPECT_EQ(c["tier"]["name"], "gold");
  EXPECT_TRUE(c["tier"]["overridden"]);
  EXPECT_EQ(c["computed_tier"], "standard");
  EXPECT_EQ(c["override"]["reason"], "strategic pilot customer");
  EXPECT_EQ(c["override"]["user_id"], "alice");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit WHERE action = 'tiers.override.set' AND entity_id = 'C'"), 1);
  EXPECT_EQ(scalar("SELECT tier FROM tier_state WHERE account_id = 'C'"), "standard");
  EXPECT_EQ(scalar("SELECT effective_tier FROM tier_state WHERE account_id = 'C'"), "gold");
  // Still in force just before expiry, gone at it.
  g_now = kT0 + 5 * kDay - 1;
  evaluate();
  EXPECT_EQ(card("C")["tier"]["name"], "gold");
  g_now = kT0 + 5 * kDay;
  evaluate();
  c = card("C");
  EXPECT_EQ(c["tier"]["name"], "standard");
  EXPECT_FALSE(c["tier"]["overridden"]);
  const json n = notifications();
  ASSERT_EQ(n.size(), 2u) << n.dump();
  EXPECT_EQ(n[0]["payload"]["to"], "gold");
  EXPECT_NE(n[0]["payload"]["reason"].get<std::string>().find("manual override"), std::string::npos);
  EXPECT_EQ(n[0]["payload"]["change"], "override_set");
  EXPECT_EQ(n[1]["payload"]["change"], "override_expired");
  EXPECT_EQ(n[1]["payload"]["to"], "standard");
  EXPECT_NE(n[1]["payload"]["reason"].get<std::string>().find("override expired"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tier_history WHERE account_id = 'C'"), 3);
}

TEST_P(TierEvaluationTest, OverrideClearAndRefusals) {
  ingest({ev_.account("C")});
  kam_actor a = admin();
  kam_tier_override o{sizeof o, 0, "C", "gold", "trial", kT0 + 5 * kDay};
  plugin_.check(plugin_.api->tier_override_set(instance_, &a, &o), "tier_override_set");
  EXPECT_EQ(card("C")["tier"]["name"], "gold");
  plugin_.check(plugin_.api->tier_override_clear(instance_, &a, "C", "trial ended"), "tier_override_clear");
  EXPECT_EQ(card("C")["tier"]["name"], "standard");
  EXPECT_EQ(plugin_.api->tier_override_clear(instance_, &a, "C", "again"), KAM_ERR_NOT_FOUND);
  kam_tier_override bad_tier{sizeof o, 0, "C", "diamond", "x", kT0 + kDay};
  EXPECT_EQ(plugin_.api->tier_override_set(instance_, &a, &bad_tier), KAM_ERR_NOT_FOUND);
  EXPECT_NE(std::string(plugin_.api->last_error_message()).find("'diamond' is not configured"), std::string::npos);
  kam_tier_override past{sizeof o, 0, "C", "gold", "x", kT0};
  EXPECT_EQ(plugin_.api->tier_override_set(instance_, &a, &past), KAM_ERR_INVALID_ARGUMENT);
  kam_tier_override unknown{sizeof o, 0, "nobody", "gold", "x", kT0 + kDay};
  EXPECT_EQ(plugin_.api->tier_override_set(instance_, &a, &unknown), KAM_ERR_NOT_FOUND);
  const char* viewer_roles[] = {"viewer"};
  kam_actor viewer{sizeof viewer, 1, "bob", viewer_roles};
  EXPECT_EQ(plugin_.api->tier_override_set(instance_, &viewer, &o), KAM_ERR_PERMISSION);
  kam_tier_evaluation request{sizeof request, 0, nullptr, nullptr, nullptr};
  EXPECT_EQ(plugin_.api->tiers_evaluate(instance_, &viewer, &request, nullptr), KAM_ERR_PERMISSION);
  kam_tier_evaluation one{sizeof one, 0, "nobody", nullptr, nullptr};
  EXPECT_EQ(plugin_.api->tiers_evaluate(instance_, &a, &one, nullptr), KAM_ERR_NOT_FOUND);
  kam_tier_evaluation flags{sizeof flags, 0x80, nullptr, nullptr, nullptr};
  EXPECT_EQ(plugin_.api->tiers_evaluate(instance_, &a, &flags, nullptr), KAM_ERR_UNSUPPORTED);
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
