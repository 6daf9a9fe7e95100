// kam_refusal_test.cpp - refused actions (KAM_ERR_PERMISSION) in the audit trail, and their bound
// (10 rows per user and 100 per instance per minute of the host clock, then one summary row); and
// host-side calls (notifications_deliver) audited as the system actor "host".
#include <string>

#include <gtest/gtest.h>

#include "contract_support.hpp"

namespace {

using namespace kam::contract_test;
using kam::host::Instance;

kam_status refused_evaluate(const kam_api_v1& api, const Instance& instance, const kam::host::Actor& who) {
  kam_tier_evaluation r{};
  r.struct_size = sizeof r;
  return api.tiers_evaluate(instance.handle(), who.get(), &r, nullptr);
}

TEST_F(ContractTest, ARefusalIsAudited) {
  Instance instance = make();
  ASSERT_EQ(refused_evaluate(api, instance, feed()), KAM_ERR_PERMISSION);
  const auto rows = with_action(audit(instance), "permission.refused");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("user_id"), "feed-1");
  EXPECT_EQ(rows[0].at("roles"), json::array({"erp.feed"}));
  EXPECT_EQ(rows[0].at("entity_type"), "call");
  EXPECT_EQ(rows[0].at("entity_id"), "tiers_evaluate");
  EXPECT_EQ(rows[0].at("at_ms"), kT0);
  const json after = rows[0].at("after").is_string() ? json::parse(rows[0].at("after").get<std::string>())
                                                     : rows[0].at("after");
  EXPECT_EQ(after.at("permission"), "tiers.evaluate");
  EXPECT_EQ(after.at("call"), "tiers_evaluate");
}

TEST_F(ContractTest, AFloodOfRefusalsIsBoundedPerUserAndMinute) {
  Instance instance = make();
  for (int i = 0; i < 50; ++i) ASSERT_EQ(refused_evaluate(api, instance, feed()), KAM_ERR_PERMISSION);
  const kam::host::Actor other("feed-2", {"erp.feed"});
  ASSERT_EQ(refused_evaluate(api, instance, other), KAM_ERR_PERMISSION);
  json entries = audit(instance);
  EXPECT_EQ(with_action(entries, "permission.refused").size(), 11u) << "10 for feed-1, 1 for feed-2";
  EXPECT_TRUE(with_action(entries, "permission.refused.suppressed").empty());
  // The next minute: the 40 counted are summed up in one row, and feed-1 is recorded again.
  clock += 60'000;
  ASSERT_EQ(refused_evaluate(api, instance, feed()), KAM_ERR_PERMISSION);
  entries = audit(instance);
  EXPECT_EQ(with_action(entries, "permission.refused").size(), 12u);
  const auto summary = with_action(entries, "permission.refused.suppressed");
  ASSERT_EQ(summary.size(), 1u);
  const json after = summary[0].at("after").is_string() ? json::parse(summary[0].at("after").get<std::string>())
                                                        : summary[0].at("after");
  EXPECT_EQ(after.at("count"), 40);
  EXPECT_EQ(after.at("from_ms"), kT0);
  EXPECT_EQ(after.at("users"), json::array({"feed-1"}));
}

TEST_F(ContractTest, ManyUsersAreBoundedPerInstanceAndSummedUpAtDestroy) {
  {
    Instance instance = make();
    for (int i = 0; i < 150; ++i) {
      const kam::host::Actor who("user-" + std::to_string(i), {"erp.feed"});
      ASSERT_EQ(refused_evaluate(api, instance, who), KAM_ERR_PERMISSION);
    }
    EXPECT_EQ(with_action(audit(instance), "permission.refused").size(), 100u);
  }
  Instance again = make();
  const json entries = audit(again);
  const auto summary = with_action(entries, "permission.refused.suppressed");
  ASSERT_EQ(summary.size(), 1u) << "written at instance_destroy";
  const json after = summary[0].at("after").is_string() ? json::parse(summary[0].at("after").get<std::string>())
                                                        : summary[0].at("after");
  EXPECT_EQ(after.at("count"), 50);
  EXPECT_EQ(after.at("users").size(), 10u);
}

TEST_F(ContractTest, DeliveryIsAuditedAsTheHost) {
  kam::host::HostCallbacks cb = callbacks();
  cb.notify = [](const kam_notification&) { return KAM_OK; };
  Instance instance = make(std::move(cb));
  ASSERT_EQ(account(instance, "A-1"), KAM_OK);
  kam_tier_evaluation r{};
  r.struct_size = sizeof r;
  ASSERT_EQ(api.tiers_evaluate(instance.handle(), admin().get(), &r, nullptr), KAM_OK);
  instance.set_tier_override(admin(), "A-1", "gold", "pilot", kT0 + 10 * kDay);
  const int64_t id = json::parse(instance.notifications_poll(admin())).at(0).at("id");
  EXPECT_EQ(instance.notifications_deliver(), 1u);
  const auto rows = with_action(audit(instance), "notifications.deliver");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("user_id"), "host");
  EXPECT_EQ(rows[0].at("roles"), json::array());
  const json after = rows[0].at("after").is_string() ? json::parse(rows[0].at("after").get<std::string>())
                                                     : rows[0].at("after");
  EXPECT_EQ(after.at("ids"), json::array({id}));
}

}  // namespace
