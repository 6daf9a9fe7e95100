// kam_tiers_refusal_test.cpp - the tier calls' refusals through the raw table (a status and a message,
// never a crash), and what the C++ host SDK does with a plugin older than ABI 1.1 (two stand-ins built
// in tests/host that forward to the real plugin with a smaller table).
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
