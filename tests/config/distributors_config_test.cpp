// distributors_config_test.cpp - the distributors and discount_authority sections: the shipped
// example read into the core's types, the defaults, and every error with its exact line:column.
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"

namespace kam::config {
namespace {

namespace d = core::distributors;

TEST(DistributorsConfig, ExampleSectionsReadIntoTheCoreTypes) {
  const Config cfg = load_config_file(KAM_EXAMPLE_CONFIG);
  const d::DistributorRules& r = cfg.distributors;
  EXPECT_EQ(r.direct_channel_tiers, (std::vector<std::string>{"platinum", "gold"}));
  EXPECT_EQ(r.match_min_score_bp, 8500);
  EXPECT_EQ(r.check_every_minutes, 60);
  ASSERT_EQ(r.levels.size(), 3u);
  const d::Level* gold = r.level("gold");
  ASSERT_NE(gold, nullptr);
  EXPECT_EQ(gold->product_lines, (std::vector<std::string>{"servers", "storage", "software"}));
  EXPECT_EQ(gold->max_discount_for("servers"), 1500);
  EXPECT_EQ(gold->max_discount_for("storage"), 1200);
  EXPECT_EQ(gold->max_discount_for("software"), 1000);
  EXPECT_EQ(gold->territories, (std::vector<std::string>{"华东", "华南", "华北"}));
  ASSERT_TRUE(gold->quota);
  EXPECT_EQ(gold->quota->count, 20);
  EXPECT_EQ(gold->quota->per, d::QuotaPeriod::month);
  EXPECT_EQ(gold->protection_days, 90);
  EXPECT_EQ(gold->review_above_minor, 500'000'000);  // CNY 5,000,000.00
  const d::Level* silver = r.level("silver");
  ASSERT_NE(silver, nullptr);
  EXPECT_EQ(silver->max_discount_for("servers"), 800);  // one percentage for every line
  EXPECT_EQ(r.level("registered")->quota->per, d::QuotaPeriod::quarter);
  ASSERT_EQ(r.approval_chain.size(), 3u);
  EXPECT_EQ(r.approval_chain[0].up_to_bp, 500);
  EXPECT_EQ(r.approval_chain[0].role, "sales.manager");
  EXPECT_EQ(r.approval_chain[1].up_to_bp, 1200);
  EXPECT_FALSE(r.approval_chain[2].up_to_bp);
  EXPECT_EQ(r.approval_chain[2].role, "sales.vp");
}

TEST(DistributorsConfig, DefaultsWithoutTheSections) {
  const Config cfg = load_config_text("kam: 1\n", "k");
  EXPECT_TRUE(cfg.distributors.levels.empty());
  EXPECT_TRUE(cfg.distributors.direct_channel_tiers.empty());
  EXPECT_EQ(cfg.distributors.match_min_score_bp, 0);  // identity.threshold
  EXPECT_TRUE(cfg.distributors.approval_chain.empty());
  const Config level = load_config_text("kam: 1\ndistributors: {levels: {basic: {product_lines: [a]}}}\n", "k");
  ASSERT_EQ(level.distributors.levels.size(), 1u);
  EXPECT_EQ(level.distributors.levels[0].protection_days, 90);
  EXPECT_EQ(level.distributors.levels[0].max_discount_for("a"), 0);
  EXPECT_FALSE(level.distributors.levels[0].quota);
}

TEST(DistributorsConfig, EveryErrorAtItsLineAndColumn) {
  const std::string text = R"(kam: 1
access:
  roles: {kam.admin: ["*"], sales.director: [quotes.check]}
tiers:
  levels:
    - name: gold
      rule: {all: [{metric: revenue, op: ">=", value: "1.00"}]}
    - {name: standard, default: true}
distributors:
  direct_channel_tiers: [gold, platnum]
  match_min_score: 1.5
  check_every: 0m
  levels:
    silver:
      product_lines: [servers, servers]
    bronze:
      product_lines: [servers]
      max_discount: {servers: "8%", storage: "3%", default: "120%"}
      registration_quota: {count: 0, per: week}
      protection_days: 0
      review_above: "12.345"
      colour: red
    tin: {max_discount: "1%"}
discount_authority:
  approval_chain:
    - {up_to: "12%", role: sales.director}
    - {up_to: "5%", role: kam.admin}
    - {role: sales.vp}
    - {role: kam.admin}
    - {role: kam.admin}
)";
  try {
    load_config_text(text, "d.yaml");
    FAIL() << "loaded";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    for (const char* expected : {
             "d.yaml:10:25: distributors.direct_channel_tiers: unknown tier \"platnum\"",
             "d.yaml:11:20: distributors.match_min_score: expected a score between 0 and 1",
             "d.yaml:12:16: distributors.check_every: expected a duration like 30m",
             "d.yaml:15:32: \"servers\" is listed twice in distributors.levels.silver.product_lines",
             "d.yaml:18:37: product line \"storage\" is not in distributors.levels.bronze.product_lines",
             "d.yaml:18:61: distributors.levels.bronze.max_discount.default: expected a percentage like \"12.5%\" in 0%..100%",
             "d.yaml:19:35: distributors.levels.bronze.registration_quota.count: expected an integer in 1..1000000",
             "d.yaml:19:43: distributors.levels.bronze.registration_quota.per: expected one of month, quarter, year",
             "d.yaml:20:24: distributors.levels.bronze.protection_days: expected an integer in 1..3650",
             "d.yaml:21:21: distributors.levels.bronze.review_above: EUR has 2 decimals",
             "d.yaml:22:7: unknown key 'distributors.levels.bronze.colour'",
             "d.yaml:23:10: distributors.levels.tin: missing required key 'product_lines'",
             "d.yaml:27:15: discount_authority.approval_chain[1].up_to: expected a limit above the previous step's",
             "d.yaml:28:14: discount_authority.approval_chain[2].role: unknown role \"sales.vp\"",
             "d.yaml:30:7: discount_authority.approval_chain[4] comes after a step without up_to",
         })
      EXPECT_NE(what.find(expected), std::string::npos) << expected << "\n--- got:\n" << what;
  }
}

}  // namespace
}  // namespace kam::config
