// kam_tiers_host_test.cpp - the ABI 1.1 tier calls through the C++ host SDK (kam/host.hpp) on the
// real libkam.so: evaluate_tiers (progress, dry run, one account), account_card, overrides,
// report_pareto with hand-computed numbers, tick driven by a host clock (now_ms), permissions, the
// raw table's refusals, and what the wrapper does with a plugin older than ABI 1.1.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host_test_support.hpp"
#include "kam/host.hpp"

#ifndef KAM_FAKE_PLUGIN_1_0_PATH
#error "the build passes KAM_FAKE_PLUGIN_1_0_PATH and KAM_FAKE_PLUGIN_1_1_INCOMPLETE_PATH"
#endif

namespace {

using kam::host::Actor;
using kam::host::ConfigSource;
using kam::host::Error;
using kam::host::Instance;
using kam::host::Plugin;
using kam::host_test::expect_error;
using kam::host_test::kPluginPath;
using kam::host_test::TempDir;
using json = nlohmann::json;

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kHour = 3'600'000;
constexpr int64_t kT0 = 1'772'323'200'000;  // 2026-03-01T00:00:00Z

const Actor kAdmin("admin-1", {"kam.admin"});
const Actor kFeed("feed-1", {"erp.feed"});
const Actor kReader("am-1", {"tiers.reader"});


bool contains(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// Three tiers in CNY on UTC days: gold from 1,000.00, silver from 100.00, standard.
std::string tiers_config(const std::filesystem::path& dir) {
  return "kam: 1\n"
         "instance:\n"
         "  name: tiers-host\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n"
         "  synchronous: normal\n"
         "business:\n"
         "  time_zone: UTC\n"
         "  reporting_currency: CNY\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "    tiers.reader: [tiers.read]\n"
         "tiers:\n"
         "  window_days: 365\n"
         "  downgrade_after_days: 30\n"
         "  pareto_percent: \"80%\"\n"
         "  evaluate_every: 1h\n"
         "  levels:\n"
         "    - name: gold\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"1000.00\"}\n"
         "      benefits:\n"
         "        hotline: \"+49 800 100\"\n"
         "        discount_authority: \"12.5%\"\n"
         "    - name: silver\n"
         "      rule:\n"
         "        all:\n"
         "          - {metric: revenue, op: \">=\", value: \"100.00\"}\n"
         "    - name: standard\n"
         "      default: true\n"
         // The benefits card's response time comes from the complaint targets (one source of truth).
         "calendars: {around: {time_zone: UTC, 24x7: true}}\n"
         "complaints: {calendar: around, targets: [{tier: gold, first_response: 4h}]}\n";
}

class TiersHostTest : public ::testing::Test {
 protected:
  TempDir dir;
  Plugin plugin = Plugin::load(kPluginPath);
  std::atomic<int64_t> clock{kT0};

  kam::host::HostCallbacks callbacks() {
    kam::host::HostCallbacks cb;
    cb.now_ms = [this] { return clock.load(); };
    return cb;
  }
  Instance make() { return Instance(plugin, ConfigSource::text(tiers_config(dir.path()), "tiers.yaml"), callbacks()); }

  static void ingest_one(const Instance& instance, const kam_event_header& event) {
    const kam_event_header* events[] = {&event};
    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.events = events;
    batch.event_count = 1;
    batch.source = "tiers-host-test";
    kam_batch_summary summary{};
    summary.struct_size = sizeof summary;
    instance.ingest(kFeed, batch, &summary);
    ASSERT_EQ(summary.accepted + summary.duplicates, 1u);
  }
  static void account(const Instance& instance, const std::string& id) {
    const std::string event_id = "acc-" + id;
    const std::string name = "Account " + id;
    kam_event_account a{};
    a.header.struct_size = sizeof a;
    a.header.kind = KAM_EVENT_ACCOUNT_UPSERTED;
    a.header.event_id = event_id.c_str();
    a.header.occurred_at_ms = kT0 - 100 * kDay;
    a.account_id = id.c_str();
    a.name = name.c_str();
    ingest_one(instance, a.header);
  }
  // An order of `yuan` CNY (whole units) days_ago days before kT0.
  static void order(const Instance& instance, const std::string& id, const std::string& account_id, int64_t yuan,
                    int64_t days_ago = 10) {
    const std::string event_id = "ev-" + id;
    kam_event_order o{};
    o.header.struct_size = sizeof o;
    o.header.kind = KAM_EVENT_ORDER_POSTED;
    o.header.event_id = event_id.c_str();
    o.header.occurred_at_ms = kT0 - days_ago * kDay;
    o.order_id = id.c_str();
    o.account_id = account_id.c_str();
    o.amount.minor_units = yuan * 100;
    std::memcpy(o.amount.currency, "CNY", 4);
    o.margin.minor_units = yuan * 20;
    std::memcpy(o.margin.currency, "CNY", 4);
    ingest_one(instance, o.header);
  }
  // C1 2,000.00 (gold), C2 500.00 (silver), C3 10.00 (standard).
  void three_accounts(const Instance& instance) {
    account(instance, "C1");
    account(instance, "C2");
    account(instance, "C3");
    order(instance, "O1", "C1", 2000);
    order(instance, "O2", "C2", 500);
    order(instance, "O3", "C3", 10);
  }
};

// ------------------------------------------------------------------------------------------------
// The table
// ------------------------------------------------------------------------------------------------

TEST(TiersTable, HasTheNewMembers) {
  Plugin plugin = Plugin::load(kPluginPath);
  const kam_api_v1* api = &plugin.api();
  EXPECT_GE(plugin.abi_minor(), 1u);
  EXPECT_GE(api->struct_size, kam::host::kApiV1_1Size);
  EXPECT_TRUE(KAM_API_HAS(api, tiers_evaluate));
  EXPECT_TRUE(KAM_API_HAS(api, account_card));
  EXPECT_TRUE(KAM_API_HAS(api, tier_override_set));
  EXPECT_TRUE(KAM_API_HAS(api, tier_override_clear));
  EXPECT_TRUE(KAM_API_HAS(api, report_pareto));
  EXPECT_TRUE(KAM_API_HAS(api, tick));
  kam::host::LoadOptions options;
  options.required_minor = 1;
  EXPECT_NO_THROW(Plugin::load(kPluginPath, options));
}

// ------------------------------------------------------------------------------------------------
// evaluate_tiers
// ------------------------------------------------------------------------------------------------

TEST_F(TiersHostTest, EvaluateWithProgressDryRunAndOneAccount) {
  Instance instance = make();
  three_accounts(instance);

  std::vector<std::pair<uint64_t, uint64_t>> calls;
  auto record = [&calls](uint64_t done, uint64_t total) { calls.emplace_back(done, total); };
  const kam_tier_evaluation_summary dry = instance.evaluate_tiers(kAdmin, {}, record, true);
  EXPECT_EQ(dry.struct_size, sizeof(kam_tier_evaluation_summary));
  EXPECT_EQ(dry.accounts, 3u);
  EXPECT_EQ(dry.initial, 3u);
  EXPECT_EQ(dry.notifications, 0u);
  EXPECT_EQ(dry.evaluated_at_ms, kT0);
  ASSERT_FALSE(calls.empty());
  EXPECT_LE(calls.size(), 110u);
  EXPECT_EQ(calls.back(), std::make_pair(uint64_t{3}, uint64_t{3}));
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].second, 3u) << i;
    EXPECT_LE(calls[i].first, calls[i].second) << i;
    if (i > 0) {
      EXPECT_GE(calls[i].first, calls[i - 1].first) << "done never goes back";
    }
  }
  EXPECT_TRUE(json::parse(instance.account_card(kAdmin, "C1")).at("evaluated_at_ms").is_null())
      << "a dry run stores nothing";
  EXPECT_EQ(json::parse(instance.notifications_poll(kAdmin)), json::array());

  clock += kHour;
  const kam_tier_evaluation_summary real = instance.evaluate_tiers(kAdmin);
  EXPECT_EQ(real.accounts, 3u);
  EXPECT_EQ(real.initial, 3u);
  EXPECT_EQ(real.upgraded + real.downgraded + real.downgrades_pending + real.churn_alerts + real.skipped, 0u);
  EXPECT_EQ(real.notifications, 0u) << "a first classification is recorded, not notified";
  EXPECT_EQ(real.evaluated_at_ms, kT0 + kHour);
  EXPECT_GE(real.duration_ms, 0);
  const json c1 = json::parse(instance.account_card(kAdmin, "C1"));
  EXPECT_EQ(c1.at("evaluated_at_ms"), kT0 + kHour);
  EXPECT_EQ(c1.at("tier").at("name"), "gold");

  // One account; an unknown one.
  const kam_tier_evaluation_summary one = instance.evaluate_tiers(kAdmin, "C2");
  EXPECT_EQ(one.accounts, 1u);
  EXPECT_EQ(one.initial, 0u);
  Error e = expect_error(KAM_ERR_NOT_FOUND, [&] { instance.evaluate_tiers(kAdmin, "C404"); });
  EXPECT_TRUE(contains(e.message(), "C404")) << e.what();
  EXPECT_TRUE(contains(e.what(), "tiers_evaluate")) << e.what();

  // An upgrade is notified: C3 grows to 1,010.00.
  order(instance, "O4", "C3", 1000, 1);
  const kam_tier_evaluation_summary up = instance.evaluate_tiers(kAdmin);
  EXPECT_EQ(up.upgraded, 1u);
  EXPECT_EQ(up.notifications, 1u);
  const json notes = json::parse(instance.notifications_poll(kAdmin));
  ASSERT_EQ(notes.size(), 1u) << notes.dump(2);
  EXPECT_EQ(notes[0].at("kind_name"), "tier_changed");
  EXPECT_EQ(notes[0].at("account_id"), "C3");
}

