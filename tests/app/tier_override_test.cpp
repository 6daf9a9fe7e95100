// Tier overrides through the real plugin: audited, expiring back to the computed tier, cleared,
// and refused when they do not fit (fixture: tier_evaluation_fixture.hpp).
#include <gtest/gtest.h>

#include "app/tier_evaluation_fixture.hpp"

namespace kam::test::tier_eval {
namespace {

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

}  // namespace
}  // namespace kam::test::tier_eval
