// kam_tiers_report_test.cpp - report_pareto with hand-computed numbers, tick driven by a host clock
// (now_ms), and the permission every tier call checks, through the C++ host SDK on the real libkam.so.
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
#include "tiers_fixture.hpp"
#include "kam/host.hpp"

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
using kam::host_test::contains;
using kam::host_test::kAdmin;
using kam::host_test::kDay;
using kam::host_test::kFeed;
using kam::host_test::kHour;
using kam::host_test::kReader;
using kam::host_test::kT0;
using kam::host_test::TiersHostTest;
using kam::host_test::tiers_config;

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

}  // namespace