TEST_F(TiersHostTest, ProgressThatThrowsIsRethrownAfterTheCall) {
  Instance instance = make();
  three_accounts(instance);
  int calls = 0;
  try {
    instance.evaluate_tiers(kAdmin, {}, [&calls](uint64_t, uint64_t) {
      ++calls;
      throw std::runtime_error("host progress bug");
    });
    ADD_FAILURE() << "the progress exception was swallowed";
  } catch (const Error& e) {
    ADD_FAILURE() << "a plugin error instead of the progress exception: " << e.what();
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "host progress bug");
  }
  EXPECT_EQ(calls, 1) << "not called again after it threw";
  EXPECT_FALSE(json::parse(instance.account_card(kAdmin, "C1")).at("evaluated_at_ms").is_null())
      << "the evaluation itself completed";
}

// ------------------------------------------------------------------------------------------------
// account_card and overrides
// ------------------------------------------------------------------------------------------------

TEST_F(TiersHostTest, AccountCardAndOverrides) {
  Instance instance = make();
  three_accounts(instance);
  instance.evaluate_tiers(kAdmin);

  const json c1 = json::parse(instance.account_card(kReader, "C1"));
  EXPECT_EQ(c1.at("account_id"), "C1");
  EXPECT_EQ(c1.at("name"), "Account C1");
  EXPECT_EQ(c1.at("tier").at("name"), "gold");
  EXPECT_EQ(c1.at("tier").at("label"), "Gold");
  EXPECT_EQ(c1.at("tier").at("since_ms"), kT0);
  EXPECT_EQ(c1.at("tier").at("overridden"), false);
  EXPECT_EQ(c1.at("benefits").at("hotline"), "+49 800 100");
  EXPECT_EQ(c1.at("benefits").at("first_response_target_minutes"), 240);
  EXPECT_EQ(c1.at("benefits").at("discount_authority_bp"), 1250);
  EXPECT_EQ(c1.at("metrics").at("reporting_currency"), "CNY");
  EXPECT_EQ(c1.at("metrics").at("window_days"), 365);
  EXPECT_EQ(c1.at("metrics").at("revenue"), 200'000);
  EXPECT_EQ(c1.at("metrics").at("margin"), 40'000);
  EXPECT_EQ(c1.at("metrics").at("order_count"), 1);
  EXPECT_EQ(c1.at("metrics").at("days_since_last_order"), 10);
  EXPECT_EQ(c1.at("metrics").at("pareto_rank"), 1);
  EXPECT_TRUE(c1.at("override").is_null());
  EXPECT_TRUE(c1.at("pending_downgrade").is_null());
  EXPECT_TRUE(contains(c1.at("explanation").get<std::string>(), "Gold")) << c1.at("explanation");
  EXPECT_TRUE(contains(c1.at("explanation").get<std::string>(), "2,000.00")) << c1.at("explanation");
  ASSERT_EQ(c1.at("history").size(), 1u);
  EXPECT_EQ(c1.at("history")[0].at("tier"), "gold");
  EXPECT_EQ(json::parse(instance.notifications_poll(kAdmin)), json::array());
  expect_error(KAM_ERR_NOT_FOUND, [&] { instance.account_card(kAdmin, "C404"); });

  // Pin C3 (standard) to gold for a day of host time.
  instance.set_tier_override(kAdmin, "C3", "gold", "trade fair deal", kT0 + kDay);
  json c3 = json::parse(instance.account_card(kAdmin, "C3"));
  EXPECT_EQ(c3.at("tier").at("name"), "gold");
  EXPECT_EQ(c3.at("tier").at("overridden"), true);
  EXPECT_EQ(c3.at("computed_tier"), "standard");
  ASSERT_TRUE(c3.at("override").is_object()) << c3.dump(2);
  EXPECT_EQ(c3.at("override").at("tier"), "gold");
  EXPECT_EQ(c3.at("override").at("reason"), "trade fair deal");
  EXPECT_EQ(c3.at("override").at("user_id"), "admin-1");
  EXPECT_EQ(c3.at("override").at("set_at_ms"), kT0);
  EXPECT_EQ(c3.at("override").at("expires_at_ms"), kT0 + kDay);
  json notes = json::parse(instance.notifications_poll(kAdmin));
  ASSERT_EQ(notes.size(), 1u) << "the stored tier follows at once, with a notification: " << notes.dump(2);
  EXPECT_EQ(notes[0].at("account_id"), "C3");
  kam::host::AuditQuery query;
  query.limit = 1000;
  EXPECT_TRUE(contains(instance.audit_query(kAdmin, query), "trade fair deal")) << "audited with the reason";

  // After expiry (host clock) the computed tier applies again at the next evaluation.
  clock = kT0 + 2 * kDay;
  instance.evaluate_tiers(kAdmin);
  c3 = json::parse(instance.account_card(kAdmin, "C3"));
  EXPECT_EQ(c3.at("tier").at("name"), "standard");
  EXPECT_EQ(c3.at("tier").at("overridden"), false);

  // Set and clear early; clearing again finds nothing.
  instance.set_tier_override(kAdmin, "C2", "gold", "pilot", kT0 + 30 * kDay);
  EXPECT_EQ(json::parse(instance.account_card(kAdmin, "C2")).at("tier").at("name"), "gold");
  instance.clear_tier_override(kAdmin, "C2", "pilot cancelled");
  const json c2 = json::parse(instance.account_card(kAdmin, "C2"));
  EXPECT_EQ(c2.at("tier").at("name"), "silver");
  EXPECT_TRUE(c2.at("override").is_null() || c2.at("override").at("status") != "active") << c2.dump(2);
  EXPECT_TRUE(contains(instance.audit_query(kAdmin, query), "pilot cancelled"));
  expect_error(KAM_ERR_NOT_FOUND, [&] { instance.clear_tier_override(kAdmin, "C2", "again"); });

  // Unknown account or tier; a reason is required; the expiry must be after the host's now.
  Error unknown_tier = expect_error(KAM_ERR_NOT_FOUND, [&] {
    instance.set_tier_override(kAdmin, "C2", "diamond", "r", kT0 + 30 * kDay);
  });
  EXPECT_TRUE(contains(unknown_tier.message(), "diamond")) << unknown_tier.what();
  expect_error(KAM_ERR_NOT_FOUND, [&] { instance.set_tier_override(kAdmin, "C404", "gold", "r", kT0 + 30 * kDay); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.set_tier_override(kAdmin, "C2", "gold", "", kT0 + 30 * kDay); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.set_tier_override(kAdmin, "C2", "gold", "r", kT0); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { instance.clear_tier_override(kAdmin, "C2", ""); });
}

TEST_F(TiersHostTest, CardHasEveryDocumentedMember) {
  Instance instance = make();
  three_accounts(instance);
  const json before = json::parse(instance.account_card(kAdmin, "C2"));
  EXPECT_TRUE(before.at("evaluated_at_ms").is_null()) << "null before the first evaluation";
  instance.evaluate_tiers(kAdmin);
  const json card = json::parse(instance.account_card(kAdmin, "C2"));
  // The members kam.h lists for account_card.
  for (const char* key : {"account_id", "name", "evaluated_at_ms", "config_version", "tier", "computed_tier", "change",
                          "pending_downgrade", "override", "benefits", "metrics", "lifetime_value", "churn", "checks",
                          "explanation", "churn_explanation", "history"})
    EXPECT_TRUE(card.contains(key)) << key << "\n" << card.dump(2);
  for (const char* key : {"name", "label", "since_ms", "key_account", "overridden"})
    EXPECT_TRUE(card.at("tier").contains(key)) << "tier." << key;
  for (const char* key : {"dedicated_account_manager", "hotline", "first_response_target_minutes",
                          "resolution_target_minutes", "discount_authority_bp", "visit_cadence_days", "engineer_pool"})
    EXPECT_TRUE(card.at("benefits").contains(key)) << "benefits." << key;
  for (const char* key : {"reporting_currency", "window_days", "revenue", "revenue_prior", "margin", "margin_prior",
                          "order_count", "days_since_last_order", "revenue_share_bp", "pareto_rank",
                          "pareto_top_percent_bp", "flags"})
    EXPECT_TRUE(card.at("metrics").contains(key)) << "metrics." << key;
  for (const char* key : {"score", "level", "no_data", "retention_discount_bp", "at_risk", "signals"})
    EXPECT_TRUE(card.at("churn").contains(key)) << "churn." << key;
  EXPECT_EQ(card.at("config_version"), 1);
  EXPECT_EQ(card.at("computed_tier"), "silver");
  EXPECT_TRUE(card.at("metrics").at("flags").is_array());
  // Revenue 500 of 2,510 in total: 19.92 %, second of three.
  EXPECT_EQ(card.at("metrics").at("revenue_share_bp"), 1992) << "the account has revenue: its share is not 'no data'";
  EXPECT_EQ(card.at("metrics").at("pareto_rank"), 2);
  ASSERT_TRUE(card.at("checks").is_array());
  ASSERT_EQ(card.at("checks").size(), 2u) << "gold (not matched), silver (matched)";
  EXPECT_EQ(card.at("checks")[0].at("tier"), "gold");
  EXPECT_EQ(card.at("checks")[0].at("matched"), false);
  EXPECT_EQ(card.at("checks")[1].at("tier"), "silver");
  EXPECT_EQ(card.at("checks")[1].at("matched"), true);
  const json& h = card.at("history").at(0);
  for (const char* key : {"tier", "previous_tier", "since_ms", "reason", "user_id", "config_version"})
    EXPECT_TRUE(h.contains(key)) << "history[0]." << key;
}

TEST_F(TiersHostTest, HistoryIsNewestFirstAndAtMostTwenty) {
  Instance instance = make();
  three_accounts(instance);
  instance.evaluate_tiers(kAdmin);
  for (int i = 0; i < 12; ++i) {
    clock += 60'000;
    instance.set_tier_override(kAdmin, "C3", "gold", "round " + std::to_string(i), clock + kDay);
    clock += 60'000;
    instance.clear_tier_override(kAdmin, "C3", "end of round " + std::to_string(i));
  }
  const json history = json::parse(instance.account_card(kAdmin, "C3")).at("history");
  ASSERT_EQ(history.size(), 20u) << "25 changes, the newest 20 shown";
  for (std::size_t i = 1; i < history.size(); ++i)
    EXPECT_GE(history[i - 1].at("since_ms").get<int64_t>(), history[i].at("since_ms").get<int64_t>()) << i;
  EXPECT_EQ(history[0].at("tier"), "standard");
  EXPECT_EQ(history[0].at("previous_tier"), "gold");
  EXPECT_EQ(history[1].at("tier"), "gold");
  EXPECT_EQ(history[1].at("user_id"), "admin-1");
}

TEST_F(TiersHostTest, DowngradeAndChurnAlertFollowTheHostClock) {
  // The same tiers with a churn signal: days since the last order, full at 60 days.
  std::string yaml = tiers_config(dir.path());
  yaml += "churn_risk:\n"
          "  signals:\n"
          "    - {signal: days_since_last_order, zero_at: 30, full_at: 60, weight: 10}\n"
          "  levels: {medium: 40, high: 70}\n"
          "  notify_at: high\n";
  Instance instance(plugin, ConfigSource::text(yaml, "churn.yaml"), callbacks());
  three_accounts(instance);
  EXPECT_EQ(instance.evaluate_tiers(kAdmin).churn_alerts, 0u);

  // C1 falls below gold (a credit note of 1,500.00): pending for downgrade_after_days (30).
  kam_event_order credit{};
  credit.header.struct_size = sizeof credit;
  credit.header.kind = KAM_EVENT_ORDER_POSTED;
  credit.header.event_id = "ev-CN1";
  credit.header.occurred_at_ms = kT0 - kDay;
  credit.order_id = "CN1";
  credit.account_id = "C1";
  credit.amount.minor_units = 150'000;
  std::memcpy(credit.amount.currency, "CNY", 4);
  std::memcpy(credit.margin.currency, "CNY", 4);
  credit.document_type = KAM_DOCUMENT_CREDIT_NOTE;
  ingest_one(instance, credit.header);
  clock = kT0 + kHour;
  kam_tier_evaluation_summary s = instance.evaluate_tiers(kAdmin);
  EXPECT_EQ(s.downgrades_pending, 1u);
  EXPECT_EQ(s.downgraded, 0u);
  json c1 = json::parse(instance.account_card(kAdmin, "C1"));
  EXPECT_EQ(c1.at("tier").at("name"), "gold");
  ASSERT_TRUE(c1.at("pending_downgrade").is_object()) << c1.dump(2);
  EXPECT_EQ(c1.at("pending_downgrade").at("to"), "silver");
  EXPECT_EQ(c1.at("pending_downgrade").at("due_ms"), kT0 + kHour + 30 * kDay);

  // 29 days later: still pending, and no churn alert yet (scores below high).
  clock = kT0 + 29 * kDay;
  s = instance.evaluate_tiers(kAdmin);
  EXPECT_EQ(s.downgrades_pending, 1u);
  EXPECT_EQ(s.churn_alerts, 0u);
  // 31 days after the drop: downgraded.
  clock = kT0 + kHour + 31 * kDay;
  s = instance.evaluate_tiers(kAdmin);
  EXPECT_EQ(s.downgraded, 1u);
  c1 = json::parse(instance.account_card(kAdmin, "C1"));
  EXPECT_EQ(c1.at("tier").at("name"), "silver");
  EXPECT_TRUE(c1.at("pending_downgrade").is_null());

  // Two months after their last orders the key accounts C1 and C2 (silver) turn high risk: one alert
  // each, notified; C3 (standard) is no key account.
  instance.notifications_ack(kAdmin, [&] {
    std::vector<int64_t> ids;
    for (const auto& n : json::parse(instance.notifications_poll(kAdmin))) ids.push_back(n.at("id").get<int64_t>());
    return ids;
  }());
  clock = kT0 + 55 * kDay;
  s = instance.evaluate_tiers(kAdmin);
  EXPECT_EQ(s.churn_alerts, 2u) << "C1 and C2, both key accounts";
  const json notes = json::parse(instance.notifications_poll(kAdmin));
  std::vector<std::string> churn_accounts;
  for (const auto& n : notes)
    if (n.at("kind") == KAM_NOTIFY_CHURN_RISK) churn_accounts.push_back(n.at("account_id"));
  std::sort(churn_accounts.begin(), churn_accounts.end());
  EXPECT_EQ(churn_accounts, (std::vector<std::string>{"C1", "C2"})) << notes.dump(2);
  EXPECT_EQ(json::parse(instance.account_card(kAdmin, "C2")).at("churn").at("at_risk"), true);
  // Still high a day later: no second alert.
  clock += kDay;
  EXPECT_EQ(instance.evaluate_tiers(kAdmin).churn_alerts, 0u);
}

// ------------------------------------------------------------------------------------------------
// report_pareto: A 500, B 300, C 150, D 50 (docs/tiers.md): A and B make exactly 80 %
// ------------------------------------------------------------------------------------------------

TEST_F(TiersHostTest, ReportParetoByHand) {
  Instance instance = make();
  for (const auto& [id, yuan] : std::vector<std::pair<std::string, int64_t>>{{"D", 50}, {"B", 300}, {"A", 500}, {"C", 150}}) {
    account(instance, id);
    order(instance, "SO-" + id, id, yuan);
  }
  const json report = json::parse(instance.report_pareto(kReader));
  EXPECT_EQ(report.at("reporting_currency"), "CNY");
  EXPECT_EQ(report.at("window_days"), 365);
  EXPECT_EQ(report.at("top_percent_bp"), 8000);
  EXPECT_EQ(report.at("total_revenue"), 100'000);
  EXPECT_EQ(report.at("accounts"), 4);
  EXPECT_EQ(report.at("accounts_in_top"), 2);
  EXPECT_EQ(report.at("curve_bp"), json::parse("[5000, 8000, 9500, 10000]"));
  const json& entries = report.at("entries");
  ASSERT_EQ(entries.size(), 4u);
  const char* ids[] = {"A", "B", "C", "D"};
  const int64_t revenue[] = {50'000, 30'000, 15'000, 5'000};
  const int64_t share[] = {5000, 3000, 1500, 500};
  const int64_t cumulative[] = {5000, 8000, 9500, 10000};
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(ids[i]);
    EXPECT_EQ(entries[i].at("rank"), i + 1);
    EXPECT_EQ(entries[i].at("account_id"), ids[i]);
    EXPECT_EQ(entries[i].at("name"), std::string("Account ") + ids[i]);
    EXPECT_EQ(entries[i].at("revenue"), revenue[i]);
    EXPECT_EQ(entries[i].at("share_bp"), share[i]);
    EXPECT_EQ(entries[i].at("cumulative_bp"), cumulative[i]);
    EXPECT_EQ(entries[i].at("in_top"), i < 2);
  }
  const json top = json::parse(instance.report_pareto(kAdmin, 2));
  EXPECT_EQ(top.at("entries").size(), 2u);
  EXPECT_EQ(top.at("curve_bp").size(), 4u) << "the curve always covers every account";
  EXPECT_EQ(top.at("accounts"), 4);
}

// ------------------------------------------------------------------------------------------------
// tick and the host clock
// ------------------------------------------------------------------------------------------------

TEST_F(TiersHostTest, TickRunsTheEvaluationOnlyWhenEvaluateEveryHasPassed) {
  Instance instance = make();
  three_accounts(instance);

  kam_tick_result r = instance.tick(kAdmin);
  EXPECT_EQ(r.struct_size, sizeof(kam_tick_result));
  EXPECT_EQ(r.tier_evaluation_ran, 1u) << "never evaluated: due at once";
  EXPECT_EQ(r.tiers.accounts, 3u);
  EXPECT_EQ(r.tiers.initial, 3u);
  EXPECT_EQ(r.tiers.evaluated_at_ms, kT0);

  for (int64_t later : {int64_t{0}, int64_t{60'000}, int64_t{30 * 60'000}, kHour - 1}) {
    clock = kT0 + later;
    r = instance.tick(kAdmin);
    EXPECT_EQ(r.tier_evaluation_ran, 0u) << later << " ms after the evaluation";
    EXPECT_EQ(r.tiers.accounts, 0u) << "zeros when it did not run";
    EXPECT_EQ(r.tiers.evaluated_at_ms, 0);
  }
  clock = kT0 + kHour + 1000;
  r = instance.tick(kAdmin);
  EXPECT_EQ(r.tier_evaluation_ran, 1u) << "1h and a second later";
  EXPECT_EQ(r.tiers.accounts, 3u);
  EXPECT_EQ(r.tiers.initial, 0u);
  EXPECT_EQ(r.tiers.evaluated_at_ms, kT0 + kHour + 1000);

  // Another host on the same database, same clock: the evaluation just ran, by the other host.
  Instance other = make();
  clock = kT0 + kHour + 30 * 60'000;
  EXPECT_EQ(other.tick(kAdmin).tier_evaluation_ran, 0u) << "evaluate_every counts evaluations by any host";
  clock = kT0 + 2 * kHour + 2000;
  EXPECT_EQ(other.tick(kAdmin).tier_evaluation_ran, 1u);
  EXPECT_EQ(instance.tick(kAdmin).tier_evaluation_ran, 0u);

  // A tick that runs the evaluation sees what changed since: C3 is upgraded and notified.
  order(instance, "O4", "C3", 1000, 0);
  clock = kT0 + 4 * kHour;
  r = instance.tick(kAdmin);
  EXPECT_EQ(r.tier_evaluation_ran, 1u);
  EXPECT_EQ(r.tiers.upgraded, 1u);
  EXPECT_EQ(r.tiers.notifications, 1u);
}

// ------------------------------------------------------------------------------------------------
// permissions
// ------------------------------------------------------------------------------------------------

TEST_F(TiersHostTest, EveryCallChecksItsPermission) {
  Instance instance = make();
  three_accounts(instance);
  instance.evaluate_tiers(kAdmin);
  const Actor nobody("nobody", {"no.such.role"});
  for (const Actor* actor : {&kFeed, &nobody}) {
    SCOPED_TRACE(actor->user_id());
    Error e = expect_error(KAM_ERR_PERMISSION, [&] { instance.evaluate_tiers(*actor); });
    EXPECT_TRUE(contains(e.message(), "tiers.evaluate")) << e.what();
    e = expect_error(KAM_ERR_PERMISSION, [&] { instance.account_card(*actor, "C1"); });
    EXPECT_TRUE(contains(e.message(), "tiers.read")) << e.what();
    e = expect_error(KAM_ERR_PERMISSION, [&] { instance.report_pareto(*actor); });
    EXPECT_TRUE(contains(e.message(), "tiers.read")) << e.what();
    e = expect_error(KAM_ERR_PERMISSION, [&] { instance.tick(*actor); });
    EXPECT_TRUE(contains(e.message(), "tiers.evaluate")) << e.what();
  }
  // tiers.read reads, but neither evaluates nor overrides.
  EXPECT_NO_THROW(instance.account_card(kReader, "C1"));
  EXPECT_NO_THROW(instance.report_pareto(kReader));
  Error e = expect_error(KAM_ERR_PERMISSION, [&] { instance.set_tier_override(kReader, "C1", "silver", "r", kT0 + kDay); });
  EXPECT_TRUE(contains(e.message(), "tiers.override")) << e.what();
  e = expect_error(KAM_ERR_PERMISSION, [&] { instance.clear_tier_override(kReader, "C1", "r"); });
  EXPECT_TRUE(contains(e.message(), "tiers.override")) << e.what();
  expect_error(KAM_ERR_PERMISSION, [&] { instance.evaluate_tiers(kReader, "C1", {}, true); });
  EXPECT_EQ(json::parse(instance.account_card(kAdmin, "C1")).at("tier").at("overridden"), false);
}

// ------------------------------------------------------------------------------------------------
// The raw table: bad calls are refused with a status and a message, never a crash
// ------------------------------------------------------------------------------------------------

TEST_F(TiersHostTest, RawTableRefusals) {
  Instance instance = make();
  three_accounts(instance);
  const kam_api_v1& api = plugin.api();
  kam_instance* inst = instance.handle();
  kam_tier_evaluation request{};
  request.struct_size = sizeof request;
  kam_tier_evaluation_summary summary{};
  summary.struct_size = sizeof summary;
  kam_tick_result tick{};
  tick.struct_size = sizeof tick;
  kam::host::Buffer out = plugin.new_buffer();

  EXPECT_EQ(api.tiers_evaluate(nullptr, kAdmin.get(), &request, &summary), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tiers_evaluate(inst, nullptr, &request, &summary), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), nullptr, &summary), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), &request, nullptr), KAM_OK) << "summary is optional: "
                                                                              << api.last_error_message();
  kam_tier_evaluation small = request;
  small.struct_size = 8;
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), &small, &summary), KAM_ERR_INVALID_ARGUMENT);
  kam_tier_evaluation_summary small_summary{};
  small_summary.struct_size = 8;
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), &request, &small_summary), KAM_ERR_INVALID_ARGUMENT);
  kam_tier_evaluation flagged = request;
  flagged.flags = 2;  // unknown bit
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), &flagged, &summary), KAM_ERR_UNSUPPORTED)
      << api.last_error_message();
  EXPECT_STRNE(api.last_error_message(), "");

  EXPECT_EQ(api.account_card(inst, kAdmin.get(), nullptr, out.get()), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.account_card(inst, kAdmin.get(), "C1", nullptr), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.account_card(inst, kAdmin.get(), "C\xff", out.get()), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(api.report_pareto(inst, kAdmin.get(), 0, nullptr), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tier_override_set(inst, kAdmin.get(), nullptr), KAM_ERR_INVALID_ARGUMENT);
  kam_tier_override ov{};
  ov.struct_size = sizeof ov;
  ov.account_id = "C1";
  ov.tier = "silver";
  ov.reason = "r";
  ov.expires_at_ms = kT0 + kDay;
  kam_tier_override reserved = ov;
  reserved.reserved0 = 1;
  EXPECT_EQ(api.tier_override_set(inst, kAdmin.get(), &reserved), KAM_ERR_INVALID_ARGUMENT);
  kam_tier_override no_tier = ov;
  no_tier.tier = nullptr;
  EXPECT_EQ(api.tier_override_set(inst, kAdmin.get(), &no_tier), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tier_override_clear(inst, kAdmin.get(), nullptr, "r"), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tier_override_clear(inst, kAdmin.get(), "C1", nullptr), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tick(nullptr, kAdmin.get(), &tick), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.tick(inst, kAdmin.get(), nullptr), KAM_OK) << "result is optional: " << api.last_error_message();
  kam_tick_result small_tick{};
  small_tick.struct_size = 4;
  EXPECT_EQ(api.tick(inst, kAdmin.get(), &small_tick), KAM_ERR_INVALID_ARGUMENT);

  // A larger request from a newer host: zeros beyond are fine, anything else is refused.
  struct Larger {
    kam_tier_evaluation request;
    uint64_t extra;
  } larger{};
  larger.request.struct_size = sizeof larger;
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), &larger.request, &summary), KAM_OK) << api.last_error_message();
  larger.extra = 1;
  EXPECT_EQ(api.tiers_evaluate(inst, kAdmin.get(), &larger.request, &summary), KAM_ERR_UNSUPPORTED)
      << api.last_error_message();
}

// ------------------------------------------------------------------------------------------------
// Plugins older than ABI 1.1 (stand-ins that forward to the real one)
// ------------------------------------------------------------------------------------------------

TEST(OlderPlugin, TierCallsThrowUnsupportedNamingTheFunction) {
  TempDir dir;
  Plugin old = Plugin::load(KAM_FAKE_PLUGIN_1_0_PATH);
  EXPECT_EQ(old.abi_minor(), 0u);
  EXPECT_FALSE(KAM_API_HAS(&old.api(), tiers_evaluate));
  EXPECT_FALSE(KAM_API_HAS(&old.api(), tick));
  EXPECT_NE(old.api().tiers_evaluate, nullptr) << "the stand-in keeps pointers beyond its size: only struct_size tells";
  Instance instance(old, ConfigSource::text(tiers_config(dir.path())));
  EXPECT_NO_THROW(instance.info()) << "1.0 calls work";

  auto unsupported = [](const char* member, auto&& call) {
    SCOPED_TRACE(member);
    Error e = expect_error(KAM_ERR_UNSUPPORTED, call);
    EXPECT_EQ(e.status_name(), "KAM_ERR_UNSUPPORTED");
    EXPECT_TRUE(contains(e.message(), member)) << e.what();
    EXPECT_TRUE(contains(e.message(), "ABI 1.0")) << e.what();
    EXPECT_TRUE(contains(e.message(), ">= 1.1")) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind(std::string(member) + ": KAM_ERR_UNSUPPORTED: ", 0), 0u) << e.what();
  };
  unsupported("tiers_evaluate", [&] { instance.evaluate_tiers(kAdmin); });
  unsupported("account_card", [&] { instance.account_card(kAdmin, "C1"); });
  unsupported("tier_override_set", [&] { instance.set_tier_override(kAdmin, "C1", "gold", "r", kT0); });
  unsupported("tier_override_clear", [&] { instance.clear_tier_override(kAdmin, "C1", "r"); });
  unsupported("report_pareto", [&] { instance.report_pareto(kAdmin); });
  unsupported("tick", [&] { instance.tick(kAdmin); });

  kam::host::LoadOptions options;
  options.required_minor = 1;
  Error e = expect_error(KAM_ERR_VERSION, [&] { Plugin::load(KAM_FAKE_PLUGIN_1_0_PATH, options); });
  EXPECT_TRUE(contains(e.message(), "needs ABI 1.1")) << e.what();
}

TEST(OlderPlugin, IncompleteOneOneTableIsRefusedWhenRequired) {
  TempDir dir;
  kam::host::LoadOptions options;
  options.required_minor = 1;
  Error e = expect_error(kam::host::kErrBadTable, [&] { Plugin::load(KAM_FAKE_PLUGIN_1_1_INCOMPLETE_PATH, options); });
  EXPECT_TRUE(contains(e.message(), "tiers_evaluate")) << e.what();

  Plugin partial = Plugin::load(KAM_FAKE_PLUGIN_1_1_INCOMPLETE_PATH);
  Instance instance(partial, ConfigSource::text(tiers_config(dir.path())));
  Error missing = expect_error(KAM_ERR_UNSUPPORTED, [&] { instance.tick(kAdmin); });
  EXPECT_TRUE(contains(missing.message(), "has no tick")) << missing.what();
  EXPECT_NO_THROW(instance.report_pareto(kAdmin)) << "the members it has work";
}

}  // namespace
